"""parviz: rankings, changes and findings of Vietnam's Administrative Reform Index."""

__version__ = "0.1.0"
