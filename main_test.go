package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	bolt "go.etcd.io/bbolt"

	"arshif/store"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"arshif": main})
}

// TestScripts runs the command-line scripts in testdata/script: each one
// runs real arshif commands and asserts their output and exit status.
func TestScripts(t *testing.T) {
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", testdata)
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":      cmdExits,
			"holdlock":   cmdHoldLock,
			"staleindex": cmdStaleIndex,
		},
	})
}

// cmdExits runs a command and asserts its exact exit code:
// exits CODE PROGRAM [ARGS...].
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exits: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// cmdHoldLock opens an archive for writing and keeps it open until the
// script ends, as a long import would: holdlock FILE.
func cmdHoldLock(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: holdlock FILE")
	}
	db, err := bolt.Open(ts.MkAbs(args[0]), 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		ts.Fatalf("holdlock: %v", err)
	}
	ts.Defer(func() { db.Close() })
}

// cmdStaleIndex marks an archive's search index as built by another
// version of arshif: staleindex FILE.
func cmdStaleIndex(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: staleindex FILE")
	}
	db, err := bolt.Open(ts.MkAbs(args[0]), 0o600, nil)
	if err != nil {
		ts.Fatalf("staleindex: %v", err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("meta")).Put([]byte("analyzer"), []byte("0.old")) })
	if err != nil {
		ts.Fatalf("staleindex: %v", err)
	}
}

func TestMainRunsInProcess(t *testing.T) {
	// run is what main calls: check the plumbing without a subprocess.
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	devnull, _ := os.Open(os.DevNull)
	defer devnull.Close()
	if code := run(t.Context(), []string{"arshif", "--db", db, "import", "testdata/seed"}, devnull, devnull); code != exitOK {
		t.Fatalf("import exit code %d", code)
	}
	if code := run(t.Context(), []string{"arshif", "query", "--db", db, "--nosuchflag"}, devnull, devnull); code != exitUsage {
		t.Errorf("unknown flag: exit code %d, want %d", code, exitUsage)
	}
}

func TestInterruptedImportKeepsArchive(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // as if Ctrl-C came before the first batch was read
	var stderr bytes.Buffer
	if code := run(ctx, []string{"arshif", "--db", db, "import", "testdata/sample"}, io.Discard, &stderr); code != exitInterrupted {
		t.Fatalf("exit code %d, want %d; %s", code, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "run the same import again") {
		t.Errorf("no advice on resuming: %s", stderr.String())
	}
	if code := run(t.Context(), []string{"arshif", "--db", db, "check"}, io.Discard, &stderr); code != exitOK {
		t.Errorf("check after interrupt: %d %s", code, stderr.String())
	}
}

func TestInterruptedReindex(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	var stdout, stderr bytes.Buffer
	exec := func(ctx context.Context, want int, args ...string) {
		t.Helper()
		stdout.Reset()
		stderr.Reset()
		if code := run(ctx, append([]string{"arshif", "--db", db}, args...), &stdout, &stderr); code != want {
			t.Fatalf("%s: exit code %d, want %d; %s", args[0], code, want, stderr.String())
		}
	}
	says := func(out *bytes.Buffer, want string) {
		t.Helper()
		if !strings.Contains(out.String(), want) {
			t.Errorf("%q is not in %q", want, out.String())
		}
	}
	exec(t.Context(), exitOK, "import", "testdata/sample")
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // as if Ctrl-C came before reindex began
	exec(ctx, exitInterrupted, "reindex")
	says(&stderr, "reindex stopped before it began: the archive is as it was")
	exec(t.Context(), exitOK, "check")

	// Interrupted once the old index is gone, before a batch is indexed.
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithCancel(t.Context())
	if err := s.Reindex(ctx, func(int, int) { cancel() }); !errors.Is(err, context.Canceled) {
		t.Fatalf("reindex cancelled at its start: %v", err)
	}
	s.Close()
	exec(t.Context(), exitOK, "stats", "--format", "json")
	says(&stdout, `"reindex_unfinished": true`)

	exec(t.Context(), exitOK, "query", "الرقة", "--count")
	says(&stderr, "a reindex was interrupted")
	// Not damage, but searches miss articles: check fails.
	exec(t.Context(), exitError, "check")
	says(&stderr, "185 articles, sound, but a reindex was interrupted: the search index holds 0 of them")
	exec(t.Context(), exitOK, "stats")
	says(&stdout, "languages: not counted: a reindex was interrupted")
	exec(t.Context(), exitError, "import", "testdata/seed")
	says(&stderr, "a reindex was interrupted and the search index holds only some of the articles: run 'arshif reindex' to finish it first")
	exec(t.Context(), exitError, "tag", "1", "+x")
	says(&stderr, "a reindex was interrupted")

	exec(t.Context(), exitOK, "reindex")
	exec(t.Context(), exitOK, "check")
	says(&stdout, "185 articles, all indexes agree")
	exec(t.Context(), exitOK, "query", "الرقة", "--count")
	if stderr.Len() > 0 {
		t.Errorf("query after the reindex: %s", stderr.String())
	}
}
