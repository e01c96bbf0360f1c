"""A terminal process in a first pull of many small groups, to be killed with SIGKILL.

Usage: python -m tests.sync.pull_worker DB
Prints "ready" as the pull starts, so the killer knows the process is in it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pos_app.services.sync import pull, server_link
from pos_app.store import open_store
from sync.engine.client import ServerClient


def main(db: str) -> None:
    store = open_store(Path(db), create=False)
    link = server_link(store)
    assert link is not None
    with ServerClient(link.url, link.token) as client:
        print("ready", flush=True)
        pull(store, client, page_size=20, commit_every=60)


if __name__ == "__main__":
    main(sys.argv[1])
