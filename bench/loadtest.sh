#!/bin/sh
# Load test: CLIENTS concurrent clients for DURATION seconds against gunicorn on loopback,
# over the benchmark URL mix; prints requests/s, p50/p95/p99 latency, errors and /healthz p99.
#
#   sh bench/loadtest.sh                     # the `make run` archive (embedded PostgreSQL)
#   DATABASE_URL=postgres://… sh bench/loadtest.sh   # e.g. a generated large archive
#
# Knobs: CLIENTS (50), DURATION (60 s), WORKERS (gunicorn workers, 3), THREADS (wrk threads, 2),
# PORT (8765), GUNICORN_ARGS (extra gunicorn options, e.g. "--threads 4"), LOADTEST_JSON (write
# the figures there). DATABASE_POOL / DATABASE_JIT apply as in production.
# Uses wrk (installed with apt-get when missing). Not part of `make test`.
set -eu
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-50}
DURATION=${DURATION:-60}
WORKERS=${WORKERS:-3}
THREADS=${THREADS:-2}
PORT=${PORT:-8765}
PY=.venv/bin/python
HOST=127.0.0.1
BASE="http://$HOST:$PORT"

if ! command -v wrk >/dev/null 2>&1; then
    echo "Installing wrk (apt-get)…" >&2
    if [ "$(id -u)" -ne 0 ]; then echo "wrk is missing: install it (apt-get install wrk) as root" >&2; exit 2; fi
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
fi

# Production-like settings, served over plain HTTP on loopback.
export DEBUG=false
export SECRET_KEY="${SECRET_KEY:-loadtest-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
export ALLOWED_HOSTS=$HOST
export SECURE_SSL_REDIRECT=false
export LOG_LEVEL=ERROR
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"

echo "Preparing: migrate, sample import (when the importer exists), collectstatic…" >&2
$PY manage.py migrate --noinput >/dev/null
if [ -f articles/management/commands/import_articles.py ] && [ -d sample_data ] && [ -z "${DATABASE_URL:-}" ]; then
    $PY manage.py import_articles sample_data >/dev/null 2>&1 || echo "warning: sample import reported failures" >&2
fi
$PY manage.py collectstatic --noinput >/dev/null

# The benchmark's URL mix (bench/pages.py: filters, full text, deep pages, a ~10 000-row CSV),
# plus the article list and one article, chosen from the archive so they exist at any size.
URLS=$($PY manage.py shell --no-imports -c '
from articles.models import Article
from bench.pages import benchmark_urls
urls = [url for _, url in benchmark_urls()] + ["/articles/", "/countries/"]
article = Article.objects.order_by("pk").values_list("pk", flat=True).first()
if article:
    urls.append(f"/articles/{article}/")
print("URLS", " ".join(urls))
' | sed -n 's/^URLS //p')
[ -n "$URLS" ] || { echo "could not choose the URL mix" >&2; exit 1; }

WORK=$(mktemp -d)
GUNICORN_PID=""
cleanup() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill -TERM "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# --preload: settings (and the embedded server) load once in the master, then fork.
.venv/bin/gunicorn archive.wsgi:application --preload --bind "$HOST:$PORT" --workers "$WORKERS" \
    --timeout 30 --log-level warning --error-logfile "$WORK/gunicorn.log" ${GUNICORN_ARGS:-} &
GUNICORN_PID=$!

i=0
until $PY -c "import urllib.request,sys; urllib.request.urlopen('$BASE/healthz', timeout=2)" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 60 ] || ! kill -0 "$GUNICORN_PID" 2>/dev/null; then
        echo "gunicorn did not become healthy:" >&2; cat "$WORK/gunicorn.log" >&2; exit 1
    fi
    sleep 0.5
done

# Only URLs that answer 200 are measured (a small archive has no page 200 of /entries/).
MEASURED=""
for url in $URLS; do
    code=$($PY -c "import urllib.request,sys
try: print(urllib.request.urlopen('$BASE$url', timeout=60).status)
except Exception as e: print(getattr(e, 'code', e))")
    if [ "$code" = "200" ]; then MEASURED="$MEASURED $url"; echo "  $code $url" >&2
    else echo "  $code $url (left out of the mix)" >&2; fi
done
URLS=$MEASURED
[ -n "$URLS" ] || { echo "no URL answered 200" >&2; exit 1; }

{
    echo "local paths = {"
    for url in $URLS; do echo "  \"$url\","; done
    echo "}"
    cat <<'LUA'
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f http_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, socket_errors))
end
LUA
} > "$WORK/mix.lua"

echo "Running: $CLIENTS clients for ${DURATION}s over $(echo $URLS | wc -w) URLs, $WORKERS gunicorn workers…" >&2
# A monitor's view meanwhile: /healthz every 0.2 s on its own connection (bench/healthz_probe.py).
$PY bench/healthz_probe.py --url "$BASE/healthz" --duration "$DURATION" > "$WORK/healthz.out" &
PROBE_PID=$!
timeout $((DURATION + 60)) wrk --threads "$THREADS" --connections "$CLIENTS" --duration "${DURATION}s" \
    --timeout 30s --script "$WORK/mix.lua" "$BASE" | tee "$WORK/wrk.out" | grep -E "RESULT|Latency|Requests/sec" || true
wait "$PROBE_PID" || true
cat "$WORK/healthz.out"
RESULT=$(grep RESULT "$WORK/wrk.out" || true)
[ -n "$RESULT" ] || { echo "wrk produced no result" >&2; cat "$WORK/wrk.out" >&2; exit 1; }
if [ -s "$WORK/gunicorn.log" ]; then echo "gunicorn log:" >&2; tail -20 "$WORK/gunicorn.log" >&2; fi
if [ -n "${LOADTEST_JSON:-}" ]; then
    $PY bench/healthz_probe.py --to-json "$LOADTEST_JSON" --wrk "$RESULT" --probe "$WORK/healthz.out" \
        --clients "$CLIENTS" --workers "$WORKERS" --gunicorn-args "${GUNICORN_ARGS:-}"
fi
case "$RESULT" in
    *"http_errors=0 socket_errors=0"*) echo "OK: no errors" ;;
    *) echo "ERRORS during the load test" >&2; exit 1 ;;
esac
