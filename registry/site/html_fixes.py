"""Small corrections to the HTML Material writes, so every page passes the W3C Nu Html Checker
(tests/site/test_html_validity.py runs vnu.jar on a page of every kind).

Material 9.8 marks its two state checkboxes (the phone drawer, the search overlay)
`autocomplete="off"`, an attribute HTML allows only on text-like inputs. The MkDocs hook passes
every written page through `valid_html`. (The empty `tabindex=""` Material gives the label of an
open nav section is removed by overrides/main.html, where the nav is rendered.)
"""

from __future__ import annotations

import re

# The attribute on a checkbox input, nowhere else (exact markup of Material's base.html).
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off">')


def valid_html(page_html: str) -> str:
    """The page with Material's invalid attributes removed (unchanged if there are none)."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1>", page_html)
