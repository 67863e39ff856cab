#!/usr/bin/env bash
# Import a full-size ONS Postcode Directory (2.7 million rows, ONSPD's 52 columns) into a fresh SQLite
# database and a fresh PostgreSQL database, timing each. See README.md.
# Usage: benchmarks/postcodes/run.sh [ROWS]   (default 2,700,000; the CSV is generated once and kept)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-2700000}
OUT=${OUT:-/tmp/kithkin-postcodes-bench}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
BENCH_DB=${BENCH_DB:-kithkin_postcodes}
mkdir -p "$OUT"
CSV="$OUT/onspd-$ROWS.csv"
export KITHKIN_DEBUG=1

if [[ ! -f "$CSV" ]]; then
  echo "== generating $CSV"
  .venv/bin/python benchmarks/postcodes/generate.py "$ROWS" "$CSV"
fi
ls -l "$CSV"

echo "== SQLite"
rm -f "$OUT/postcodes.sqlite3"
export DATABASE_URL="sqlite:///$OUT/postcodes.sqlite3"
.venv/bin/kithkin migrate --no-input -v0
/usr/bin/time -f "SQLite: %e s wall, %M KB peak memory" .venv/bin/kithkin import-postcodes "$CSV" 2>&1 | tail -3

echo "== PostgreSQL"
psql -h "$PGHOST" -U "$PGUSER" -q -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB"
export DATABASE_URL="postgres://$PGUSER@$PGHOST:5432/$BENCH_DB"
.venv/bin/kithkin migrate --no-input -v0
/usr/bin/time -f "PostgreSQL: %e s wall, %M KB peak memory" .venv/bin/kithkin import-postcodes "$CSV" 2>&1 | tail -3
echo "== again, over the same postcodes (every row an update)"
/usr/bin/time -f "PostgreSQL re-import: %e s wall" .venv/bin/kithkin import-postcodes "$CSV" 2>&1 | tail -2
