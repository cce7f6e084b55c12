package parse

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
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
