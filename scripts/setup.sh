#!/usr/bin/env bash
# Install what libstance needs from Debian's archive (only what is missing) and
# build it in this checkout. Run as root (or through sudo) on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential autoconf automake libtool pkg-config
          libpcre2-dev libutf8proc-dev libxxhash-dev libjansson-dev zlib1g-dev
          libsvm-dev liblinear-dev libcmocka-dev
          python3 python3-dev python3-pytest python3-setuptools python3-venv python3-pip python3-distributed)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x configure ] || autoreconf -fi >/dev/null 2>&1
[ -f Makefile ] || ./configure -q --with-python=/usr/bin/python3 "$@"
make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
echo "setup: built ./stance and libstance" >&2
