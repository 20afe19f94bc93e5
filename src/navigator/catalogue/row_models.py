"""CSV rows into their pydantic row models, fast when the row is plainly valid.

A 100,000-service package has about a million rows, and validating each as a
dict costs more than the rest of the import. A row model's fields are text,
optional text or optional numbers, so a plan made once per table (which
column feeds which field, honouring the model's aliases) checks a row with a
few string operations and builds the model without validating it again. Any
row the plan cannot vouch for (a required cell blank, a number that is not
plainly one, a short row) goes through `model_validate` as before, so a bad
row is reported with the same file, row, field and message.
"""

from __future__ import annotations

import operator
import re
import types
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import AliasChoices, BaseModel

_set = object.__setattr__

# Ids, towns, ZIP codes, weekdays and times recur across rows and tables: one copy of
# each kept, not one per cell (tens of megabytes at 100,000 services), in a dictionary
# that goes with the import (sys.intern's table would keep its size for the process).
# Longer text is rarely repeated.
_SHARED_LENGTH = 40

# What pydantic's float parsing surely accepts, and reads as Python's float() does.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


@dataclass(frozen=True)
class _Field:
    name: str
    column: int | None  # index of the first of its aliases the header has; None: absent
    number: bool
    required: bool


class RowPlan:
    """How one table's columns fill one row model's fields."""

    def __init__(
        self, model: type[BaseModel], header: Sequence[str], shared: dict[str, str] | None = None
    ) -> None:
        self.model = model
        self.shared = {} if shared is None else shared
        self.width = len(header)
        positions = {name: i for i, name in enumerate(header)}  # a repeated name: the last
        fields = []
        self.fast = True
        for name, info in model.model_fields.items():
            aliases = _aliases(name, info.validation_alias)
            column = next((positions[a] for a in aliases if a in positions), None)
            kind = _kind(info.annotation)
            if kind is None:
                self.fast = False
                break
            fields.append(_Field(name, column, kind == "number", info.is_required()))
        self.fields = tuple(fields)
        if (
            model.__pydantic_post_init__
            or model.__pydantic_root_model__
            or model.__private_attributes__
        ):
            self.fast = False
        # The plan as positions, so a row is checked a column at a time in comprehensions
        # rather than field by field (a million rows at 100,000 services).
        present = [f for f in self.fields if f.column is not None]
        self._names = tuple(f.name for f in present)
        self._columns = tuple(f.column for f in present if f.column is not None)
        # The row's cells for those fields, picked in one C call.
        self._pick: Any = (
            operator.itemgetter(*self._columns) if len(self._columns) > 1
            else lambda cells: tuple(cells[i] for i in self._columns)
        )  # fmt: skip
        self._absent: dict[str, Any] = {f.name: None for f in self.fields if f.column is None}
        self._absent_required = any(f.required for f in self.fields if f.column is None)
        self._required = tuple(i for i, f in enumerate(present) if f.required)
        self._numbers = tuple(i for i, f in enumerate(present) if f.number)

    def values(self, cells: Sequence[str]) -> dict[str, Any] | None:
        """The model's field values from one row's cells, or None when only validation
        can say (the caller then validates the row and reports what is wrong)."""
        if not self.fast or len(cells) < self.width or self._absent_required:
            return None
        share = self.shared.setdefault
        picked: list[Any] = [
            (share(v, v) if len(v) <= _SHARED_LENGTH else v) if v else None
            for v in map(str.strip, self._pick(cells))
        ]
        for i in self._required:
            if picked[i] is None:
                return None
        for i in self._numbers:
            value = picked[i]
            if value is not None:
                if not _PLAIN_NUMBER.fullmatch(value):
                    return None
                picked[i] = float(value)
        values = dict(zip(self._names, picked, strict=True))
        if self._absent:
            values.update(self._absent)
        return values

    def build(self, cells: Sequence[str]) -> BaseModel | None:
        values = self.values(cells)
        if values is None:
            return None
        # What model_construct does, without its per-field alias and default look-ups
        # (a fifth of the import's time): every field is in `values`, already checked.
        row = self.model.__new__(self.model)
        _set(row, "__dict__", values)
        _set(row, "__pydantic_fields_set__", set(values))
        _set(row, "__pydantic_extra__", None)
        _set(row, "__pydantic_private__", None)
        return row


def _aliases(name: str, alias: object) -> list[str]:
    """The column names a field reads, in the order pydantic tries them."""
    if isinstance(alias, AliasChoices):
        found = [choice for choice in alias.choices if isinstance(choice, str)]
        if len(found) != len(alias.choices):
            return []  # alias paths: none of ours; the slow path would be needed
        return [*found, name]  # populate_by_name: the field's own name comes last
    if isinstance(alias, str):
        return [alias, name]
    return [name]


def _kind(annotation: object) -> str | None:
    """'text' or 'number' for str / float fields, optional or not; None for anything else."""
    if annotation is str:
        return "text"
    if annotation is float:
        return "number"
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return _kind(members[0])
    return None
