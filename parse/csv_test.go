package parse

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// walkAll walks paths and returns, in order, each article as origin, title
// and body joined by " | ", and each problem's message, with dir left out.
func walkAll(t *testing.T, w walker, dir string, paths ...string) []string {
	t.Helper()
	var got []string
	w.ctx = context.Background()
	w.emit = func(it Item) error {
		if a := it.Article; a != nil {
			got = append(got, strings.Join([]string{strings.TrimPrefix(a.Origin, filepath.ToSlash(dir)+"/"), a.Title, a.Body}, " | "))
		} else if it.Present != "" {
			got = append(got, "present: "+it.Present)
		} else {
			got = append(got, strings.TrimPrefix(it.Problem.Error(), filepath.ToSlash(dir)+"/"))
		}
		return nil
	}
	for _, p := range paths {
		if err := w.path(p); err != nil {
			t.Fatal(err)
		}
	}
	return got
}

// writeFile writes data to dir/name and returns the path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSniffQuote(t *testing.T) {
	tests := []struct {
		name  string
		head  string
		whole bool
		want  rune
	}{
		{"apostrophes in words", "title,body\nO'Brien,He said 'yes' and the journalists' union agreed\n", true, '"'},
		{"quoted with '", "'title','body'\n'O''Brien','a, b'\n", true, '\''},
		{"quoted with ', Arabic", "'العنوان','النص'\n'الرقة','نص، مع فاصلة, وفاصلة'\n", true, '\''},
		{"quoted with ', semicolons", "'title';'body'\n'a;b';'c'\n", true, '\''},
		{"a header only", "'title','body'", true, '\''},
		{"one field starts with '", "title,body\n'Tis the season,x\nthe kids',y\n", true, '"'},
		{"' glues fields", "title,body\n'90s,the bands'\n'80s,the fans'\n", true, '"'},
		{"\" quotes too", "'title','body'\n\"a\",'b'\n", true, '"'},
		{"\" inside ' quotes", "'title','body'\n'a','\"We will not\", he said:\n\"be silent\".'\n", true, '\''},
		{"standard", "title,body\n\"a, b\",c\n", true, '"'},
		{"a quoted line break cut off", "'title','body'\n'a','first line\nsecond", false, '\''},
		{"a short row", "'title','body'\n'a','b'\n'c'\n", true, '\''},
		{"' glues more rows than it fits", "title,body\n'a,b'\n'c,d'\n'e','f'\n", true, '"'},
		{"no whole line", "'title','body'", false, '"'},
	}
	for _, tt := range tests {
		if got := sniffQuote([]byte(tt.head), ',', tt.whole); got != tt.want {
			t.Errorf("%s: sniffQuote(%q) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
	if got := sniffQuote([]byte("'title';'body'\n'a,b';'c'\n"), ';', true); got != '\'' {
		t.Errorf("semicolons: got %q, want '", got)
	}
}

func TestCSVQuotes(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		// An export quoted with ': separators, a line break, a doubled
		// apostrophe, one that is not doubled, and " inside quotes.
		writeFile(t, dir, "apostrophe.csv", []byte("'title';'body';'source'\r\n"+
			"'الرقة';'سطر أول\r\n\r\nسطر ثان; مع ''اقتباس'' و\"علامات\"';'وكالة'\r\n"+
			"'O''Brien wins';'Mr O'Brien, who won, said: \"fine\".';'AP'\r\n"+
			"'';'';'AP'\r\n"+
			"'short';'row'\r\n")),
		// The standard quote beside apostrophes that quote nothing.
		writeFile(t, dir, "standard.csv", []byte("title,body\n"+
			"O'Brien,'Tis the season\n"+
			"\"The journalists', he said\",\"'Yes', O'Brien said\"\n")),
	}
	got := walkAll(t, walker{}, dir, files...)
	want := []string{
		"apostrophe.csv:2 | الرقة | سطر أول\n\nسطر ثان; مع 'اقتباس' و\"علامات\"",
		`apostrophe.csv:5 | O'Brien wins | Mr O'Brien, who won, said: "fine".`,
		"apostrophe.csv:6: neither title nor body",
		"apostrophe.csv:7: wrong shape: 2 fields, the header has 3",
		"standard.csv:2 | O'Brien | 'Tis the season",
		"standard.csv:3 | The journalists', he said | 'Yes', O'Brien said",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCSVNeutralizedCells: the quote an export puts before a cell a
// spreadsheet would run is taken off again; other quotes stay.
func TestCSVNeutralizedCells(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "export.csv", []byte("title,body,author\n"+
		"'=1+1 is two,'- first point,'@reporter\n"+
		"'+٩٦٦ numbers,'Tis the season,'\n"+
		"''- twice,body,x\n"))
	got := walkAll(t, walker{}, dir, f)
	want := []string{
		"export.csv:2 | =1+1 is two | - first point",
		"export.csv:3 | +٩٦٦ numbers | 'Tis the season",
		"export.csv:4 | ''- twice | body",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCSVLimits(t *testing.T) {
	dir := t.TempDir()
	long := bytes.Repeat([]byte("x"), MaxRecord+1)
	files := []string{
		writeFile(t, dir, "long-line.csv", append(append([]byte("title,body\nA,short\nB,"), long...), "\nC,after\n"...)),
		writeFile(t, dir, "open-quote.csv", append([]byte("title,body\n\"A, never closed\n"), bytes.Repeat([]byte("more text\n"), MaxRecord/10+1)...)),
		writeFile(t, dir, "long-header.csv", append(long, "\n"...)),
		writeFile(t, dir, "header-only.csv", []byte("title,body\n")),
	}
	got := walkAll(t, walker{}, dir, files...)
	want := []string{
		"long-line.csv:2 | A | short",
		"long-line.csv:3: record longer than 16 MiB: the rest of the file is not read",
		"open-quote.csv:2: record longer than 16 MiB: the rest of the file is not read",
		"long-header.csv:1: header longer than 16 MiB: the rest of the file is not read",
		"header-only.csv:1: only a header row: nothing to import",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCSVStrayQuote: a quote that opens a field and is never closed runs
// over the rows after it; the row it is on is rejected with its line and
// every other row is imported, wherever the quote would have ended.
func TestCSVStrayQuote(t *testing.T) {
	stray := `12,"He said yes and left,body 12`
	long := strings.Repeat("long body ", 20)
	tests := []struct {
		name string
		rows int
		nl   string
		bad  map[int]string // rows written so, for the usual 7,Title 7,body 7
		lost []int          // rows not imported
		want []string
	}{
		{"closed by a quoted field", 5000, "\n", map[int]string{12: stray, 40: `40,"Title 40",body 40`}, []int{12}, []string{
			`f.csv:13: invalid CSV: extraneous or missing " in quoted-field on line 41: the quote that opens a field on this line is not closed; lines 14 to 41 are read again as rows`,
		}},
		{"CRLF, to the end", 5000, "\r\n", map[int]string{12: stray}, []int{12}, []string{
			`f.csv:13: invalid CSV: extraneous or missing " in quoted-field: the quote that opens a field on line 13 is not closed by the end of the file; lines 14 to 5001 are read again as rows`,
		}},
		{"to the end, the last line without its line end", 50, "\n", map[int]string{12: stray, 50: "50,Title 50,body 50 cut"}, []int{12}, []string{
			`f.csv:13: invalid CSV: extraneous or missing " in quoted-field: the quote that opens a field on line 13 is not closed by the end of the file; lines 14 to 51 are read again as rows`,
		}},
		{"closed on the last line", 50, "\n", map[int]string{12: stray, 50: `50,"Title 50",body 50`}, []int{12}, []string{
			`f.csv:13: invalid CSV: extraneous or missing " in quoted-field on line 51: the quote that opens a field on this line is not closed; lines 14 to 51 are read again as rows`,
		}},
		{"closed on the next line", 50, "\n", map[int]string{12: stray, 13: `13,"Title 13",body 13`}, []int{12}, []string{
			`f.csv:13: invalid CSV: extraneous or missing " in quoted-field on line 14: the quote that opens a field on this line is not closed; line 14 is read again as a row`,
		}},
		{"two", 5000, "\n", map[int]string{12: stray, 30: `30,Title 30,"body 30`, 4000: `4000,"Title 4000",body 4000`}, []int{12, 30}, []string{
			`f.csv:13: invalid CSV: extraneous or missing " in quoted-field on line 31: the quote that opens a field on this line is not closed; lines 14 to 31 are read again as rows`,
			`f.csv:31: invalid CSV: extraneous or missing " in quoted-field on line 4001: the quote that opens a field on this line is not closed; lines 32 to 4001 are read again as rows`,
		}},
		{"closed, a field too many", 50, "\n", map[int]string{12: stray, 20: `20,Title 20,body 20 ends"`}, []int{12, 20}, []string{
			`f.csv:13: invalid CSV: lines 13 to 21 make one row of 2 fields, the header has 3: the quote that opens a field on this line may not be closed; lines 14 to 21 are read again as rows`,
			`f.csv:21: invalid CSV: bare " in non-quoted-field`,
		}},
		{"more than 16 MiB", MaxRecord/len(long) + 1000, "\n", map[int]string{12: stray}, []int{12}, []string{
			"f.csv:13: invalid CSV: over 16 MiB: the quote that opens a field on this line is not closed; lines 14 to 73421 are read again as rows",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			b.WriteString("id,title,body" + tt.nl)
			for i := 1; i <= tt.rows; i++ {
				if row, ok := tt.bad[i]; ok && strings.HasSuffix(row, " cut") {
					b.WriteString(strings.TrimSuffix(row, " cut")) // no line end
				} else if ok {
					b.WriteString(row + tt.nl)
				} else {
					fmt.Fprintf(&b, "%d,Title %d,body %d%s", i, i, i, tt.nl)
					if tt.rows > MaxRecord/len(long) {
						b.Truncate(b.Len() - len(tt.nl))
						b.WriteString(long + tt.nl)
					}
				}
			}
			var problems []string
			imported := map[string]bool{}
			w := walker{ctx: context.Background(), emit: func(it Item) error {
				if it.Article != nil {
					imported[it.Article.Title] = true
				} else {
					problems = append(problems, it.Problem.Error())
				}
				return nil
			}}
			if err := w.csv("f.csv", &b, 0); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(problems, tt.want) {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(problems, "\n"), strings.Join(tt.want, "\n"))
			}
			for i := 1; i <= tt.rows; i++ {
				if got, want := imported[fmt.Sprintf("Title %d", i)], !slices.Contains(tt.lost, i); got != want {
					t.Errorf("row %d imported: %v, want %v", i, got, want)
				}
			}
			if got, want := len(imported), tt.rows-len(tt.lost); got != want {
				t.Errorf("%d articles, want %d", got, want)
			}
		})
	}
}

// TestCSVLazyQuoteToTheEnd: in a file quoted with ', read lazily, a
// quote never closed ends its field at the end of the file; the lines the
// row runs over are the file's, its last line end not counted as one more.
func TestCSVLazyQuoteToTheEnd(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "q.csv", []byte("id,'title','body'\n1,'One','a'\n2,'Two','b\n3,Three,c\n4,Four,d\n"))
	got := walkAll(t, walker{}, dir, f)
	want := []string{
		"q.csv:2 | One | a",
		"q.csv:3: the row runs over lines 3 to 5, which read as rows of their own: the quote that opens a field on this line may not be closed",
		"q.csv:3 | Two | b\n\n3,Three,c\n\n4,Four,d",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCSVLongCells: a row whose quoted cell holds line breaks is one
// article, also when a line of it reads like a row, and a broken one over
// paragraphs is rejected whole; rows glued by a quote that ends where a
// field may are kept, with a notice naming their lines.
func TestCSVLongCells(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "cells.csv", []byte("id,title,body\n"+
		"1,One,\"first, then\nsecond, then\nthird\"\n"+
		"2,Two,\"first\n\nHe said \"no\" twice\n\nthird\"\n"+
		"3,\"Three,body 3\n4,Four,body 4\n5,Five,body 5\n6,5 inch\",body 6\n"+
		"7,Seven,body 7\n"))
	got := walkAll(t, walker{}, dir, f)
	want := []string{
		"cells.csv:2 | One | first, then\n\nsecond, then\n\nthird",
		`cells.csv:5: invalid CSV: extraneous or missing " in quoted-field (lines 5 to 7 not read)`,
		`cells.csv:9: invalid CSV: bare " in non-quoted-field`,
		"cells.csv:10: the row runs over lines 10 to 13, which read as rows of their own: the quote that opens a field on this line may not be closed",
		"cells.csv:10 | Three,body 3 4,Four,body 4 5,Five,body 5 6,5 inch | body 6",
		"cells.csv:14 | Seven | body 7",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
