package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestProgress: the bar is of what is committed, not of what is read;
// files are counted as they are read.
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, 200, 3)
	p.Read(180)
	p.FileRead()
	p.FileRead()
	p.Committed(100)
	p.Status("10 imported")
	p.draw(true)
	if got := buf.String(); !strings.Contains(got, "\rimporting [██████████          ]  50% · 2 of 3 files") || !strings.HasSuffix(got, "10 imported") {
		t.Errorf("progress line = %q", got)
	}
	buf.Reset()
	width := p.width
	p.Clear()
	if got, want := buf.String(), "\r"+strings.Repeat(" ", width)+"\r"; width == 0 || got != want {
		t.Errorf("clear = %q, want %q", got, want)
	}
}

// TestProgressFilesFound: the files of a zip inside a zip, told when it
// is opened, join the files to read, which stays a count of N files.
func TestProgressFilesFound(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, 200, 2)
	p.FileRead()
	p.FilesFound(3)
	p.FileRead()
	p.FileRead()
	p.draw(true)
	if got := buf.String(); !strings.HasSuffix(got, " · 3 of 5 files") {
		t.Errorf("progress line = %q, want it to end in 3 of 5 files", got)
	}
}

// TestProgressUnknownSize: from standard input the line says how much has
// been read, with no share and no time left.
func TestProgressUnknownSize(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, 0, 0)
	p.Read(2_500_000)
	p.Committed(1_000_000)
	p.draw(true)
	if got := buf.String(); !strings.Contains(got, "importing · 2.5 MB read") || strings.Contains(got, "%") || strings.Contains(got, "left") {
		t.Errorf("progress line = %q", got)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 30973: "30,973", 1234567: "1,234,567", -1234: "-1,234", -123: "-123"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
