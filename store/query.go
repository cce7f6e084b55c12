package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"arshif/article"
)

// Query selects articles. Every condition given must hold.
type Query struct {
	// Match is the full-text condition; nil matches every article.
	Match Match
	// Tags must all be on the article (spelling variants match).
	Tags []string
	// Sources, if any, are the outlets of which the article's must be
	// one (spelling variants match).
	Sources []string
	// Langs, if any, are the languages (analyze.Language codes) of which
	// the article's must be one.
	Langs []string
	// From and To bound the publication day, inclusive; a zero value
	// leaves that side open. Either one excludes undated articles.
	From, To time.Time
	// Undated selects only articles with no publication date.
	Undated bool
	// Mentioned selects only articles whose text mentions a date in
	// [MentionFrom, MentionTo] (days, inclusive; a zero bound is open):
	// see mentionIDs.
	Mentioned              bool
	MentionFrom, MentionTo time.Time
	// ByDate orders a full-text search newest first instead of by
	// relevance. Without Match the order is always newest first.
	ByDate bool
	// IDsOnly gives Find's callback articles with only their ID set: no
	// article is read, for callers that list ids.
	IDsOnly bool
	// NoTotal lets Find stop once it has the page asked for when that
	// saves work; the total it returns is then only a lower bound.
	NoTotal bool
	// Offset skips that many matches; Limit stops after that many (0: no
	// limit; negative: none, only the total).
	Offset, Limit int
}

// filtered reports whether q has a condition beside Match.
func (q *Query) filtered() bool {
	return len(q.Tags) > 0 || len(q.Sources) > 0 || len(q.Langs) > 0 || !q.From.IsZero() || !q.To.IsZero() ||
		q.Undated || q.Mentioned
}

// Hit is an article found by Find, with its relevance score (0 without a
// full-text condition).
type Hit struct {
	*article.Article
	Score float64
}

// Find calls fn for the articles that match q, within q.Offset and
// q.Limit, and returns how many match in all. With a full-text condition
// the order is by relevance (BM25, title words weighing more; ties newest
// first) unless q.ByDate; otherwise newest first (undated articles after
// dated ones, newer ids first). It stops at the first error from fn or
// when ctx is done.
func (db *DB) Find(ctx context.Context, q Query, fn func(Hit) error) (total int, err error) {
	return db.FindFacets(ctx, q, nil, nil, fn)
}

// FindFacets is Find and Facets in one read transaction, so that the
// counts and the list agree: onFacets gets the counts of kinds before fn
// gets the first article.
func (db *DB) FindFacets(ctx context.Context, q Query, kinds []string, onFacets func(map[string][]Count) error, fn func(Hit) error) (total int, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		b := buckets(tx)
		s, err := newSearcher(ctx, b)
		if err != nil {
			return err
		}
		// A full-text query is evaluated once, for the facets and the page.
		var hits []hit
		if q.Match != nil {
			if hits, err = s.matchHits(&q); err != nil {
				return err
			}
		}
		if len(kinds) > 0 {
			ids := docIDs(hits)
			if q.Match == nil {
				if ids, err = scanIDs(ctx, b, &q); err != nil {
					return err
				}
			}
			facets, err := s.countFacets(b, ids, kinds)
			if err != nil {
				return err
			}
			if err := onFacets(facets); err != nil {
				return err
			}
		}
		if q.Match != nil {
			total, err = s.page(b, &q, hits, fn)
			return err
		}
		total, err = findScan(ctx, b, &q, fn)
		return err
	})
	return total, err
}

// matchHits evaluates the full-text condition and the filters of q.
func (s *searcher) matchHits(q *Query) ([]hit, error) {
	s.scope = q
	hits, err := s.eval(q.Match)
	if err != nil {
		return nil, err
	}
	return s.filterHits(hits, q)
}

// page orders the hits and calls fn for those of q's page; it returns
// how many hits there are in all.
func (s *searcher) page(b bucketSet, q *Query, hits []hit, fn func(Hit) error) (int, error) {
	// A search for tags or sources only scores nothing: newest first, as
	// without a search.
	byDate := q.ByDate || !slices.ContainsFunc(hits, func(h hit) bool { return h.score != 0 })
	var page []hit
	switch {
	case q.Limit > 0:
		page = s.top(hits, q.Offset+q.Limit, byDate)
	case q.Limit == 0:
		page = s.top(hits, 0, byDate)
	}
	page = page[min(q.Offset, len(page)):]
	for _, h := range page {
		a, err := q.article(b, h.doc)
		if errors.Is(err, ErrNotFound) {
			continue // only a stale index points at deleted articles
		}
		if err != nil {
			return 0, err
		}
		if err := fn(Hit{Article: a, Score: h.score}); err != nil {
			return 0, err
		}
	}
	return len(hits), nil
}

