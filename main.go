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
