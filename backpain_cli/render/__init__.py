"""Everything the program shows goes through here.

- widgets: safe text, sections, lists, dosage phrases, the safety block
- screens: the guide's pages (list, show, bands, session, safety)
- journal: a logged session, the history and the progress advice
- coach: the guided session's live view and summary
- data: the JSON and CSV shapes (no rich)
- console: the one place rich consoles are made
"""
