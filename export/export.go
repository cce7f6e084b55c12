// Package export writes articles out: CSV for spreadsheets, JSON and JSON
// Lines for programs, and the plain views of the command line (a table
// with the hit in context, ids). Every writer is a streaming Encoder: one
// article in, written out, nothing kept.
package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"arshif/analyze"
	"arshif/article"
)

// JSONOf is the exported form of a, with the language the index has.
func JSONOf(a *article.Article) article.JSON {
	j := a.ToJSON()
	j.Lang = analyze.LanguageOf(a.Lang, a.Title, a.Body)
	return j
}

// Encoder writes articles one at a time. Close finishes the output (a
// closing bracket, a flush); it does not close the underlying writer.
// Flush writes what Encode has buffered without finishing the output: an
// export cut short ends after its last whole article, and does not look
// whole (a JSON array has no closing bracket).
type Encoder interface {
	Encode(a *article.Article) error
	Flush() error
	Close() error
}

// Fields are the columns of a CSV export and the keys of JSON output, in
// order. They are a documented contract: never renamed, only added to.
var Fields = []string{"id", "title", "body", "tags", "source", "url", "author", "published", "hash", "imported_at", "origin", "lang"}

// TagSep joins the tags of an article in one CSV cell.
const TagSep = "; "

// CSVOptions configure a CSV encoder.
type CSVOptions struct {
	// BOM starts the file with a UTF-8 byte-order mark, which Excel needs
	// to read Arabic correctly.
	BOM bool
	// Raw leaves cells as they are. By default a cell that begins with
	// = + - @ tab or CR, which a spreadsheet would run as a formula, is
	// prefixed with a single quote.
	Raw bool
	// CellLimit, when above 0, is the most UTF-16 code units a cell may
	// hold (Excel's limit is ExcelCellLimit): a longer one is cut to end
	// with "…" within it, and Cut lists its article.
	CellLimit int
}

// ExcelCellLimit is how many characters (UTF-16 code units) Excel keeps of
// a cell; it drops the rest of a longer one without a word.
const ExcelCellLimit = 32767

// CSV writes RFC 4180 CSV (CRLF line ends, quoted where needed) with a
// header row of Fields.
type CSV struct {
	w      *csv.Writer
	opts   CSVOptions
	header bool
	out    io.Writer
	row    []string
	cut    []uint64
}

// NewCSV returns a CSV encoder writing to w.
func NewCSV(w io.Writer, opts CSVOptions) *CSV {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &CSV{w: cw, opts: opts, out: w, row: make([]string, len(Fields))}
}

func (e *CSV) start() error {
	if e.header {
		return nil
	}
	e.header = true
	if e.opts.BOM {
		if _, err := io.WriteString(e.out, "\ufeff"); err != nil {
			return err
		}
	}
	return e.w.Write(Fields)
}

// Encode writes one row.
func (e *CSV) Encode(a *article.Article) error {
	if err := e.start(); err != nil {
		return err
	}
	j := JSONOf(a)
	published := ""
	if j.Published != nil {
		published = *j.Published
	}
	cells := []string{strconv.FormatUint(a.ID, 10), j.Title, j.Body, strings.Join(j.Tags, TagSep),
		j.Source, j.URL, j.Author, published, j.Hash, j.ImportedAt, j.Origin, j.Lang}
	cut := false
	for i, c := range cells {
		if !e.opts.Raw {
			c = Neutralize(c)
		}
		if e.opts.CellLimit > 0 {
			var was bool
			c, was = cutCell(c, e.opts.CellLimit)
			cut = cut || was
		}
		e.row[i] = c
	}
	if cut {
		e.cut = append(e.cut, a.ID)
	}
	return e.w.Write(e.row)
}

// Cut returns the ids of the articles a cell of which was cut to
// CellLimit, in the order written.
func (e *CSV) Cut() []uint64 { return e.cut }

