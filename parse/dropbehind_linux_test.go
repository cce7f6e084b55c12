//go:build linux

package parse

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// A file read by dropBehind gives its bytes as they are, and every byte
// read is dropped once, in order, dropStep at a time and the rest at the
// end.
func TestDropBehind(t *testing.T) {
	data := make([]byte, 2*dropStep+12345)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range data {
		data[i] = byte(rng.IntN(256))
	}
	name := filepath.Join(t.TempDir(), "big.jsonl")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type span struct{ off, n int64 }
	var drops []span
	r := &dropBehind{f: f, fd: int(f.Fd()), advise: func(fd int, off, n int64, advice int) error {
		if fd != int(f.Fd()) || advice != unix.FADV_DONTNEED {
			t.Errorf("advice %d on fd %d", advice, fd)
		}
		drops = append(drops, span{off, n})
		return nil
	}}
	var got []byte
	buf := make([]byte, 64<<10) // as bufio reads
	for {
		n, err := r.Read(buf)
		got = append(got, buf[:n]...)
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, data) {
		t.Fatal("the bytes read differ from the file's")
	}
	var next int64
	for i, d := range drops {
		if d.off != next || d.n <= 0 || i < len(drops)-1 && d.n < dropStep {
			t.Errorf("drop %d: %d bytes at %d (the one before ended at %d)", i, d.n, d.off, next)
		}
		next = d.off + d.n
	}
	if next != int64(len(data)) || len(drops) != 3 {
		t.Errorf("%d drops ending at %d, want 3 ending at %d", len(drops), next, len(data))
	}
}

// Small files, and what is not a regular file, are read as they are.
func TestStreamedSmall(t *testing.T) {
	name := filepath.Join(t.TempDir(), "small.jsonl")
	if err := os.WriteFile(name, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if r := streamed(f); r != io.Reader(f) {
		t.Errorf("a small file is read by %T", r)
	}
}
