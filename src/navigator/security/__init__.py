"""Shared-laptop safety: PINs, sealing client fields, retention."""
