package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBadInputs imports testdata/bad, broken inputs of every kind with good
// articles among them (its README.md says what each file is), and a JSON
// Lines file with a line of over 100 MB, made here rather than kept: every
// problem gets a message naming the file and the place, word for word as
// below, the good articles are imported, nothing else is rejected, and the
// exit code says some input was rejected.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, "long-line.jsonl")
	writeLongLine(t, long)
	db := filepath.Join(dir, "a.db")
	code, _, stderr := runArshif(t, "--db", db, "import", "testdata/bad", long)
	if code != exitRejected {
		t.Errorf("exit code %d, want %d", code, exitRejected)
	}
	want := []string{
		"testdata/bad/README.md: skipped: not an article file",
		"rejected: testdata/bad/array-line.jsonl:1: wrong shape: expected an object, found array",
		"rejected: testdata/bad/array-of-arrays.json: record 1: wrong shape: expected an object, found array",
		"rejected: testdata/bad/array-of-arrays.json: record 2: wrong shape: expected an object, found array",
		`notice: testdata/bad/bad-date.json: record 1: date "yesterday": not a date arshif understands; the article is kept undated`,
		`rejected: testdata/bad/bad-quote.csv:2: invalid CSV: bare " in non-quoted-field`,
		`rejected: testdata/bad/bad-quote.csv:4: invalid CSV: extraneous or missing " in quoted-field`,
		"rejected: testdata/bad/bad-utf8-record.jsonl:2: not valid UTF-8 text (the file was read as UTF-8): its bytes look like Windows-1252 (Western European); if the file is in that encoding, import it with --encoding windows-1252",
		"rejected: testdata/bad/bad-utf8.csv:3: not valid UTF-8 text (the file was read as UTF-8): its bytes look like Windows-1252 (Western European); if the file is in that encoding, import it with --encoding windows-1252",
		"rejected: testdata/bad/broken.jsonl:2: invalid JSON: unexpected end of JSON input",
		"rejected: testdata/bad/broken.jsonl:4: neither title nor body",
		"rejected: testdata/bad/damaged.zip/sport/12.txt: this member of the zip archive is damaged: its compressed data is corrupt",
		"rejected: testdata/bad/empty.csv: empty file",
		"rejected: testdata/bad/empty.json: empty file",
		"rejected: testdata/bad/empty.jsonl: empty file",
		"rejected: testdata/bad/empty.txt: empty file",
		"notice: testdata/bad/header-only.tsv:1: only a header row: nothing to import",
		"rejected: testdata/bad/nested-array.json: record 1: invalid JSON at byte 1: invalid character '[' exceeded max depth; the rest of the file is not read",
		"rejected: testdata/bad/nested-object.json: record 1: invalid JSON at byte 9: invalid character '{' exceeded max depth",
		"rejected: testdata/bad/nested.zip/inner.zip/deeper.zip: a zip inside a zip inside a zip: unpack the outer ones first",
		"rejected: testdata/bad/no-columns.csv:1: wrong shape: the header names no title or body column (found a, b); name them with --map title=COLUMN,body=COLUMN",
		"rejected: testdata/bad/no-text.csv:2: neither title nor body",
		"rejected: testdata/bad/no-text.json: record 1: neither title nor body",
		"rejected: testdata/bad/no-text.jsonl:1: neither title nor body: its keys (author, url) name neither; name them with --map title=KEY,body=KEY",
		"rejected: testdata/bad/not-a-zip.zip: not a zip archive, whatever its name says",
		"testdata/bad/notes.md: skipped: not an article file",
		"rejected: testdata/bad/nul.txt: binary file, not text",
		"testdata/bad/photo.jpg: skipped: not an article file",
		"rejected: testdata/bad/photo.txt: binary file, not text",
		"rejected: testdata/bad/ragged.csv:3: wrong shape: 2 fields, the header has 3",
		"rejected: testdata/bad/ragged.csv:4: wrong shape: 4 fields, the header has 3",
		"rejected: testdata/bad/scalar.json: invalid JSON: expected an array or an object, found '4'",
		"rejected: testdata/bad/spaces.txt: empty file",
		`rejected: testdata/bad/string.json: invalid JSON: expected an array or an object, found '"'`,
		"rejected: testdata/bad/title-only-spaces.jsonl:1: neither title nor body",
		"rejected: testdata/bad/truncated.json: record 2: invalid JSON at byte 62: unexpected EOF; the rest of the file is not read",
		"rejected: testdata/bad/truncated.zip: the zip archive ends early: it was probably not copied or downloaded whole (the list of its members, kept at its end, is missing)",
		"notice: testdata/bad/windows-1256.txt: not UTF-8: read as Windows-1256 (Arabic)",
		`notice: testdata/bad/wrong-types.json: record 1: field "title" ignored: expected text, found an object`,
		`notice: testdata/bad/wrong-types.json: record 1: field "content" ignored: expected a list of texts`,
		"rejected: testdata/bad/wrong-types.json: record 1: neither title nor body",
		"rejected: testdata/bad/zip-bomb.zip/bomb/records.jsonl: expands to 16.0 MiB from 15.9 KiB, 1028 times its size, over the limit of 100 times, as a zip bomb does: not read",
		"rejected: testdata/bad/zip-bomb.zip/bomb/huge.json: declares 1.0 TiB uncompressed, over the limit of 4.0 GiB for one member: not read",
		"rejected: testdata/bad/zip-bomb.zip/bomb/copy-1.jsonl: its compressed data overlaps that of bomb/records.jsonl, as in a zip bomb: not read",
		"rejected: testdata/bad/zip-bomb.zip/bomb/copy-2.jsonl: its compressed data overlaps that of bomb/records.jsonl, as in a zip bomb: not read",
		"rejected: testdata/bad/zip-bomb.zip/bomb/copy-3.jsonl: its compressed data overlaps that of bomb/records.jsonl, as in a zip bomb: not read",
		"rejected: " + filepath.ToSlash(long) + ":2: line longer than 16 MiB: not read",
		"18 articles imported, 0 already in the archive, 39 rejected, 5 notices, 3 files skipped (" + db + ")",
		"39 inputs rejected: some input was rejected",
	}
	got := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	for i, line := range got {
		got[i] = strings.TrimPrefix(line, "arshif: ")
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Imported: good.txt, control.txt, bad-date.json, windows-1256.txt,
	// lines 1 and 3 of broken.jsonl and of long-line.jsonl, record 1 of
	// truncated.json, line 1 of bad-utf8-record.jsonl, row 2 of
	// bad-utf8.csv, rows 2 and 5 of ragged.csv, row 3 of bad-quote.csv,
	// a/good2.txt and inner.zip/inner.txt of nested.zip, bomb/article.txt
	// of zip-bomb.zip and sport/13.txt of damaged.zip.
	_, out, _ := runArshif(t, "--db", db, "query", "--format", "ids", "--limit", "0")
	if n := len(strings.Fields(out)); n != 18 {
		_, titles, _ := runArshif(t, "--db", db, "export", "--format", "jsonl")
		t.Errorf("%d articles imported, want 18:\n%s", n, titles)
	}
	_, out, _ = runArshif(t, "--db", db, "query", "controls", "--format", "jsonl")
	if !strings.Contains(out, `"title":"Title","body":"Body with controls."`) {
		t.Errorf("control characters reached the store: %s", out)
	}
	checkArchive(t, db)

	// The README says what each file is, and there are enough of them.
	readme, err := os.ReadFile("testdata/bad/README.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^- `([^`]+)`: ").FindAllSubmatch(readme, -1) {
		listed[string(m[1])] = true
	}
	files, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Errorf("only %d files in testdata/bad", len(files))
	}
	for _, f := range files {
		if !listed[f.Name()] {
			t.Errorf("testdata/bad/README.md does not say what %s is", f.Name())
		}
		delete(listed, f.Name())
	}
	for name := range listed {
		t.Errorf("testdata/bad/README.md lists %s, which is not there", name)
	}
}

// writeLongLine writes a JSON Lines file whose second line, of over
// 100 MB, is between two good ones.
func writeLongLine(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(`{"title":"Before the long line","content":"Imported."}` + "\n" + `{"title":"`)
	chunk := bytes.Repeat([]byte("x"), 1<<20)
	for range 101 { // 105.9 MB
		w.Write(chunk)
	}
	w.WriteString(`"}` + "\n" + `{"title":"After the long line","content":"Imported too."}` + "\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
