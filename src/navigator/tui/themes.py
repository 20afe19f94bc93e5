"""Navigator's own themes: a high-contrast one for bright halls, old screens and tired eyes."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = "navigator-high-contrast"
STANDARD = "textual-dark"

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#202020",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF6060",
    dark=True,
    # Cursors are deep blue, not yellow: result rows keep their own green and grey
    # text, which must stay readable on the cursor (7:1 or better against white).
    variables={
        "block-cursor-background": "#0030A0",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#606060",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#00FFFF 60%",
        "border": "#FFFF00",
        "border-blurred": "#808080",
        "text-muted": "#D0D0D0",
        "scrollbar": "#808080",
        "scrollbar-hover": "#FFFF00",
    },
)

NAVIGATOR_THEMES = (HIGH_CONTRAST_THEME,)
