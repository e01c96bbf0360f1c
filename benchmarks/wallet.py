"""Wallet passes: signing speed, and how fast one sync's changes reach the phones.

`python -m benchmarks wallet [--cards 1000] [--passes 500] [--sqlite]`

1. `passes_per_s`: complete `.pkpass` files (pass.json, images, manifest, PKCS#7 signature
   with a 2048-bit RSA key) built one after another on one core.
2. A served server (PostgreSQL by default, one worker) with the wallet set up against a
   local HTTP/2 stand-in for APNs, `--cards` cards each with one registered device; one
   push of one stamp per card (one batch). `push_p95_s` / `push_max_s`: from sending the
   push until each device's APNs push reaches the stand-in; `pushes_per_changed_card`:
   pushes received (a second after the last) per changed card.
Bar (issue 14): passes_per_s >= 200, push_p95_s <= 2, pushes_per_changed_card == 1.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import update

from benchmarks._report import percentile, print_json, print_table
from benchmarks.server import _create_pg, _drop_pg, _serve
from pos_app.domain.demo import demo_cards
from pos_app.domain.program import Program, ProgramKind
from sync.protocol import PairResponse, PushRequest
from sync.server import admin
from sync.server.cli import main as server_cli
from sync.server.db import make_engine, migrate, write
from sync.server.entries import EntryChain
from sync.server.models import CARDS, WALLET_DEVICES
from sync.server.pairing import create_pair_code
from sync.server.wallet.face import Brand, CardFace
from sync.server.wallet.issue import ID_BYTES
from sync.server.wallet.pkpass import build_pkpass
from sync.server.wallet.settings import WalletSettings, load_apple
from tests.server.wallet.pki import PASS_TYPE_ID, TEAM_ID, configure_args, make_pki
from tests.standins.process import start_standin

MERCHANT, STORE, STAFF = "wallet-bench", "wallet-bench-store", "wallet-bench-staff"
PROGRAM = Program(
    id="wallet-bench-stamps",
    merchant_id=MERCHANT,
    name="Coffee card",
    kind=ProgramKind.STAMPS,
    stamps_target=8,
    max_stamps_per_scan=10,
)
PUBLIC = "https://loyalty.example.test"


def _signing(pki_dir: Path, count: int) -> float:
    pki = make_pki(pki_dir)
    settings = WalletSettings(
        public_url=PUBLIC,
        pass_type_id=PASS_TYPE_ID,
        team_id=TEAM_ID,
        apple_cert_path=str(pki.cert),
        apple_key_path=str(pki.key),
        apple_wwdr_path=str(pki.wwdr),
    )
    creds = load_apple(settings)
    faces = [
        CardFace(
            card_id=c.id,
            merchant_id=MERCHANT,
            merchant_name="Harbour Coffee",
            program_id=PROGRAM.id,
            program_name=PROGRAM.name,
            card_number=c.card_number,
            qr_token=c.qr_token,
            customer_name=c.customer_name,
            is_active=True,
            deleted=False,
            stamps=f"{c.stamp_count % 8} of 8",
            stamps_toward=c.stamp_count % 8,
            stamps_target=8,
            reward="Free coffee",
            rewards_ready=0,
            points=None,
            updated_at=datetime.now(UTC),
            version=1,
            apple_serial_number=secrets.token_hex(ID_BYTES),
            apple_auth_token=secrets.token_urlsafe(24),
            google_object_id=None,
            brand=Brand(),
        )
        for c in demo_cards(count, [PROGRAM], [STORE], seed=7)
    ]
    started = time.perf_counter()
    for face in faces:
        build_pkpass(face, settings, creds)
    return count / (time.perf_counter() - started)


def _seed(db_url: str, cards: int) -> list[str]:
    engine = make_engine(db_url, pool_size=1)
    now = datetime.now(UTC)
    made = demo_cards(cards, [PROGRAM], [STORE], seed=11)
    with write(engine) as conn:
        admin.create_merchant(conn, MERCHANT, "Harbour Coffee", now)
        admin.add_store(conn, STORE, MERCHANT, "Harbour", now)
        admin.add_staff(conn, STAFF, MERCHANT, "Alex", "cashier", "1234", now)
        admin.add_program(conn, PROGRAM, now)
        admin.insert_cards(conn, made, now)
        # Every card's pass issued and one device registered for it (as the PassKit web
        # service would have written them; that service is not what is measured here).
        serials = {card.id: secrets.token_hex(ID_BYTES) for card in made}
        for card in made:
            conn.execute(
                update(CARDS)
                .where(CARDS.c.merchant_id == MERCHANT, CARDS.c.id == card.id)
                .values(
                    apple_serial_number=serials[card.id],
                    apple_auth_token=secrets.token_urlsafe(24),
                )
            )
        conn.execute(
            WALLET_DEVICES.insert(),
            [
                {
                    "device_id": f"device-{i}",
                    "pass_type_id": PASS_TYPE_ID,
                    "serial_number": serials[card.id],
                    "card_id": card.id,
                    "merchant_id": MERCHANT,
                    "push_token": f"{i:064x}",
                    "registered_at": now,
                }
                for i, card in enumerate(made)
            ],
        )
        code = create_pair_code(conn, STORE, now, timedelta(minutes=5))
    engine.dispose()
    return [code, *(c.id for c in made)]


def _push_once(base_url: str, code: str, card_ids: list[str]) -> float:
    terminal_id = uuid.uuid4()
    with httpx.Client(base_url=base_url, timeout=120) as client:
        paired = client.post(
            "/v1/pair",
            json={"code": code, "terminal_id": str(terminal_id), "terminal_name": "Bench"},
        )
        paired.raise_for_status()
        token = PairResponse.model_validate(paired.json()).token
        chain = EntryChain(terminal_id, STORE, STAFF)
        for card_id in card_ids:
            chain.add(card_id, PROGRAM.id, {"kind": "stamp", "count": 1}, stamps_delta=1)
        body = PushRequest(
            terminal_id=terminal_id, terminal_time=datetime.now(UTC), entries=chain.entries
        ).model_dump(mode="json")  # fmt: skip
        sent_at = time.time()
        auth = {"Authorization": f"Bearer {token}"}
        response = client.post("/v1/push", json=body, headers=auth)
        if response.status_code != 200:
            raise RuntimeError(f"push refused: {response.status_code} {response.text[:500]}")
    print(f"push answered in {time.time() - sent_at:.3f} s", file=sys.stderr)
    return sent_at


def _parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks wallet", description=__doc__)
    p.add_argument("--cards", type=int, default=1000, help="cards changed by the push (≤1000)")
    p.add_argument("--passes", type=int, default=500, help="passes signed for passes_per_s")
    p.add_argument(
        "--pg",
        default=os.environ.get("LOYALTY_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL URL where a throwaway database may be created",
    )
    p.add_argument("--sqlite", action="store_true", help="on SQLite instead")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = _parse(argv)
    tmp = Path(tempfile.mkdtemp(prefix="loyalty-wallet-bench-"))
    passes_per_s = _signing(tmp / "pki", args.passes)

    db_url = f"sqlite:///{tmp / 'server.db'}" if args.sqlite else _create_pg(args.pg)
    apns = start_standin("apns", tmp / "apns")
    proc: subprocess.Popen[bytes] | None = None
    try:
        migrate(db_url)
        code, *card_ids = _seed(db_url, args.cards)
        pki = make_pki(tmp / "server-pki")
        configured = server_cli(
            [
                "wallet",
                "configure",
                *configure_args(pki, PUBLIC),
                "--apns-url",
                apns.url,
                "--db",
                db_url,
            ]
        )
        if configured != 0:
            raise RuntimeError("wallet configure failed")
        proc, base_url = _serve(db_url, 1, tmp / "server.log")
        sent_at = _push_once(base_url, code, card_ids)
        apns.wait_for(len(card_ids), timeout_s=120)
        time.sleep(1.0)  # any second push per device would have come by now
        received = apns.received()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
        apns.stop()
        if not args.sqlite:
            _drop_pg(args.pg, db_url)
    delays = [float(r["at"]) - sent_at for r in received]
    if delays:
        print(f"first push reached the stand-in after {min(delays):.3f} s", file=sys.stderr)
    result = {
        "backend": "sqlite" if args.sqlite else "postgresql",
        "cards": len(card_ids),
        "passes_per_s": round(passes_per_s, 1),
        "push_p95_s": round(percentile(delays, 95), 3) if delays else None,
        "push_max_s": round(max(delays), 3) if delays else None,
        "pushes_received": len(received),
        "pushes_per_changed_card": round(len(received) / len(card_ids), 3),
        "distinct_devices_reached": len({r["token"] for r in received}),
    }
    print_table(["measure", "value"], [[k, v] for k, v in result.items()])
    print_json(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
