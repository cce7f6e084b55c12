//go:build !linux

package main

// mappedMemory is not known here: governMemory allows for the most an
// import maps on Linux.
func mappedMemory() (int64, bool) { return 0, false }
