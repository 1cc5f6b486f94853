#!/bin/sh
# The benchmarks can run against Debian's PostgreSQL (bench/pgserver.py) as well as the embedded
# one. Install its server package when missing and we are allowed to.
set -e
if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's postgresql for the benchmarks..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # The package starts its own cluster on port 5432; the benchmarks start theirs.
    if command -v pg_ctlcluster >/dev/null 2>&1; then
        for version in $(ls /usr/lib/postgresql); do pg_ctlcluster "$version" main stop 2>/dev/null || true; done
    fi
else
    echo "Debian's PostgreSQL is not installed: sudo apt-get install postgresql" >&2
    exit 1
fi
