package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"arshif/analyze"
	"arshif/article"
)

// TableOptions configure the reading view.
type TableOptions struct {
	// Match tells the words to find and mark in the snippet; nil marks
	// nothing.
	Match func(word string) bool
	// Bold marks hits with terminal bold instead of «».
	Bold bool
	// Width is the snippet length in characters (default 160).
	Width int
}

// Table writes the reading view of a result list: for each article a line
// with id, date and source, the title, and the body around the first hit
// with the hits marked.
type Table struct {
	w    *bufio.Writer
	opts TableOptions
}

// NewTable returns a reading-view encoder writing to w.
func NewTable(w io.Writer, opts TableOptions) *Table {
	if opts.Width <= 0 {
		opts.Width = 160
	}
	return &Table{w: bufio.NewWriter(w), opts: opts}
}

// Encode writes one article.
func (e *Table) Encode(a *article.Article) error {
	date := "undated"
	if a.Dated() {
		date = a.Published.Day()
	}
	head := []string{fmt.Sprintf("#%d", a.ID), date}
	if a.Source != "" {
		head = append(head, a.Source)
	}
	if len(a.Tags) > 0 {
		head = append(head, "tags: "+strings.Join(a.Tags, ", "))
	}
	fmt.Fprintf(e.w, "%s\n", strings.Join(head, " · "))
	title, spans := analyze.Snippet(a.Title, e.opts.Match, 1<<20)
	fmt.Fprintf(e.w, "  %s\n", e.mark(title, spans))
	snippet, spans := analyze.Snippet(a.Body, e.opts.Match, e.opts.Width)
	if snippet != "" {
		fmt.Fprintf(e.w, "  %s\n", e.mark(snippet, spans))
	}
	_, err := e.w.WriteString("\n")
	return err
}

func (e *Table) mark(s string, spans []analyze.Span) string {
	open, closing := "«", "»"
	if e.opts.Bold {
		open, closing = "\x1b[1m", "\x1b[0m"
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.Start])
		b.WriteString(open + s[sp.Start:sp.End] + closing)
		last = sp.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// Close flushes.
func (e *Table) Close() error { return e.w.Flush() }

// Flush writes out the articles encoded so far.
func (e *Table) Flush() error { return e.w.Flush() }
