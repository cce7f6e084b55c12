package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"slices"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"arshif/analyze"
	"arshif/article"
)

// reindexBatch is how many articles one Reindex transaction indexes.
const reindexBatch = 2000

// metaReindex records where a running Reindex has got to, committed with
// each batch: the analyze.Version it indexes with, NUL, then the id of the
// first article not yet indexed and the number indexed (8 bytes each).
var metaReindex = []byte("reindex")

// reindexMark is the value of metaReindex.
type reindexMark struct {
	next, docs uint64
}

func (m reindexMark) encode() []byte {
	v := append([]byte(analyze.Version()), 0)
	v = binary.BigEndian.AppendUint64(v, m.next)
	return binary.BigEndian.AppendUint64(v, m.docs)
}

// unfinishedReindex reports whether a Reindex was cut short: only Reindex
// leaves the analyzer empty (an archive older than the analyzer record
// has none at all).
func unfinishedReindex(meta *bolt.Bucket) bool {
	return has(meta, metaAnalyzer) && len(meta.Get(metaAnalyzer)) == 0
}

// resumable returns where a Reindex cut short goes on: only one of this
// build's analysis, whose record agrees with the index (another arshif's
// reindex, started since, would have rebuilt it from the start).
func resumable(meta *bolt.Bucket) (reindexMark, bool) {
	v := meta.Get(metaReindex)
	prefix := append([]byte(analyze.Version()), 0)
	if !unfinishedReindex(meta) || len(v) != len(prefix)+16 || !bytes.HasPrefix(v, prefix) {
		return reindexMark{}, false
	}
	v = v[len(prefix):]
	m := reindexMark{next: binary.BigEndian.Uint64(v), docs: binary.BigEndian.Uint64(v[8:])}
	if m.docs != uint64(readStats(meta).docs) {
		return reindexMark{}, false
	}
	return m, true
}

// listsSegment reports whether a list of segment names (meta "garbage")
// holds name.
func listsSegment(names, name []byte) bool {
	for n := len(segmentName(0)); len(names) >= n; names = names[n:] {
		if bytes.Equal(names[:n], name) {
			return true
		}
	}
	return false
}

// countArticles counts the stored articles, some thousands a read
// transaction, letting go of the pages read after each: the keys are on
// the pages of the articles, which would otherwise all be mapped into the
// process at once.
func (db *DB) countArticles() (int, error) {
	const chunk = 4096
	total := 0
	var next []byte
	for {
		n := 0
		err := db.bolt.View(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketArticles).Cursor()
			k, _ := c.First()
			if next != nil {
				k, _ = c.Seek(next)
			}
			for ; k != nil && n < chunk; k, _ = c.Next() {
				n++
			}
			next = nil
			if k != nil {
				next = slices.Clone(k)
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
		db.releasePages()
		total += n
		if next == nil {
			return total, nil
		}
	}
}

// Reindex rebuilds the full-text index from the stored articles with this
// build's analysis, committing in batches and calling progress before the
// first and after each. Until it ends the index is marked as being rebuilt
// (ReindexUnfinished): interrupted, it goes on from the last batch
// committed on the next call. The articles themselves are not touched.
func (db *DB) Reindex(ctx context.Context, progress func(done, total int)) error {
	if db.bolt.IsReadOnly() {
		return ErrReadOnly
	}
	if err := ctx.Err(); err != nil {
		return err // stopped before anything was changed
	}
	total, err := db.countArticles()
	if err != nil {
		return err
	}
	var mark reindexMark
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var ok bool
		if mark, ok = resumable(meta); ok {
			return nil
		}
		// The old segments go to the garbage that merges remove a bucket
		// a transaction: deleted here at once, they would all be read
		// into the process. The segments' sequence goes on, so that new
		// segments are not named as old ones.
		b := buckets(tx)
		garbage := slices.Clone(meta.Get(metaGarbage))
		err := b.postings.ForEachBucket(func(name []byte) error {
			if !bytes.Equal(name, meta.Get(metaMerging)) && !listsSegment(garbage, name) {
				garbage = append(garbage, name...)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(garbage) > 0 {
			if err := meta.Put(metaGarbage, garbage); err != nil {
				return err
			}
		}
		var ids [][]byte
		b.segments.ForEach(func(k, _ []byte) error {
			ids = append(ids, slices.Clone(k))
			return nil
		})
		for _, k := range ids {
			if err := b.segments.Delete(k); err != nil {
				return err
			}
		}
		for _, name := range [][]byte{bucketDocInfo, bucketMentions} {
			if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
				return err
			}
		}
		// The periods of the mentions bucket are terms of the index now.
		if _, err := tx.CreateBucket(bucketDocInfo); err != nil {
			return err
		}
		for _, k := range [][]byte{metaDocs, metaTitleWords, metaBodyWords} {
			if err := meta.Delete(k); err != nil {
				return err
			}
		}
		mark = reindexMark{next: 1}
		if err := meta.Put(metaReindex, mark.encode()); err != nil {
			return err
		}
		return meta.Put(metaAnalyzer, []byte{})
	})
	if err != nil {
		return err
	}
	db.analyzer, db.reindexing = "", true
	if progress != nil {
		progress(int(mark.docs), total)
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := 0
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			b := buckets(tx)
			var batch []*article.Article
			c := b.articles.Cursor()
			for k, v := c.Seek(idKey(mark.next)); k != nil && len(batch) < reindexBatch; k, v = c.Next() {
				a, err := decodeArticle(binary.BigEndian.Uint64(k), v)
				if err != nil {
					return err
				}
				batch = append(batch, a)
			}
			if n = len(batch); n == 0 {
				return nil
			}
			preps := make([]prepared, n)
			parallel(n, func(i int, ix *indexer) { preps[i] = ix.prepare(batch[i]) })
			ix := newIndexer()
			for i, a := range batch {
				ix.addPrepared(a.ID, preps[i])
			}
			if err := ix.write(b); err != nil {
				return err
			}
			next := reindexMark{next: batch[n-1].ID + 1, docs: mark.docs + uint64(n)}
			if err := b.meta.Put(metaReindex, next.encode()); err != nil {
				return err
			}
			mark = next
			return nil
		})
		if err != nil {
			return err
		}
		// The articles read stay mapped, in the page cache: resident no
		// more, or a reindex would keep the whole archive.
		db.releasePages()
		// What is committed is counted before the merge, which an
		// interruption may cut short.
		if n > 0 && progress != nil {
			progress(int(mark.docs), total)
		}
		if err := db.merge(ctx); err != nil {
			return err
		}
		if n == 0 {
			break
		}
	}
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if err := meta.Delete(metaReindex); err != nil {
			return err
		}
		return meta.Put(metaAnalyzer, []byte(analyze.Version()))
	})
	if err == nil {
		db.analyzer, db.reindexing = analyze.Version(), false
	}
	return err
}
