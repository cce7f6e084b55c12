#!/usr/bin/env bash
# Kill an import with SIGKILL at random moments and check that nothing is
# lost or broken: after each kill the archive opens, `arshif check` passes,
# and running the same import again ends with exactly the articles a clean
# import stores.
#
# usage (from the repository root):
#   bench/killtest.sh CORPUS [KILLS] [WORK]
#     CORPUS  a file or folder to import (e.g. /tmp/corp/snn10x.jsonl, made
#             by ../shared/bench/scripts/corpus.sh, or ../shared/corpora/saudinewsnet)
#     KILLS   how many kills (default 10)
#     WORK    scratch folder (default /tmp/arshif-killtest)
# A 31k corpus takes a few minutes; the 10x copy about an hour.
set -euo pipefail
CORPUS=${1:?usage: bench/killtest.sh CORPUS [KILLS] [WORK]}
KILLS=${2:-10}
WORK=${3:-/tmp/arshif-killtest}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$WORK"
BIN=$WORK/arshif
(cd "$ROOT" && CGO_ENABLED=0 go build -tags urfave_cli_no_docs -o "$BIN" .)

total() { "$BIN" --db "$1" query --count; }
import() { "$BIN" --db "$1" import --quiet "$CORPUS" >/dev/null 2>&1 || [ $? -eq 3 ]; }

echo "== clean import of $CORPUS"
rm -f "$WORK/clean.db"
start=$(date +%s.%N)
import "$WORK/clean.db"
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
want=$(total "$WORK/clean.db")
echo "   $want articles in ${secs}s"

fail=0
for i in $(seq 1 "$KILLS"); do
  db=$WORK/kill-$i.db
  rm -f "$db"
  at=$(awk -v s="$secs" -v seed="$RANDOM" 'BEGIN { srand(seed); printf "%.2f", 0.2 + rand() * (s - 0.2) }')
  "$BIN" --db "$db" import --quiet "$CORPUS" >/dev/null 2>&1 &
  pid=$!
  sleep "$at"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  had=$(total "$db")
  if ! "$BIN" --db "$db" check >/dev/null 2>"$WORK/check-$i.txt"; then
    echo "kill $i at ${at}s: CHECK FAILED after the kill"; cat "$WORK/check-$i.txt"; fail=1; continue
  fi
  import "$db"
  got=$(total "$db")
  if ! "$BIN" --db "$db" check >/dev/null 2>"$WORK/check-$i.txt"; then
    echo "kill $i at ${at}s: CHECK FAILED after the re-run"; cat "$WORK/check-$i.txt"; fail=1; continue
  fi
  status=ok
  [ "$got" = "$want" ] || { status="WRONG COUNT"; fail=1; }
  echo "kill $i at ${at}s: $had articles kept, check passed; after the re-run $got of $want: $status"
  rm -f "$db"
done
exit $fail
