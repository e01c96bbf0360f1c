"""Reading the server's change feed one page ahead of the terminal that writes it.

A first pull of a large merchant is two kinds of work in turn: waiting for the server to
build and send a page, and writing the page into SQLite. A thread fetches (and validates)
the next pages while the caller writes the previous ones, so the two overlap. The pages
still come out strictly in feed order, and the caller still decides when a page is durable
(with its cursor): fetching ahead never moves the stored cursor.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sync.engine.client import ServerClient
from sync.protocol import ChangesPage, RevocationChange

# Pages held ahead of the writer: enough to hide the server's latency, bounded in memory
# (a page of 5,000 cards is about 10 MB of Python objects).
AHEAD = 2
_POLL_S = 0.2


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


@contextmanager
def pages_ahead(
    client: ServerClient, cursor: int, page_size: int, ahead: int = AHEAD
) -> Iterator[Iterator[ChangesPage]]:
    """The feed's pages from `cursor` to its end, fetched on a thread up to `ahead` early.

    An error while fetching is raised from the iterator where its page would have been.
    Leaving the block early (the caller failed, or stopped reading) stops the thread.
    """
    found: queue.Queue[ChangesPage | _Failed | None] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(item: ChangesPage | _Failed | None) -> bool:
        while not stop.is_set():
            try:
                found.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def fetch() -> None:
        at = cursor
        try:
            while True:
                page = client.changes(at, page_size)
                if not put(page):
                    return
                # A revocation ends the feed for this terminal, whatever follows.
                if not page.has_more or any(isinstance(c, RevocationChange) for c in page.changes):
                    put(None)
                    return
                at = page.next_cursor
        except BaseException as exc:  # handed to the reader, raised there
            put(_Failed(exc))

    def pages() -> Iterator[ChangesPage]:
        while True:
            item = found.get()
            if item is None:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item

    worker = threading.Thread(target=fetch, name="pull-ahead", daemon=True)
    worker.start()
    try:
        yield pages()
    finally:
        stop.set()
        worker.join()
