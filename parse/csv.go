package parse

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// csvDelimiters are the separators a CSV file may use, as spreadsheets
// save them in different locales.
var csvDelimiters = []rune{',', ';', '\t', '|'}

// csv reads a table with a header row: the header names the fields (the
// same spellings as JSON: title or headline, content or body, ...), each
// further row is an article. With delim 0 the separator is sniffed from
// the header line. Quoted fields may hold separators, quotes ("") and line
// breaks; CRLF line ends and a byte-order mark are fine. A row that cannot
// be read, or whose fields do not match the header, is reported with its
// line and the rest is read.
func (w *walker) csv(name string, r io.Reader, delim rune) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	if delim == 0 {
		head, _ := br.Peek(br.Buffered())
		if len(head) == 0 {
			head, _ = br.Peek(64 << 10)
		}
		delim = sniffDelimiter(head)
	}
	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.FieldsPerRecord = -1 // checked here, to name the line
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return w.problem(&Problem{File: name, Err: ErrEmpty})
	}
	if err != nil {
		return w.problem(&Problem{File: name, Line: 1, Err: fmt.Errorf("header: %w", csvError(err))})
	}
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	}
	if !knownColumns(names, w.opts.Fields) {
		return w.problem(&Problem{File: name, Line: 1, Err: fmt.Errorf("%w: the header names no title or body column (found %s)", ErrShape, strings.Join(header, ", "))})
	}
	for {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line := 0
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			if err := w.problem(&Problem{File: name, Line: line, Err: csvError(err)}); err != nil {
				return err
			}
			if pe == nil || pe.Err != csv.ErrFieldCount && pe.Err != csv.ErrBareQuote && pe.Err != csv.ErrQuote {
				return nil // an I/O error: nothing more can be read
			}
			continue
		}
		line, _ = cr.FieldPos(0)
		at := Problem{File: name, Line: line}
		if len(row) != len(names) {
			at.Err = fmt.Errorf("%w: %d fields, the header has %d", ErrShape, len(row), len(names))
			if err := w.problem(&at); err != nil {
				return err
			}
			continue
		}
		obj := make(map[string]json.RawMessage, len(row))
		for i, cell := range row {
			if cell == "" || names[i] == "" {
				continue
			}
			if !utf8.ValidString(cell) {
				obj = nil
				break
			}
			v, _ := json.Marshal(cell)
			obj[names[i]] = v
		}
		if obj == nil {
			at.Err = ErrEncoding
			if err := w.problem(&at); err != nil {
				return err
			}
			continue
		}
		if err := w.record(at, fmt.Sprintf("%s:%d", name, line), obj); err != nil {
			return err
		}
	}
}

// sniffDelimiter picks the separator that occurs most often, outside
// quotes, on the first line.
func sniffDelimiter(head []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(head) {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if !quoted && (r == '\n' || r == '\r') {
			break
		}
		if !quoted {
			counts[r]++
		}
	}
	best := ','
	for _, d := range csvDelimiters {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// knownColumns reports whether a header names a title or a body column
// (by a common spelling, or as fields names it).
func knownColumns(names []string, fields map[string]string) bool {
	for _, field := range []string{"title", "body"} {
		spellings := fieldNames[field]
		if key, ok := fields[field]; ok {
			spellings = []string{key}
		}
		for _, s := range spellings {
			if slices.Contains(names, s) {
				return true
			}
		}
	}
	return false
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%w: %v", ErrCSV, pe.Err)
	}
	return err
}
