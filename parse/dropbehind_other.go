//go:build !linux

package parse

import (
	"io"
	"os"
)

// streamed returns the reader of a file the walker reads once, from start
// to end: the file itself (on Linux, one that leaves the page cache as it
// is read: dropbehind_linux.go).
func streamed(f *os.File) io.Reader { return f }
