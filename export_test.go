package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"arshif/article"
	"arshif/export"
	"arshif/store"
)

// archiveOf makes an archive in a new folder holding arts, and returns its
// path and the folder.
func archiveOf(t *testing.T, arts ...*article.Article) (archive, dir string) {
	t.Helper()
	dir = t.TempDir()
	archive = filepath.Join(dir, "a.db")
	db, err := store.Open(archive, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Add(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return archive, dir
}

// A CSV for Excel (--bom) holds a text longer than an Excel cell cut to
// end with "…", and the export names the article; --raw and JSON keep it.
func TestExportCutsForExcel(t *testing.T) {
	ctx := context.Background()
	long := strings.Repeat("كلمة ", 8000) // 40,000 characters
	archive, dir := archiveOf(t, &article.Article{Title: "قصير", Body: "نص قصير"}, &article.Article{Title: "طويل", Body: long})

	export1 := func(args ...string) (string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(ctx, append([]string{"arshif", "--db", archive, "export"}, args...), &stdout, &stderr); code != 0 {
			t.Fatalf("export %q: exit %d: %s", args, code, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	out := filepath.Join(dir, "excel.csv")
	_, stderr := export1("--bom", "--out", out)
	if want := "arshif: notice: 1 text longer than an Excel cell holds (32767 characters), cut to end with …: 2 (JSON keeps every text whole)\n"; !strings.HasSuffix(stderr, want) {
		t.Errorf("stderr %q, want it to end with %q", stderr, want)
	}
	data, _ := os.ReadFile(out)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{} // by id
	for _, row := range rows[1:] {
		bodies[row[0]] = row[2]
	}
	if body := bodies["2"]; len([]rune(body)) != export.ExcelCellLimit || !strings.HasSuffix(body, "…") {
		t.Errorf("the long body in the CSV: %d characters", len([]rune(body)))
	}
	if bodies["1"] != "نص قصير" {
		t.Errorf("the short body: %.40q", bodies["1"])
	}

	csvRaw, stderr := export1("--bom", "--raw")
	if strings.Contains(stderr, "notice") || !strings.Contains(csvRaw, strings.TrimSpace(long)) {
		t.Errorf("--raw cut the text (stderr %q)", stderr)
	}
	jsonl, _ := export1("--format", "jsonl")
	if !strings.Contains(jsonl, strings.TrimSpace(long)) {
		t.Error("JSON Lines do not hold the whole text")
	}
}

// cancelWriter cancels the export's context at the first write it takes,
// as a Ctrl-C in the middle of an export to standard output would.
type cancelWriter struct {
	bytes.Buffer
	cancel context.CancelFunc
}

func (w *cancelWriter) Write(p []byte) (int, error) {
	w.cancel()
	return w.Buffer.Write(p)
}

// An export to standard output cut short is left without its end: a JSON
// array without its closing bracket does not pass for a whole export.
func TestInterruptedExportIsNotWhole(t *testing.T) {
	var batch []*article.Article
	for i := range 3000 {
		batch = append(batch, &article.Article{Title: fmt.Sprintf("خبر %d", i), Body: "نص الخبر"})
	}
	archive, _ := archiveOf(t, batch...)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &cancelWriter{cancel: cancel}
	var stderr bytes.Buffer
	if code := run(ctx, []string{"arshif", "--db", archive, "export", "--format", "json"}, stdout, &stderr); code != exitInterrupted {
		t.Fatalf("exit %d, want %d: %s", code, exitInterrupted, stderr.String())
	}
	if out := stdout.String(); strings.HasSuffix(out, "]\n") {
		t.Errorf("the interrupted export ends as a whole one: …%q", out[max(0, len(out)-40):])
	}
	// Said once, as it is: an export commits nothing.
	if msg := stderr.String(); !strings.Contains(msg, "export stopped after") || !strings.Contains(msg, "the output ends there, unfinished") || strings.Contains(msg, "committed") {
		t.Errorf("stderr %q: want where the export stopped, and nothing of commits", msg)
	}

	// The output ends after its last whole article, the one the message
	// counts to.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	stdout = &cancelWriter{cancel: cancel}
	stderr.Reset()
	if code := run(ctx, []string{"arshif", "--db", archive, "export", "--format", "jsonl"}, stdout, &stderr); code != exitInterrupted {
		t.Fatalf("jsonl: exit %d, want %d: %s", code, exitInterrupted, stderr.String())
	}
	out := stdout.String()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("jsonl: the output ends inside an article: …%q", out[max(0, len(out)-40):])
	}
	for i, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Fatalf("jsonl: line %d is not a whole article: %.60q", i+1, l)
		}
	}
	if want := fmt.Sprintf("arshif: export stopped after %d articles: the output ends there, unfinished\n", len(lines)); stderr.String() != want {
		t.Errorf("jsonl: stderr %q, want %q", stderr.String(), want)
	}

	// To a file: the file is left as it was, or not made.
	out = filepath.Join(t.TempDir(), "out.json")
	if err := os.WriteFile(out, []byte("before\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stopped, stop := context.WithCancel(context.Background())
	stop() // as if Ctrl-C came before the first article
	stderr.Reset()
	if code := run(stopped, []string{"arshif", "--db", archive, "export", "--format", "json", "--out", out}, io.Discard, &stderr); code != exitInterrupted {
		t.Fatalf("--out: exit %d, want %d: %s", code, exitInterrupted, stderr.String())
	}
	if got, _ := os.ReadFile(out); string(got) != "before\n" {
		t.Errorf("the interrupted export changed %s: %q", out, got)
	}
	if msg := stderr.String(); msg != "arshif: export stopped: "+out+" was left as it was\n" {
		t.Errorf("--out: stderr %q", msg)
	}
	stderr.Reset()
	absent := filepath.Join(filepath.Dir(out), "new.json")
	if code := run(stopped, []string{"arshif", "--db", archive, "export", "--out", absent}, io.Discard, &stderr); code != exitInterrupted {
		t.Fatalf("--out new: exit %d, want %d: %s", code, exitInterrupted, stderr.String())
	}
	if _, err := os.Stat(absent); err == nil {
		t.Errorf("the interrupted export made %s", absent)
	}
	if msg := stderr.String(); msg != "arshif: export stopped: "+absent+" was not written\n" {
		t.Errorf("--out new: stderr %q", msg)
	}
}
