package store

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// Every article has an identity (identity): its URL when it has one, or
// else the SHA-256 of its title and body. An import stores an article only
// when no article of its identity is stored.
//
// Since schema 3 the identities are kept in the order the articles were
// added, as digests:
//
//	identlog  id -> digest of the identity key (16 bytes)
//
// so that a commit appends to the bucket's last pages however large the
// archive. Schema 2 kept them by identity ("idents": identity key -> id),
// and its keys, in the order of URLs, put the 1,000 articles of a commit on
// about as many pages scattered over the bucket once it was large: at
// 310,000 articles, a commit rewrote about 1,000 of its 16,000 pages, as
// much as all the rest of the commit, and a 310k import took 10 % longer an
// article than a 31k one. The first writable Open converts an archive of
// schema 2 (convertIdents).
//
// Lookups are answered from memory, by an identIndex that the first one
// reads from the bucket: 24 bytes an article (7.4 MB at 310,000), read in
// about a tenth of a second.

// digest is what identlog keeps of an identity key: the first 16 bytes of
// its SHA-256. Two different identities share one with a chance of about
// one in 10^26 in an archive of ten million articles.
type digest [16]byte

func digestOf(key []byte) digest {
	sum := sha256.Sum256(key)
	return digest(sum[:16])
}

// identEntry is one identity of an identIndex, its digest as two numbers
// (compared faster than 16 bytes).
type identEntry struct {
	hi, lo uint64
	id     uint64 // 0: removed
}

func entryOf(d digest, id uint64) identEntry {
	return identEntry{hi: binary.BigEndian.Uint64(d[:8]), lo: binary.BigEndian.Uint64(d[8:]), id: id}
}

func compareEntries(a, b identEntry) int {
	if c := cmp.Compare(a.hi, b.hi); c != 0 {
		return c
	}
	return cmp.Compare(a.lo, b.lo)
}

// identIndex maps the identities of an archive to article ids: those read
// at first use in a sorted slice (the smallest form), those added since in
// a map, folded into the slice as it grows. A failed transaction drops
// the whole index, to be read again when next needed.
type identIndex struct {
	sorted []identEntry
	recent map[digest]uint64
}

// foldAt is how many identities recent holds before they are folded into
// sorted, at least: a sixteenth of sorted, so that an import into an
// archive of millions copies it a few times, not once every foldAt
// articles. (A variable for the tests.)
var foldAt = 1 << 16

func newIdentIndex(entries []identEntry) *identIndex {
	slices.SortFunc(entries, compareEntries)
	return &identIndex{sorted: entries, recent: map[digest]uint64{}}
}

// search returns where the digest of e is, or would be, in sorted.
func (x *identIndex) search(e identEntry) (int, bool) {
	i := sort.Search(len(x.sorted), func(i int) bool { return compareEntries(x.sorted[i], e) >= 0 })
	return i, i < len(x.sorted) && compareEntries(x.sorted[i], e) == 0
}

// get returns the id of the article of an identity, or 0.
func (x *identIndex) get(d digest) uint64 {
	if id, ok := x.recent[d]; ok {
		return id
	}
	if i, ok := x.search(entryOf(d, 0)); ok {
		return x.sorted[i].id // 0 if removed
	}
	return 0
}

// add records the article of an identity that get says is not there.
func (x *identIndex) add(d digest, id uint64) {
	x.recent[d] = id
	if len(x.recent) >= max(foldAt, len(x.sorted)/16) {
		x.fold()
	}
}

// remove forgets the identity of a deleted article.
func (x *identIndex) remove(d digest, id uint64) {
	if got, ok := x.recent[d]; ok && got == id {
		delete(x.recent, d)
	} else if i, ok := x.search(entryOf(d, 0)); ok && x.sorted[i].id == id {
		x.sorted[i].id = 0
	}
}

