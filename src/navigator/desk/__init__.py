"""Use cases: one module per thing a worker does. The CLI and the TUI both call these."""
