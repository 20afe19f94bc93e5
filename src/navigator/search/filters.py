"""Filters a worker applies before ranking: need, hours, language, cost, age, distance."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from navigator.domain.text import Translate, untranslated


class SearchFilters(BaseModel):
    model_config = ConfigDict(frozen=True)

    needs: tuple[str, ...] = ()
    open_now: bool = False
    open_today: bool = False
    language: str | None = None
    free_only: bool = False
    age: int | None = Field(default=None, ge=0, le=130)
    within_km: float | None = Field(default=None, gt=0)

    @property
    def active(self) -> bool:
        return self != SearchFilters()

    def describe(self, _: Translate = untranslated) -> str:
        """'need: food · open now · within 5 km', in the desk's language when given `_`."""
        parts = []
        if self.needs:
            parts.append(_("need: {needs}").format(needs=", ".join(self.needs)))
        if self.open_now:
            parts.append(_("open now"))
        if self.open_today:
            parts.append(_("open today"))
        if self.language:
            parts.append(_("language: {language}").format(language=self.language))
        if self.free_only:
            parts.append(_("free"))
        if self.age is not None:
            parts.append(_("age {age}").format(age=self.age))
        if self.within_km is not None:
            parts.append(_("within {km} km").format(km=f"{self.within_km:g}"))
        return " · ".join(parts)
