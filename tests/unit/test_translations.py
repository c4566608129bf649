"""The Chinese translation is complete: every sentence in the code, the catalog and the
presets has a translation that keeps its placeholders, and the compiled file is the one Qt
loads. English has the singular and plural of every sentence with a count."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from desktop.core.chat.presets import PRESETS_PATH, load_presets
from desktop.core.language import CHINESE, LANGUAGES
from desktop.core.library.catalog import CATALOG_PATH, load_catalog
from desktop.text.translation import TRANSLATIONS_DIR

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "translations.py"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d+|<[^<>]+>|&(?!amp;)\w|\\n|\n")
"""What a translation must keep exactly: format fields, Qt arguments, HTML tags, mnemonics
(one each), line breaks."""


def translations_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("translations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str | None]:
    """The zh_CN catalogue brought up to date with the code, as `update` would: context and
    source -> translation (None where unfinished)."""
    ts = tmp_path_factory.mktemp("ts") / f"sotto_{CHINESE}.ts"
    shutil.copy(TRANSLATIONS_DIR / ts.name, ts)
    translations_script().update(ts)
    return catalogue(ts)


def catalogue(ts: Path) -> dict[tuple[str, str], str | None]:
    """Context and source -> translation (None where unfinished) in *ts*; a sentence with a
    count has its forms (singular, plural…) joined by " | "."""
    messages: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")]
            text = " | ".join(forms) if message.get("numerus") == "yes" else translation.text
            finished = (
                translation.get("type") is None
                and all(form.strip() for form in forms)
                and (text or "").strip()
            )
            messages[name, message.findtext("source") or ""] = text if finished else None
    return messages


def mnemonics_and_fields(text: str) -> Counter[str]:
    marks = Counter(PLACEHOLDER.findall(text))
    mnemonics = sum(count for mark, count in marks.items() if mark.startswith("&"))
    marks = Counter({mark: n for mark, n in marks.items() if not mark.startswith("&")})
    marks["&"] = mnemonics  # the letter may change ("&File" -> "文件(&F)"), not the count
    return marks


def test_the_code_has_sentences_to_translate(
    refreshed: dict[tuple[str, str], str | None],
) -> None:
    assert len(refreshed) > 300
    assert ("MainMenus", "&File") in refreshed


def untranslated(messages: dict[tuple[str, str], str | None]) -> list[str]:
    return [f"{context}: {source!r}" for (context, source), t in messages.items() if not t]


def test_every_sentence_has_a_finished_translation(
    refreshed: dict[tuple[str, str], str | None],
) -> None:
    missing = untranslated(refreshed)
    assert missing == [], "untranslated (run scripts/translations.py update and translate):\n" + (
        "\n".join(missing)
    )


def test_a_sentence_marked_under_a_context_with_no_translation_counts_as_untranslated(
    tmp_path: Path,
) -> None:
    # Errors are translated under the context their sentence is marked with: a sentence
    # translated under one context and marked under another must show up as missing.
    code = tmp_path / "moved.py"
    code.write_text('QT_TRANSLATE_NOOP("Elsewhere", "&File")\n', "utf-8")
    ts = Path(shutil.copy(TRANSLATIONS_DIR / "sotto_zh_CN.ts", tmp_path))
    script = translations_script()
    script.sources = lambda: [code]
    script.update(ts)
    assert untranslated(catalogue(ts)) == ["Elsewhere: '&File'"]


def test_english_says_every_count_in_the_singular_and_the_plural(
    tmp_path: Path,
) -> None:
    script = translations_script()
    ts = Path(shutil.copy(script.ENGLISH_PLURALS, tmp_path))
    script.ENGLISH_PLURALS = ts  # refreshed as `update` would, with counts only
    script.update(ts)
    plurals = catalogue(ts)
    assert ("IndexingService", "%n file(s) read") in plurals
    assert untranslated(plurals) == []
    for (_context, source), forms in plurals.items():
        assert forms is not None and "%n" in source
        singular, plural = forms.split(" | ")
        assert "%n" in singular and "%n" in plural and singular != plural


def test_every_translation_keeps_the_placeholders(
    refreshed: dict[tuple[str, str], str | None],
) -> None:
    broken = [
        f"{context}: {source!r} -> {translation!r}"
        for (context, source), translation in refreshed.items()
        if translation and mnemonics_and_fields(source) != mnemonics_and_fields(translation)
    ]
    assert broken == [], "\n".join(broken)


def test_the_placeholder_check_catches_a_lost_field() -> None:
    assert mnemonics_and_fields("{name} is {size}") != mnemonics_and_fields("{name} 是")
    assert mnemonics_and_fields("&File") == mnemonics_and_fields("文件(&F)")
    assert mnemonics_and_fields("<b>{n}</b>") != mnemonics_and_fields("{n}")


def test_the_compiled_translation_is_what_qt_loads(tmp_path: Path) -> None:
    ts = Path(shutil.copy(TRANSLATIONS_DIR / "sotto_zh_CN.ts", tmp_path))
    qm = translations_script().release(ts)
    for compiled in (qm, TRANSLATIONS_DIR / "sotto_zh_CN.qm"):  # the second made by setup
        translator = QTranslator()
        assert translator.load(str(compiled)), compiled
        assert translator.translate("MainMenus", "&File") == "文件(&F)"


@pytest.mark.parametrize(
    ("path", "section", "fields"),
    [
        (CATALOG_PATH, "models", ("good_at", "for_everyone", "languages")),
        (PRESETS_PATH, "presets", ("name", "description", "system_prompt")),
    ],
)
def test_the_data_is_translated_entry_by_entry(
    path: Path, section: str, fields: tuple[str, ...]
) -> None:
    english = {entry["id"]: entry for entry in json.loads(path.read_text("utf-8"))[section]}
    sibling = path.with_name(f"{path.stem}.{CHINESE}.json")
    chinese = json.loads(sibling.read_text("utf-8"))[section]
    assert set(chinese) == set(english)
    for key, texts in chinese.items():
        assert set(texts) == {field for field in fields if field in english[key]}, key
        for field in texts:
            assert texts[field].strip(), (key, field)
            assert texts[field] != english[key][field], (key, field)
            assert mnemonics_and_fields(texts[field]) == mnemonics_and_fields(
                english[key][field]
            ), (key, field)


def test_the_catalog_and_presets_load_in_each_language() -> None:
    for language in LANGUAGES:
        catalog = load_catalog(language=language)
        presets = load_presets(language=language)
        assert catalog and presets
    english, chinese = load_presets(), load_presets(language=CHINESE)
    assert [p.id for p in chinese] == [p.id for p in english]
    assert chinese[0].name != english[0].name
    assert load_catalog(language=CHINESE)[0].good_at != load_catalog()[0].good_at


def test_a_broken_data_translation_falls_back_to_english(tmp_path: Path) -> None:
    data = tmp_path / "presets.json"
    shutil.copy(PRESETS_PATH, data)
    (tmp_path / f"presets.{CHINESE}.json").write_text("{not json", "utf-8")
    assert load_presets(data, CHINESE) == load_presets(data)
