#!/usr/bin/env bash
# Measure arshif side by side with its peers (bbolt, SQLite FTS5 in-process and
# through the sqlite3 shell, Bleve, ripgrep) on SaudiNewsNet, in ONE run of the
# snnbench harness (../shared/bench), so that every figure comes from the same
# machine, the same page cache and the same interleaved rounds.
#
# usage (from the repository root, as root if tools must be installed):
#   bench/run.sh 31k      # 31,030 articles (snn.jsonl)
#   bench/run.sh 310k     # 310,300 articles (snn10x.jsonl)
#
# environment (defaults in brackets):
#   WORK         scratch dir: arshif binary, spec, stores, results [/tmp/arshif-bench]
#   CORP         corpora dir, built here if absent                  [/tmp/corp]
#   SNNB_SRC     scratch copy of ../shared/bench holding the built
#                snnbench binary, built here if absent              [/tmp/snnbench-src]
#   ZIPDIR       SaudiNewsNet zip files         [../shared/corpora/saudinewsnet]
#   STEPS        subset of "import inproc process export recall"
#                [31k: all five; 310k: "import process"]
#   IMPORT_RUNS  [31k: 3; 310k: 1]      QUERY_RUNS  [31k: 9; 310k: 5]
#   BUDGET       time budget per query, all peers [31k: 60s; 310k: 90s]
#   EXPORT_RUNS  [3]
#   PEERS_IMPORT space-separated stores to build [bbolt txt sqlite sqlite3cli bleve arshif]
#   ARSHIF_INPUT what arshif imports: jsonl, as the shared spec and the Go
#                peers, or csv, the file the sqlite3 shell loads       [jsonl]
#   PEERS        comma-separated peers to query  [bbolt,sqlite,sqlite3cli,bleve,rg,arshif]
#                In both lists the word "arshif" stands for the spec
#                cli:$WORK/arshif.json. "txt" is the import-only peer that
#                writes the one-file-per-article tree rg (and grep) search.
#                GNU grep is left out of PEERS by default to save time (it
#                is the slowest peer and says nothing rg does not); add
#                ",grep" to PEERS to measure it too.
#
# Outputs: records appended to $WORK/results.jsonl (remove it, or use a fresh
# WORK, for a report of this run only: the report aggregates every record of a
# label), tables in $WORK/report.md, one line per run in $WORK/runs.log
# (date, settings, arshif commit, load), /usr/bin/time -v logs in $WORK/LABEL/.
#
# Time, on 2 cores (first run: tools + harness build ~1 min, corpora ~15 s):
#   the peers: 31k with the defaults ~15-25 min; 310k with the defaults ~30-45 min;
#   arshif on top: its imports (about 17 s at 31k, 4 min at 310k on this
#   machine in November 2026) and its queries (milliseconds).
# Disk: corpora 2.3 GB in CORP; under WORK/31k ~1 GB; under WORK/310k ~10 GB
# (each store 1.4-1.6 GB, the txt tree 1.6 GB, plus arshif's archive; during an
# import the previous store of that peer is kept aside until it is measured).
#
# Other load on the machine distorts the figures: note `uptime` before a run.
set -euo pipefail

LABEL=${1:-}
case "$LABEL" in
  31k)  CORPUS_NAME=snn.jsonl
        : "${STEPS:=import inproc process export recall}" "${IMPORT_RUNS:=3}" "${QUERY_RUNS:=9}" "${BUDGET:=60s}" ;;
  310k) CORPUS_NAME=snn10x.jsonl
        : "${STEPS:=import process}" "${IMPORT_RUNS:=1}" "${QUERY_RUNS:=5}" "${BUDGET:=90s}" ;;
  *) echo "usage: bench/run.sh 31k|310k   (see the header of this script)" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)   # the arshif repository
SHARED=$(cd "$ROOT/../shared/bench" && pwd)              # the harness (read-only)
WORK=${WORK:-/tmp/arshif-bench}
CORP=${CORP:-/tmp/corp}
SNNB_SRC=${SNNB_SRC:-/tmp/snnbench-src}
ZIPDIR=${ZIPDIR:-$ROOT/../shared/corpora/saudinewsnet}
EXPORT_RUNS=${EXPORT_RUNS:-3}
ARSHIF_INPUT=${ARSHIF_INPUT:-jsonl}
case "$ARSHIF_INPUT" in jsonl|csv) ;; *) echo "ARSHIF_INPUT: jsonl or csv" >&2; exit 2 ;; esac
PEERS_IMPORT=${PEERS_IMPORT:-"bbolt txt sqlite sqlite3cli bleve arshif"}
PEERS=${PEERS:-bbolt,sqlite,sqlite3cli,bleve,rg,arshif}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
BIN=$SNNB_SRC/snnbench
SPEC=$WORK/arshif.json
LAYOUT=$WORK/$LABEL
RES=$WORK/results.jsonl
JSONL=$CORP/$CORPUS_NAME