// findScan answers a query without full-text condition by walking the
// date index, newest first.
func findScan(ctx context.Context, b bucketSet, q *Query, fn func(Hit) error) (int, error) {
	allowed, ok, err := q.idFilter(b)
	if !ok || err != nil {
		return 0, err
	}
	total, emitted := 0, 0
	err = q.scan(b, func(id []byte) error {
		if total&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if allowed != nil {
			if _, in := allowed[binary.BigEndian.Uint64(id)]; !in {
				return nil
			}
		}
		total++
		if total <= q.Offset || q.Limit < 0 || q.Limit > 0 && emitted >= q.Limit {
			return nil
		}
		a, err := q.article(b, binary.BigEndian.Uint64(id))
		if err != nil {
			return err
		}
		emitted++
		if err := fn(Hit{Article: a}); err != nil {
			return err
		}
		if q.NoTotal && q.Limit > 0 && emitted == q.Limit {
			return errEnough
		}
		return nil
	})
	if err == errEnough {
		err = nil
	}
	return total, err
}

// errEnough stops a scan that has found what it was asked for.
var errEnough = errors.New("enough")

// article reads a found article, or only notes its id with IDsOnly.
func (q *Query) article(b bucketSet, id uint64) (*article.Article, error) {
	if q.IDsOnly {
		return &article.Article{ID: id}, nil
	}
	return b.get(id)
}

// Count returns how many articles match q, ignoring Offset and Limit.
func (db *DB) Count(ctx context.Context, q Query) (int, error) {
	if t, ok := q.Match.(*MatchTerm); ok && len(t.Terms) == 1 && !t.Prefix && !t.Title && t.Exact == "" && !q.filtered() {
		// One word and nothing else: the count is in the postings headers.
		var n int
		err := db.bolt.View(func(tx *bolt.Tx) error {
			s, err := newSearcher(ctx, buckets(tx))
			if err == nil {
				n, err = s.df(t.Terms[0])
			}
			return err
		})
		return n, err
	}
	q.Offset, q.Limit = 0, -1
	return db.Find(ctx, q, func(Hit) error { return nil })
}

// idFilter returns the set of ids allowed by the tag, source, language
// and mentioned date conditions (nil when there are none), and false when
// no article can match.
func (q *Query) idFilter(b bucketSet) (map[uint64]struct{}, bool, error) {
	var allowed map[uint64]struct{}
	// narrow keeps the allowed ids filed under any of names.
	narrow := func(index *bolt.Bucket, names ...string) (bool, error) {
		next := map[uint64]struct{}{}
		c := index.Cursor()
		for _, name := range names {
			prefix := facetPrefix(name)
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				if len(k) != len(prefix)+8 {
					return false, fmt.Errorf("facet key %x: %w", k, errCorrupt)
				}
				id := binary.BigEndian.Uint64(k[len(prefix):])
				if _, in := allowed[id]; in || allowed == nil {
					next[id] = struct{}{}
				}
			}
		}
		allowed = next
		return len(allowed) > 0, nil
	}
	for _, t := range q.Tags {
		if ok, err := narrow(b.tags, t); !ok || err != nil {
			return nil, false, err
		}
	}
	if len(q.Sources) > 0 {
		if ok, err := narrow(b.sources, q.Sources...); !ok || err != nil {
			return nil, false, err
		}
	}
	// The language and the dates mentioned are in the postings.
	within := func(ids map[uint64]struct{}) bool {
		if allowed == nil {
			allowed = ids
		} else {
			for id := range allowed {
				if _, in := ids[id]; !in {
					delete(allowed, id)
				}
			}
		}
		return len(allowed) > 0
	}
	var segs []segReader
	if len(q.Langs) > 0 || q.Mentioned {
		var err error
		if segs, err = segmentReaders(b); err != nil {
			return nil, false, err
		}
	}
	if len(q.Langs) > 0 {
		ids, err := langIDs(segs, q.Langs)
		if err != nil {
			return nil, false, err
		}
		if !within(ids) {
			return nil, false, nil
		}
	}
	if q.Mentioned {
		ids, err := mentionIDs(b, segs, q.MentionFrom, q.MentionTo)
		if err != nil {
			return nil, false, err
		}
		if !within(ids) {
			return nil, false, nil
		}
	}
	return allowed, true, nil
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
		for ; k != nil && (low == nil || bytes.Compare(k, low) >= 0); k, _ = c.Prev() {
			if len(k) != 16 {
				return fmt.Errorf("dates key %x: %w", k, errCorrupt)
			}
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
		if len(k) != 8 {
			return fmt.Errorf("undated key %x: %w", k, errCorrupt)
		}
		if err := fn(k); err != nil {
			return err
		}
	}
	return nil
}
