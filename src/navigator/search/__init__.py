"""Search: an in-memory index of the catalogue, need-aware query parsing and ranking."""
