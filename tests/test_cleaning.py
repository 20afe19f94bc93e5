"""What real directories send, and what the desk shows after import."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from navigator.catalogue.cleaning import clean, clean_line, readable_name


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("The AttorneyGÇÖs Office", "The Attorney’s Office"),
        ("9:00amGÇô6:00pm, Mon-Fri", "9:00am–6:00pm, Mon-Fri"),
        ("GÇ£Safe HavenGÇ¥ for newborns", "“Safe Haven” for newborns"),
        ("cafÃ© con leche", "café con leche"),
        ("Groceries daily.\\n\\n###MON###", "Groceries daily."),
        ("Line one\\nLine two   ", "Line one\nLine two"),
        ("Bell\x07 and \x1b[31mred", "Bell and [31mred"),
        ("   ", None),
    ],
)
def test_directory_text_is_repaired(raw: str, shown: str | None) -> None:
    assert clean(raw) == shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("GIRL SCOUTS COUNCIL OF TROPICAL FLORIDA, INC.",
         "Girl Scouts Council of Tropical Florida, Inc."),
        ("HIV/AIDS SERVICES", "HIV/AIDS Services"),
        ("YMCA OF SOUTH FLORIDA", "YMCA of South Florida"),
        ("DR. TONI BILBAO ACADEMY", "Dr. Toni Bilbao Academy"),
        ("CHILDREN'S HOME SOCIETY", "Children's Home Society"),
        ("3-1-1 ANSWER CENTER", "3-1-1 Answer Center"),
        ("Salvation Army of Miami", "Salvation Army of Miami"),  # already readable: untouched
    ],
)  # fmt: skip
def test_all_caps_names_become_readable(raw: str, shown: str) -> None:
    assert readable_name(raw) == shown


@given(st.text(max_size=80))
@example("\xa0Â¡")  # ftfy left "Â¡" alone beside a no-break space, then fixed it once trimmed
def test_cleaning_twice_changes_nothing_more(raw: str) -> None:
    once = clean_line(raw)
    assert clean_line(once) == once
    assert once is None or "\n" not in once


@given(st.text(max_size=80))
@example("\xa0Â¡")
def test_cleaning_a_description_twice_changes_nothing_more(raw: str) -> None:
    # Export then re-import must give the same catalogue.
    once = clean(raw)
    assert clean(once) == once
