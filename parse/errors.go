package parse

import (
	"errors"
	"fmt"
)

// Reasons a file or record is rejected. A Problem wraps one of them (or a
// more specific error) with the place it happened.
var (
	// ErrEmpty means a file holds nothing but white space.
	ErrEmpty = errors.New("empty file")
	// ErrBinary means a file is not text (it holds NUL bytes).
	ErrBinary = errors.New("binary file, not text")
	// ErrEncoding means text is not valid UTF-8.
	ErrEncoding = errors.New("not valid UTF-8 text")
	// ErrNoText means a record has neither a title nor a body.
	ErrNoText = errors.New("neither title nor body")
	// ErrUnknownType means arshif cannot tell what kind of file it is.
	ErrUnknownType = errors.New("unknown file type")
	// ErrJSON means JSON that cannot be read.
	ErrJSON = errors.New("invalid JSON")
	// ErrShape means valid JSON or CSV of a shape that holds no articles.
	ErrShape = errors.New("wrong shape")
	// ErrCSV means a CSV row that cannot be read.
	ErrCSV = errors.New("invalid CSV")
)

// errTooLong is a record over MaxRecord, from recordLimit.
var errTooLong = fmt.Errorf("longer than %d MiB", MaxRecord>>20)

// Severity tells how serious a Problem is.
type Severity int

const (
	// Rejected: the file or record was not imported.
	Rejected Severity = iota
	// Notice: imported, but something was off (a field ignored, a date
	// not understood).
	Notice
	// Skipped: a file met inside a folder that is not an article file.
	Skipped
)

// Problem is something wrong with the input, with its place: the file and,
// inside it, the line (text, JSON Lines) or the record (JSON array).
type Problem struct {
	File   string
	Line   int
	Record int
	// List names the list of an object that Record is in ("articles/",
	// "2/articles/" for the second object's), as the record's origin
	// does: file#articles/3.
	List     string
	Severity Severity
	Err      error
}

func (p *Problem) Error() string {
	switch {
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %v", p.File, p.Line, p.Err)
	case p.Record > 0:
		return fmt.Sprintf("%s: record %s%d: %v", p.File, p.List, p.Record, p.Err)
	}
	return fmt.Sprintf("%s: %v", p.File, p.Err)
}

func (p *Problem) Unwrap() error { return p.Err }
