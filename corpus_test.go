package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"arshif/article"
	"arshif/store"
)

// corpora returns the shared corpora folder, or skips the test when it is
// absent: ARSHIF_CORPORA names it, else ../shared/corpora.
func corpora(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("corpus tests are long; skipped with -short")
	}
	dir := os.Getenv("ARSHIF_CORPORA")
	if dir == "" {
		dir = filepath.Join("..", "shared", "corpora")
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus %s not found (set ARSHIF_CORPORA): %v", p, err)
	}
	return p
}

// unzipAll extracts every zip of dir into a temporary folder.
func unzipAll(t *testing.T, dir string) string {
	t.Helper()
	out := t.TempDir()
	zips, _ := filepath.Glob(filepath.Join(dir, "*.zip"))
	if len(zips) == 0 {
		t.Fatalf("no zip in %s", dir)
	}
	for _, z := range zips {
		zr, err := zip.OpenReader(z)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.FileInfo().IsDir() {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, filepath.Base(f.Name)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		zr.Close()
	}
	return out
}

// runArshif runs the command line in process and returns its exit code,
// stdout and stderr.
func runArshif(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"arshif"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// SaudiNewsNet as counted from its files: records per source, and how many
// of them have a title or a body (the others must be rejected).
var (
	snnRecords = map[string]int{
		"alriyadh": 4852, "aljazirah": 3690, "alyaum": 3065, "aleqtisadiya": 2964, "aawsat": 2947,
		"okaz": 2846, "alwatan": 2279, "almadina": 2252, "alweeam": 2090, "3alyoum": 2080,
		"sabq": 1411, "was": 369, "arreyadi": 133, "arriyadiyah": 52,
	}
	snnStored = map[string]int{
		"alriyadh": 4844, "aljazirah": 3690, "alyaum": 3065, "aleqtisadiya": 2963, "aawsat": 2947,
		"okaz": 2846, "alwatan": 2279, "almadina": 2206, "alweeam": 2090, "3alyoum": 2080,
		"sabq": 1409, "was": 369, "arreyadi": 133, "arriyadiyah": 52,
	}
)

func TestSaudiNewsNet(t *testing.T) {
	dir := unzipAll(t, corpora(t, "saudinewsnet"))

	// Count the records from the files themselves, and find the empty ones.
	records := map[string]int{}
	var empty []string
	total := 0
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var recs []map[string]string
		if err := json.Unmarshal(data, &recs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, r := range recs {
			total++
			records[r["source"]]++
			if strings.TrimSpace(r["title"]) == "" && strings.TrimSpace(r["content"]) == "" {
				empty = append(empty, fmt.Sprintf("%s: record %d", filepath.ToSlash(f), i+1))
			}
		}
	}
	if total != 31030 || len(empty) != 57 || !reflect.DeepEqual(records, snnRecords) {
		t.Fatalf("the corpus is not the one expected: %d records, %d empty, per source %v", total, len(empty), records)
	}

	db := filepath.Join(t.TempDir(), "snn.db")
	code, _, stderr := runArshif(t, "--db", db, "import", dir)
	if code != exitRejected {
		t.Errorf("import exit code %d, want %d", code, exitRejected)
	}
	rejected := regexp.MustCompile(`(?m)^arshif: rejected: (.*): neither title nor body$`).FindAllStringSubmatch(stderr, -1)
	var got []string
	for _, m := range rejected {
		got = append(got, m[1])
	}
	sort.Strings(got)
	sort.Strings(empty)
	if !reflect.DeepEqual(got, empty) {
		t.Errorf("rejections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(empty, "\n"))
	}
	if want := "30973 articles imported, 0 already in the archive, 57 rejected"; !strings.Contains(stderr, want) {
		t.Errorf("summary missing %q in:\n%s", want, tail(stderr))
	}
	if got := sourceCounts(t, db); !reflect.DeepEqual(got, snnStored) {
		t.Errorf("stored per source = %v\nwant %v", got, snnStored)
	}

	// A second import adds nothing.
	_, _, stderr = runArshif(t, "--db", db, "import", dir)
	if want := "0 articles imported, 30973 already in the archive, 57 rejected"; !strings.Contains(stderr, want) {
		t.Errorf("second import: summary missing %q in:\n%s", want, tail(stderr))
	}

	// Export to JSONL, import into a fresh archive: the same articles.
	exported := filepath.Join(t.TempDir(), "snn.jsonl")
	if code, _, stderr := runArshif(t, "--db", db, "export", "--format", "jsonl", "--out", exported); code != exitOK {
		t.Fatalf("export: %d %s", code, stderr)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	if code, _, stderr := runArshif(t, "--db", fresh, "import", exported); code != exitOK || !strings.Contains(stderr, "30973 articles imported, 0 already") {
		t.Fatalf("re-import of the export: %d %s", code, tail(stderr))
	}
	before, after := contentByURL(t, db), contentByURL(t, fresh)
	if len(before) != 30973 || len(after) != len(before) {
		t.Fatalf("%d articles before, %d after", len(before), len(after))
	}
	for url, a := range before {
		if b := after[url]; !reflect.DeepEqual(a, b) {
			t.Errorf("article %s changed in the round trip:\n%+v\n%+v", url, a, b)
			break
		}
	}
	checkArchive(t, db)
	checkArchive(t, fresh)
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

func sourceCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sources, err := db.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, s := range sources {
		got[s.Name] = s.Count
	}
	return got
}

// contentByURL reads every article, keyed by URL, without what a new
// archive assigns anew (id, import time).
func contentByURL(t *testing.T, path string) map[string]article.Article {
	t.Helper()
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]article.Article{}
	_, err = db.Find(context.Background(), store.Query{}, func(h store.Hit) error {
		c := *h.Article
		c.ID, c.ImportedAt = 0, time.Time{}
		out[c.URL] = c
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func checkArchive(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(context.Background()); err != nil {
		t.Errorf("%s: %v", path, err)
	}
}
