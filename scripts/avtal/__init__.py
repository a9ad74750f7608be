"""avtal: the agreement on health and medical care in the home, kept as code."""

__version__ = "0.1.0"
