"""QR codes for the slip (segno): the same matrix drawn on paper and in the terminal."""

from __future__ import annotations

import segno

QUIET_ZONE = 4
"""Light modules around the code: scanners need them to find it."""


def qr_matrix(data: str, *, border: int = QUIET_ZONE, error: str = "m") -> list[list[bool]]:
    """Rows of dark (True) and light modules, quiet zone included.

    Medium error correction on paper (creases, smudges); low on screen, where a smaller
    code fits a narrow terminal and nothing smudges.
    """
    code = segno.make(data, error=error, micro=False, boost_error=False)
    return [[bool(bit) for bit in row] for row in code.matrix_iter(scale=1, border=border)]


def qr_text(data: str) -> str:
    """The code as half-block characters, two modules a line, for dark text on a light ground."""
    rows = qr_matrix(data, border=2, error="l")
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    glyph = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
    lines = [
        "".join(glyph[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]
    return "\n".join(lines)
