package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// The names under which Facets counts the articles a tag or source facet
// leaves out.
const (
	NoTag    = "(no tag)"
	NoSource = "(no source)"
)

// Facet kinds Facets counts by.
const (
	FacetTag    = "tag"
	FacetSource = "source"
	FacetYear   = "year"
	// FacetMonth and FacetDay count by month (2017-10) and day
	// (2017-10-17) of publication, in time order, undated last.
	FacetMonth = "month"
	FacetDay   = "day"
	// FacetLang counts by language (analyze.Language codes).
	FacetLang = "lang"
)

// Facets counts the articles matching q (all of them, whatever Offset and
// Limit) by tag, source or publication year, largest first (years newest
// first). Undated articles count under the year "undated", articles with
// no tag under NoTag and with no source under NoSource, last.
func (db *DB) Facets(ctx context.Context, q Query, kinds []string) (map[string][]Count, error) {
	var out map[string][]Count
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		out, err = facetsIn(ctx, buckets(tx), &q, kinds)
		return err
	})
	return out, err
}

func facetsIn(ctx context.Context, b bucketSet, q *Query, kinds []string) (map[string][]Count, error) {
	s, err := newSearcher(ctx, b)
	if err != nil {
		return nil, err
	}
	ids, err := s.matchingIDs(b, q)
	if err != nil {
		return nil, err
	}
	return s.countFacets(b, ids, kinds)
}

// matchingIDs returns the ids of every article matching q, whatever its
// Offset and Limit, in order.
func (s *searcher) matchingIDs(b bucketSet, q *Query) ([]uint64, error) {
	if q.Match != nil {
		hits, err := s.matchHits(q)
		if err != nil {
			return nil, err
		}
		return docIDs(hits), nil
	}
	return scanIDs(s.ctx, b, q)
}

// countFacets counts the articles ids (in order) by each kind.
func (s *searcher) countFacets(b bucketSet, ids []uint64, kinds []string) (map[string][]Count, error) {
	out := map[string][]Count{}
	for _, kind := range kinds {
		var counts []Count
		var err error
		switch kind {
		case FacetTag:
			counts, err = s.facetCounts(ids, b.tagCounts, false)
		case FacetSource:
			counts, err = s.facetCounts(ids, b.sourceCounts, true)
		case FacetYear:
			counts = s.yearCounts(ids)
		case FacetLang:
			counts, err = s.langCounts(ids)
		case FacetMonth:
			counts = s.periodCounts(ids, func(day uint32) string { return fmt.Sprintf("%04d-%02d", day/10000, day/100%100) })
		case FacetDay:
			counts = s.periodCounts(ids, func(day uint32) string {
				return fmt.Sprintf("%04d-%02d-%02d", day/10000, day/100%100, day%100)
			})
		default:
			return nil, fmt.Errorf("unknown facet %q", kind)
		}
		if err != nil {
			return nil, err
		}
		out[kind] = counts
	}
	return out, nil
}

// unscored is ids as hits with no score, docIDs' inverse.
func unscored(ids []uint64) []hit {
	hits := make([]hit, len(ids))
	for i, id := range ids {
		hits[i] = hit{doc: id}
	}
	return hits
}

func docIDs(hits []hit) []uint64 {
	ids := make([]uint64, len(hits))
	for i, h := range hits {
		ids[i] = h.doc
	}
	return ids
}

// scanIDs returns the ids of every article matching q, which has no
// full-text condition, in order.
func scanIDs(ctx context.Context, b bucketSet, q *Query) ([]uint64, error) {
	allowed, ok, err := q.idFilter(b)
	if !ok || err != nil {
		return nil, err
	}
	var ids []uint64
	err = q.scan(b, func(id []byte) error {
		if allowed != nil {
			if _, in := allowed[binary.BigEndian.Uint64(id)]; !in {
				return nil
			}
		}
		ids = append(ids, binary.BigEndian.Uint64(id))
		return ctx.Err()
	})
	slices.Sort(ids)
	return ids, err
}

// facetCounts counts, for every tag (or source, with source), how many of
// the articles ids carry it, then those that carry none.
func (s *searcher) facetCounts(ids []uint64, counts *bolt.Bucket, source bool) ([]Count, error) {
	within := unscored(ids)
	carries := make([]bool, len(ids)) // carries[i]: ids[i] has a tag (source)
	var out []Count
	err := counts.ForEach(func(k, v []byte) error {
		_, name := decodeCount(v)
		// k is the folded name; folding it again changes nothing.
		m := &MatchFacet{Tag: string(k)}
		if source {
			m = &MatchFacet{Source: string(k)}
		}
		hs, err := s.facetHits(m, within, true)
		if n := len(hs); err == nil && n > 0 {
			out = append(out, Count{Name: name, Count: n})
			for _, h := range hs {
				if i, ok := slices.BinarySearch(ids, h.doc); ok {
					carries[i] = true
				}
			}
		}
		return err
	})
	sortCounts(out)
	none := 0
	for _, c := range carries {
		if !c {
			none++
		}
	}
	if none > 0 {
		name := NoTag
		if source {
			name = NoSource
		}
		out = append(out, Count{Name: name, Count: none})
	}
	return out, err
}

// langCounts counts the articles ids (in order) by language, largest
// first.
func (s *searcher) langCounts(ids []uint64) ([]Count, error) {
	within := unscored(ids)
	// The languages the archive has, from the terms of every segment.
	var codes []string
	prefix := []byte(langTermPrefix)
	for _, sr := range s.segs {
		c := sr.cursor()
		for k, _ := c.seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.next() {
			if code := string(k[len(prefix):]); !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
		if c.err != nil {
			return nil, fmt.Errorf("languages: %w", c.err)
		}
	}
	var out []Count
	for _, code := range codes {
		hs, err := s.facetHits(&MatchFacet{Lang: code}, within, true)
		if err != nil {
			return nil, err
		}
		if len(hs) > 0 {
			out = append(out, Count{Name: code, Count: len(hs)})
		}
	}
	sortCounts(out)
	return out, nil
}

func (s *searcher) yearCounts(ids []uint64) []Count {
	years := map[string]int{}
	for _, id := range ids {
		y := "undated"
		if day := s.info(id).day; day != 0 {
			y = strconv.Itoa(int(day / 10000))
		}
		years[y]++
	}
	out := make([]Count, 0, len(years))
	for y, n := range years {
		out = append(out, Count{Name: y, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Name == "undated") != (out[j].Name == "undated") {
			return out[j].Name == "undated"
		}
		return out[i].Name > out[j].Name
	})
	return out
}

// periodCounts counts the articles ids by the period name gives their day
// of publication, in time order, "undated" last.
func (s *searcher) periodCounts(ids []uint64, name func(day uint32) string) []Count {
	periods := map[string]int{}
	for _, id := range ids {
		p := "undated"
		if day := s.info(id).day; day != 0 {
			p = name(day)
		}
		periods[p]++
	}
	out := make([]Count, 0, len(periods))
	for p, n := range periods {
		out = append(out, Count{Name: p, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Name == "undated") != (out[j].Name == "undated") {
			return out[j].Name == "undated"
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// sortCounts orders counts largest first, ties by name.
func sortCounts(c []Count) {
	sort.SliceStable(c, func(i, j int) bool {
		if c[i].Count != c[j].Count {
			return c[i].Count > c[j].Count
		}
		return c[i].Name < c[j].Name
	})
}
