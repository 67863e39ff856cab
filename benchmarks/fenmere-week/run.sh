#!/usr/bin/env bash
# The Fenmere week: the demo's 600 people with regular visits (about 2,600 a week) and 90 carers, planned
# by the rostering engine with continuity (small regular teams) and, for reference, by the same engine
# minding travel only, each with the same time. See README.md.
# Usage: benchmarks/fenmere-week/run.sh [SECONDS] (default 110: the plan must be ready inside 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_PLAN=${1:-110}
SEED=${SEED:-1}
OUT=${OUT:-/tmp/kithkin-fenmere-week}
mkdir -p "$OUT"
BENCH_PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
VENV=${BENCH_VENV:-.venv-bench}
if [[ ! -x "$VENV/bin/kithkin" ]]; then
  "$BENCH_PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
fi
"$VENV/bin/pip" install --quiet -e .

export DATABASE_URL="sqlite:///$OUT/fenmere.sqlite3"
export SECRET_KEY=${SECRET_KEY:-kithkin-benchmark-only-not-secret} KITHKIN_HTTPS=0
unset KITHKIN_DEBUG
export PYTHONWARNINGS="ignore:No directory at"
rm -f "$OUT/fenmere.sqlite3"

echo "== the demo population (2,000 people; 600 with regular visits; 90 carers)"
"$VENV/bin/kithkin" migrate --no-input -v0
"$VENV/bin/kithkin" seed-demo --people 2000 --seed 1 --roster-seconds 0 | grep -E "ready"
week=$("$VENV/bin/python" -c "import datetime as d; t=d.date.today(); print(t + d.timedelta(days=(7 - t.weekday()) % 7 or 7))")

echo "== warming up (the engine's machine code is compiled once and cached; by moves, as compiling can outlast a short time limit)"
"$VENV/bin/kithkin" roster plan-week --week "$week" --time-limit 600 --iterations 200000 --seed "$SEED" \
  --json "$OUT/warm.json" > /dev/null

echo "== continuity-blind: the same engine minding travel only, $SECONDS_TO_PLAN s"
/usr/bin/time -f "%e s wall, %M KB peak" "$VENV/bin/kithkin" roster plan-week --week "$week" \
  --time-limit "$SECONDS_TO_PLAN" --seed "$SEED" --travel-only --json "$OUT/blind.json" | tail -3
echo "== with continuity: small regular teams, $SECONDS_TO_PLAN s"
/usr/bin/time -f "%e s wall, %M KB peak" "$VENV/bin/kithkin" roster plan-week --week "$week" \
  --time-limit "$SECONDS_TO_PLAN" --seed "$SEED" --json "$OUT/teams.json" | grep -Ev ': [0-9]+s$'  # its stages

"$VENV/bin/python" - "$OUT/blind.json" "$OUT/teams.json" <<'PY'
import json, sys
blind, teams = (json.load(open(p)) for p in sys.argv[1:3])
rows = [("visits", "visits"), ("served", "served"), ("unserved", "unserved"),
        ("late", "visits later than their window"), ("latest_by", "latest by (minutes)"), ("km", "km"),
        ("co2_kg", "CO2 kg"), ("team_share", "visits by the regular team"),
        ("people_mostly_with_team", "people with 90%+ of visits by their team"),
        ("median_carers", "median distinct carers a person"), ("seconds", "seconds")]
print("\n| | travel only | with continuity |\n|---|---:|---:|")
for key, label in rows:
    print(f"| {label} | {blind.get(key)} | {teams.get(key)} |")
print(f"\ntravel with continuity against travel only: {teams['km'] / blind['km'] - 1:+.1%} (floor: within +10%); "
      f"against the travel-minded plan it started from ({teams['blind_km']:,.1f} km, planned in part of the time): "
      f"{teams['km'] / teams['blind_km'] - 1:+.1%}")
PY

# The week after: planned as a council would plan it, carrying on from this week's roster (the same teams, each
# visit with last week's carer where they can), against a travel-only plan of that week with the same time.
next=$("$VENV/bin/python" -c "import datetime as d; print(d.date.fromisoformat('$week') + d.timedelta(days=7))")
echo "== the week after, travel only, $SECONDS_TO_PLAN s"
"$VENV/bin/kithkin" roster plan-week --week "$next" --time-limit "$SECONDS_TO_PLAN" --seed "$SEED" --travel-only \
  --json "$OUT/blind2.json" | tail -1
echo "== the week after, carried on from this week's roster, $SECONDS_TO_PLAN s"
"$VENV/bin/kithkin" roster plan-week --week "$next" --time-limit "$SECONDS_TO_PLAN" --seed "$SEED" \
  --json "$OUT/carried.json" | grep -Ev ': [0-9]+s$'
"$VENV/bin/python" - "$OUT/blind2.json" "$OUT/carried.json" <<'PY'
import json, sys
blind, carried = (json.load(open(p)) for p in sys.argv[1:3])
print(f"\nthe week after, carried on: {carried['km']:,.1f} km ({carried['km'] / blind['km'] - 1:+.1%} against travel "
      f"only, {blind['km']:,.1f} km); {carried['served']:,} of {carried['visits']:,} visits served, {carried['late']} late; "
      f"{carried['people_mostly_with_team']:.1%} of people with 90%+ of visits by their team; "
      f"{carried['teams_kept']} of {carried['teams_before']} people with the same team as the week before; "
      f"median {carried['median_carers']} carers; {carried['seconds']} s")
PY
