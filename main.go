// Each command runs in a fresh process that ends with its work. The
// runtime's goroutine that follows CPU limits changed while a program runs
// is not worth its start here: 4 % of a whole query (a date query at 310k
// articles, 2.72 → 2.62 ms by go run ./bench/interleave). The limits in
// force at start are still obeyed.

//go:debug updatemaxprocs=0

// Command arshif keeps a news archive in one file and lets a journalist
// import, search and export it with no network.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args, os.Stdout, os.Stderr))
}
