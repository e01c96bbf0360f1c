#!/usr/bin/env bash
# Installs the Debian packages the terminal needs beyond Python wheels: libzbar0 for pyzbar,
# Xvfb and the xcb libraries for a real Qt window and screenshots, fonts for readable text,
# poppler-utils to render the end-of-day PDF to images in its tests; openssl to check wallet
# pass signatures, chromium and its driver to test the customer's card page in a browser;
# pg_auto_failover (pg_autoctl) and HAProxy for the server's failover and load-balancer tests.
# Installs only what is missing, so a machine that has them all never touches apt.
set -euo pipefail
packages=(
    libzbar0 xvfb xauth x11-utils imagemagick
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
    libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core libpulse0
    postgresql-15 binutils libcups2 poppler-utils
    openssl chromium chromium-driver
    postgresql-15-auto-failover haproxy
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "error: missing Debian packages (${missing[*]}) and no root or sudo to install them" >&2
    exit 1
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
