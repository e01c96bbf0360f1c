"""The terminal side of sync: HTTP client, backoff, connectivity and clock estimation.

Qt-free and store-free: `pos_app.services.sync` joins it with the local store.
"""
