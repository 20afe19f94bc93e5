"""Getting records to the hub exactly once: outbox records, the hub's schema, USB bundles."""
