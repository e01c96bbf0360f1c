"""Synchronisation between terminals and the merchant's central server."""
