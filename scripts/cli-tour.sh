#!/usr/bin/env bash
# `make run` for now: a guided tour of the terminal's core on a fresh demo database.
# Every line starting with `$` is a real command you can type yourself afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
tour_dir="${TOUR_DIR:-$(mktemp -d)}"
export LOYALTY_POS_DB="$tour_dir/terminal.db"
export LOYALTY_POS_STAFF=alex LOYALTY_POS_PIN=1234

step() { printf '\n\033[1m# %s\033[0m\n' "$1"; }
run() { printf '$ %s\n' "$*"; "$@"; local rc=$?; [ $rc -ne 0 ] && printf '(exit code %d)\n' "$rc"; return 0; }

step "A terminal database with a demo merchant (two programs, staff, 20 cards)"
run loyalty-pos init --demo
run loyalty-pos programs
run loyalty-pos card list --limit 4
coffee=$(loyalty-pos card list --limit 20 | awk '$2=="coffee"{print $1; exit}')
bakery=$(loyalty-pos card list --limit 20 | awk '$2=="bakery"{print $1; exit}')

step "Alex (PIN 1234, from LOYALTY_POS_STAFF / LOYALTY_POS_PIN) stamps a coffee card"
run loyalty-pos stamp "$coffee"
step "A second stamp inside the 2-minute cooldown is refused, with the reason"
run loyalty-pos stamp "$coffee"

step "Points for a purchase of 12.50, then a croissant from the catalogue"
run loyalty-pos earn "$bakery" 12.50
run loyalty-pos redeem-points "$bakery" croissant
step "A return voids more points than are left: the balance stops at zero"
run loyalty-pos void "$bakery" 1000

step "Bad input changes nothing and says why"
run loyalty-pos earn "$bakery" -5
run loyalty-pos stamp "WIFI:S:shop;T:WPA;P:secret;;"
run loyalty-pos stamp 1111-2222-3333

step "A new customer gets a card (and the welcome bonus)"
run loyalty-pos enroll --program bakery --name "Zoë"

step "Every operation is in the hash-chained journal, pending until the server confirms it"
run loyalty-pos journal
run loyalty-pos verify-journal
printf '\nThe database is at %s; try `loyalty-pos --help` with LOYALTY_POS_DB set to it.\n' "$LOYALTY_POS_DB"
