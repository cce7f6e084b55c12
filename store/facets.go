package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Facet kinds Facets counts by.
const (
	FacetTag    = "tag"
	FacetSource = "source"
	FacetYear   = "year"
)

// Facets counts the articles matching q (all of them, whatever Offset and
// Limit) by tag, source or publication year, largest first (years newest
// first). Undated articles count under the year "undated".
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
	ids, err := matchingIDs(ctx, s, b, q)
	if err != nil {
		return nil, err
	}
	out := map[string][]Count{}
	for _, kind := range kinds {
		var counts []Count
		switch kind {
		case FacetTag:
			counts, err = s.facetCounts(ids, b.tagCounts, tagTermPrefix)
		case FacetSource:
			counts, err = s.facetCounts(ids, b.sourceCounts, sourceTermPrefix)
		case FacetYear:
			counts = s.yearCounts(ids)
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

// matchingIDs returns the ids of every article matching q, in order.
func matchingIDs(ctx context.Context, s *searcher, b bucketSet, q *Query) ([]uint64, error) {
	var ids []uint64
	if q.Match != nil {
		hits, err := s.eval(q.Match)
		if err != nil {
			return nil, err
		}
		if hits, err = s.filterHits(hits, q); err != nil {
			return nil, err
		}
		for _, h := range hits {
			ids = append(ids, h.doc)
		}
		return ids, nil
	}
	allowed, ok := q.idFilter(b)
	if !ok {
		return nil, nil
	}
	err := q.scan(b, func(id []byte) error {
		if allowed != nil {
			if _, in := allowed[string(id)]; !in {
				return nil
			}
		}
		ids = append(ids, binary.BigEndian.Uint64(id))
		return ctx.Err()
	})
	slices.Sort(ids)
	return ids, err
}

// facetCounts counts, for every tag or source, the ids that carry it.
func (s *searcher) facetCounts(ids []uint64, counts *bolt.Bucket, prefix string) ([]Count, error) {
	var out []Count
	err := counts.ForEach(func(k, v []byte) error {
		_, name := decodeCount(v)
		ps, err := s.postings(prefix+string(k), false)
		if err != nil {
			return err
		}
		n := 0
		for i, j := 0, 0; i < len(ids) && j < len(ps); {
			switch {
			case ids[i] < ps[j].doc:
				i++
			case ids[i] > ps[j].doc:
				j++
			default:
				n++
				i++
				j++
			}
		}
		if n > 0 {
			out = append(out, Count{Name: name, Count: n})
		}
		return nil
	})
	sortCounts(out)
	return out, err
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

// sortCounts orders counts largest first, ties by name.
func sortCounts(c []Count) {
	sort.SliceStable(c, func(i, j int) bool {
		if c[i].Count != c[j].Count {
			return c[i].Count > c[j].Count
		}
		return c[i].Name < c[j].Name
	})
}
