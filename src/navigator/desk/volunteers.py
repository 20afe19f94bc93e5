"""Managing volunteers and signing in: PIN checks, slow-downs and lockouts, lead-only actions."""

from __future__ import annotations

from pydantic import ValidationError
from uuid6 import uuid7

from navigator.desk.context import Desk
from navigator.domain.sign_in_throttle import AttemptState, after_failure, earliest_attempt
from navigator.domain.volunteer import Role, Volunteer, check_name, check_pin
from navigator.errors import (
    N_,
    AccountLocked,
    InvalidVolunteer,
    NotAllowed,
    SignInRefused,
    Term,
    validation_message,
)
from navigator.security.pins import hash_pin, needs_rehash, pin_matches
from navigator.store import volunteer_store as store


def open_desk_mode(desk: Desk) -> bool:
    """True while no volunteer exists (a fresh install, the demo): anyone may use the desk."""
    with desk.session() as session:
        return store.active_count(session) == 0


def require_lead(desk: Desk, acting: Volunteer | None, what: str) -> None:
    """Only leads import, export, sync, purge and manage volunteers (anyone, in open-desk mode)."""
    if acting is not None and acting.is_lead:
        return
    if open_desk_mode(desk):
        return
    raise NotAllowed(
        N_("Only a site lead may {action}."),
        action=Term(what),
        hint=N_("Sign in as a lead (--lead NAME, then the PIN)."),
    )


def add_volunteer(
    desk: Desk, name: str, role: Role | str, pin: str, *, acting: Volunteer | None = None
) -> Volunteer:
    """Add someone who may sign in; the first volunteer of a desk must be a lead."""
    require_lead(desk, acting, N_("add volunteers"))
    try:
        check_pin(pin)
        volunteer = Volunteer(id=f"vol-{uuid7().hex[-12:]}", name=check_name(name), role=role)
    except ValidationError as exc:
        raise InvalidVolunteer(validation_message(exc)) from None
    except ValueError as exc:
        raise InvalidVolunteer(str(exc)) from None
    pin_hash = hash_pin(pin)
    with desk.session() as session, session.begin():
        if store.active_count(session, Role.LEAD) == 0 and not volunteer.is_lead:
            raise InvalidVolunteer(
                "The first volunteer must be a lead, who can then add the others.",
                hint="Add yourself with --role lead.",
            )
        if store.find_active(session, volunteer.name) is not None:
            raise InvalidVolunteer(
                f"A volunteer named '{volunteer.name}' already exists.",
                hint="Use a different name, e.g. add an initial.",
            )
        store.insert_volunteer(session, volunteer, pin_hash, desk.clock())
    return volunteer


def list_volunteers(desk: Desk) -> list[Volunteer]:
    with desk.session() as session:
        return [store.to_volunteer(row) for row in store.list_active(session)]


def remove_volunteer(desk: Desk, name: str, *, acting: Volunteer | None = None) -> Volunteer:
    """Remove someone's access; their past records keep their id."""
    require_lead(desk, acting, N_("remove volunteers"))
    with desk.session() as session, session.begin():
        row = store.find_active(session, name)
        if row is None:
            raise InvalidVolunteer(f"No volunteer named '{name}'.")
        removed = store.to_volunteer(row)
        others = store.active_count(session) - 1
        if removed.is_lead and others > 0 and store.active_count(session, Role.LEAD) == 1:
            raise InvalidVolunteer(
                f"'{removed.name}' is the last lead; the others could not be managed.",
                hint="Add another lead first.",
            )
        store.mark_removed(row, desk.clock())
    return removed


def sign_in(desk: Desk, name: str, pin: str) -> Volunteer:
    """Check the PIN; from now on the desk's records carry this volunteer.

    Wrong PINs are counted: after a few, each try must wait longer, and then
    the account locks for a while. The counters are saved before the refusal,
    so closing the app does not reset them.
    """
    now = desk.clock()
    with desk.session() as session, session.begin():
        row = store.find_active(session, name)
        if row is None:
            pin_matches(None, pin)
            raise SignInRefused(N_("That name and PIN do not match a volunteer here."))
        state = store.attempt_state(row)
        allowed_at = earliest_attempt(state)
        if allowed_at is not None and now < allowed_at:
            wait = int((allowed_at - now).total_seconds()) + 1
            if state.locked_until is not None:
                raise AccountLocked(
                    N_("Too many wrong PINs: {name}'s account is locked for {minutes} min."),
                    name=row.name,
                    minutes=(wait + 59) // 60,
                    hint=N_("Ask a site lead, or wait and try again."),
                )
            raise SignInRefused(
                N_("Wrong PINs: wait {seconds} seconds before the next try."), seconds=wait
            )
        if not pin_matches(row.pin_hash, pin):
            store.save_attempt_state(row, after_failure(state, now))
            failed = True
        else:
            failed = False
            store.save_attempt_state(row, AttemptState())
            if row.pin_hash and needs_rehash(row.pin_hash):
                row.pin_hash = hash_pin(pin)
            volunteer = store.to_volunteer(row)
    if failed:
        raise SignInRefused(N_("That name and PIN do not match a volunteer here."))
    desk.signed_in = volunteer
    return volunteer


def sign_out(desk: Desk) -> None:
    desk.signed_in = None
