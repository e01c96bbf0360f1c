"""The merchant's central server: FastAPI over SQLAlchemy, on PostgreSQL or SQLite.

It imports only the shared card rules (`pos_app.domain`) and the wire contract
(`sync.protocol`), never the terminal's store or services.
"""
