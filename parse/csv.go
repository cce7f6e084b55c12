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
// the header line; the quote character, " or ', is sniffed from the start
// of the file (sniffQuote). Quoted fields may hold separators, quotes (doubled)
// and line breaks; CRLF line ends and a byte-order mark are fine. A row
// that cannot be read, or whose fields do not match the header, is
// reported with its line and the rest is read; a record over MaxRecord
// ends the file.
func (w *walker) csv(name string, r io.Reader, delim rune) error {
	br := bufio.NewReaderSize(r, sniffSize)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	// Excel's "sep=;" first line names the separator. It is dropped but
	// its line end kept, an empty line the reader skips, so that lines
	// keep their numbers.
	headerLine := 1
	if first, err := br.Peek(6); err == nil && bytes.HasPrefix(first, []byte("sep=")) && (first[5] == '\n' || first[5] == '\r') {
		if sep := rune(first[4]); slices.Contains(csvDelimiters, sep) {
			br.Discard(5)
			headerLine = 2
			if delim == 0 {
				delim = sep
			}
		}
	}
	head, err := br.Peek(sniffSize)
	whole := err != nil
	if delim == 0 {
		delim = sniffDelimiter(head)
	}
	quote := sniffQuote(head, delim, whole)
	lim := &recordLimit{r: br}
	var in io.Reader = lim
	cell := func(s string) string { return s }
	if quote == '\'' {
		in, cell = swapQuotes{lim}, quoteSwapper.Replace
	}
	cr := csv.NewReader(in)
	cr.Comma = delim
	cr.LazyQuotes = quote == '\'' // see swapQuotes
	cr.FieldsPerRecord = -1       // checked here, to name the line
	cr.ReuseRecord = true
	lim.next(0)
	header, err := cr.Read()
	switch {
	case err == io.EOF:
		return w.problem(&Problem{File: name, Err: ErrEmpty})
	case errors.Is(err, errTooLong):
		return w.problem(&Problem{File: name, Line: headerLine, Err: fmt.Errorf("header %w: the rest of the file is not read", err)})
	case err != nil:
		return w.problem(&Problem{File: name, Line: headerLine, Err: fmt.Errorf("header: %w", csvError(err))})
	}
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(cell(h), "\ufeff")))
	}
	if !knownColumns(names, w.opts.Fields) {
		return w.problem(&Problem{File: name, Line: headerLine, Err: fmt.Errorf("%w: the header names no title or body column (found %s)", ErrShape, cell(strings.Join(header, ", ")))})
	}
	next := endLine(cr, header) + 1 // where the next record starts, but for blank lines
	for rows := 0; ; rows++ {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		lim.next(cr.InputOffset())
		row, err := cr.Read()
		if err == io.EOF {
			if rows == 0 {
				return w.problem(&Problem{File: name, Line: headerLine, Severity: Notice, Err: errors.New("only a header row: nothing to import")})
			}
			return nil
		}
		if errors.Is(err, errTooLong) {
			line := next
			if len(row) > 0 {
				line, _ = cr.FieldPos(0)
			}
			return w.problem(&Problem{File: name, Line: line, Err: fmt.Errorf("record %w: the rest of the file is not read", err)})
		}
		line := 0
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line, next = pe.StartLine, pe.Line+1
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
		next = endLine(cr, row) + 1
		at := Problem{File: name, Line: line}
		if len(row) != len(names) {
			fields := "fields"
			if len(row) == 1 {
				fields = "field"
			}
			at.Err = fmt.Errorf("%w: %d %s, the header has %d", ErrShape, len(row), fields, len(names))
			if err := w.problem(&at); err != nil {
				return err
			}
			continue
		}
		obj := make(map[string]json.RawMessage, len(row))
		for i, c := range row {
			if c == "" || names[i] == "" {
				continue
			}
			if !utf8.ValidString(c) {
				obj = nil
				break
			}
			v, _ := json.Marshal(unneutralized(cell(c)))
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

// endLine returns the line on which row, just read by cr, ends.
func endLine(cr *csv.Reader, row []string) int {
	if len(row) == 0 {
		return 0
	}
	line, _ := cr.FieldPos(len(row) - 1)
	return line + strings.Count(row[len(row)-1], "\n")
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

// sniffQuote tells the quote character of a table whose first bytes are
// head (all of it when whole): " as RFC 4180 has it, or ' as some
// exports write. An apostrophe is in words (O'Brien) and at their ends
// (the journalists'), and reading one as a quote would glue fields
// together; so ' is chosen only when the sample, read with ' as the
// quote, clearly uses it: at least two fields open with ', none opens with
// " (one inside a field quoted with ' may), and no more records have
// another number of fields than the header than when read with ".
func sniffQuote(head []byte, delim rune, whole bool) rune {
	if !whole {
		end := bytes.LastIndexByte(head, '\n')
		if end < 0 {
			return '"'
		}
		head = head[:end+1] // whole lines
	}
	if bytes.Count(head, []byte("'")) < 4 {
		return '"' // not two fields quoted with '
	}
	lines := []int{0} // where each line starts
	for i, c := range head {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	quoted, doubleQuoted := 0, false
	misfit := misfits(head, delim, '\'', whole, func(cr *csv.Reader, row []string) {
		for i := range row {
			line, col := cr.FieldPos(i)
			if at := lines[line-1] + col - 1; at < len(head) {
				switch head[at] {
				case '\'':
					quoted++
				case '"':
					doubleQuoted = true
				}
			}
		}
	})
	if quoted < 2 || doubleQuoted || misfit > misfits(head, delim, '"', whole, nil) {
		return '"'
	}
	return '\''
}

// misfits reads a sample with quote, lazily, calls each (when not nil) for
// every record, and counts the records that have another number of fields
// than the header; the last one is left out unless the sample is the whole
// file, as it may be cut short.
func misfits(head []byte, delim, quote rune, whole bool, each func(*csv.Reader, []string)) int {
	var in io.Reader = bytes.NewReader(head)
	if quote == '\'' {
		in = swapQuotes{in}
	}
	cr := csv.NewReader(in)
	cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = delim, true, -1
	width, n, last := -1, 0, false
	for {
		row, err := cr.Read()
		if err != nil { // io.EOF: lazy quotes leave no other error
			break
		}
		if each != nil {
			each(cr, row)
		}
		if width < 0 {
			width = len(row)
			continue
		}
		if last = len(row) != width; last {
			n++
		}
	}
	if last && !whole {
		n--
	}
	return n
}

// swapQuotes lets encoding/csv, which knows only " as a quote, read a file
// quoted with ': it swaps the two characters as they pass, every byte
// staying in place (lines and columns are the file's), and quoteSwapper
// swaps them back in each field. csv.Reader reads the swapped text with
// LazyQuotes, so that an apostrophe inside a word or a quoted field
// (O'Brien, 'O'Brien') stays a letter and a doubled one stands for one, as
// "" does: only a ' that opens a field, or ends one before a separator or
// a line's end, is a quote. No byte of a multi-byte UTF-8 character is
// either of the two.
type swapQuotes struct{ r io.Reader }

func (s swapQuotes) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	for i, c := range p[:n] {
		switch c {
		case '"':
			p[i] = '\''
		case '\'':
			p[i] = '"'
		}
	}
	return n, err
}

var quoteSwapper = strings.NewReplacer(`"`, `'`, `'`, `"`)

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

// unneutralized undoes what arshif's CSV export, and any export that
// follows OWASP's advice, does to a cell a spreadsheet would run as a
// formula: the single quote put before its = + - @ tab or CR is taken off,
// so that an export imports as the articles were ("- point" stays
// "- point", not "'- point"). Excel writes such a cell back as it read it.
func unneutralized(cell string) string {
	if len(cell) >= 2 && cell[0] == '\'' {
		switch cell[1] {
		case '=', '+', '-', '@', '\t', '\r':
			return cell[1:]
		}
	}
	return cell
}
