"""The merchant's back office in the browser, served by the central server under /office/.

Pages (server-rendered, plain forms, no script):
    /office/sign-in, POST /office/sign-out, /office/account
    /office/                 the day: ?day=YYYY-MM-DD&store=STORE (an owner's choice)
    /office/terminals        pair (POST /office/terminals/pair), revoke
                             (POST /office/terminals/{id}/revoke)
    /office/staff            add, deactivate, reset a PIN (owners)
    /office/programs         and /office/programs/{id} to edit the rules (owners)
    /office/cards?q=         search; /office/cards/{card_id}: history and card actions
    /office/customers?q=     customers and their cards

CSV exports (streamed), each the list of its page with the same query:
    /office/day.csv?day=&store=      the day's transactions
    /office/terminals.csv, /office/staff.csv, /office/programs.csv
    /office/cards.csv?q=, /office/customers.csv?q=
    /office/cards/{card_id}/history.csv

Owners see every store of their merchant; a store manager sees their store only; nobody
sees another merchant's data: every read is scoped by the signed-in session, never by an
id the browser sends.
"""

from sync.server.office.install import install

__all__ = ["install"]
