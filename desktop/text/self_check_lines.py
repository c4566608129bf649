"""The self-check's lines in the user's language: shared by ``sotto --self-check`` and the
About box (``desktop.core.diagnostics`` runs the checks)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from desktop.core.diagnostics import BUILD, MODEL, CheckResult
from desktop.text.messages import user_message


def check_line(result: CheckResult) -> str:
    """One line saying what *result* checked and whether it passed, and why not."""
    if result.check == BUILD:
        name = QCoreApplication.translate("SelfCheck", "Inference library")
    elif result.check == MODEL:
        name = QCoreApplication.translate("SelfCheck", "Model {model}").format(
            model=result.facts["model"]
        )
    else:
        name = QCoreApplication.translate("SelfCheck", "Encrypted history")
    if result.problem is not None:
        line = QCoreApplication.translate("SelfCheck", "{check}: FAILED. {reason}").format(
            check=name, reason=user_message(result.problem)
        )
        if result.problem.details:  # the system's own words, for whoever helps
            line += " " + QCoreApplication.translate("SelfCheck", "Details: {details}").format(
                details=result.problem.details
            )
        return line
    if result.check == BUILD:
        return QCoreApplication.translate(
            "SelfCheck", "{check}: passed, it runs on this processor."
        ).format(check=name)
    if result.check == MODEL:
        return QCoreApplication.translate(
            "SelfCheck", "{check}: passed, {tokens} tokens written in {seconds} s."
        ).format(
            check=name,
            tokens=result.facts["tokens"],
            seconds=QLocale().toString(float(result.facts["seconds"]), "f", 1),
        )
    return QCoreApplication.translate(
        "SelfCheck", "{check}: passed, written, reopened and read back (SQLCipher {cipher})."
    ).format(check=name, cipher=result.facts["cipher"])
