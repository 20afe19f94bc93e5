"""Filters a worker applies before ranking: need, hours, language, cost, age, distance."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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

    def describe(self) -> str:
        parts = []
        if self.needs:
            parts.append("need: " + ", ".join(self.needs))
        if self.open_now:
            parts.append("open now")
        if self.open_today:
            parts.append("open today")
        if self.language:
            parts.append(f"language: {self.language}")
        if self.free_only:
            parts.append("free")
        if self.age is not None:
            parts.append(f"age {self.age}")
        if self.within_km is not None:
            parts.append(f"within {self.within_km:g} km")
        return " · ".join(parts)
