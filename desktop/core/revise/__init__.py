"""Revising a Word document: its paragraphs read, revised by the model, diffed word by word,
and written to a new .docx as tracked changes."""
