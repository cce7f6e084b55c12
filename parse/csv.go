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
// reported with its line and the rest is read; so is a row where a quote
// opens a field and is never closed, the rows it would swallow read again
// (see strayQuote); a line over MaxRecord ends the file.
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
	src := &rereader{r: lim, buf: make([]byte, 0, 64<<10)}
	rows := &csvRows{src: src, comma: delim, swap: quote == '\''}
	rows.restart(0, 0)
	cell := func(s string) string { return s }
	if rows.swap {
		cell = quoteSwapper.Replace
	}
	lim.next(0)
	header, err := rows.cr.Read()
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
		names[i] = fieldKey(cell(h))
	}
	if !knownColumns(names, w.opts.Fields) {
		return w.problem(&Problem{File: name, Line: headerLine, Err: fmt.Errorf("%w: the header names no title or body column (found %s); name them with --map title=COLUMN,body=COLUMN", ErrShape, cell(strings.Join(header, ", ")))})
	}
	next := rows.endLine(1) + 1 // where the next record starts, but for blank lines
	for n := 0; ; n++ {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		start := rows.offset()
		lim.next(start)
		src.mark(start)
		row, err := rows.cr.Read()
		if err == io.EOF {
			if n == 0 {
				return w.problem(&Problem{File: name, Line: headerLine, Severity: Notice, Err: errors.New("only a header row: nothing to import")})
			}
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			tooLong := errors.Is(err, errTooLong)
			if !tooLong && !errors.As(err, &pe) {
				return w.problem(&Problem{File: name, Err: err}) // an I/O error: nothing more can be read
			}
			if tooLong || pe.Err == csv.ErrQuote {
				// A quote that opens a field and is never closed: the
				// row it is on is rejected, the rows after it read again.
				end := rows.offset()
				if tooLong {
					end = src.end()
				}
				raw := src.since(end)
				if s := strayQuote(raw, start, next, delim, len(names)); s.rows > 0 {
					var why string // after csvError's words
					switch {
					case tooLong:
						why = fmt.Sprintf("over %d MiB: the quote that opens a field on this line is not closed", MaxRecord>>20)
					case quoteRunsOut(raw, pe):
						// The file's last line is no place to look: name
						// where the quote opens.
						why = fmt.Sprintf("%v: the quote that opens a field on line %d is not closed by the end of the file", pe.Err, s.first)
					default:
						why = fmt.Sprintf("%v on line %d: the quote that opens a field on this line is not closed", pe.Err, s.last)
					}
					err = fmt.Errorf("%w: %s; %s", ErrCSV, why, readAgain(s.first+1, s.last))
					if err := w.problem(&Problem{File: name, Line: s.first, Err: err}); err != nil {
						return err
					}
					next = s.first + 1
					rows.restart(s.resume, s.first)
					continue
				}
			}
			if tooLong {
				line := next
				if len(row) > 0 {
					line = rows.fieldLine(0)
				}
				return w.problem(&Problem{File: name, Line: line, Err: fmt.Errorf("record %w: the rest of the file is not read", err)})
			}
			line := rows.line + pe.StartLine
			next = rows.line + pe.Line + 1
			err = csvError(err)
			if pe.Line > pe.StartLine {
				err = fmt.Errorf("%w (lines %d to %d not read)", err, line, next-1)
			}
			if err := w.problem(&Problem{File: name, Line: line, Err: err}); err != nil {
				return err
			}
			continue
		}
		line := rows.fieldLine(0)
		end := rows.endLine(next)
		at := Problem{File: name, Line: line}
		if end > line {
			// A row over several lines may be rows that a quote never
			// closed glued together.
			s := strayQuote(src.since(rows.offset()), start, next, delim, len(names))
			switch {
			case len(row) != len(names) && s.rows > 0:
				at.Err = fmt.Errorf("%w: lines %d to %d make one row of %s: the quote that opens a field on this line may not be closed; %s", ErrCSV, line, end, fieldCount(len(row), len(names)), readAgain(line+1, end))
				if err := w.problem(&at); err != nil {
					return err
				}
				next = s.first + 1
				rows.restart(s.resume, s.first)
				continue
			case s.rows > 1:
				notice := at
				notice.Severity = Notice
				notice.Err = fmt.Errorf("the row runs over lines %d to %d, which read as rows of their own: the quote that opens a field on this line may not be closed", line, end)
				if err := w.problem(&notice); err != nil {
					return err
				}
			}
		}
		next = end + 1
		if len(row) != len(names) {
			at.Err = fmt.Errorf("%w: %s", ErrShape, fieldCount(len(row), len(names)))
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

// fieldCount says how many fields a row has and the header has.
func fieldCount(n, width int) string {
	if n == 1 {
		return fmt.Sprintf("1 field, the header has %d", width)
	}
	return fmt.Sprintf("%d fields, the header has %d", n, width)
}

// csvRows reads the records of a CSV file from a rereader with
// encoding/csv, and can start over at a line already read: a new
// csv.Reader reads from there, its lines and offsets counted from that
// place.
type csvRows struct {
	cr    *csv.Reader
	src   *rereader
	comma rune
	swap  bool  // quoted with ': see swapQuotes
	line  int   // lines before the reader's first
	off   int64 // the offset of the reader's first byte
}

// restart reads again from offset off, the start of the line after line.
func (c *csvRows) restart(off int64, line int) {
	c.src.rewind(off)
	var in io.Reader = c.src
	if c.swap {
		in = swapQuotes{in}
	}
	cr := csv.NewReader(in)
	cr.Comma = c.comma
	cr.LazyQuotes = c.swap  // see swapQuotes
	cr.FieldsPerRecord = -1 // checked by the caller, to name the line
	cr.ReuseRecord = true
	c.cr, c.line, c.off = cr, line, off
}

// offset is where the record just read ends.
func (c *csvRows) offset() int64 { return c.off + c.cr.InputOffset() }

// fieldLine returns the line on which field i of the record just read
// starts.
func (c *csvRows) fieldLine(i int) int {
	line, _ := c.cr.FieldPos(i)
	return c.line + line
}

// endLine returns the line on which the record just read ends, counted in
// the bytes it was read from, from the mark on, which is at the start of
// line first (or of blank lines before the record). Its last field's line
// breaks are not always the lines it ran over: one a quote opened and the
// end of the file ended (read lazily, see swapQuotes) holds the file's
// last line end, and ran over one line fewer.
func (c *csvRows) endLine(first int) int {
	raw := bytes.TrimSuffix(c.src.since(c.offset()), []byte("\n"))
	return first + bytes.Count(raw, []byte("\n"))
}

// rereader passes on what r reads and keeps it from the offset last
// marked on, so that a stretch already read can be read again.
type rereader struct {
	r    io.Reader
	buf  []byte // buf[skip:] holds what was read from offset base on
	skip int
	base int64
	pos  int64 // the offset Read reads from
}

func (k *rereader) Read(p []byte) (int, error) {
	if i := k.skip + int(k.pos-k.base); i < len(k.buf) {
		n := copy(p, k.buf[i:])
		k.pos += int64(n)
		return n, nil
	}
	n, err := k.r.Read(p)
	if len(k.buf)+n > cap(k.buf) && k.skip > 0 {
		k.buf = k.buf[:copy(k.buf, k.buf[k.skip:])]
		k.skip = 0
	}
	k.buf = append(k.buf, p[:n]...)
	k.pos += int64(n)
	return n, err
}

// mark says that nothing before offset off will be read again.
func (k *rereader) mark(off int64) {
	k.skip += int(off - k.base)
	k.base = off
}

// rewind makes Read read from offset off, not before the mark, again.
func (k *rereader) rewind(off int64) { k.pos = off }

// end is the offset after the last byte read.
func (k *rereader) end() int64 { return k.base + int64(len(k.buf)-k.skip) }

// since returns what was read from the mark to offset end.
func (k *rereader) since(end int64) []byte { return k.buf[k.skip : k.skip+int(end-k.base)] }

// stretch is a record over several lines read as rows (strayQuote).
type stretch struct {
	first, last int   // the lines it runs over
	rows        int   // how many of them, but the last, are rows
	resume      int64 // the offset of the line after first
}

// strayQuote tells whether raw, a record read from offset off, at the
// start of line, that runs over several lines, is rows glued together by a
// quote that opens a field and is never closed (12,"He said yes,body 12):
// whether each of its lines but the last has as many fields as the header,
// width, counting separators, and none is empty. On the last line is the
// quote that ends the field or breaks it. A cell with line breaks seldom
// looks so: its paragraphs are text, most often with empty lines between
// them. It returns no rows when raw is not such a stretch.
func strayQuote(raw []byte, off int64, line int, delim rune, width int) stretch {
	if width < 2 {
		return stretch{} // no separators to tell rows from text
	}
	var sep [utf8.UTFMax]byte
	comma := sep[:utf8.EncodeRune(sep[:], delim)]
	raw = bytes.TrimSuffix(raw, []byte("\n")) // the last line's end
	var s stretch
	for start := 0; ; line++ {
		end := bytes.IndexByte(raw[start:], '\n')
		if end < 0 {
			s.last = line
			return s
		}
		text := bytes.TrimSuffix(raw[start:start+end], []byte("\r"))
		switch {
		case len(text) == 0 && s.rows == 0: // before the record
		case len(text) == 0 || bytes.Count(text, comma) != width-1:
			return stretch{}
		case s.rows == 0:
			s.first, s.resume = line, off+int64(start+end+1)
			fallthrough
		default:
			s.rows++
		}
		start += end + 1
	}
}

// readAgain tells which lines after a broken row are read again as rows.
func readAgain(first, last int) string {
	if first == last {
		return fmt.Sprintf("line %d is read again as a row", first)
	}
	return fmt.Sprintf("lines %d to %d are read again as rows", first, last)
}

// quoteRunsOut tells whether pe, an ErrQuote that ends raw, the record
// read, is the end of the input met inside a quoted field rather than a
// quote that ends a field and is followed by more than a separator:
// encoding/csv names the column of that quote on the last line, and for the
// end of the input the column after the line.
func quoteRunsOut(raw []byte, pe *csv.ParseError) bool {
	last := raw[bytes.LastIndexByte(bytes.TrimSuffix(raw, []byte("\n")), '\n')+1:]
	col := pe.Column - 1
	return col < 0 || col >= len(last) || last[col] != '"'
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

// knownColumns reports whether a header, or a record's keys, names a title
// or a body column (by a common spelling, or as fields names it), compared
// as fieldKey makes them.
func knownColumns(names []string, fields map[string]string) bool {
	for _, name := range names {
		key := fieldKey(name)
		if slices.Contains(spellings(fields, "title"), key) || slices.Contains(spellings(fields, "body"), key) {
			return true
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