// cutCell cuts cell to at most limit UTF-16 code units, the last of them
// "…", and says whether it did. A line break counts two: the CSV writes it
// as CR LF.
func cutCell(cell string, limit int) (string, bool) {
	if 2*len(cell) <= limit || cellLen(cell) <= limit { // a byte is at most two units
		return cell, false
	}
	units := 0
	for i, r := range cell {
		if units += runeUnits(r); units > limit-1 { // room for the "…"
			return cell[:i] + "…", true
		}
	}
	return cell, false
}

// runeUnits returns how many UTF-16 code units r takes in a cell: a line
// break two, as the CSV writes it CR LF.
func runeUnits(r rune) int {
	if r > 0xffff || r == '\n' {
		return 2
	}
	return 1
}

// cellLen returns how many code units s takes in a cell (runeUnits).
func cellLen(s string) int {
	n := 0
	for _, r := range s {
		n += runeUnits(r)
	}
	return n
}

// Flush writes out the rows encoded so far.
func (e *CSV) Flush() error {
	e.w.Flush()
	return e.w.Error()
}

// Close writes the header if no row was written, and flushes.
func (e *CSV) Close() error {
	if err := e.start(); err != nil {
		return err
	}
	e.w.Flush()
	return e.w.Error()
}

// Neutralize prefixes a cell that a spreadsheet would take for a formula
// with a single quote (OWASP's advice against CSV injection).
func Neutralize(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + cell
	}
	return cell
}

// jsonValue encodes v without HTML escaping, so URLs with & and Arabic
// text stay as written, and without a trailing newline.
func jsonValue(buf *bytes.Buffer, v any) ([]byte, error) {
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// JSON writes a JSON array of articles, one per line, as a stream.
type JSON struct {
	w   *bufio.Writer
	buf bytes.Buffer
	n   int
}

// NewJSON returns a JSON array encoder writing to w.
func NewJSON(w io.Writer) *JSON { return &JSON{w: bufio.NewWriter(w)} }

// Encode writes one article, in its documented form, as an element of the
// array.
func (e *JSON) Encode(a *article.Article) error { return e.EncodeValue(JSONOf(a)) }

// EncodeValue writes any value as an element of the array.
func (e *JSON) EncodeValue(x any) error {
	v, err := jsonValue(&e.buf, x)
	if err != nil {
		return err
	}
	sep := ",\n"
	if e.n == 0 {
		sep = "[\n"
	}
	e.n++
	e.w.WriteString(sep)
	_, err = e.w.Write(v)
	return err
}

// Flush writes out the elements encoded so far, the array left open.
func (e *JSON) Flush() error { return e.w.Flush() }

// Close ends the array and flushes.
func (e *JSON) Close() error {
	if e.n == 0 {
		e.w.WriteString("[]\n")
	} else {
		e.w.WriteString("\n]\n")
	}
	return e.w.Flush()
}

// JSONL writes one JSON object a line.
type JSONL struct {
	w   *bufio.Writer
	buf bytes.Buffer
}

// NewJSONL returns a JSON Lines encoder writing to w.
func NewJSONL(w io.Writer) *JSONL { return &JSONL{w: bufio.NewWriter(w)} }

// Encode writes one article, in its documented form, on one line.
func (e *JSONL) Encode(a *article.Article) error { return e.EncodeValue(JSONOf(a)) }

// EncodeValue writes any value on one line.
func (e *JSONL) EncodeValue(x any) error {
	v, err := jsonValue(&e.buf, x)
	if err != nil {
		return err
	}
	e.w.Write(v)
	return e.w.WriteByte('\n')
}

// Flush writes out the lines encoded so far.
func (e *JSONL) Flush() error { return e.w.Flush() }

// Close flushes.
func (e *JSONL) Close() error { return e.w.Flush() }

// IDs writes one article id a line.
type IDs struct{ w *bufio.Writer }

// NewIDs returns an id-per-line encoder writing to w.
func NewIDs(w io.Writer) *IDs { return &IDs{w: bufio.NewWriter(w)} }

// Encode writes the id.
func (e *IDs) Encode(a *article.Article) error {
	_, err := fmt.Fprintln(e.w, a.ID)
	return err
}

// Flush writes out the ids encoded so far.
func (e *IDs) Flush() error { return e.w.Flush() }

// Close flushes.
func (e *IDs) Close() error { return e.w.Flush() }
