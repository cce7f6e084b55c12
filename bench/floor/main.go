// Command floor is the least a fresh arshif process can cost: a Go program
// that links only the packages the design names (bbolt, urfave/cli and
// golang.org/x/text, as arshif uses them) and prints one line. Their
// package initialisation and the Go runtime's start are in it; no archive
// is opened. bench/RESULTS.md times it beside sqlite3's date-week query,
// started the way the shared harness starts each:
//
//	go build -o /tmp/floor.built ./bench/floor && install /tmp/floor.built /tmp/floor
//	go run ./bench/interleave -n 400 "SH:exec /tmp/floor" \
//	  "IN:date.sql sqlite3 -batch -bail -readonly fts5-cli.sqlite"
package main

import (
	"os"

	_ "github.com/urfave/cli/v2"
	_ "go.etcd.io/bbolt"
	_ "golang.org/x/text/encoding/charmap"
	_ "golang.org/x/text/unicode/norm"
)

func main() { os.Stdout.WriteString("1\n") }
