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
// read is dropped, in order, dropStep at a time and the rest at the end,
// each drop from the start of the dropAlign block the one before ended in.
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
	buf := make([]byte, 100000) // reads that end between blocks
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
	// 84 reads make the first step (8,400,000 bytes); the 168th reaches
	// the end of the file (16,789,561) and makes the second, from the
	// block the first ended in (8 MiB): the third read, at the end,
	// finds nothing left to drop.
	want := []span{{0, 8400000}, {8 << 20, int64(len(data)) - 8<<20}}
	if len(drops) != len(want) {
		t.Fatalf("drops %v, want %v", drops, want)
	}
	for i := range want {
		if drops[i] != want[i] {
			t.Errorf("drop %d: %d bytes at %d, want %d at %d", i, drops[i].n, drops[i].off, want[i].n, want[i].off)
		}
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
