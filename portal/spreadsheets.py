"""Cells of a CSV file that a spreadsheet opens safely."""

# A cell starting with one of these is a formula to Excel and LibreOffice (=HYPERLINK(...),
# +cmd|...); text typed by the public, such as a base's name, must not become one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a spreadsheet shows text: a leading apostrophe defuses a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
