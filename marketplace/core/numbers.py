"""Whole numbers typed by people or carried in URLs and form fields.

`str.isdigit()` also accepts superscripts and other scripts' digits ("²", "٣"), which `int()`
then refuses or reads unexpectedly: ids, quantities and amounts from input go through here.
"""


def ascii_int(value, *, max_digits: int = 18) -> int | None:
    """The int that `value` spells in ASCII digits, or None for anything else."""
    text = str(value if value is not None else "")
    if not text or len(text) > max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
