#!/usr/bin/env bash
# HHCRSP (Mankowska) benchmark: Kithkin's engine and a plain OR-Tools routing model, side by side, then the
# mean gap to the best-known values per size class. See README.md.
#
# Usage: benchmarks/hhcrsp/run.sh [--per-class N] [--classes "10 25 ..."] [--jobs J] [--engines "kithkin ortools"]
#                                 [--time-scale F] [--seed S] [--out DIR]
#   --per-class N   the first N instances of each class (default all 10)
#   --jobs J        solver processes at once (default 2: one instance, both engines side by side, one core each)
#   --time-scale F  multiply the issue's limits (30 s up to 75 patients, 120 s from 100) by F, for quick runs
set -euo pipefail
cd "$(dirname "$0")/../.."
PER_CLASS=10 CLASSES="10 25 50 75 100 200 300" JOBS=2 ENGINES="kithkin ortools" SCALE=1 SEED=1
OUT=${OUT:-/tmp/kithkin-hhcrsp-bench}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --per-class) PER_CLASS=$2; shift 2 ;;
    --classes) CLASSES=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --engines) ENGINES=$2; shift 2 ;;
    --time-scale) SCALE=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
BENCH=${HHCRSP_DIR:-../shared/benchmarks/hhcrsp}
[[ -d "$BENCH" ]] || BENCH=/work/shared/benchmarks/hhcrsp
if [[ ! -x .venv/bin/kithkin ]]; then
  python3 -m venv .venv
  .venv/bin/pip install -q -e .
fi
.venv/bin/python -c "import numba" 2>/dev/null || .venv/bin/pip install -q numba==0.68.1
export KITHKIN_DEBUG=1 DJANGO_SETTINGS_MODULE=kithkin.settings
# Compile the engine once (numba caches it) so no instance pays for that within its time limit: by moves, not
# seconds, as compiling can take longer than a short time limit and the search would then never be compiled.
.venv/bin/kithkin roster solve-hhcrsp "$BENCH/instances/toy.json" --time-limit 600 --iterations 40000 --out /dev/null > /dev/null

mkdir -p "$OUT/logs"
jobs_file="$OUT/jobs.txt"
: > "$jobs_file"
for size in $CLASSES; do
  limit=$(python3 -c "print((30 if $size <= 75 else 120) * $SCALE)")
  for k in $(seq 1 "$PER_CLASS"); do
    name=$(basename "$(ls "$BENCH"/instances/mankowska/Instanz*_HCSRP_${size}_${k}.json)" .json)
    for engine in $ENGINES; do
      mkdir -p "$OUT/$engine"
      echo "$engine $name $limit" >> "$jobs_file"
    done
  done
done
echo "$(wc -l < "$jobs_file") runs, $JOBS at a time, results in $OUT"
run_one() {
  engine=$1 name=$2 limit=$3
  .venv/bin/kithkin roster solve-hhcrsp "$BENCH/instances/mankowska/$name.json" --engine "$engine" \
    --time-limit "$limit" --seed "$SEED" --out "$OUT/$engine/$name.json" > "$OUT/logs/$engine-$name.log" 2>&1 \
    && echo "$engine $name: $(tail -n 2 "$OUT/logs/$engine-$name.log" | head -n 1)" \
    || echo "$engine $name: FAILED (see $OUT/logs/$engine-$name.log)"
}
export -f run_one
export BENCH OUT SEED
xargs -P "$JOBS" -L 1 bash -c 'run_one "$@"' _ < "$jobs_file"
.venv/bin/python benchmarks/hhcrsp/gaps.py "$BENCH" "$OUT" --engines $ENGINES --time-scale "$SCALE" | tee "$OUT/RESULTS.md"
