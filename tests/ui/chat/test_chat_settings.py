"""The chat settings panel: presets, the system prompt, sampling and the context line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.chat.presets import Preset, find_preset, load_presets
from desktop.core.chat.settings import ChatSettings
from desktop.core.inference.types import Sampling
from desktop.core.language import CHINESE
from desktop.ui.chat.context_count import context_warning
from desktop.ui.chat.context_meter import ContextMeter
from desktop.ui.chat.settings_panel import ChatSettingsPanel

GENERAL = Preset("general", "General assistant", "Helpful and brief", "You are helpful.", False)
CODER = Preset("coder", "Coder", "Writes and explains code", "You write good code.", False)
PIRATE = Preset("custom:12", "Pirate", "Talks like a pirate", "Answer like a pirate.", True)
PRESETS = [GENERAL, CODER, PIRATE]


@pytest.fixture
def panel(qtbot: QtBot) -> ChatSettingsPanel:
    panel = ChatSettingsPanel()
    qtbot.add_widget(panel)
    panel.set_presets(PRESETS)
    panel.set_settings(ChatSettings(system_prompt=GENERAL.system_prompt))
    return panel


def test_settings_shown_are_the_settings_read_back(qtbot: QtBot, panel: ChatSettingsPanel) -> None:
    settings = ChatSettings(
        preset_id=PIRATE.id,
        system_prompt="Answer like a pirate, briefly.",
        sampling=Sampling(
            temperature=1.25,
            top_p=0.8,
            top_k=0,
            min_p=0.1,
            repeat_penalty=1.3,
            max_tokens=4096,
            seed=42,
        ),
        n_ctx=8192,
    )
    with qtbot.assert_not_emitted(panel.settings_changed):
        panel.set_settings(settings)
    assert panel.settings() == settings
    assert panel.preset_box.currentText() == "Pirate (edited)"
    assert panel.top_k.text() == "Off"
    with qtbot.assert_not_emitted(panel.settings_changed):
        panel.set_settings(ChatSettings())
    assert panel.settings() == ChatSettings()
    assert panel.seed.text() == "Random" and panel.context_length.text() == "Model default"


def test_changing_a_field_reports_the_new_settings(qtbot: QtBot, panel: ChatSettingsPanel) -> None:
    with qtbot.wait_signal(panel.settings_changed) as changed:
        panel.temperature.setValue(1.2)
    settings = changed.args[0]
    assert isinstance(settings, ChatSettings)
    assert settings.sampling.temperature == 1.2
    assert settings.sampling.top_p == Sampling().top_p


def test_a_context_length_below_the_smallest_is_raised(
    qtbot: QtBot, panel: ChatSettingsPanel
) -> None:
    with qtbot.wait_signal(panel.settings_changed) as changed:
        panel.context_length.setValue(100)
    assert changed.args[0].n_ctx == 512 and panel.context_length.value() == 512


def test_choosing_a_preset_fills_the_system_prompt(qtbot: QtBot, panel: ChatSettingsPanel) -> None:
    assert panel.preset_box.itemData(0, Qt.ItemDataRole.ToolTipRole) == GENERAL.description
    with qtbot.wait_signal(panel.settings_changed) as changed:
        qtbot.keyClick(panel.preset_box, Qt.Key.Key_Down)
    assert panel.prompt_edit.toPlainText() == CODER.system_prompt
    assert panel.preset_box.currentText() == "Coder"
    assert changed.args[0].preset_id == "coder"
    assert changed.args[0].system_prompt == CODER.system_prompt


def test_editing_the_prompt_reports_once_typing_pauses(
    qtbot: QtBot, panel: ChatSettingsPanel
) -> None:
    seen: list[ChatSettings] = []
    panel.settings_changed.connect(seen.append)
    panel.prompt_edit.moveCursor(panel.prompt_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.prompt_edit, " Be brief.")
    assert seen == []
    assert panel.preset_box.currentText() == "General assistant (edited)"
    with qtbot.wait_signal(panel.settings_changed):
        pass
    assert [settings.system_prompt for settings in seen] == ["You are helpful. Be brief."]
    assert seen[0].preset_id == "general"


def test_reset_puts_back_the_defaults(qtbot: QtBot, panel: ChatSettingsPanel) -> None:
    panel.set_settings(
        ChatSettings(PIRATE.id, "Arr.", Sampling(temperature=0.1, seed=3, max_tokens=99), 2048)
    )
    with qtbot.wait_signal(panel.settings_changed) as changed:
        panel.reset_button.click()
    expected = ChatSettings(system_prompt=GENERAL.system_prompt)
    assert changed.args[0] == expected and panel.settings() == expected
    assert panel.preset_box.currentText() == "General assistant"


def test_save_as_preset_asks_a_name(
    qtbot: QtBot, panel: ChatSettingsPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *args: ("  My preset ", True))
    panel.prompt_edit.setPlainText("Be terse.")
    with qtbot.wait_signal(panel.preset_save_requested) as saved:
        panel.save_button.click()
    assert saved.args == ["My preset", "Be terse."]


def test_save_as_preset_can_be_cancelled(
    qtbot: QtBot, panel: ChatSettingsPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *args: ("My preset", False))
    with qtbot.assert_not_emitted(panel.preset_save_requested):
        panel.save_button.click()


def test_only_custom_presets_can_be_deleted_after_confirmation(
    qtbot: QtBot, panel: ChatSettingsPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not panel.delete_button.isEnabled()
    panel.set_settings(ChatSettings(preset_id=PIRATE.id, system_prompt=PIRATE.system_prompt))
    assert panel.delete_button.isEnabled()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))
    with qtbot.assert_not_emitted(panel.preset_delete_requested):
        panel.delete_button.click()
    with qtbot.wait_signal(panel.preset_delete_requested) as deleted:
        panel.delete_button.click()
    assert deleted.args == [PIRATE.id]


def test_new_presets_keep_the_choice_or_fall_back_to_the_default(
    qtbot: QtBot, panel: ChatSettingsPanel
) -> None:
    panel.set_settings(ChatSettings(preset_id=PIRATE.id, system_prompt=PIRATE.system_prompt))
    mine = Preset("custom:13", "Mine", "My own", "Mine.", True)
    with qtbot.assert_not_emitted(panel.settings_changed):
        panel.set_presets([*PRESETS, mine])
    assert panel.settings().preset_id == PIRATE.id
    assert panel.preset_box.count() == 5  # two shipped, a separator, two custom
    with qtbot.assert_not_emitted(panel.settings_changed):
        panel.set_presets([GENERAL, CODER, mine])
    assert panel.settings().preset_id == "general"
    assert panel.settings().system_prompt == PIRATE.system_prompt
    assert panel.preset_box.currentText() == "General assistant (edited)"
    assert not panel.delete_button.isEnabled()


def test_the_context_meter_appears_once_the_conversation_is_long(qtbot: QtBot) -> None:
    number = QLocale().toString
    meter = ContextMeter()
    qtbot.add_widget(meter)
    bar = meter.bar
    assert meter.isHidden()  # no model
    meter.set_usage(1234, 4096)
    assert meter.isHidden()  # a short conversation: nothing to watch yet
    assert meter.label.text() == f"Context: {number(1234)} of {number(4096)} tokens"
    meter.set_usage(2500, 4096)
    assert not meter.isHidden()
    assert (bar.value(), bar.maximum(), bar.property("level")) == (2500, 4096, "normal")
    meter.set_usage(3500, 4096)
    assert bar.property("level") == "warning"
    meter.set_usage(5000, 4096)
    assert (bar.value(), bar.property("level")) == (4096, "full")


def test_a_preset_prompt_shipped_in_another_language_is_not_an_edit(
    qtbot: QtBot, panel: ChatSettingsPanel
) -> None:
    english = find_preset(load_presets(), "general")
    chinese = load_presets(language=CHINESE)
    assert english is not None
    panel.set_presets(list(chinese))
    begun_in_english = ChatSettings(preset_id="general", system_prompt=english.system_prompt)

    panel.set_settings(begun_in_english)
    assert panel.preset_box.currentText() == "通用助手"

    panel.prompt_edit.setPlainText(english.system_prompt + " Be brief.")
    qtbot.wait_until(lambda: panel.preset_box.currentText() == "通用助手 (edited)")


def test_the_context_warning_and_the_meter_agree(qtbot: QtBot) -> None:
    number = QLocale().toString
    meter = ContextMeter()
    qtbot.add_widget(meter)
    meter.set_reserved(1024)  # of 4,096: the conversation may take 3,072
    meter.set_usage(3479, 4096)
    assert meter.label.text() == f"Context: {number(3479)} of {number(4096)} tokens"
    assert meter.bar.property("level") == "full"  # past what the conversation may take
    # A new chat's first question is read whole: nothing to leave out, no warning.
    assert context_warning(3479, 4096, 3072, earlier=False) == ""
    warning = context_warning(3479, 4096, 3072, earlier=True)
    assert "oldest turns would be left out" in warning
    assert number(3479) in warning and number(4096) in warning and number(1024) in warning
    assert context_warning(3000, 4096, 3072, earlier=True) == ""
    meter.set_usage(3000, 4096)
    assert meter.bar.property("level") == "warning"
    too_long = context_warning(5000, 4096, 3072, earlier=False)
    assert "Shorten it" in too_long and number(4096) in too_long
