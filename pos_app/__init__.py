"""The loyalty terminal: a Qt-free core (domain, store, scanner, services) and its Qt UI."""

__version__ = "0.1.0"
