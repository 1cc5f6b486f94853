#!/bin/sh
# The browser tests drive Debian's Chromium through Playwright (Playwright cannot download
# its own browser here). Install it when missing and we are allowed to.
set -e
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "Chromium not found at $CHROMIUM: install it (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
fi
