# Shared by bench/rate.sh, bench/growth.sh and bench/timeline.sh (sourced, not run).

# install_arshif ROOT BIN: builds the repository at ROOT into BIN, installed
# by copying, as bench/run.sh does (a file the linker has just written
# starts slower while it is cached); with ARSHIF set, copies that binary
# instead. Sets built to what was installed, for the scripts' headers.
install_arshif() {
  if [ -n "${ARSHIF:-}" ]; then
    install -m 0755 "$ARSHIF" "$2"
    built=$ARSHIF
  else
    (cd "$1" && CGO_ENABLED=0 go build -tags urfave_cli_no_docs -o "$2.new" .)
    install -m 0755 "$2.new" "$2"
    rm -f "$2.new"
    built="arshif $(cd "$1" && git rev-parse --short HEAD)"
  fi
}

# into_work WORK: makes the scratch folder WORK and installs arshif in it as
# BIN (install_arshif), from the repository this script is in.
into_work() {
  mkdir -p "$1"
  BIN=$1/arshif
  install_arshif "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" "$BIN"
}

# median NUMBER...: prints their median.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