has_step() { case " $STEPS " in *" $1 "*) return 0;; esac; return 1; }

# 0. Peer lists, checked before anything is built. run-scale.sh names each
# import's `time -v` log after the peer ("$WORKDIR/time-v-$p-$r.txt"), so an
# absolute cli:/path/spec.json there gives a path in a directory that does not
# exist and /usr/bin/time fails (exit 125).
# Imports therefore name the spec relative to $WORK (run-scale.sh runs from
# $WORK, and the harness reads cli: specs relative to its working directory);
# query and recall use the absolute path.
imp=""
for p in $PEERS_IMPORT; do
  [ "$p" = arshif ] && p=cli:arshif.json
  imp="${imp:+$imp }$p"
done
qp=""
IFS=, read -ra plist <<< "$PEERS"
for p in "${plist[@]}"; do
  [ "$p" = arshif ] && p=cli:$SPEC
  qp="${qp:+$qp,}$p"
done
# rg and grep search the txt tree, which only the "txt" import writes.
if has_step inproc || has_step process || has_step recall; then
  case ",$qp," in *,rg,*|*,grep,*)
    if ! { has_step import && [[ " $imp " == *" txt "* ]]; } && [ ! -d "$LAYOUT/txt" ]; then
      echo "error: PEERS has rg/grep but $LAYOUT/txt does not exist and txt is not imported" >&2; exit 2
    fi ;;
  esac
fi

# 1. Peers' tools (Debian 12), installed only when one is missing.
missing=""
for t in sqlite3 rg grep find unzip; do command -v "$t" >/dev/null || missing=1; done
[ -x /usr/bin/time ] || missing=1
if [ -n "$missing" ]; then
  echo "== installing the peers' tools"
  apt-get update
  apt-get install -y sqlite3 ripgrep grep findutils time unzip
fi

# 2. arshif, built from this tree (uncommitted changes included: see runs.log),
# then installed by copying, as a downloaded or installed binary is written.
# The Go linker writes its output through mmap, and a file left in the page
# cache that way starts 0.2-0.25 ms slower on every run (2.22 against 1.97 ms
# for `arshif --version`, the same bytes copied with cp, bench/interleave,
# 300 rounds; once the pages are dropped and read back, it is as fast as the
# copy). sqlite3 is a file dpkg wrote.
echo "== building arshif"
(cd "$ROOT" && CGO_ENABLED=0 go build -tags urfave_cli_no_docs -o "$WORK/arshif.built" .)
install -m 755 "$WORK/arshif.built" "$WORK/arshif"
rm -f "$WORK/arshif.built"

# 3. The harness, built once in a scratch copy outside any git repository.
if [ ! -x "$BIN" ]; then
  echo "== building snnbench in $SNNB_SRC"
  rm -rf "$SNNB_SRC"
  cp -r "$SHARED" "$SNNB_SRC"
  chmod -R u+w "$SNNB_SRC"
  (cd "$SNNB_SRC" && go build -o "$BIN" .)
elif ! diff -rq -x snnbench "$SHARED" "$SNNB_SRC" >/dev/null; then
  echo "warning: $SNNB_SRC differs from $SHARED; remove $SNNB_SRC to rebuild the harness" >&2
fi

# 4. Corpora (both scales are written together, ~2.3 GB).
if [ ! -s "$CORP/snn.jsonl" ] || [ ! -s "$CORP/snn10x.jsonl" ] || [ ! -s "$CORP/snn10x.csv" ]; then
  echo "== building the corpora in $CORP"
  (cd "$SNNB_SRC" && BIN=$BIN scripts/corpus.sh "$ZIPDIR" "$CORP")
fi

