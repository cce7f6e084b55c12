package parse

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets of the guesses and the CSV reading that face whatever a
// file holds. Their seeds run with the other tests; to look further:
// go test ./parse/ -run '^$' -fuzz FuzzCSV -fuzztime 20s

// FuzzTextKind: what a .txt file is read as is one of the four readers,
// one that fits its first line, and the same whatever blank lines and
// byte-order mark come before it, and whether or not the head is the
// whole file once it holds a line end.
func FuzzTextKind(f *testing.F) {
	for _, s := range []string{
		"Title\n\nBody",
		"\ufeff[{\"title\":\"a\"}]",
		"{\"title\":\"a\"}\n{\"title\":\"b\"}\n",
		"{\"title\":\"a\"}\n\n  {",
		"title\tbody\nA\tB\n",
		"\"title\tbody\nA\tB",
		"[Video] Floods\n\nBody",
		"{\"title\": \"a\",\n",
		"  \r\n\t{]",
		"العنوان\tالنص\nالرقة\tنص\n",
	} {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, head []byte, whole bool) {
		var w walker
		kind := w.textKind(head, whole)
		trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
		first, _, _ := bytes.Cut(trimmed, []byte("\n"))
		switch kind {
		case kindText:
		case kindJSON:
			if len(trimmed) == 0 || trimmed[0] != '[' && trimmed[0] != '{' {
				t.Errorf("textKind(%q) = JSON, which does not start so", head)
			}
		case kindJSONL:
			if len(trimmed) == 0 || trimmed[0] != '{' || !bytes.Contains(trimmed, []byte("\n")) && !whole {
				t.Errorf("textKind(%q, %v) = JSON Lines", head, whole)
			}
		case kindTSV:
			if bytes.IndexByte(first, '\t') < 0 {
				t.Errorf("textKind(%q) = TSV, with no tab on its first line", head)
			}
		default:
			t.Fatalf("textKind(%q) = %d, not a kind of text file", head, kind)
		}
		if !bytes.HasPrefix(head, []byte("\ufeff")) {
			if k := w.textKind(append([]byte("\ufeff\r\n \n"), head...), whole); k != kind {
				t.Errorf("textKind(%q) = %d, %d after a byte-order mark and blank lines", head, kind, k)
			}
		}
		if bytes.Contains(trimmed, []byte("\n")) {
			if k := w.textKind(head, !whole); k != kind {
				t.Errorf("textKind(%q) = %d with whole %v, %d without", head, kind, whole, k)
			}
		}
	})
}

// FuzzStrayQuote: a stretch found starts on a line of raw, runs to its
// last, every line of it but the last as many fields wide as the header,
// and says where to read again: the start of the line after its first.
func FuzzStrayQuote(f *testing.F) {
	f.Add([]byte("12,\"He said,body 12\n13,Title 13,body 13\n14,\"Title 14\",body 14\n"), int64(300), 12, uint8(3), uint8(0))
	f.Add([]byte("\n\n\"a;b\r\nc;d\r\ne\"f;g\r\n"), int64(0), 1, uint8(2), uint8(1))
	f.Add([]byte("a\tb\n\nc\td\n"), int64(7), 2, uint8(2), uint8(2))
	f.Add([]byte("\"x|y|z\nno"), int64(1), 1, uint8(3), uint8(3))
	f.Add([]byte("\"one field\ntwo\n"), int64(0), 1, uint8(1), uint8(0))
	f.Fuzz(func(t *testing.T, raw []byte, off int64, line int, width uint8, d uint8) {
		if off < 0 || off > 1<<40 || line < 0 || line > 1<<30 {
			t.Skip()
		}
		delim := csvDelimiters[int(d)%len(csvDelimiters)]
		s := strayQuote(raw, off, line, delim, int(width))
		if s.rows == 0 {
			return
		}
		lines := bytes.Split(bytes.TrimSuffix(raw, []byte("\n")), []byte("\n"))
		if s.first < line || s.last != s.first+s.rows || s.last != line+len(lines)-1 {
			t.Fatalf("strayQuote(%q, line %d) = %+v: lines out of the %d of raw", raw, line, s, len(lines))
		}
		at := s.resume - off
		if at < 1 || at > int64(len(raw)) || raw[at-1] != '\n' {
			t.Fatalf("strayQuote(%q, off %d) = %+v: resumes not at the start of a line", raw, off, s)
		}
		if got := line + bytes.Count(raw[:at], []byte("\n")); got != s.first+1 {
			t.Fatalf("strayQuote(%q) = %+v: resumes on line %d", raw, s, got)
		}
		for i := s.first; i < s.last; i++ {
			text := bytes.TrimSuffix(lines[i-line], []byte("\r"))
			if len(text) == 0 || bytes.Count(text, []byte(string(delim))) != int(width)-1 {
				t.Fatalf("strayQuote(%q) = %+v: line %d, %q, is not a row %d wide", raw, s, i, text, width)
			}
		}
	})
}

