package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// WriteTarget follows links that name nothing yet to the file to create,
// each relative to its own folder, as a shell's > does.
func TestWriteTarget(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir()) // as written paths resolve
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"sub", "stick", "deep"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	link := func(name, to string) string {
		t.Helper()
		name = filepath.Join(dir, name)
		if err := os.Symlink(to, name); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		return name
	}
	plain := filepath.Join(dir, "plain.db")
	if got, err := WriteTarget(plain); err != nil || got != plain {
		t.Errorf("WriteTarget(%s) = %q, %v; want itself", plain, got, err)
	}
	// sub/a -> ../stick/x.db, relative to sub; b -> sub/a, relative to dir.
	a := link("sub/a", filepath.Join("..", "stick", "x.db"))
	b := link("b", filepath.Join("sub", "a"))
	want := filepath.Join(dir, "stick", "x.db")
	for _, name := range []string{a, b} {
		if got, err := WriteTarget(name); err != nil || got != want {
			t.Errorf("WriteTarget(%s) = %q, %v; want %s", name, got, err, want)
		}
	}
	// A dangling link reached through a linked folder: its ".." is that
	// of the folder it is really in (sub), as the kernel reads it, not
	// of the link's name (deep).
	link("deep/dl", filepath.Join("..", "sub"))
	link("sub/l7", filepath.Join("..", "rel3.csv"))
	through := filepath.Join(dir, "deep", "dl", "l7")
	if got, err := WriteTarget(through); err != nil || got != filepath.Join(dir, "rel3.csv") {
		t.Errorf("WriteTarget(%s) = %q, %v; want %s", through, got, err, filepath.Join(dir, "rel3.csv"))
	}
	lost := link("lost", filepath.Join("nowhere", "x.db"))
	if _, err := WriteTarget(lost); err == nil || !strings.Contains(err.Error(), "whose folder "+filepath.Join(dir, "nowhere")+" does not exist") {
		t.Errorf("WriteTarget(%s): %v, want the missing folder named", lost, err)
	}
	loop := link("loop", "loop")
	if _, err := WriteTarget(loop); err == nil || !strings.HasPrefix(err.Error(), loop+": ") {
		t.Errorf("WriteTarget(%s): %v, want an error naming it", loop, err)
	}
	if info, err := os.Lstat(loop); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the loop was replaced: %v", err)
	}
}
