"""A contract as firms write them, made with python-docx: a header and footer, numbered
clauses under headings, runs in bold and italics, a table of fees. Twenty pages or more at
the default size (about 500 words a page)."""

from __future__ import annotations

from pathlib import Path

import docx

TITLES = (
    "Definitions",
    "Services",
    "Fees and Payment",
    "Liability",
    "Confidentiality",
    "Term and Termination",
    "Intellectual Property",
    "Warranties",
    "Data Protection",
    "Governing Law",
)

SENTENCES = (
    "The Supplier shall perform the Services with reasonable skill, care and diligence, "
    "and in accordance with good industry practice.",
    "The Customer shall pay each invoice within thirty days of the date on which it is "
    "received, without set-off or deduction.",
    "Neither party shall be liable for any indirect or consequential loss, including loss "
    "of profit, revenue or goodwill, however it arises.",
    "Each party shall keep the other's confidential information secret and shall use it "
    "only to perform its obligations under this Agreement.",
    "This Agreement may be terminated by either party on ninety days' written notice to "
    "the other, given at any time after the first anniversary.",
)


def contract(path: Path, clauses: int = 60) -> Path:
    """Write a contract of *clauses* clauses (four paragraphs each) to *path*; return it."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "CONFIDENTIAL: Master Services Agreement"
    section.footer.paragraphs[0].text = "Draft for discussion"
    document.add_heading("Master Services Agreement", level=0)
    for number in range(1, clauses + 1):
        document.add_heading(f"{number}. {TITLES[(number - 1) % len(TITLES)]}", level=1)
        for sub in range(1, 4):
            paragraph = document.add_paragraph(style="List Number")
            paragraph.add_run(f"{number}.{sub} ")
            lead = paragraph.add_run("Obligation. ")
            lead.bold = True
            paragraph.add_run(SENTENCES[(number + sub) % len(SENTENCES)] + " ")
            aside = paragraph.add_run("Subject always to clause 4.")
            aside.italic = True
            paragraph.add_run(" " + SENTENCES[(number * sub) % len(SENTENCES)])
        document.add_paragraph(SENTENCES[number % len(SENTENCES)])
        if number == 3:
            table = document.add_table(rows=3, cols=2)
            table.style = "Table Grid"
            for row, (item, fee) in enumerate(
                (("Item", "Fee"), ("Support", "£12,000 a year"), ("Hosting", "£3,500 a month"))
            ):
                table.cell(row, 0).text = item
                table.cell(row, 1).text = fee
    document.save(path)
    return path
