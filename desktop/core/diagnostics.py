"""The self-check support staff ask for: does this installation work here, now?

``sotto --self-check`` and the About box run the same three checks, in order, and show a line
for each:

1. the build: llama.cpp generates in a child process without crashing it (the SIGILL guard of
   ``desktop.core.inference.selfcheck``, run anew);
2. the model: it loads and writes a few tokens, in this process;
3. the encrypted history: a throwaway SQLCipher vault with a random key, in a folder of its
   own, is written, closed, found unreadable on disk, reopened, read back and deleted. No
   keyring is involved and the user's own history is never opened.

A failed check is a result, never an exception: the next check still runs.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import FileAccessError, UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.inference.engine import Engine
from desktop.core.inference.errors import UnsupportedBuildError
from desktop.core.inference.selfcheck import OK, probe_build
from desktop.core.inference.types import LoadSettings, Message, Sampling
from desktop.core.modelfile.model_info import model_name
from desktop.core.vault.custody import new_key
from desktop.core.vault.database import open_database
from desktop.core.vault.store import ConversationStore

BUILD = "build"
MODEL = "model"
VAULT = "vault"

_PROMPT = "Say hello."
_MAX_TOKENS = 8
_CHECK_CONTEXT = 512
"""Enough for the prompt and the reply: a short context loads faster."""
_SENTINEL = "sotto self-check: the quick brown fox"
"""What the vault check writes, then looks for in the file on disk (it must not be there)."""


class SelfCheckError(UserError):
    """Why a check failed when no other error says it."""


class NoAnswerError(SelfCheckError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "SelfCheck",
                "The test run in a separate process failed without crashing; the model "
                "check below says more.",
            )
        )


class SkippedError(SelfCheckError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "SelfCheck",
                "Not run: the inference library crashed in the check above, and would crash "
                "this one too.",
            )
        )


class NothingWrittenError(SelfCheckError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("SelfCheck", "The model loaded but wrote nothing."))


class NotEncryptedError(SelfCheckError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "SelfCheck",
                "The history file can be read without its key: this copy of Sotto does not "
                "encrypt. Reinstall it.",
            )
        )


class ReadBackError(SelfCheckError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "SelfCheck", "The history, opened again, did not give back what was written."
            )
        )


class UnexpectedError(SelfCheckError):
    def __init__(self, detail: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("SelfCheck", "Something unexpected went wrong."))
        self.details = detail


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check.

    Attributes:
        check: which check: ``BUILD``, ``MODEL`` or ``VAULT``.
        problem: why it failed, as a sentence for the user; None when it passed.
        facts: what it found, for the line shown: ``MODEL`` has ``model`` (always),
            ``tokens`` and ``seconds``; ``VAULT`` has ``cipher`` (SQLCipher's version).
    """

    check: str
    problem: UserError | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.problem is None


def run_checks(
    model_path: Path,
    scratch_dir: Path | None = None,
    child_command: Sequence[str] | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
) -> list[CheckResult]:
    """Run every check with the model at *model_path* and return their results, in order.

    The vault check works in a new folder inside *scratch_dir* (default: the system's
    temporary folder). *child_command* replaces the build check's child (tests).
    *on_result* is called with each result as soon as it is known.
    """
    results: list[CheckResult] = []

    def record(result: CheckResult) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result)

    build = check_build(model_path, child_command)
    record(build)
    if isinstance(build.problem, UnsupportedBuildError):
        record(CheckResult(MODEL, SkippedError(), {"model": model_name(model_path)}))
    else:
        record(check_model(model_path))
    record(check_vault(scratch_dir))
    return results


def check_build(model_path: Path, child_command: Sequence[str] | None = None) -> CheckResult:
    """Whether llama.cpp generates in a child process without crashing it."""
    outcome = probe_build(model_path, child_command)
    if outcome == OK:
        return CheckResult(BUILD)
    if outcome is None:
        return CheckResult(BUILD, NoAnswerError())
    return CheckResult(BUILD, UnsupportedBuildError(outcome))


def check_model(model_path: Path) -> CheckResult:
    """Whether the model loads in this process and writes a few tokens."""
    facts: dict[str, Any] = {"model": model_name(model_path)}
    engine = Engine(self_check=None)  # the build check has just run in its own process
    try:
        started = time.monotonic()
        # One thread: a few tokens need no more, and the check may run beside a reply
        # being written, where threads that wait on each other would crawl.
        engine.load(model_path, LoadSettings(n_ctx=_CHECK_CONTEXT, n_threads=1))
        reply = engine.chat(
            [Message(role="user", content=_PROMPT)],
            Sampling(temperature=0.0, max_tokens=_MAX_TOKENS, seed=0),
            on_text=lambda piece: None,
        )
        facts.update(tokens=reply.tokens, seconds=time.monotonic() - started)
        if reply.tokens == 0:
            return CheckResult(MODEL, NothingWrittenError(), facts)
        return CheckResult(MODEL, facts=facts)
    except Exception as error:  # a self-check reports every failure, as a line
        return CheckResult(MODEL, _problem(error), facts)
    finally:
        engine.unload()


def check_vault(scratch_dir: Path | None = None) -> CheckResult:
    """Whether SQLCipher writes an encrypted vault here and reads it back with its key."""
    try:
        with tempfile.TemporaryDirectory(prefix="sotto-self-check-", dir=scratch_dir) as folder:
            path = Path(folder) / "vault.db"
            key = new_key()
            with open_database(path, key) as db:
                store = ConversationStore(db)
                conversation = store.create_conversation()
                store.add_message(conversation.id, "user", _SENTINEL)
                cipher = str(db.pragma("cipher_version"))
            if _SENTINEL.encode() in path.read_bytes():
                return CheckResult(VAULT, NotEncryptedError(), {"cipher": cipher})
            with open_database(path, key) as db:
                store = ConversationStore(db)
                messages = store.messages(conversation.id)
                found = store.search("quick brown fox")
            if [m.content for m in messages] != [_SENTINEL] or len(found) != 1:
                return CheckResult(VAULT, ReadBackError(), {"cipher": cipher})
            return CheckResult(VAULT, facts={"cipher": cipher})
    except Exception as error:  # a self-check reports every failure, as a line
        return CheckResult(VAULT, _problem(error))


def _problem(error: Exception) -> UserError:
    if isinstance(error, UserError):
        return error
    if isinstance(error, OSError):
        return FileAccessError.of(error)
    return UnexpectedError(f"{type(error).__name__}: {error}")
