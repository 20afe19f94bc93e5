"""Issue 10: the lift for help tonight respects the kind of help the client named.

At night, or when the client says "tonight", the services of their need that can help at
once come first. A client who was raped named a kind of safety service: a domestic
violence shelter's 24-hour line is not the rape treatment centre, however late it is.
"""

from __future__ import annotations

from pathlib import Path

from cli_search import ranked_names
from conftest import needs_miami


@needs_miami
def test_miami_sexual_assault_tonight_is_the_rape_treatment_centre_first(
    miami_db: Path, in_miami: None
) -> None:
    # Given the desk in Miami on a Tuesday evening, when a client says what happened and
    # that she needs help tonight,
    found = [name.lower() for name in ranked_names(miami_db, "sexual assault tonight")]
    # then the rape treatment centre comes before the shelter whose 24-hour line is for
    # domestic violence first (it also takes survivors of rape),
    assert "rape" in found[0], found[:5]
    # and no service of another kind (domestic violence only, trafficking) is in the top three.
    assert not any("trafficking" in n or "domestic" in n for n in found[:3]), found[:5]
