package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputs imports a folder of 30 broken inputs beside good articles:
// each gets a message naming the file and the place, the good one is
// imported, and the exit code says some input was rejected.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	files := map[string][]byte{
		"good.txt":                []byte("Good title\n\nGood body."),
		"binary.txt":              {0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
		"empty.txt":               nil,
		"spaces.txt":              []byte(" \n\t\n"),
		"empty.json":              nil,
		"empty.jsonl":             []byte("\n\n"),
		"empty.csv":               nil,
		"scalar.json":             []byte("42"),
		"string.json":             []byte(`"just text"`),
		"truncated.json":          []byte(`[{"title":"a","content":"b"},{"title":"c"`),
		"nested.json":             []byte(strings.Repeat("[", 20000) + strings.Repeat("]", 20000)),
		"array-of-arrays.json":    []byte(`[[1,2],[3]]`),
		"wrong-types.json":        []byte(`[{"title":{"x":1},"content":["a",{}]}]`),
		"no-text.json":            []byte(`[{"title":"","content":"  ","url":"http://x/1"}]`),
		"no-text.jsonl":           []byte(`{"author":"someone"}` + "\n"),
		"broken-line.jsonl":       []byte("{\"title\":\"x\"\n"),
		"array-line.jsonl":        []byte("[1,2]\n"),
		"ragged.csv":              []byte("title,body\nonly-one-field\n"),
		"bad-quote.csv":           []byte("title,body\n\"open,text\n"),
		"no-columns.csv":          []byte("a,b\n1,2\n"),
		"header-only.tsv":         []byte("title\tbody\n"),
		"bad-date.json":           []byte(`{"title":"t","content":"c","date":"yesterday"}`),
		"bad-utf8-record.jsonl":   []byte("{\"title\":\"عنوان\",\"content\":\"نص\"}\n{\"title\":\"\xff\xfe\xfd\"}\n"),
		"nul.txt":                 []byte("Title\x00\n\nBody"),
		"control.txt":             []byte("Title\x07\n\nBody\x1b with controls."),
		"notes.md":                []byte("# not an article"),
		"photo.jpg":               {0xff, 0xd8, 0xff},
		"truncated.zip":           []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"),
		"not-a-zip.zip":           []byte("this is text"),
		"title-only-spaces.jsonl": []byte(`{"title":"   ","body":""}` + "\n"),
		"long-line.jsonl":         append(append([]byte(`{"title":"`), bytes.Repeat([]byte("x"), 17<<20)...), []byte("\"}\n")...),
	}
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A zip holding a zip (refused) and a good article.
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	inner, _ := zw.Create("inner.zip")
	inner.Write([]byte("PK"))
	good, _ := zw.Create("a/good2.txt")
	good.Write([]byte("Second good\n\nFrom a zip."))
	zw.Close()
	os.WriteFile(filepath.Join(in, "nested.zip"), zbuf.Bytes(), 0o644)

	code, _, stderr := runArshif(t, "--db", filepath.Join(dir, "a.db"), "import", in)
	if code != exitRejected {
		t.Errorf("exit code %d, want %d", code, exitRejected)
	}
	want := []string{
		"in/binary.txt: binary file, not text",
		"in/nul.txt: binary file, not text",
		"in/empty.txt: empty file",
		"in/spaces.txt: empty file",
		"in/empty.json: empty file",
		"in/empty.jsonl: empty file",
		"in/empty.csv: empty file",
		"in/scalar.json: invalid JSON: expected an array or an object",
		"in/string.json: invalid JSON: expected an array or an object",
		"in/truncated.json: record 2: invalid JSON",
		"in/nested.json: record 1: invalid JSON",
		"in/array-of-arrays.json: record 1: wrong shape: expected an object, found array",
		"in/wrong-types.json: record 1: neither title nor body",
		"in/no-text.json: record 1: neither title nor body",
		"in/no-text.jsonl:1: neither title nor body",
		"in/broken-line.jsonl:1: invalid JSON",
		"in/array-line.jsonl:1: wrong shape: expected an object, found array",
		"in/ragged.csv:2: wrong shape: 1 fields, the header has 2",
		"in/bad-quote.csv:2: invalid CSV",
		"in/no-columns.csv:1: wrong shape: the header names no title or body column",
		`in/bad-date.json: record 1: date "yesterday": not a date arshif understands`,
		"in/bad-utf8-record.jsonl:2: not valid UTF-8 text",
		"in/notes.md: skipped: not an article file",
		"in/photo.jpg: skipped: not an article file",
		"in/truncated.zip: not a readable zip archive",
		"in/not-a-zip.zip: not a readable zip archive",
		"in/nested.zip/inner.zip: a zip inside a zip",
		"in/title-only-spaces.jsonl:1: neither title nor body",
		"in/long-line.jsonl:1: line longer than 16 MiB: not read",
		`in/wrong-types.json: record 1: field "title" ignored: expected text, found an object`,
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("no message %q", w)
		}
	}
	if len(want) < 29 {
		t.Fatalf("only %d bad inputs", len(want))
	}
	if t.Failed() {
		t.Logf("stderr:\n%s", tail(stderr))
	}
	// good.txt, control.txt, bad-date.json, line 1 of bad-utf8-record.jsonl,
	// record 1 of truncated.json and the zip's good2.txt are imported,
	// controls removed.
	_, out, _ := runArshif(t, "--db", filepath.Join(dir, "a.db"), "query", "--format", "ids", "--limit", "0")
	if n := len(strings.Fields(out)); n != 6 {
		_, titles, _ := runArshif(t, "--db", filepath.Join(dir, "a.db"), "export", "--format", "jsonl")
		t.Errorf("%d articles imported, want 6:\n%s", n, titles)
	}
	_, out, _ = runArshif(t, "--db", filepath.Join(dir, "a.db"), "query", "controls", "--format", "jsonl")
	if !strings.Contains(out, `"title":"Title","body":"Body with controls."`) {
		t.Errorf("control characters reached the store: %s", out)
	}
	checkArchive(t, filepath.Join(dir, "a.db"))
}
