package store

import (
	"context"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Count is a tag or source with the number of articles that carry it.
type Count struct {
	Name  string
	Count int
}

// Tags returns every tag with its number of articles, most used first
// (ties in name order).
func (db *DB) Tags(ctx context.Context) ([]Count, error) {
	return db.counts(bucketTagCounts)
}

// HasTag reports whether an article has the tag (spelling variants match,
// as in queries).
func (db *DB) HasTag(ctx context.Context, name string) (bool, error) {
	return db.has(bucketTagCounts, name)
}

// HasSource reports whether an article is from the source (spelling
// variants match).
func (db *DB) HasSource(ctx context.Context, name string) (bool, error) {
	return db.has(bucketSourceCounts, name)
}

func (db *DB) has(counts []byte, name string) (bool, error) {
	found := false
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if key := facetKey(name); len(key) > 0 {
			found = tx.Bucket(counts).Get(key) != nil
		}
		return nil
	})
	return found, err
}

// Sources returns every source with its number of articles, largest first.
func (db *DB) Sources(ctx context.Context) ([]Count, error) {
	return db.counts(bucketSourceCounts)
}

func (db *DB) counts(bucket []byte) ([]Count, error) {
	var out []Count
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(_, v []byte) error {
			n, name := decodeCount(v)
			if n > 0 {
				out = append(out, Count{Name: name, Count: int(n)})
			}
			return nil
		})
	})
	sortCounts(out)
	return out, err
}

// Stats describes an archive.
type Stats struct {
	Articles int
	Sources  int
	Tags     int
	// First and Last are the earliest and latest publication days; zero
	// when no article is dated.
	First, Last time.Time
	Undated     int
	// NoSource counts the articles that name no source.
	NoSource int
	// FileSize is the size of the archive file in bytes.
	FileSize int64
	// Indexed counts the articles in the search index: all of them but
	// while a reindex runs or after one was interrupted.
	Indexed int
}

// Stats counts what the archive holds.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := buckets(tx)
		s.Articles = b.articles.Stats().KeyN
		s.Indexed = int(readStats(b.meta).docs)
		s.Sources = b.sourceCounts.Stats().KeyN
		s.Tags = b.tagCounts.Stats().KeyN
		s.Undated = b.undated.Stats().KeyN
		sourced := 0
		b.sourceCounts.ForEach(func(_, v []byte) error {
			n, _ := decodeCount(v)
			sourced += int(n)
			return nil
		})
		s.NoSource = max(0, s.Articles-sourced)
		s.First, s.Last = publishedRange(b)
		return nil
	})
	if err != nil {
		return s, err
	}
	info, err := os.Stat(db.path)
	if err != nil {
		return s, err
	}
	s.FileSize = info.Size()
	return s, nil
}

// PublishedRange returns the earliest and latest publication days in the
// archive, as Stats does but without counting anything; zero when no
// article is dated.
func (db *DB) PublishedRange(ctx context.Context) (first, last time.Time, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		first, last = publishedRange(buckets(tx))
		return nil
	})
	return first, last, err
}

func publishedRange(b bucketSet) (first, last time.Time) {
	c := b.dates.Cursor()
	if k, _ := c.First(); len(k) >= 8 {
		first, _ = time.Parse("20060102", string(k[:8]))
	}
	if k, _ := c.Last(); len(k) >= 8 {
		last, _ = time.Parse("20060102", string(k[:8]))
	}
	return first, last
}
