"""A CSV row read the fast way gives the model validation gives, or is left to validation."""

from __future__ import annotations

import inspect

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import AliasChoices, BaseModel, ValidationError

from navigator.catalogue import hsds_tabular_models
from navigator.catalogue.row_models import RowPlan

MODELS = [
    model
    for _name, model in inspect.getmembers(hsds_tabular_models, inspect.isclass)
    if issubclass(model, hsds_tabular_models.CsvRow) and model.model_fields
]
CELLS = ["", " ", "x", " 1.5 ", "abc", "1e3", "nan", "-0", "12", "1_0", ".5", "5.", "inf"]


def _columns(model: type[BaseModel]) -> list[str]:
    names = []
    for name, info in model.model_fields.items():
        alias = info.validation_alias
        names += [*alias.choices] if isinstance(alias, AliasChoices) else []  # type: ignore[list-item]
        names.append(name)
    return [*dict.fromkeys(names), "unrelated"]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_row_read_fast_is_the_row_validation_reads(data: st.DataObject) -> None:
    # Given any row model, a header of some of its columns in any order, and any cells
    model = data.draw(st.sampled_from(MODELS))
    header = data.draw(st.lists(st.sampled_from(_columns(model)), unique=True))
    cells = data.draw(st.lists(st.sampled_from(CELLS), min_size=len(header),
                               max_size=len(header)))  # fmt: skip
    # When the row is read the fast way
    fast = RowPlan(model, header).build(cells)
    # Then it is what validation makes of it, or it is left to validation
    try:
        slow = model.model_validate(
            {k: v.strip() or None for k, v in zip(header, cells, strict=True)}
        )
    except ValidationError:
        assert fast is None
        return
    if fast is not None:
        assert fast.model_dump() == slow.model_dump()
