"""The training journal: sessions kept in an SQLite file in the data folder.

- open: find, create and open the journal, and check its version
- store: the SQL reads and writes of an open journal
- migrations: the journal's format, as named migrations in order
- rows: what a valid session row is, for the rows a command reads
"""

from backpain_cli.journal.migrations import SCHEMA_VERSION
from backpain_cli.journal.open import FILE_NAME, open_for_reading, open_for_writing
from backpain_cli.journal.store import Journal, JournalError

__all__ = [
    "FILE_NAME",
    "SCHEMA_VERSION",
    "Journal",
    "JournalError",
    "open_for_reading",
    "open_for_writing",
]
