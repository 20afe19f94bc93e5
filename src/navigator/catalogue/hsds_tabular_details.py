"""Per-service details of a tabular package: phones, contacts, languages, hours, terms.

Each table is read once into dictionaries keyed by service id (directly, or
through a service-at-location row), then joined when services are built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, time
from functools import lru_cache
from typing import TypeVar

from navigator.catalogue.builder import schedule_rule
from navigator.catalogue.cleaning import clean, clean_line, readable_name
from navigator.catalogue.hsds_tabular_models import (
    ContactIn,
    DocumentIn,
    EligibilityIn,
    HolidayScheduleIn,
    LanguageIn,
    LinkedRow,
    PhoneIn,
    RegularScheduleIn,
    ScheduleIn,
    ServiceIn,
    TaxonomyTermIn,
    TermLinkIn,
)
from navigator.catalogue.tabular_package import M, TableReader
from navigator.domain.catalogue import Contact, Language, Phone
from navigator.domain.catalogue import Service as ServiceRecord
from navigator.domain.hours import WEEKDAY_CODES, WEEKDAY_NAMES, ScheduleRule, parse_clock
from navigator.domain.hours_text import parse_hours_text, parse_loose_clock

T = TypeVar("T")

# HSDS 1.x wrote weekdays as names, abbreviations or numbers (1 = Monday).
_WEEKDAYS = {
    key: code
    for number, (code, name) in enumerate(zip(WEEKDAY_CODES, WEEKDAY_NAMES, strict=True), 1)
    for key in (name.lower(), name[:3].lower(), code.lower(), str(number))
}


def service_of(row: LinkedRow, via_place: dict[str, str]) -> str | None:
    if row.service_id:
        return row.service_id
    if row.service_at_location_id:
        return via_place.get(row.service_at_location_id)
    return None


class ServiceDetails:
    """Phones, contacts, languages, eligibility, documents, hours and terms, by service id."""

    def __init__(self, reader: TableReader, via_place: dict[str, str]) -> None:
        self.reader = reader
        self.via_place = via_place
        # Plain values until the service is built: a model costs four times the memory.
        self.phones: dict[str, list[tuple[str, str | None, str | None, str | None]]] = defaultdict(
            list
        )
        self.contacts: dict[str, list[Contact]] = defaultdict(list)
        self.languages: dict[str, list[Language]] = defaultdict(list)
        self.eligibility: dict[str, list[str]] = defaultdict(list)
        self.documents: dict[str, list[str]] = defaultdict(list)
        self.schedules: dict[str, list[ScheduleRule]] = defaultdict(list)
        self.hours_text: dict[str, list[str]] = defaultdict(list)
        self.needs: dict[str, list[str]] = defaultdict(list)
        self._shared: dict[object, object] = {}
        self._rules: dict[tuple[str, time, time], ScheduleRule] = {}

    def _interned(self, items: Iterable[T]) -> tuple[T, ...]:
        """Equal frozen records ("Mon-Fri 9-5", "English") shared across services.

        A 100,000-service directory repeats a few hundred distinct ones, and
        each pydantic object costs hundreds of bytes.
        """
        return tuple(self._shared.setdefault(item, item) for item in items)  # type: ignore[misc]

    def _linked(self, name: str | None, model: type[M]) -> Iterator[tuple[int, str, M]]:
        for row, parsed in self.reader.parsed(name, model):
            assert isinstance(parsed, LinkedRow)
            service_id = service_of(parsed, self.via_place)
            if service_id is None:
                self.reader.builder.problem(name or "", row, "service_id",
                                            "row names no service; skipped")  # fmt: skip
                continue
            yield row, service_id, parsed

    def read(self) -> None:
        p = self.reader.package
        for _row, sid, phone in self._linked(p.first("phones.csv"), PhoneIn):
            if number := clean_line(phone.number):
                self.phones[sid].append(
                    (number.strip('"'), clean_line(phone.extension), clean_line(phone.type),
                     clean(phone.description))
                )  # fmt: skip
        for _row, sid, contact in self._linked(p.first("contacts.csv"), ContactIn):
            if name := clean_line(contact.name):
                number = "-".join(
                    part for part in (contact.phone_areacode, contact.phone_number) if part
                )
                if number and contact.phone_extension:
                    number += f" ext. {contact.phone_extension}"
                self.contacts[sid].append(
                    Contact(name=name, title=clean_line(contact.title),
                            department=clean_line(contact.department),
                            email=clean_line(contact.email), phone=clean_line(number))
                )  # fmt: skip
        for _row, sid, language in self._linked(p.first("languages.csv"), LanguageIn):
            if name := clean_line(language.name) or clean_line(language.code):
                entry = Language(name=name, code=clean_line(language.code))
                if entry not in self.languages[sid]:
                    self.languages[sid] += self._interned([entry])
        for _row, sid, rule in self._linked(p.first("eligibility.csv"), EligibilityIn):
            if text := clean(rule.eligibility):
                self.eligibility[sid].append(text)
        for _row, sid, doc in self._linked(p.first("required_documents.csv"), DocumentIn):
            if text := clean_line(doc.document):
                self.documents[sid].append(text)
        self._read_regular_schedules()
        self._read_schedules()
        self._read_terms()
        self._read_holidays()

    def _read_regular_schedules(self) -> None:
        name = self.reader.package.first("regular_schedules.csv")
        texts: dict[str, str] = {}
        windows: dict[str, dict[tuple[time, time], list[str]]] = defaultdict(dict)
        failed: dict[str, tuple[int, str, str]] = {}
        for row, sid, item in self._linked(name, RegularScheduleIn):
            if sid not in texts and (text := clean(item.original_text or item.description)):
                texts[sid] = text
            day = _WEEKDAYS.get((item.weekday or "").strip().lower())
            if day is None:
                failed.setdefault(sid, (row, "weekday", f"'{item.weekday}' is not a weekday"))
                continue
            try:
                opens = _loose_time(item.opens_at, "opens_at")
                closes = _loose_time(item.closes_at, "closes_at")
            except ValueError as exc:
                field, _, message = str(exc).partition(": ")
                failed.setdefault(sid, (row, field, message))
                continue
            if opens is None or closes is None:
                failed.setdefault(sid, (row, "opens_at", "no opening or closing time"))
                continue
            if closes <= opens and closes.hour < 12 and "m" not in (item.closes_at or "").lower():
                closes = closes.replace(hour=closes.hour + 12)  # "9:00am" to "5:00" means 5 pm
            key = (opens, closes)
            windows[sid].setdefault(key, []).append(day)
        for sid, text in texts.items():
            self.hours_text[sid].append(text)
        for sid in dict.fromkeys([*windows, *failed]):  # file order: the report is stable
            if sid in failed:
                # A bad row: rather than show a week with a day missing, fall back on
                # the directory's own text, and keep the hours only as text if that fails.
                row, field, message = failed[sid]
                if self._from_text(sid, texts.get(sid)):
                    continue
                self.reader.builder.problem(
                    name or "", row, field, f"{message}; hours kept as text", skipped="value"
                )
                continue
            for (opens, closes), days in windows[sid].items():
                self.schedules[sid].append(
                    self._weekly(",".join(dict.fromkeys(days)), opens, closes)
                )

    def _weekly(self, byday: str, opens: time, closes: time) -> ScheduleRule:
        """The weekly rule, made (and checked) once per distinct days and hours: a
        directory repeats a few hundred across 100,000 services."""
        key = (byday, opens, closes)
        rule = self._rules.get(key)
        if rule is None:
            rule = ScheduleRule(freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes)
            rule = self._rules[key] = self._interned([rule])[0]
        return rule

    def _from_text(self, sid: str, text: str | None) -> bool:
        if not text:
            return False
        try:
            self.schedules[sid] += parse_hours_text(text)
        except ValueError:
            return False
        return True

    def _read_schedules(self) -> None:
        name = self.reader.package.first("schedules.csv")
        for row, sid, item in self._linked(name, ScheduleIn):
            if not item.byday and not item.opens_at:
                if text := clean(item.description):
                    self.hours_text[sid].append(text)
                    self._from_text(sid, text)
                continue
            try:
                self.schedules[sid].append(
                    schedule_rule(freq=item.freq, byday=item.byday, opens_at=item.opens_at,
                                  closes_at=item.closes_at, valid_from=item.valid_from,
                                  valid_to=item.valid_to, description=item.description)
                )  # fmt: skip
            except ValueError as exc:
                field, _, message = str(exc).partition(": ")
                self.reader.builder.problem(name or "", row, field, message, skipped="row")
                if text := clean(item.description):
                    self.hours_text[sid].append(text)

    def _read_holidays(self) -> None:
        """Holiday closures travel as hours text: the desk shows them, the week stays as it is."""
        name = self.reader.package.first("holiday_schedules.csv")
        for _row, sid, item in self._linked(name, HolidayScheduleIn):
            dates = " to ".join(dict.fromkeys(d for d in (item.start_date, item.end_date) if d))
            if not dates:
                continue
            closed = (item.closed or "").strip().lower() in {"true", "1", "yes", "y", "t"}
            if closed or not (item.opens_at and item.closes_at):
                text = clean_line(f"Closed {dates}")
            else:
                text = clean_line(f"{dates}: {item.opens_at}-{item.closes_at}")
            if text:
                self.hours_text[sid].append(text)

    def _read_terms(self) -> None:
        p, lexicon = self.reader.package, self.reader.builder.lexicon
        terms: dict[str, list[str]] = {}
        for _row, term in self.reader.parsed(
            p.first("taxonomy_terms.csv", "taxonomy.csv", "taxonomies.csv"), TaxonomyTermIn
        ):
            code = (term.code or "").strip().lower()
            if lexicon.get(code) is not None:
                terms[term.id] = [code]
            else:
                label = " ".join(t for t in (term.name, term.term) if t)
                terms[term.id] = sorted(lexicon.needs_in_text(label))
        for _row, link in self.reader.parsed(
            p.first("services_taxonomy.csv", "service_taxonomy.csv", "attributes.csv"), TermLinkIn
        ):
            if link.link_entity and link.link_entity.lower() not in {"service", "link_entity"}:
                continue
            if link.service_id and link.taxonomy_id in terms:
                self.needs[link.service_id] += terms[link.taxonomy_id]

    def service(
        self,
        parsed: ServiceIn,
        name: str,
        organization_id: str | None,
        location_ids: list[str],
        row: int,
    ) -> ServiceRecord:
        sid = parsed.id
        eligibility = [clean(parsed.eligibility_description), *self.eligibility.get(sid, ())]
        last_verified = None
        if parsed.assured_date:
            try:
                last_verified = date.fromisoformat(parsed.assured_date[:10])
            except ValueError:
                self.reader.builder.problem("services.csv", row, "assured_date",
                                            f"'{parsed.assured_date}' is not a date",
                                            skipped="value")  # fmt: skip
        fees = clean(parsed.fees_description)
        return ServiceRecord(
            id=sid,
            organization_id=organization_id,
            name=readable_name(name),
            alternate_name=clean_line(parsed.alternate_name),
            description=clean(parsed.description),
            url=clean_line(parsed.url),
            email=clean_line(parsed.email),
            status=(clean_line(parsed.status) or "active").lower(),
            eligibility="\n".join(dict.fromkeys(e for e in eligibility if e)) or None,
            minimum_age=int(parsed.minimum_age) if parsed.minimum_age is not None else None,
            maximum_age=int(parsed.maximum_age) if parsed.maximum_age is not None else None,
            fees=fees,
            is_free=_is_free(fees),
            application_process=clean(parsed.application_process),
            alert=clean(parsed.alert),
            last_verified=last_verified,
            needs=tuple(dict.fromkeys(self.needs.get(sid, ()))),
            keywords=tuple(
                k for k in (clean_line(w) for w in (parsed.keywords or "").split(",")) if k
            ),
            languages=self._interned(self.languages.get(sid, ())),
            phones=tuple(
                Phone(number=number, extension=extension, type=kind, description=description)
                for number, extension, kind, description in dict.fromkeys(self.phones.get(sid, ()))
            ),
            contacts=tuple(dict.fromkeys(self.contacts.get(sid, ()))),
            documents=tuple(dict.fromkeys(self.documents.get(sid, ()))),
            schedules=self._interned(dict.fromkeys(self.schedules.get(sid, ()))),
            hours_text="; ".join(dict.fromkeys(self.hours_text.get(sid, ()))) or None,
            location_ids=tuple(location_ids),
        )


@lru_cache(maxsize=4096)  # a directory writes a few hundred distinct times, row after row
def _loose_time(value: str | None, field: str) -> time | None:
    if not value:
        return None
    try:
        return parse_clock(value)
    except ValueError:
        pass
    try:
        return parse_loose_clock(value)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from exc


def _is_free(fees: str | None) -> bool | None:
    text = (fees or "").strip().lower()
    if text.startswith(("free", "no cost", "no charge", "none", "no fee")):
        return True
    if "$" in text:
        return False
    return None