# 5. The arshif spec: the shared one with ARSHIF_BIN replaced and one change.
# SaudiNewsNet has 57 articles (570 at 310k) with neither title nor body;
# arshif rejects them, imports the rest and exits 3 ("some input was
# rejected"), which the harness would take for a failed import. Exit 3 is
# therefore accepted on the import line; any other failure still fails.
# Two changes say the same queries in arshif's own terms, without the extra
# processes the shared spec spends on it: the week's exclusive end date is
# --before (the shared spec runs `date` to make it inclusive for --to), and
# the phrase is the quoted argument itself (an argument with a space is a
# phrase in arshif), not a $(printf) subshell adding quote characters.
# A third change: arshif numbers articles itself and skips the rejected ones,
# so from the first rejected record on its ids are not the corpus ids the
# recall report looks articles up by. The "ids" command (used by recall only,
# not timed) therefore prints the corpus line each hit came from, which
# arshif keeps as the article's origin (FILE:LINE) and which is the corpus id.
# ARSHIF_INPUT=csv makes arshif import the CSV file the sqlite3 shell loads
# ({csv}) instead of the JSON Lines the shared spec names: the same
# articles, each peer reading the same bytes.
# A fourth: each query line starts with `exec`, so that the `sh -c` the
# harness runs every cli peer's command through replaces itself with arshif
# instead of forking it and waiting (dash forks for a plain command). The
# shell's own start stays in arshif's figures; sqlite3cli is exec'd by the
# harness directly, with no shell.
esc=$(printf '%s' "$WORK/arshif" | sed 's/[&|\\]/\\&/g')
sed -e "s#^\( *\"\(term\|and\|phrase\|date\|srcterm\|count\)\": *\"\)ARSHIF_BIN #\1exec ARSHIF_BIN #" \
    -e "s|ARSHIF_BIN|$esc|g" \
    -e 's|import --quiet {jsonl}"|import --quiet {'"$ARSHIF_INPUT"'} \|\| [ $? -eq 3 ]"|' \
    -e 's|^\( *"ids": *"\)\([^ ]*\) --db {store} query --format ids --limit 0 {a}",|\1\2 --db {store} query --format jsonl --limit 0 {a} \| sed -n '"'"'s/.*\\"origin\\":\\"[^\\"]*:\\\\([0-9][0-9]*\\\\)\\".*/\\\\1/p'"'"'",|' \
    -e 's|--to \$(date -d \\"\$(printf %s {to}) - 1 day\\" +%F)"|--before {to}"|' \
    -e 's|--limit 20 \\"\\\\\\"\$(printf %s {a})\\\\\\"\\""|--limit 20 {a}"|' \
    "$SHARED/peers/arshif.json" > "$SPEC"
grep -q '"ids": .*--format jsonl' "$SPEC" ||
  { echo "error: $SPEC: ids line not as expected" >&2; exit 2; }
grep -q -- '--before {to}"' "$SPEC" && grep -q '"phrase": *"[^"]*--limit 20 {a}"' "$SPEC" ||
  { echo "error: $SPEC: date or phrase line not as expected" >&2; exit 2; }
[ "$(grep -c '"[a-z]*": *"exec [^ ]* --db {store} query' "$SPEC")" = 6 ] ||
  { echo "error: $SPEC: query lines not as expected" >&2; exit 2; }
grep -q "import --quiet {$ARSHIF_INPUT} || \\[ \\\$? -eq 3 \\]\"" "$SPEC" ||
  { echo "error: $SPEC: import line not as expected" >&2; exit 2; }

# 6. The run. run-scale.sh exports only its four library/sqlite peers and its
# recall step uses a fixed peer list (with grep, without arshif), so export and
# recall are run here instead, with arshif and the same peers as the queries.
scale_steps=""
for s in import inproc process export; do has_step "$s" && scale_steps="${scale_steps:+$scale_steps }$s"; done
mkdir -p "$LAYOUT"
{ printf '%s  label=%s  arshif=%s  ' "$(date -u +%FT%TZ)" "$LABEL" "$(git -C "$ROOT" describe --always --dirty)"
  printf 'STEPS="%s" IMPORT_RUNS=%s QUERY_RUNS=%s BUDGET=%s PEERS_IMPORT="%s" PEERS=%s  load: %s\n' \
    "$STEPS" "$IMPORT_RUNS" "$QUERY_RUNS" "$BUDGET" "$imp" "$qp" "$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$WORK/runs.log"

if [ -n "$scale_steps" ]; then
  (cd "$WORK" && BIN=$BIN IMPORT_RUNS=$IMPORT_RUNS QUERY_RUNS=$QUERY_RUNS BUDGET=$BUDGET \
     EXPORT_RUNS=$EXPORT_RUNS PEERS_IMPORT=$imp PEERS=$qp STEPS=$scale_steps \
     "$SNNB_SRC/scripts/run-scale.sh" "$LABEL" "$JSONL" "$LAYOUT" "$RES")
fi
if has_step export && [[ ",$qp," == *",cli:$SPEC,"* ]]; then
  "$BIN" export -peer "cli:$SPEC" -dir "$LAYOUT" -out "$LAYOUT/export-arshif.csv" \
    -runs "$EXPORT_RUNS" -label "$LABEL" -results "$RES"
  rm -f "$LAYOUT/export-arshif.csv"
fi
if has_step recall && [ "${RECALL:-1}" = 1 ]; then
  "$BIN" recall -dir "$LAYOUT" -peers "$qp" -label "$LABEL" -results "$RES"
fi

# 7. Tables of every record in results.jsonl.
"$BIN" report -results "$RES" > "$WORK/report.md"
echo "report: $WORK/report.md"
