"""Navigator: an offline resource desk for pop-up service sites."""

__version__ = "0.1.0"
