//go:build linux

package parse

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// streamed returns the reader of a file the walker reads once, from start
// to end. A large regular file is read by dropBehind: a dump of a few
// gigabytes then does not push out of the page cache what else the machine
// keeps there (the archive being written, the user's other work), and the
// pages it gives back serve the reads that follow, where fresh ones cost
// more. Importing the 1 GB SaudiNewsNet 10× copy from a cold cache took
// 33.6 s with 5.1 s of kernel time, and 33.0 s with 3.2 s read so. A file
// read again soon after comes from the disk, at its speed, which is small
// beside the import's analysis.
func streamed(f *os.File) io.Reader {
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() < dropBehindMin {
		return f
	}
	return &dropBehind{f: f, fd: int(f.Fd()), advise: unix.Fadvise}
}

// dropBehindMin is the size from which streamed reads a file by
// dropBehind; dropStep is how much it reads between two drops.
const (
	dropBehindMin = 64 << 20
	dropStep      = 8 << 20
	// dropAlign: each drop starts where the block of this size that the
	// last one ended in starts, since the kernel keeps a page, or a large
	// folio, that a range covers only in part.
	dropAlign = 2 << 20
)

// dropBehind reads a file, telling the kernel every dropStep bytes that
// what was read will not be needed again (POSIX_FADV_DONTNEED).
type dropBehind struct {
	f             *os.File
	fd            int
	advise        func(fd int, offset, length int64, advice int) error
	read, dropped int64
}

func (r *dropBehind) Read(p []byte) (int, error) {
	n, err := r.f.Read(p)
	r.read += int64(n)
	if r.read-r.dropped >= dropStep || err == io.EOF && r.read > r.dropped {
		off, length := r.dropped&^(dropAlign-1), r.read-r.dropped&^(dropAlign-1)
		if err == io.EOF {
			length = 0 // to the end of the file, its last page whole
		}
		// A hint: a file system that keeps no such cache ignores it.
		_ = r.advise(r.fd, off, length, unix.FADV_DONTNEED)
		r.dropped = r.read
	}
	return n, err
}
