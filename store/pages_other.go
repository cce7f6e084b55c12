//go:build !unix

package store

// releasePages does nothing where there is no madvise.
func (db *DB) releasePages() {}
