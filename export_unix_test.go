//go:build unix

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"arshif/article"
)

// --out naming a named pipe writes into it, and one naming a symbolic
// link writes the file it names: neither is replaced by a file of its
// own (as /dev/stdout or /dev/null would have been).
func TestExportIntoPipeAndLink(t *testing.T) {
	ctx := context.Background()
	archive, dir := archiveOf(t, &article.Article{Title: "الرقة", Body: "نص"})
	export := func(out string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(ctx, []string{"arshif", "--db", archive, "export", "--format", "jsonl", "--out", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("export --out %s: exit %d: %s", out, code, stderr.String())
		}
	}

	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	read := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			read <- err.Error()
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		read <- string(data)
	}()
	export(fifo)
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced: %v, %v", info.Mode(), err)
	}
	select {
	case got := <-read:
		if !strings.Contains(got, `"title":"الرقة"`) {
			t.Errorf("read from the pipe: %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written into the pipe")
	}

	real := filepath.Join(dir, "real.jsonl")
	link := filepath.Join(dir, "link.jsonl")
	if err := os.WriteFile(real, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.jsonl", link); err != nil {
		t.Fatal(err)
	}
	export(link)
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", info.Mode(), err)
	}
	if data, _ := os.ReadFile(real); !strings.Contains(string(data), `"title":"الرقة"`) {
		t.Errorf("the file the link names holds %q", data)
	}
}

func TestIsStream(t *testing.T) {
	for name, want := range map[string]bool{
		"/dev/stdout": true, "/dev/stderr": true, "/dev/fd/1": true,
		"/proc/self/fd/1": true, "/proc/123/fd/2": true,
		"/dev/shm/out.csv": false, "/dev/null": false, "/proc/self/status": false, "out.csv": false,
	} {
		if got := isStream(name); got != want {
			t.Errorf("isStream(%q) = %v, want %v", name, got, want)
		}
	}
}
