package main

import (
	"bytes"
	"os"
	"strconv"
)

// mappedMemory returns how much of the process's resident memory is pages
// of files (the archive's, the program's), from /proc/self/statm.
func mappedMemory() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	// size resident shared text lib data dt, in pages; shared is the
	// resident pages backed by a file.
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
