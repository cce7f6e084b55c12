package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestGovernMemory(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: governMemory leaves them to rule")
	}
	percent := debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	limit := debug.SetMemoryLimit(-1) // a negative limit only reads it

	stop := governMemory()
	if p := debug.SetGCPercent(importGCPercent); p != importGCPercent {
		t.Errorf("during an import GOGC is %d, want %d", p, importGCPercent)
	}
	if l := debug.SetMemoryLimit(-1); l < importHeapFloor || l > importMemory {
		t.Errorf("during an import the memory limit is %d MiB, want %d to %d", l>>20, importHeapFloor>>20, importMemory>>20)
	}
	stop()
	if p := debug.SetGCPercent(percent); p != percent {
		t.Errorf("after the import GOGC is %d, want %d as before", p, percent)
	}
	if l := debug.SetMemoryLimit(-1); l != limit {
		t.Errorf("after the import the memory limit is %d, want %d as before", l, limit)
	}
}

func TestMappedMemory(t *testing.T) {
	m, ok := mappedMemory()
	if runtime.GOOS != "linux" {
		if ok {
			t.Errorf("mappedMemory on %s = %d, true; want unknown", runtime.GOOS, m)
		}
		return
	}
	// The test binary's own pages are mapped from its file.
	if !ok || m <= 0 || m > 1<<30 {
		t.Errorf("mappedMemory() = %d, %v; want some MiB", m, ok)
	}
}
