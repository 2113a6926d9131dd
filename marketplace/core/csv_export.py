"""CSV files that staff open in Excel or Google Sheets.

Two things go wrong with a plain `csv.writer`: Excel reads UTF-8 without a byte-order mark as
ANSI and mangles the accents, and a cell that starts with `=`, `+`, `-` or `@` is run as a
formula (CSV injection: a vendor names a listing `=HYPERLINK(...)` and a coordinator's
spreadsheet follows it). Every export goes through here so neither can be forgotten.
"""

import csv
from collections.abc import Iterable, Iterator

BOM = "\ufeff"
# Tab and carriage return start formulas too once a spreadsheet trims the cell (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe_cell(value) -> object:
    """Text that a spreadsheet would evaluate, prefixed with an apostrophe so it stays text.
    Numbers are left alone: a negative amount is data, not a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_unescape_cell(value: str) -> str:
    """The text `csv_safe_cell` protected, when a file exported here comes back in an import."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class _Line:
    """A file-like object whose `write` hands back the formatted line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_stream(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The file line by line, for a StreamingHttpResponse: nothing is held in memory, however
    many rows the query returns."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([csv_safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([csv_safe_cell(cell) for cell in row])
