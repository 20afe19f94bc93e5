"""What an import found wrong, row by row, for the skip report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One problem in the input, located by file, row and field."""

    path: str
    row: int | None
    field: str | None
    message: str
    skipped: str = "row"  # what was left out: "row", "value" or "nothing"

    def where(self) -> str:
        parts = [self.path]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


@dataclass
class ProblemLog:
    """Problems collected during one import."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def counts_by_reason(self) -> Counter[str]:
        return Counter(p.message for p in self.problems)

    def __len__(self) -> int:
        return len(self.problems)
