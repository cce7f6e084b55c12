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
	if got := buf.String(); !strings.Contains(got, "\rimporting  50%") || !strings.HasSuffix(got, "10 imported") {
		t.Errorf("progress line = %q", got)
	}
	buf.Reset()
	p.Clear()
	if got := buf.String(); got != "\r"+strings.Repeat(" ", p.width)+"\r" && !strings.HasPrefix(got, "\r ") {
		t.Errorf("clear = %q", got)
	}
}
