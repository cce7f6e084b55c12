#!/usr/bin/env bash
# Does an import slow down as the archive grows, within one import? The
# input is imported into an empty archive while the bytes the process has
# read (/proc/PID/io rchar) are sampled every 0.1 s; the time each tenth
# of the input took is printed, and the rate of the last tenths against
# the first. The 10x SaudiNewsNet copy (bench/run.sh makes it) is ten
# copies of one corpus, so its tenths are the same articles: the tenth
# read last goes into an archive nine times as large as the second, and
# takes as long if an article costs the same however large the archive.
#
# The first tenth holds the start (opening, the first batch with nothing
# to overlap it) and is shown but left out of the comparison; the walker
# reads at most two batches ahead of the commits, so the tenths after it
# are timed in the steady state. Where this machine is shared, rounds
# differ: compare within a round.
#
# usage (from the repository root, on Linux):
#   bench/timeline.sh CORPUS.jsonl [ROUNDS] [WORK]
#     CORPUS.jsonl  e.g. /tmp/corp/snn10x.jsonl; ROUNDS default 3; WORK
#                   default /tmp/arshif-timeline (room for one archive)
#   ARSHIF=/path/to/arshif bench/timeline.sh ...   measures that binary
set -euo pipefail
[ "${BASH_VERSINFO[0]}" -ge 5 ] || { echo "bench/timeline.sh needs bash 5 (EPOCHREALTIME)" >&2; exit 2; }
CORPUS=${1:?usage: bench/timeline.sh CORPUS.jsonl [ROUNDS] [WORK]}
ROUNDS=${2:-3}
WORK=${3:-/tmp/arshif-timeline}
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
into_work "$WORK" # sets BIN, and built for the header
size=$(stat -c %s "$CORPUS")
echo "== $(date -u +%FT%TZ) $built, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$CORPUS: $size bytes; seconds each tenth of it took to read and import"
rm -f "$WORK/tick"
mkfifo "$WORK/tick"
exec 3<> "$WORK/tick"
ratios=()
for r in $(seq "$ROUNDS"); do
  rm -f "$WORK/t.db"
  cat "$CORPUS" > /dev/null # read from the cache, every round alike
  "$BIN" --db "$WORK/t.db" import --quiet "$CORPUS" > /dev/null 2>&1 &
  pid=$!
  start=$EPOCHREALTIME
  samples=$WORK/samples-$r.txt
  # Sampled with the shell's builtins, so that the sampling itself starts
  # no process while the import runs.
  while { read -r _ rchar < "/proc/$pid/io"; } 2> /dev/null && [ -n "$rchar" ]; do
    echo "$EPOCHREALTIME $rchar"
    read -r -t 0.1 -u 3 || true # sleeps 0.1 s: nothing writes to the fifo
  done > "$samples"
  wait "$pid" || [ $? -eq 3 ] # 3: some records rejected, as SaudiNewsNet's empty ones are
  total=$(awk -v s="$start" '{ t = $1 } END { printf "%.2f", t - s }' "$samples")
  # The moment each tenth was read, interpolated between samples.
  line=$(awk -v s="$start" -v size="$size" '
    { t = $1 - s; b = $2
      while (k < 10 && b >= (k + 1) * size / 10) {
        k++; goal = k * size / 10
        at[k] = (b == pb) ? t : pt + (t - pt) * (goal - pb) / (b - pb)
      }
      pt = t; pb = b }
    END {
      for (i = 1; i <= 10; i++) { d[i] = at[i] - at[i - 1]; printf "%.2f ", d[i] }
      # least squares of the tenths 2..10 against their place
      for (i = 2; i <= 10; i++) { n++; sx += i; sy += d[i]; sxy += i * d[i]; sxx += i * i }
      slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
      printf "| %.3f %.4f", (d[2] + d[3]) / (d[9] + d[10]), slope / (sy / n)
    }' "$samples")
  read -r -a f <<< "${line#*| }"
  echo "round $r: ${line%%|*}(import ended at $total s); rate of tenths 9-10 / tenths 2-3: ${f[0]}; trend over tenths 2-10: $(awk -v x="${f[1]}" 'BEGIN { printf "%+.1f %%", 100 * x }') of a tenth's time per tenth"
  ratios+=("${f[0]}")
done
echo "median rate of tenths 9-10 / tenths 2-3: $(median "${ratios[@]}")"
