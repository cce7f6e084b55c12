package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, 200)
	p.Add(100)
	p.Status("10 imported")
	p.draw(true)
	if got := buf.String(); !strings.Contains(got, "\rimporting [██████████          ]  50%") || !strings.HasSuffix(got, "10 imported") {
		t.Errorf("progress line = %q", got)
	}
	buf.Reset()
	width := p.width
	p.Clear()
	if got, want := buf.String(), "\r"+strings.Repeat(" ", width)+"\r"; width == 0 || got != want {
		t.Errorf("clear = %q, want %q", got, want)
	}
}

// TestProgressUnknownSize: from standard input the line says how much has
// been read, with no share and no time left.
func TestProgressUnknownSize(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, 0)
	p.Add(2_500_000)
	p.draw(true)
	if got := buf.String(); !strings.Contains(got, "importing · 2.5 MB read") || strings.Contains(got, "%") || strings.Contains(got, "left") {
		t.Errorf("progress line = %q", got)
	}
}
