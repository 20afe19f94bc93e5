"""The Textual app: thin screens over the desk's use cases."""
