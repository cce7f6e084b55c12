//go:build !unix

package store

import bolt "go.etcd.io/bbolt"

// releasePages does nothing where there is no madvise.
func (db *DB) releasePages() {}

// releaseMapped does nothing where there is no madvise.
func releaseMapped(*bolt.Tx) {}
