package main

import (
	"os"
	"runtime/debug"
	"time"
)

// importMemory is what an import may keep resident, all told: the Go heap
// and runtime, and the pages of the archive and of the program that it
// maps. It keeps a 310,000-article import under 256 MB: 233 MB at its
// highest (the kernel's VmHWM; bench/RESULTS.md).
const importMemory = 216 << 20

// importHeapFloor is the least the heap is given, however much is mapped:
// below it the collector would run all the time.
const importHeapFloor = 96 << 20

// governMemory runs the collector of an import by memory rather than by
// growth: the heap may grow until it and what the process maps fill
// importMemory. What it maps (the archive's pages read or written since
// the store last let them go, and the program's own) is watched where the
// system tells it (mappedMemory) and grows with the archive, from a few
// MiB to about 100 MiB at 310,000 articles; elsewhere the heap is given
// importMemory less 100 MiB.
//
// A collection then happens once the heap is full, instead of each time
// it doubles from what is live: a 31,030-article import collected 58
// times, now 19, with about a tenth less CPU. At 310,000 articles, where
// up to about 120 MiB are mapped, the heap has the floor and collects about
// as often as it did before. GOGC or GOMEMLIMIT, when set, are left to
// rule. The returned function puts the collector back as it was.
func governMemory() (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	heapFor := func(mapped int64) int64 { return max(importMemory-mapped, importHeapFloor) }
	mapped, ok := mappedMemory()
	if !ok {
		mapped = 100 << 20
	}
	oldLimit := debug.SetMemoryLimit(heapFor(mapped))
	oldPercent := debug.SetGCPercent(-1)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		if !ok {
			<-done
			return
		}
		tick := time.NewTicker(25 * time.Millisecond)
		defer tick.Stop()
		most := mapped
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			// The most mapped so far: the pages come back at each commit.
			if m, _ := mappedMemory(); m > most {
				most = m
				debug.SetMemoryLimit(heapFor(most))
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}
