//go:build unix

package store

import (
	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// releasePages tells the kernel that the pages of the archive this process
// has read through bbolt's memory map are not needed for now. They stay in
// the page cache, and a later read maps them again; but until then they no
// longer count in the process's resident memory, which a long import,
// reading the index it merges, would otherwise grow by the size of the
// file. The read transaction keeps bbolt from remapping the file meanwhile.
func (db *DB) releasePages() {
	db.bolt.View(func(tx *bolt.Tx) error {
		releaseMapped(tx)
		return nil
	})
}

// releaseMapped is releasePages within a transaction, during which bbolt
// does not remap the file (a write transaction remaps only as it
// commits).
func releaseMapped(tx *bolt.Tx) {
	// Data is where the map starts; the map covers at least the file.
	// MADV_DONTNEED on a shared file mapping only drops the pages from
	// this process: nothing is written or lost.
	unix.Syscall(unix.SYS_MADVISE, tx.DB().Info().Data, uintptr(tx.Size()), unix.MADV_DONTNEED)
}
