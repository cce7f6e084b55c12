package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"arshif/analyze"
	"arshif/article"
)

// reindexBatch is how many articles one Reindex transaction indexes.
const reindexBatch = 2000

// Reindex rebuilds the full-text index from the stored articles with this
// build's analysis, committing in batches and calling progress after each.
// Until it ends the index is marked stale; interrupted, it starts over on
// the next call. The articles themselves are not touched.
func (db *DB) Reindex(ctx context.Context, progress func(done, total int)) error {
	if db.bolt.IsReadOnly() {
		return ErrReadOnly
	}
	total := 0
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketPostings, bucketSegments, bucketDocInfo, bucketMentions} {
			if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
				return err
			}
			if bytes.Equal(name, bucketMentions) {
				continue // its periods are terms of the index now
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		for _, k := range [][]byte{metaDocs, metaTitleWords, metaBodyWords} {
			if err := meta.Delete(k); err != nil {
				return err
			}
		}
		total = tx.Bucket(bucketArticles).Stats().KeyN
		return meta.Put(metaAnalyzer, []byte{})
	})
	if err != nil {
		return err
	}
	db.analyzer = ""
	done := 0
	var next uint64 = 1
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := 0
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			b := buckets(tx)
			var batch []*article.Article
			c := b.articles.Cursor()
			for k, v := c.Seek(idKey(next)); k != nil && len(batch) < reindexBatch; k, v = c.Next() {
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
			next = batch[n-1].ID + 1
			return ix.write(b)
		})
		if err == nil {
			err = db.merge(ctx)
		}
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(metaAnalyzer, []byte(analyze.Version()))
	})
	if err == nil {
		db.analyzer = analyze.Version()
	}
	return err
}
