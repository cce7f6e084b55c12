#!/usr/bin/env bash
# Compare arshif's per-article import rate into a large archive with its rate
# into a small one, under equal conditions: imports of SMALL and LARGE into
# fresh archives, alternated round by round, each with its input in the page
# cache (hot: the file is read just before) or out of it (cold: the kernel's
# caches are dropped just before; needs root). Prints each import and the
# ratio of the median rates (1.00: the same rate).
#
# usage (from the repository root):
#   bench/rate.sh SMALL LARGE [ROUNDS] [hot|cold] [WORK]
#     SMALL, LARGE  files to import, e.g. /tmp/corp/snn.jsonl and
#                   /tmp/corp/snn10x.jsonl (made by bench/run.sh)
#     ROUNDS        default 3; hot by default; WORK default /tmp/arshif-rate
#   ARSHIF=/path/to/arshif bench/rate.sh ...   measures that binary instead
#                   of building the repository's
# The harness (bench/run.sh) measures each import as its turn comes, when its
# input may or may not be cached: this script holds that equal.
set -euo pipefail
SMALL=${1:?usage: bench/rate.sh SMALL LARGE [ROUNDS] [hot|cold] [WORK]}
LARGE=${2:?usage: bench/rate.sh SMALL LARGE [ROUNDS] [hot|cold] [WORK]}
ROUNDS=${3:-3}
MODE=${4:-hot}
WORK=${5:-/tmp/arshif-rate}
case "$MODE" in hot|cold) ;; *) echo "mode: hot or cold" >&2; exit 2 ;; esac
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
into_work "$WORK" # sets BIN, and built for the header

# one FILE: prints "articles seconds"
one() {
  local db=$WORK/rate.db
  rm -f "$db"
  if [ "$MODE" = cold ]; then
    sync
    echo 1 > /proc/sys/vm/drop_caches
  else
    cat "$1" > /dev/null
  fi
  local start end
  start=$(date +%s.%N)
  "$BIN" --db "$db" import --quiet "$1" > /dev/null 2>&1 || [ $? -eq 3 ]
  end=$(date +%s.%N)
  echo "$("$BIN" --db "$db" query --count) $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')"
  rm -f "$db"
}

echo "== $(date -u +%FT%TZ) $MODE, $ROUNDS rounds, $built, load $(cut -d' ' -f1-3 /proc/loadavg)"
small=() large=()
for r in $(seq 1 "$ROUNDS"); do
  read -r n s <<< "$(one "$SMALL")"
  echo "round $r: $(basename "$SMALL") $n articles in $s s"
  small+=("$(awk -v n="$n" -v s="$s" 'BEGIN { print n / s }')")
  read -r n s <<< "$(one "$LARGE")"
  echo "round $r: $(basename "$LARGE") $n articles in $s s"
  large+=("$(awk -v n="$n" -v s="$s" 'BEGIN { print n / s }')")
done
ms=$(median "${small[@]}") ml=$(median "${large[@]}")
awk -v s="$ms" -v l="$ml" 'BEGIN { printf "median rates: %.0f and %.0f articles a second: the large archive at %.3f of the small one'"'"'s rate\n", s, l, l / s }'
