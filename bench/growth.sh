#!/usr/bin/env bash
# Does an import slow down as the archive grows? The last tenth of a corpus
# is imported into an archive holding the first nine tenths, and into an
# empty archive, alternated round by round, the input read into the page
# cache just before each import and the archive's copy written to disk
# (a copy's dirty pages would otherwise be flushed by the import's first
# commit). Prints each import and the ratio of the median times (1.00: an
# article costs the same into a large archive as into an empty one).
#
# usage (from the repository root):
#   bench/growth.sh CORPUS.jsonl [ROUNDS] [WORK]
#     CORPUS.jsonl  a JSON Lines corpus, e.g. /tmp/corp/snn10x.jsonl (made
#                   by bench/run.sh); ROUNDS default 3; WORK default
#                   /tmp/arshif-growth (room for three archives)
#   ARSHIF=/path/to/arshif bench/growth.sh ...   measures that binary instead
#                   of building the repository's
set -euo pipefail
CORPUS=${1:?usage: bench/growth.sh CORPUS.jsonl [ROUNDS] [WORK]}
ROUNDS=${2:-3}
WORK=${3:-/tmp/arshif-growth}
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
into_work "$WORK" # sets BIN, and built for the header

lines=$(wc -l < "$CORPUS")
tail=$((lines / 10))
head -n $((lines - tail)) "$CORPUS" > "$WORK/first.jsonl"
tail -n "$tail" "$CORPUS" > "$WORK/last.jsonl"
import() { "$BIN" --db "$1" import --quiet "$2" > /dev/null 2>&1 || [ $? -eq 3 ]; }
rm -f "$WORK/base.db"
import "$WORK/base.db" "$WORK/first.jsonl"
echo "== $(date -u +%FT%TZ) $built, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "the base archive: $("$BIN" --db "$WORK/base.db" query --count) articles; the tenth imported: $tail lines"

# timed DB: imports the last tenth into DB, prints its seconds
timed() {
  sync
  cat "$WORK/last.jsonl" > /dev/null
  local start end
  start=$(date +%s.%N)
  import "$1" "$WORK/last.jsonl"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
into_large=() into_empty=()
for r in $(seq 1 "$ROUNDS"); do
  rm -f "$WORK/large.db" "$WORK/empty.db"
  cp "$WORK/base.db" "$WORK/large.db"
  s=$(timed "$WORK/large.db")
  echo "round $r: into the large archive $s s ($("$BIN" --db "$WORK/large.db" query --count) articles after)"
  into_large+=("$s")
  s=$(timed "$WORK/empty.db")
  echo "round $r: into an empty archive $s s"
  into_empty+=("$s")
done
rm -f "$WORK/large.db" "$WORK/empty.db"
ml=$(median "${into_large[@]}") me=$(median "${into_empty[@]}")
awk -v l="$ml" -v e="$me" 'BEGIN { printf "medians: %.2f s into the large archive, %.2f s into an empty one: the rate into the large one is %.3f of the rate into the empty one\n", l, e, e / l }'
