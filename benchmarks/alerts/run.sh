#!/usr/bin/env bash
# Partner alerts at 50 a second for a minute against PostgreSQL on loopback: every alert stored, alerts
# that set a plan off turned into an episode with tasks within the request, p95 under 1 s, and no
# duplicates from resends. See README.md. Usage: benchmarks/alerts/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
BENCH_DB=${BENCH_DB:-kithkin_alerts_bench}
PORT=${PORT:-8002}
RATE=${RATE:-50}
SECONDS_OF_LOAD=${SECONDS_OF_LOAD:-60}
OUT=${OUT:-/tmp/kithkin-alerts-bench}
mkdir -p "$OUT"
BENCH_PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
VENV=${BENCH_VENV:-.venv-bench}
if [[ ! -x "$VENV/bin/gunicorn" ]]; then
  "$BENCH_PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
fi
"$VENV/bin/pip" install --quiet -e .

export DATABASE_URL="postgres://$PGUSER@$PGHOST:5432/$BENCH_DB"
export SECRET_KEY=${SECRET_KEY:-kithkin-benchmark-only-not-secret}
export KITHKIN_HTTPS=0 ALLOWED_HOSTS=127.0.0.1 KITHKIN_TASKS_IMMEDIATE=0
unset KITHKIN_DEBUG
export PYTHONWARNINGS="ignore:No directory at"

echo "== fresh database $BENCH_DB, with the demo population (2,000 people)"
psql -h "$PGHOST" -U "$PGUSER" -q -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB"
$VENV/bin/kithkin migrate --no-input -v0
$VENV/bin/kithkin seed-demo --people 2000 --seed 1 > /dev/null

echo "== gunicorn on 127.0.0.1:$PORT (4 workers)"
$VENV/bin/gunicorn kithkin.wsgi -w 4 -b "127.0.0.1:$PORT" --access-logfile /dev/null \
  --error-logfile "$OUT/gunicorn.log" &
gunicorn_pid=$!
trap 'kill "$gunicorn_pid" 2>/dev/null; wait "$gunicorn_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done

echo "== $RATE alerts a second for $SECONDS_OF_LOAD s"
$VENV/bin/python benchmarks/alerts/load.py --base "http://127.0.0.1:$PORT" --rate "$RATE" \
  --seconds "$SECONDS_OF_LOAD" --json "$OUT/alerts.json"
