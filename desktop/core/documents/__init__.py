"""Documents the user asks about: their text read from PDF, Word, text, Markdown and HTML
files and pictures of pages (scans, read by text recognition) in memory (never through a
temporary file), cut into passages that can be cited by file, page and place, and kept only
in the encrypted vault."""