// FuzzRereader: what a rereader reads, the first time or again after a
// rewind to the mark or past it, is the input's bytes at that place, and
// since gives back the input from the mark; ops drive the reads (their
// sizes), marks and rewinds, and the sizes the source hands out.
func FuzzRereader(f *testing.F) {
	f.Add([]byte("title,body\nA,a\n\"B,b\nC,c\n"), []byte{3, 200, 7, 129, 64, 9, 250, 1, 2, 3})
	f.Add(bytes.Repeat([]byte("0123456789"), 20), []byte{0, 255, 100, 128, 60, 190, 5, 70})
	f.Fuzz(func(t *testing.T, data, ops []byte) {
		src := &chunkReader{data: data, sizes: ops}
		k := &rereader{r: src, buf: make([]byte, 0, 16)} // small: compacted often
		var mark, pos int64
		p := make([]byte, 64)
		for i, op := range ops {
			switch {
			case op < 128: // read up to op%64+1 bytes
				n, err := k.Read(p[:op%64+1])
				if n < 0 || pos+int64(n) > int64(len(data)) || !bytes.Equal(p[:n], data[pos:pos+int64(n)]) {
					t.Fatalf("op %d: read %q at %d, want the input's bytes there", i, p[:max(n, 0)], pos)
				}
				pos += int64(n)
				if err != nil && err != io.EOF {
					t.Fatal(err)
				}
			case op < 192: // mark where the reader is, or before it
				to := max(mark, pos-int64(op-128))
				k.mark(to)
				mark = to
			default: // rewind to the mark or after it, not past what was read
				to := min(k.end(), mark+int64(op-192))
				k.rewind(to)
				pos = to
			}
			end := k.end()
			if end < pos || end > int64(len(data)) || end != src.off {
				t.Fatalf("op %d: end %d, read to %d of %d, source at %d", i, end, pos, len(data), src.off)
			}
			if got := k.since(end); !bytes.Equal(got, data[mark:end]) {
				t.Fatalf("op %d: since(%d) from mark %d = %q, want %q", i, end, mark, got, data[mark:end])
			}
		}
	})
}

// chunkReader hands out data in pieces of the sizes sizes gives in turn.
type chunkReader struct {
	data  []byte
	sizes []byte
	off   int64
	n     int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if c.off >= int64(len(c.data)) {
		return 0, io.EOF
	}
	size := len(p)
	if len(c.sizes) > 0 {
		size = min(size, int(c.sizes[c.n%len(c.sizes)])%32+1)
		c.n++
	}
	n := copy(p[:size], c.data[c.off:])
	c.off += int64(n)
	return n, nil
}

// FuzzCSV reads a file as a CSV table, the stray quote path, the rereader
// and the sniffing included: it reads to its end, and every line an
// article or a problem names, and every line its message names, is a line
// of the file, in order, and no two articles are of the same line (a row
// read again is read once).
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"title,body\nA,a\n\"B,b\nC,c\nD,d\n",
		"title,body\r\nA,a\r\n\"B,b\r\nC,c\r\nD,d",
		"sep=;\ntitle;body\nA;\"a\nb\";x\n",
		"'title','body'\n'A','a'\n'B,b\nC,c\n'D','d'\n",
		"\ufeffid,title,body\n12,\"He said yes,body 12\n13,Title 13,body 13\n14,\"Title 14\",body 14\n15,x,y\n",
		"id,title,body\n3,\"Three,body 3\n4,Four,body 4\n6,5 inch\",body 6\n7,Seven,body 7\n",
		"title,body\nA,a\n\n\n\"B,b\nC,c\n",
		"title\tbody\nA\t\"a\n",
		"title,body\n",
		"x,y\n1,2\n",
		"title,body\nA,\xe9t\xe9\n",
	} {
		f.Add([]byte(s))
	}
	lineRe := regexp.MustCompile(`\blines? (\d+)(?: to (\d+))?`)
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) // and one unended
		if len(data) > 0 && data[len(data)-1] != '\n' {
			lines++
		}
		last := 0    // the line of what was emitted last
		lastRow := 0 // the line of the article emitted last
		// check checks a line named and, in the reader's own words of
		// CSV (not a cell's, which may say anything), the lines msg names.
		check := func(what string, line int, msg string) {
			if line < 0 || line > lines {
				t.Fatalf("%s names line %d of %d: %s\n%q", what, line, lines, msg, data)
			}
			if line > 0 && line < last {
				t.Fatalf("%s on line %d after one on line %d: %s\n%q", what, line, last, msg, data)
			}
			last = max(last, line)
			for _, m := range lineRe.FindAllStringSubmatch(msg, -1) {
				a, _ := strconv.Atoi(m[1])
				b := a
				if m[2] != "" {
					b, _ = strconv.Atoi(m[2])
				}
				if a < 1 || a > b || b > lines {
					t.Fatalf("%s says %q of a file of %d lines: %s\n%q", what, m[0], lines, msg, data)
				}
			}
		}
		w := walker{ctx: context.Background(), emit: func(it Item) error {
			if a := it.Article; a != nil {
				n, err := strconv.Atoi(strings.TrimPrefix(a.Origin, "f.csv:"))
				if err != nil {
					t.Fatalf("origin %q", a.Origin)
				}
				if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Body) {
					t.Fatalf("article of line %d is not UTF-8: %q %q", n, a.Title, a.Body)
				}
				check("an article", n, "")
				if n <= lastRow { // a row read again twice, or one read out of turn
					t.Fatalf("an article of line %d after one of line %d\n%q", n, lastRow, data)
				}
				lastRow = n
				return nil
			}
			msg := ""
			if err := it.Problem.Err; errors.Is(err, ErrCSV) || strings.HasPrefix(err.Error(), "the row runs over") {
				msg = err.Error()
			}
			check("a problem", it.Problem.Line, msg)
			return nil
		}}
		if err := w.csv("f.csv", bytes.NewReader(data), 0); err != nil {
			t.Fatalf("csv: %v\n%q", err, data)
		}
	})
}
