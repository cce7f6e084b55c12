package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"arshif/analyze"
	"arshif/article"
)

// Query selects articles. Every condition given must hold.
type Query struct {
	// Words must each appear in the title or the body, compared folded
	// (analyze.Fold), as a part of a word or of the text: a word with
	// spaces must appear as written.
	Words []string
	// Tags must all be on the article (spelling variants match).
	Tags []string
	// Source is the outlet, if set.
	Source string
	// From and To bound the publication day, inclusive; a zero value
	// leaves that side open. Either one excludes undated articles.
	From, To time.Time
	// Undated selects only articles with no publication date.
	Undated bool
	// Offset skips that many matches; Limit stops after that many (0: no
	// limit).
	Offset, Limit int
}

// Find calls fn for the articles that match q, newest first (undated
// articles after dated ones, newer ids first), within q.Offset and q.Limit,
// and returns how many match in all. It stops at the first error from fn
// or when ctx is done.
//
// Find is the one query path: the full-text index replaces its word
// matching without changing its contract.
func (db *DB) Find(ctx context.Context, q Query, fn func(*article.Article) error) (total int, err error) {
	words := make([]string, 0, len(q.Words))
	for _, w := range q.Words {
		if w = analyze.Fold(w); w != "" {
			words = append(words, w)
		}
	}
	err = db.bolt.View(func(tx *bolt.Tx) error {
		b := buckets(tx)
		allowed, ok := q.idFilter(b)
		if !ok {
			return nil
		}
		emitted := 0
		return q.scan(b, func(id []byte) error {
			if total&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if allowed != nil {
				if _, in := allowed[string(id)]; !in {
					return nil
				}
			}
			var a *article.Article
			if len(words) > 0 {
				var err error
				if a, err = decodeArticle(binary.BigEndian.Uint64(id), b.articles.Get(id)); err != nil {
					return err
				}
				if !matchWords(a, words) {
					return nil
				}
			}
			total++
			if total <= q.Offset || (q.Limit > 0 && emitted >= q.Limit) {
				return nil
			}
			if a == nil {
				var err error
				if a, err = decodeArticle(binary.BigEndian.Uint64(id), b.articles.Get(id)); err != nil {
					return err
				}
			}
			emitted++
			return fn(a)
		})
	})
	return total, err
}

// Count returns how many articles match q, ignoring Offset and Limit.
func (db *DB) Count(ctx context.Context, q Query) (int, error) {
	q.Offset, q.Limit = 0, 0
	return db.Find(ctx, q, func(*article.Article) error { return nil })
}

// matchWords reports whether every folded word is in the folded title or
// body.
func matchWords(a *article.Article, words []string) bool {
	text := analyze.Fold(a.Title) + "\n" + analyze.Fold(a.Body)
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// idFilter returns the set of ids allowed by the tag and source conditions
// (nil when there are none), and false when no article can match.
func (q *Query) idFilter(b bucketSet) (map[string]struct{}, bool) {
	var allowed map[string]struct{}
	narrow := func(index *bolt.Bucket, name string) bool {
		prefix := facetPrefix(name)
		next := map[string]struct{}{}
		c := index.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			id := string(k[len(prefix):])
			if allowed == nil {
				next[id] = struct{}{}
			} else if _, in := allowed[id]; in {
				next[id] = struct{}{}
			}
		}
		allowed = next
		return len(allowed) > 0
	}
	for _, t := range q.Tags {
		if !narrow(b.tags, t) {
			return nil, false
		}
	}
	if q.Source != "" && !narrow(b.sources, q.Source) {
		return nil, false
	}
	return allowed, true
}

// scan calls fn with the id key of every article in the date range, newest
// first, then (unless a range is set) the undated ones, newest id first.
func (q *Query) scan(b bucketSet, fn func(id []byte) error) error {
	ranged := !q.From.IsZero() || !q.To.IsZero()
	if !q.Undated {
		var low, high []byte
		if !q.From.IsZero() {
			low = []byte(q.From.Format("20060102"))
		}
		if !q.To.IsZero() {
			// The first key after the last day: day + 1.
			high = []byte(q.To.AddDate(0, 0, 1).Format("20060102"))
		}
		c := b.dates.Cursor()
		var k []byte
		if high != nil {
			k, _ = c.Seek(high)
			if k == nil {
				k, _ = c.Last()
			} else {
				k, _ = c.Prev()
			}
		} else {
			k, _ = c.Last()
		}
		for ; k != nil && (low == nil || bytes.Compare(k[:8], low) >= 0); k, _ = c.Prev() {
			if err := fn(k[8:]); err != nil {
				return err
			}
		}
	}
	if ranged {
		return nil // undated articles have no day to be in range
	}
	c := b.undated.Cursor()
	for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
		if err := fn(k); err != nil {
			return err
		}
	}
	return nil
}
