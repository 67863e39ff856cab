#!/usr/bin/env bash
# The front door benchmark: seed 100,000 people and 1,000,000 contacts into a fresh PostgreSQL database,
# then time the worklist, a person's page and the API person read with 20 concurrent clients.
# See README.md. Usage: benchmarks/frontdoor/run.sh [--skip-seed]
set -euo pipefail
cd "$(dirname "$0")/../.."

PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
BENCH_DB=${BENCH_DB:-kithkin_bench}
PEOPLE=${PEOPLE:-100000}
CONTACTS_PER_PERSON=${CONTACTS_PER_PERSON:-10}
CLIENTS=${CLIENTS:-20}
REQUESTS=${REQUESTS:-2000}
PORT=${PORT:-8001}
OUT=${OUT:-/tmp/kithkin-frontdoor-bench}
mkdir -p "$OUT"

# Serve from the distribution's CPython (Debian builds it with PGO and LTO): about a third faster on
# this workload than a plain source build such as pyenv's, and what a council's Debian server runs.
BENCH_PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
VENV=${BENCH_VENV:-.venv-bench}
if [[ ! -x "$VENV/bin/gunicorn" ]]; then
  echo "== $VENV from $BENCH_PYTHON ($("$BENCH_PYTHON" --version))"
  "$BENCH_PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
fi
"$VENV/bin/pip" install --quiet -e .

export DATABASE_URL="postgres://$PGUSER@$PGHOST:5432/$BENCH_DB"
export SECRET_KEY=${SECRET_KEY:-kithkin-benchmark-only-not-secret}
export KITHKIN_HTTPS=0 ALLOWED_HOSTS=127.0.0.1
unset KITHKIN_DEBUG
export PYTHONWARNINGS="ignore:No directory at"  # whitenoise, when collectstatic has not been run

if [[ "${1:-}" != "--skip-seed" ]]; then
  echo "== fresh database $BENCH_DB"
  psql -h "$PGHOST" -U "$PGUSER" -q -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB"
  $VENV/bin/kithkin migrate --no-input -v0
  echo "== seed-demo --people $PEOPLE --contacts-per-person $CONTACTS_PER_PERSON --seed 1"
  SECONDS=0
  $VENV/bin/kithkin seed-demo --people "$PEOPLE" --contacts-per-person "$CONTACTS_PER_PERSON" --seed 1 \
    | grep -v -e "fenmere-demo" -e "^Username" -e "^---" -e "^Demo log-ins" -e "^$"
  echo "== seeded in $SECONDS s (target: under 600 s)" | tee "$OUT/seed.txt"
  # Fresh statistics, as autovacuum would give a real database soon after a load.
  psql -h "$PGHOST" -U "$PGUSER" -d "$BENCH_DB" -q -c "VACUUM ANALYZE"
fi

echo "== gunicorn on 127.0.0.1:$PORT (4 workers)"
$VENV/bin/gunicorn kithkin.wsgi -w 4 -b "127.0.0.1:$PORT" --access-logfile /dev/null \
  --error-logfile "$OUT/gunicorn.log" &
gunicorn_pid=$!
trap 'kill "$gunicorn_pid" 2>/dev/null; wait "$gunicorn_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done

echo "== load: $CLIENTS clients, closed loop, up to $REQUESTS requests per page"
$VENV/bin/python benchmarks/frontdoor/load.py --base "http://127.0.0.1:$PORT" --clients "$CLIENTS" \
  --requests "$REQUESTS" --json "$OUT/load-closed.json"
echo "== load: $CLIENTS clients, each sending one request a second, for 30 s per page"
$VENV/bin/python benchmarks/frontdoor/load.py --base "http://127.0.0.1:$PORT" --clients "$CLIENTS" \
  --requests $((CLIENTS * 30)) --pace 1 --json "$OUT/load-paced.json"
echo "== results in $OUT"