// fold merges recent into sorted, leaving out what was removed.
func (x *identIndex) fold() {
	add := make([]identEntry, 0, len(x.recent))
	for d, id := range x.recent {
		add = append(add, entryOf(d, id))
	}
	slices.SortFunc(add, compareEntries)
	merged := make([]identEntry, 0, len(x.sorted)+len(add))
	i, j := 0, 0
	for i < len(x.sorted) || j < len(add) {
		if j == len(add) || i < len(x.sorted) && compareEntries(x.sorted[i], add[j]) < 0 {
			if x.sorted[i].id != 0 {
				merged = append(merged, x.sorted[i])
			}
			i++
		} else {
			merged, j = append(merged, add[j]), j+1
		}
	}
	x.sorted, x.recent = merged, map[digest]uint64{}
}

// identEntries calls fn with the id and identity digest of every article an
// archive's identity index holds: from identlog, or from idents in an
// archive of schema 2 opened read-only (a writable Open converts it). An
// entry that is not of that form is passed to bad (if not nil) and
// skipped: a damaged entry costs the lookup of one article, not every
// import.
func identEntries(tx *bolt.Tx, fn func(id uint64, d digest) error, bad func(why string)) error {
	if bad == nil {
		bad = func(string) {}
	}
	if log := tx.Bucket(bucketIdentLog); log != nil {
		return log.ForEach(func(k, v []byte) error {
			if len(k) != 8 || len(v) != len(digest{}) {
				bad(fmt.Sprintf("identlog entry %x is not an id and a digest", k))
				return nil
			}
			return fn(binary.BigEndian.Uint64(k), digest(v))
		})
	}
	old := tx.Bucket(bucketIdents)
	if old == nil {
		return fmt.Errorf("%w: no identity index", errCorrupt)
	}
	return old.ForEach(func(k, v []byte) error {
		if len(v) != 8 {
			bad(fmt.Sprintf("idents entry %q does not hold an id", k))
			return nil
		}
		return fn(binary.BigEndian.Uint64(v), digestOf(k))
	})
}

// loadIdents reads the identity index of the archive tx sees.
func loadIdents(tx *bolt.Tx) (*identIndex, error) {
	// Room for an entry an id given: Stats would walk the bucket once more.
	entries := make([]identEntry, 0, tx.Bucket(bucketArticles).Sequence())
	err := identEntries(tx, func(id uint64, d digest) error {
		entries = append(entries, entryOf(d, id))
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	return newIdentIndex(entries), nil
}

// identsIn returns the archive's identity index, read from tx the first
// time. The caller holds db.identMu.
func (db *DB) identsIn(tx *bolt.Tx) (*identIndex, error) {
	if db.idents == nil {
		x, err := loadIdents(tx)
		if err != nil {
			return nil, err
		}
		db.idents = x
	}
	return db.idents, nil
}

// dropIdents forgets the identity index in memory, after a transaction
// that changed it failed: it is read again when next needed.
func (db *DB) dropIdents() {
	db.identMu.Lock()
	db.idents = nil
	db.identMu.Unlock()
}

// convertIdents rewrites the identity index of an archive of schema 2 in
// the layout of schema 3, in the transaction that marks it schema 3. The
// identities are those of the articles themselves, read in id order: an
// entry of idents that is damaged, or that another key shares, is not
// carried over (check would have named it), and an article that had none
// gets its own. An article whose record does not decode gets none (check
// names it).
func convertIdents(tx *bolt.Tx) error {
	log, err := tx.CreateBucketIfNotExists(bucketIdentLog)
	if err != nil {
		return err
	}
	log.FillPercent = appendFill
	n := 0
	var buf []byte // each record decompressed
	err = tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return nil
		}
		if n++; n%10000 == 0 {
			// The articles read through the memory map would otherwise
			// all count in the process's memory (a gigabyte at 310,000).
			releaseMapped(tx)
		}
		key, b, err := recordIdentity(binary.BigEndian.Uint64(k), v, buf)
		if buf = b; err != nil {
			return nil
		}
		d := digestOf(key)
		return log.Put(k, d[:])
	})
	if err != nil {
		return err
	}
	releaseMapped(tx)
	if tx.Bucket(bucketIdents) == nil {
		return nil
	}
	err = tx.DeleteBucket(bucketIdents) // which reads each of its pages
	releaseMapped(tx)
	return err
}
