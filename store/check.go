package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	bolt "go.etcd.io/bbolt"

	"arshif/analyze"
	"arshif/article"
)

// maxProblems bounds what Check reports: past it the archive is clearly
// damaged and the rest would only repeat.
const maxProblems = 100

// Check verifies the archive: bbolt's own page check, then that every
// article decodes and is in each index it belongs to, that every index
// entry points at an article that belongs there, that the counts are
// exact, and that the full-text index is what the articles' text gives
// (unless another version of arshif built it: StaleIndex; of a reindex
// interrupted, the part it built). It returns nil
// for a sound archive, or every problem found joined.
func (db *DB) Check(ctx context.Context) error {
	var problems []error
	report := func(format string, args ...any) {
		if len(problems) < maxProblems {
			problems = append(problems, fmt.Errorf(format, args...))
		}
	}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			report("bbolt: %v", err)
		}
		b := buckets(tx)
		// The identity index: one entry an article, no identity twice.
		identOf := map[uint64]digest{}
		holder := map[digest]uint64{}
		err := identEntries(tx, func(id uint64, d digest) error {
			if other, ok := holder[d]; ok {
				report("identities: articles %d and %d are filed under one identity", other, id)
			}
			if _, ok := identOf[id]; ok {
				report("identities: article %d is filed under two identities", id)
			}
			holder[d] = id
			identOf[id] = d
			return nil
		}, func(why string) { report("identities: %s", why) })
		indexRead := err == nil
		if err != nil {
			report("identities: %v", err)
		}
		articles := map[uint64]*article.Article{}
		tagCounts, sourceCounts := map[string]uint64{}, map[string]uint64{}
		err = b.articles.ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if len(k) != 8 {
				report("articles: key %x is not an id", k)
				return nil
			}
			id := binary.BigEndian.Uint64(k)
			a, err := decodeArticle(id, v)
			if err != nil {
				report("%v", err)
				return nil
			}
			if a.Lang != "" && !analyze.Listed(a.Lang) {
				report("article %d: declares the language %q, which is not one arshif knows", id, a.Lang)
			}
			a.Body = "" // only the metadata is needed from here on
			articles[id] = a
			if got, ok := identOf[id]; indexRead && (!ok || got != digestOf(identity(a))) {
				report("article %d: identity entry missing or wrong", id)
			}
			tagSeen := map[string]bool{}
			for _, t := range a.Tags {
				key := string(facetKey(t))
				if key == "" || len(key) > maxFacetBytes || tagSeen[key] {
					continue
				}
				tagSeen[key] = true
				tagCounts[key]++
				if !has(b.tags, append(facetPrefix(t), k...)) {
					report("article %d: not in the index of tag %q", id, t)
				}
			}
			if key := string(facetKey(a.Source)); key != "" && len(key) <= maxFacetBytes {
				sourceCounts[key]++
				if !has(b.sources, append(facetPrefix(a.Source), k...)) {
					report("article %d: not in the index of source %q", id, a.Source)
				}
			}
			if a.Published.IsZero() {
				if !has(b.undated, k) {
					report("article %d: undated but not in the undated index", id)
				}
			} else if !has(b.dates, dateKey(a.Published.Time, id)) {
				report("article %d: not in the dates index under %s", id, a.Published.Day())
			}
			return nil
		})
		if err != nil {
			return err
		}
		idOf := func(bucket string, key []byte) (*article.Article, uint64, bool) {
			if len(key) < 8 {
				report("%s: key %q is too short", bucket, key)
				return nil, 0, false
			}
			id := binary.BigEndian.Uint64(key[len(key)-8:])
			a := articles[id]
			if a == nil {
				report("%s: entry %q points at missing article %d", bucket, key, id)
				return nil, 0, false
			}
			return a, id, true
		}
		for id := range identOf {
			if articles[id] == nil {
				report("identities: an entry for article %d, which is missing", id)
			}
		}
		checkFacet := func(name string, index *bolt.Bucket, has func(*article.Article, string) bool) {
			index.ForEach(func(k, _ []byte) error {
				if len(k) < 9 || k[len(k)-9] != 0 {
					report("%s: key %q is not a name and an id", name, k)
					return nil
				}
				if a, id, ok := idOf(name, k); ok && !has(a, string(k[:len(k)-9])) {
					report("%s: article %d is indexed under %q but does not have it", name, id, k[:len(k)-9])
				}
				return nil
			})
		}
		checkFacet("tags", b.tags, func(a *article.Article, key string) bool {
			for _, t := range a.Tags {
				if string(facetKey(t)) == key {
					return true
				}
			}
			return false
		})
		checkFacet("sources", b.sources, func(a *article.Article, key string) bool {
			return string(facetKey(a.Source)) == key
		})
		b.dates.ForEach(func(k, _ []byte) error {
			if len(k) != 16 {
				report("dates: key %q is not a day and an id", k)
				return nil
			}
			if a, id, ok := idOf("dates", k); ok && (a.Published.IsZero() || !bytes.Equal(dateKey(a.Published.Time, id), k)) {
				report("dates: article %d is indexed under %s but published %q", id, k[:8], a.Published)
			}
			return nil
		})
		b.undated.ForEach(func(k, _ []byte) error {
			if a, id, ok := idOf("undated", k); ok && !a.Published.IsZero() {
				report("undated: article %d is dated %s", id, a.Published)
			}
			return nil
		})
		checkCounts := func(name string, counts *bolt.Bucket, want map[string]uint64) {
			counts.ForEach(func(k, v []byte) error {
				if n, _ := decodeCount(v); n != want[string(k)] {
					report("%s: %q counts %d articles, the index has %d", name, k, n, want[string(k)])
				}
				delete(want, string(k))
				return nil
			})
			for k, n := range want {
				report("%s: %q has %d articles but no count", name, k, n)
			}
		}
		checkCounts("tagcounts", b.tagCounts, tagCounts)
		checkCounts("sourcecounts", b.sourceCounts, sourceCounts)
		if string(b.meta.Get(metaAnalyzer)) != analyze.Version() {
			// What a reindex of this build's indexed before it was
			// interrupted is compared; the rest is not there yet
			// (ReindexUnfinished says so).
			if mark, ok := resumable(b.meta); ok {
				return checkIndex(ctx, b, mark.next, report)
			}
			// Every list would differ: the search index of another
			// version is not compared (StaleIndex says so), nor is it
			// damage.
			return nil
		}
		return checkIndex(ctx, b, math.MaxUint64, report)
	})
	if err != nil {
		return err
	}
	return errors.Join(problems...)
}
