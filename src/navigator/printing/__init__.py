"""Paper for the client: the referral slip as PDF, and the system printer."""
