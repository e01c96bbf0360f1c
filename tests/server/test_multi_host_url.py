"""A database URL naming several hosts, libpq's way: the server connects to the one that
takes writes, whichever comes first in the list."""

from __future__ import annotations

from sqlalchemy import text

from sync.server.db import database_url, make_engine
from tests.pg import free_port


def test_hosts_become_one_host_parameter_each_and_the_rest_is_kept() -> None:
    url = "postgresql://loyalty:pw@10.0.0.1:6001,10.0.0.2:6002/loyalty?target_session_attrs=read-write"
    assert database_url(url) == (
        "postgresql+psycopg://loyalty:pw@/loyalty"
        "?host=10.0.0.1:6001&host=10.0.0.2:6002&target_session_attrs=read-write"
    )
    assert database_url("postgresql://u@h:5432/db?x=1") == "postgresql+psycopg://u@h:5432/db?x=1"
    assert database_url("sqlite:///server.db") == "sqlite:///server.db"


def test_the_server_connects_to_the_host_that_answers(pg_admin_url: str) -> None:
    # The first host is a port nobody listens on (a lost primary); the second is the
    # test PostgreSQL, which takes writes.
    _, rest = pg_admin_url.split("://", 1)
    user, _, hostport_db = rest.rpartition("@")
    hostport, _, db = hostport_db.partition("/")
    dead = f"127.0.0.1:{free_port()}"
    url = f"postgresql://{user}@{dead},{hostport}/{db}?target_session_attrs=read-write"
    engine = make_engine(url, pool_size=1)
    try:
        with engine.connect() as conn:
            port = conn.execute(text("SELECT inet_server_port()")).scalar_one()
            read_only = conn.execute(text("SHOW transaction_read_only")).scalar_one()
    finally:
        engine.dispose()
    assert str(port) == hostport.rsplit(":", 1)[1]
    assert read_only == "off"
