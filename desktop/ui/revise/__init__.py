"""*File → Revise a document…*: a Word document revised by the model, reviewed change by
change, and saved as a copy with tracked changes."""
