"""Issue 10: a benefit a client names by its own name meets the office a directory names.

Clients say "ssdi" or "snap"; directories name the office ("Social Security
Administration") or the programme ("food stamps"). And "apply for", "sign up for" say the
client wants to obtain the benefit, not which: they must not outweigh the benefit's name,
or a listing that only mentions applying or signing up comes first. Shown through the
command line on a small directory written as the unseen one is (descriptions, needs, no
schedules), and on Miami 211 with the site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_search import ranked_names
from conftest import needs_miami
from navigator.cli import main

DIRECTORY = """Organization,Service,Description,Needs,Phone
Social Security Administration,Downtown Field Office,"Issues Social Security cards and \
takes claims for retirement, survivors and disability benefits.",money,555-0200
Northside Community Foundation,Food Security Fund,"Small grants for food security and \
household bills for families in a crisis. Apply online; families on SSDI or TANF welcome; \
we check eligibility the same week.",money,555-0201
Volunteer Tax Clinic,Free Tax Returns,"Free tax returns for low-income filers. We help you \
apply for credits and check whether you qualify.",money,555-0202
Department of Children and Families,Food Assistance Office,"Food stamps (SNAP) \
applications and renewals; interviews by phone.",food,555-0203
Riverside Youth League,Summer Sports Sign Up,"Sign up your kids for summer soccer and \
basketball; snacks and lunch are served.",food,555-0204
Grace Church,Community Food Pantry,"Groceries every Tuesday for families in need.",\
food,555-0205
"""


@pytest.fixture
def directory_db(tmp_path: Path) -> Path:
    sheet = tmp_path / "directory.csv"
    sheet.write_text(DIRECTORY, encoding="utf-8")
    db = tmp_path / "directory.db"
    result = CliRunner().invoke(main, ["catalogue", "import", str(sheet), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_applying_for_ssdi_is_the_social_security_office(directory_db: Path) -> None:
    # Given a fund that mentions SSDI and applying, and a tax clinic that helps apply,
    # when a client asks how to apply for SSDI,
    found = ranked_names(directory_db, "how do i apply for ssdi")
    # then the Social Security office, where SSDI is claimed, comes first.
    assert found[0] == "Downtown Field Office", found


def test_signing_up_for_snap_is_the_food_stamps_office(directory_db: Path) -> None:
    # "snap" is food stamps; "sign up" says the client wants them, and a youth league's
    # sign-up page that serves lunch is not where food stamps are applied for.
    found = ranked_names(directory_db, "sign up for snap")
    assert found[0] == "Food Assistance Office", found
    assert found.index("Summer Sports Sign Up") > found.index("Community Food Pantry"), found


def test_food_security_is_not_social_security(directory_db: Path) -> None:
    # "ssdi benefits": the kind of money help is disability benefits, which a directory
    # calls Social Security; a fund for "food security" is not of that kind.
    found = ranked_names(directory_db, "ssdi benefits")
    assert found[0] == "Downtown Field Office", found


@needs_miami
def test_miami_signing_up_for_snap_does_not_put_a_sign_up_page_first(
    miami_db: Path, in_miami: None
) -> None:
    found = ranked_names(miami_db, "sign up for snap")
    assert "Family Day Campaign" not in found[:5], found[:5]
