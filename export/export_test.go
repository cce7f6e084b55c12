package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"arshif/article"
)

func testArticle() *article.Article {
	return &article.Article{
		ID: 3, Title: "=HYPERLINK(\"http://evil\")", Body: "فقرة أولى\n\nفقرة ثانية, \"مقتبس\"",
		Tags: []string{"سوريا", "-x"}, Source: "@src", URL: "http://a/?x=1&y=2", Author: "+1",
		Published: article.Timestamp{Time: time.Date(2017, 10, 17, 0, 0, 0, 0, time.UTC)},
		Hash:      "ab", ImportedAt: time.Date(2026, 11, 23, 1, 2, 3, 0, time.UTC), Origin: "seed.txt",
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	e := NewCSV(&buf, CSVOptions{BOM: true})
	if err := e.Encode(testArticle()); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeffid,title,body,tags,") {
		t.Fatalf("no BOM or header: %q", out[:40])
	}
	if !strings.Contains(out, "\r\n") {
		t.Error("lines do not end in CRLF")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"3", "'=HYPERLINK(\"http://evil\")", "فقرة أولى\n\nفقرة ثانية, \"مقتبس\"", "سوريا; -x", "'@src",
		"http://a/?x=1&y=2", "'+1", "2017-10-17", "ab", "2026-11-23T01:02:03Z", "seed.txt", "ar"}
	if len(rows) != 2 || !reflect.DeepEqual(rows[1], want) {
		t.Errorf("rows = %q\nwant %q", rows, want)
	}

	buf.Reset()
	raw := NewCSV(&buf, CSVOptions{Raw: true})
	raw.Encode(testArticle())
	raw.Close()
	if strings.HasPrefix(buf.String(), "\ufeff") || !strings.Contains(buf.String(), "\n3,\"=HYPERLINK") {
		t.Errorf("raw CSV: %q", buf.String())
	}
}

func TestCSVEmpty(t *testing.T) {
	var buf bytes.Buffer
	e := NewCSV(&buf, CSVOptions{})
	e.Close()
	if buf.String() != strings.Join(Fields, ",")+"\r\n" {
		t.Errorf("empty export = %q", buf.String())
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	e := NewJSON(&buf)
	e.Encode(testArticle())
	undated := testArticle()
	undated.Published = article.Timestamp{}
	undated.Tags = nil
	e.Encode(undated)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `\u0026`) {
		t.Error("& was escaped")
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(got) != 2 {
		t.Fatalf("got %d elements", len(got))
	}
	var keys []string
	for k := range got[0] {
		keys = append(keys, k)
	}
	for _, f := range Fields {
		if _, ok := got[0][f]; !ok {
			t.Errorf("field %q missing", f)
		}
	}
	if len(keys) != len(Fields) {
		t.Errorf("keys = %v, want %v", keys, Fields)
	}
	if got[0]["published"] != "2017-10-17" || got[1]["published"] != nil {
		t.Errorf("published = %v, %v", got[0]["published"], got[1]["published"])
	}
	if tags, ok := got[1]["tags"].([]any); !ok || len(tags) != 0 {
		t.Errorf("tags of an untagged article = %#v, want []", got[1]["tags"])
	}

	buf.Reset()
	empty := NewJSON(&buf)
	empty.Close()
	if buf.String() != "[]\n" {
		t.Errorf("empty JSON = %q", buf.String())
	}
}

func TestJSONL(t *testing.T) {
	var buf bytes.Buffer
	e := NewJSONL(&buf)
	e.Encode(testArticle())
	e.Encode(testArticle())
	e.Close()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	var j article.JSON
	if err := json.Unmarshal([]byte(lines[1]), &j); err != nil || j.Title != testArticle().Title {
		t.Errorf("line 2: %v %+v", err, j)
	}
}

func TestTable(t *testing.T) {
	var buf bytes.Buffer
	e := NewTable(&buf, TableOptions{Match: func(w string) bool { return w == "ثانية" }})
	e.Encode(testArticle())
	e.Close()
	want := "#3 · 2017-10-17 · @src · tags: سوريا, -x\n  =HYPERLINK(\"http://evil\")\n  فقرة أولى فقرة «ثانية», \"مقتبس\"\n\n"
	if buf.String() != want {
		t.Errorf("table =\n%q\nwant\n%q", buf.String(), want)
	}
}

func TestCutCell(t *testing.T) {
	tests := []struct {
		cell  string
		limit int
		want  string
		cut   bool
	}{
		{"abcdef", 6, "abcdef", false},
		{"abcdefg", 6, "abcde…", true},
		{"الرقة", 5, "الرقة", false}, // 10 bytes, 5 characters
		{"الرقة سوريا", 5, "الرق…", true},
		{"a😀b", 4, "a😀b", false}, // 😀 is two code units, as Excel counts
		{"a😀bc", 4, "a😀…", true},
		{"ab😀c", 4, "ab…", true}, // the emoji does not fit beside the "…"
		{"", 1, "", false},
		{"a\nbcd", 4, "a\n…", true}, // a line break is CR LF in the file: two
		{"a\nb", 4, "a\nb", false},
		{"\n\n\n", 4, "\n…", true}, // 3 bytes, 6 units
	}
	for _, tt := range tests {
		got, cut := cutCell(tt.cell, tt.limit)
		if got != tt.want || cut != tt.cut || cut && cellLen(got) > tt.limit {
			t.Errorf("cutCell(%q, %d) = %q, %v; want %q, %v", tt.cell, tt.limit, got, cut, tt.want, tt.cut)
		}
	}
}

// With a cell limit, a body too long for a cell ends with "…" at the
// limit, and the article is listed by Cut.
func TestCSVCellLimit(t *testing.T) {
	var buf bytes.Buffer
	e := NewCSV(&buf, CSVOptions{CellLimit: ExcelCellLimit})
	long := testArticle()
	long.ID, long.Body = 7, strings.Repeat("نص ", 20000) // 60,000 characters
	for _, a := range []*article.Article{testArticle(), long} {
		if err := e.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	e.Close()
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	body := rows[2][2]
	if n := cellLen(body); n != ExcelCellLimit || !strings.HasSuffix(body, "…") || !strings.HasPrefix(long.Body, strings.TrimSuffix(body, "…")) {
		t.Errorf("the long body: %d code units, ends %q", n, body[len(body)-10:])
	}
	if rows[1][2] != testArticle().Body {
		t.Errorf("a short body changed: %q", rows[1][2])
	}
	if got := e.Cut(); !reflect.DeepEqual(got, []uint64{7}) {
		t.Errorf("Cut = %v, want [7]", got)
	}
}
