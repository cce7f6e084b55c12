package main

import (
	"os"
	"runtime/debug"
	"time"
)

// importMemory is what an import may keep resident, all told: the Go heap
// and runtime, and the pages of the archive and of the program that it
// maps. It keeps a 310,000-article import under 256 MB: 229-233 MB at its
// highest (the kernel's VmHWM; bench/RESULTS.md).
const importMemory = 216 << 20

// importHeapFloor is the least the heap is given, however much is mapped:
// below it the collector would run all the time.
const importHeapFloor = 96 << 20

// importGCPercent is GOGC during an import: the heap may grow to five times
// what is live before a collection, so that the memory limit, not growth,
// decides when one runs; it still bounds the heap should the limit be
// lifted.
const importGCPercent = 400

// governMemory runs the collector of an import by memory rather than by
// growth: the heap may grow until it and what the process maps fill
// importMemory. What it maps (the archive's pages read or written since
// the store last let them go, and the program's own) is watched where the
// system tells it (mappedMemory) and grows with the archive, from a few
// MiB to 100-120 MiB at 310,000 articles; elsewhere the heap is given
// importMemory less 120 MiB.
//
// A collection then happens once the heap is full, instead of each time
// it doubles from what is live: a 31,030-article import collected 58
// times, now 18, with about a tenth less CPU. At 310,000 articles the heap
// gets about the floor and collects about as often as it did before.
// GOMEMLIMIT, when set, decides the limit, and GOGC the growth. The
// returned function puts the collector back as it was.
func governMemory() (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	heapFor := func(mapped int64) int64 { return max(importMemory-mapped, importHeapFloor) }
	mapped, ok := mappedMemory()
	if !ok {
		mapped = 120 << 20
	}
	oldLimit := debug.SetMemoryLimit(heapFor(mapped))
	oldPercent := debug.SetGCPercent(importGCPercent)
	if os.Getenv("GOGC") != "" {
		debug.SetGCPercent(oldPercent)
	}
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
