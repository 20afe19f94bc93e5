"""Umbrella bodies: national and state organisations that serve other organisations.

Directories list them beside the services they fund, train or speak for: a national
resource centre on domestic violence, a statewide council against sexual violence, an
international association of crisis centres. Their text names the need as plainly as a
shelter's does, but a client sent there finds no one to help them. A volunteer knows them
by two things together: a name that says the body's reach (national, state, American...)
and its kind (council, coalition, association...), and no sign of a service a person can
use (a hotline, a number to call, a door to walk in at). A national hotline, a statewide
council that answers a crisis line, stay services.
"""

from __future__ import annotations

# The body's reach, in its own or its organization's name, or in its description's opening
# ("a statewide nonprofit", "the nation's largest").
NAME_SCOPE = frozenset(
    {
        "national", "nationwide", "international", "american", "america", "federal",
        "statewide", "state", "global", "world", "worldwide", "usa",
    }
)  # fmt: skip
SCOPE_PHRASES = (" u s ", " united states ")
OPENING_SCOPE = frozenset(
    {"statewide", "nationwide", "national", "international", "nation's", "worldwide"}
)
# What kind of body it is: a membership, coordinating or policy organisation.
BODY = frozenset(
    {
        "council", "coalition", "association", "alliance", "federation", "institute",
        "consortium", "network", "league",
    }
)  # fmt: skip
BODY_PHRASES = (" resource center ", " resource centre ", " technical assistance ")
# Signs of a service a person can use, anywhere in its name or description: a line to call,
# a door to walk in at, a support group or a class to join.
DIRECT = frozenset(
    {
        "hotline", "helpline", "lifeline", "line", "toll", "call", "calls", "text", "chat",
        "walk", "clinic", "shelter", "shelters", "referral", "referrals", "appointment",
        "appointments", "counseling", "counselling", "group", "groups", "class", "classes",
        "course", "courses", "800", "888", "877", "866", "855", "844", "833",
    }
)  # fmt: skip
OPENING_WORDS = 25


def is_umbrella(name: list[str], organization: list[str], description: list[str]) -> bool:
    """Whether a listing is a national or state body serving other organisations, from the
    words of the service's name, its organization's name and its description.

    The reach must open the name ("National...", "American...", "U.S...."): "Haitian
    American" says who is served, not how far. A description's "statewide" or "national"
    says it only of the agency's own listing (its name is the organization's): in a
    programme's record it may open the parent agency's blurb."""
    named = name[1:] if name[:1] == ["the"] else name
    joined = " " + " ".join(named) + " "
    scoped = bool(named) and named[0] in NAME_SCOPE
    scoped = scoped or any(joined.startswith(p) for p in SCOPE_PHRASES)
    if not scoped and _is_agency(name, organization):
        scoped = bool(OPENING_SCOPE.intersection(description[:OPENING_WORDS]))
    if not scoped:
        return False
    if not (BODY.intersection(named) or any(p in joined for p in BODY_PHRASES)):
        return False
    return not (DIRECT.intersection(named) or DIRECT.intersection(description))


def _is_agency(name: list[str], organization: list[str]) -> bool:
    """The listing is its organization's own: the name is the organization's."""
    return bool(name) and frozenset(name) == frozenset(organization)
