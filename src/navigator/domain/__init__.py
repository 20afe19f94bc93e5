"""Pure models and rules of the desk: needs, opening hours, listings, handoffs. No I/O."""
