package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// progress draws one line on a terminal: a bar of how much of the input
// is in the archive, the files read, the speed, the time left and how
// many articles are in. It is safe for the reading and the writing
// goroutines. (A progress-bar library was tried: its dependencies added
// 1.2 ms to the start of every arshif command, queries included, which is
// what this file avoids.)
type progress struct {
	mu         sync.Mutex
	w          io.Writer
	total      int64 // bytes of input, 0 when unknown (standard input)
	read       int64 // bytes read
	done       int64 // bytes whose articles are committed
	files      int   // files read
	totalFiles int
	status     string
	start      time.Time
	lastDraw   time.Time
	width      int // of the last line drawn, to clear it
}

func newProgress(w io.Writer, total int64, files int) *progress {
	return &progress{w: w, total: total, totalFiles: files, start: time.Now()}
}

// Read counts n more bytes read.
func (p *progress) Read(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.read += n
	p.draw(false)
}

// FileRead counts a file more read.
func (p *progress) FileRead() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files++
	p.draw(false)
}

// FilesFound counts n more files to read: those of a zip inside a zip,
// which the count made before the import could not reach without
// unpacking it (parse.InputSize).
func (p *progress) FilesFound(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.totalFiles += n
	p.draw(false)
}

// ReadSoFar returns the bytes read.
func (p *progress) ReadSoFar() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.read
}

// Committed says that the articles of the first n bytes read are in the
// archive: what the bar, the speed and the time left are of.
func (p *progress) Committed(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = max(p.done, n)
	p.draw(false)
}

// Status sets the words shown after the numbers.
func (p *progress) Status(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.status = s
	p.draw(false)
}

// Clear removes the line, so that a message can take its place; the next
// update draws it again.
func (p *progress) Clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}

// draw redraws at most five times a second, unless forced.
func (p *progress) draw(force bool) {
	now := time.Now()
	if !force && now.Sub(p.lastDraw) < 200*time.Millisecond {
		return
	}
	p.lastDraw = now
	elapsed := now.Sub(p.start).Seconds()
	var line string
	if p.total > 0 {
		done := min(p.done, p.total)
		b := bar(done, p.total, barWidth)
		b += strings.Repeat(" ", barWidth-utf8.RuneCountInString(b))
		line = fmt.Sprintf("importing [%s] %3.0f%%", b, 100*float64(done)/float64(p.total))
	} else { // standard input: how much, not what share
		line = fmt.Sprintf("importing · %.1f MB read", float64(p.read)/1e6)
	}
	switch {
	case p.totalFiles > 1 && p.files <= p.totalFiles:
		line += fmt.Sprintf(" · %s of %s files", thousands(p.files), thousands(p.totalFiles))
	case p.files > 1:
		line += fmt.Sprintf(" · %s files", thousands(p.files))
	}
	if p.total == 0 && elapsed > 0.5 && p.read > 0 {
		line += fmt.Sprintf(" · %.1f MB/s", float64(p.read)/elapsed/1e6)
	} else if elapsed > 0.5 && p.done > 0 {
		rate := float64(p.done) / elapsed
		line += fmt.Sprintf(" · %.1f MB/s", rate/1e6)
		if left := float64(p.total-p.done) / rate; p.total > 0 && left > 0 {
			line += fmt.Sprintf(" · %s left", time.Duration(left*float64(time.Second)).Round(time.Second))
		}
	}
	if p.status != "" {
		line += " · " + p.status
	}
	pad := ""
	if n := len([]rune(line)); n < p.width {
		pad = strings.Repeat(" ", p.width-n)
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.width = len([]rune(line))
}

// barWidth is how many cells the bar takes.
const barWidth = 20

// thousands writes n with its digits in groups of three: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
