#!/usr/bin/env bash
# Directory search: relevance over the Fenmere corpus, then latency over 10,000 generated services on
# SQLite. See README.md. Usage: benchmarks/search/run.sh [SERVICES]   (default 10,000)
set -euo pipefail
cd "$(dirname "$0")/../.."
SERVICES=${1:-10000}
OUT=${OUT:-/tmp/kithkin-search-bench}
mkdir -p "$OUT"
export KITHKIN_DEBUG=1 DJANGO_SETTINGS_MODULE=kithkin.settings
DATA=kithkin/demo/data/fenmere

fresh() {
  rm -f "$1"
  export DATABASE_URL="sqlite:///$1"
  .venv/bin/kithkin migrate --no-input -v0
  .venv/bin/kithkin import-postcodes "$DATA/postcodes.csv" > /dev/null
  .venv/bin/kithkin import-taxonomy "$DATA/taxonomy.json" > /dev/null
}

echo "== relevance: the Fenmere directory"
fresh "$OUT/fenmere.sqlite3"
.venv/bin/kithkin import-oruk "$DATA/directory.json" > /dev/null
.venv/bin/python benchmarks/search/evaluate.py -v

echo "== latency: $SERVICES services"
[[ -f "$OUT/directory-$SERVICES.json" ]] || .venv/bin/python benchmarks/search/generate.py "$SERVICES" "$OUT/directory-$SERVICES.json"
fresh "$OUT/large.sqlite3"
/usr/bin/time -f "import-oruk: %e s" .venv/bin/kithkin import-oruk "$OUT/directory-$SERVICES.json" > /dev/null
# Timed as production runs: no debug (which keeps every query in memory), no HTTPS redirect on loopback.
KITHKIN_DEBUG=0 KITHKIN_HTTPS=0 SECRET_KEY=benchmark-only ALLOWED_HOSTS=127.0.0.1 PYTHONWARNINGS=ignore \
  .venv/bin/python benchmarks/search/latency.py 6
