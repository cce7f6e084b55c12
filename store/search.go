package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"arshif/analyze"
	"arshif/article"
)

// BM25 parameters, with the title counted titleWeight times (BM25F).
const (
	bm25K1      = 1.2
	bm25B       = 0.75
	titleWeight = 3
)

// maxExpansions bounds how many index terms a prefix* may stand for.
const maxExpansions = 1000

// hit is one matching article and its relevance.
type hit struct {
	doc   uint64
	score float64
}

// searcher evaluates a Match inside one read transaction.
type searcher struct {
	ctx    context.Context
	b      bucketSet
	segs   []*bolt.Bucket // segment buckets in id order
	stats  collectionStats
	chunks map[uint32][]byte
}

func newSearcher(ctx context.Context, b bucketSet) (*searcher, error) {
	segs, err := loadSegments(b.segments)
	if err != nil {
		return nil, err
	}
	s := &searcher{ctx: ctx, b: b, stats: readStats(b.meta), chunks: map[uint32][]byte{}}
	for _, seg := range segs {
		sb := b.postings.Bucket(segmentName(seg.id))
		if sb == nil {
			return nil, fmt.Errorf("segment %d: %w: bucket missing", seg.id, errCorrupt)
		}
		s.segs = append(s.segs, sb)
	}
	return s, nil
}

// info returns the doc record of an article.
func (s *searcher) info(doc uint64) docInfo {
	n := uint32(doc / docChunk)
	chunk, ok := s.chunks[n]
	if !ok {
		chunk = s.b.docinfo.Get(binary.BigEndian.AppendUint32(nil, n))
		s.chunks[n] = chunk
	}
	return getDocInfo(chunk, doc)
}

// postings returns the postings of one index term across all segments, in
// id order.
func (s *searcher) postings(term string, withPos bool) ([]posting, error) {
	var ps []posting
	key := []byte(term)
	for _, sb := range s.segs {
		if v := sb.Get(key); v != nil {
			var err error
			if ps, err = decodeList(ps, v, withPos); err != nil {
				return nil, fmt.Errorf("term %q: %w", term, err)
			}
		}
	}
	return ps, nil
}

// df returns the number of articles with an index term, without decoding.
func (s *searcher) df(term string) (int, error) {
	n := 0
	key := []byte(term)
	for _, sb := range s.segs {
		if v := sb.Get(key); v != nil {
			c, err := listCount(v)
			if err != nil {
				return 0, err
			}
			n += c
		}
	}
	return n, nil
}

// expand returns the index terms that start with prefix.
func (s *searcher) expand(prefix string) ([]string, error) {
	seen := map[string]bool{}
	var terms []string
	p := []byte(prefix)
	for _, sb := range s.segs {
		c := sb.Cursor()
		for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			if k[0] == 1 { // facet terms are not words
				break
			}
			if !seen[string(k)] {
				if len(terms) == maxExpansions {
					return nil, fmt.Errorf("%q*: more than %d words start with it; make the prefix longer", prefix, maxExpansions)
				}
				seen[string(k)] = true
				terms = append(terms, string(k))
			}
		}
	}
	sort.Strings(terms)
	return terms, nil
}

// union merges the postings of several terms: one posting per article,
// with the largest frequencies and the union of positions.
func (s *searcher) union(terms []string, withPos bool) ([]posting, error) {
	if len(terms) == 1 {
		return s.postings(terms[0], withPos)
	}
	var all []posting
	for _, t := range terms {
		ps, err := s.postings(t, withPos)
		if err != nil {
			return nil, err
		}
		all = append(all, ps...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].doc < all[j].doc })
	out := all[:0]
	for _, p := range all {
		if n := len(out); n > 0 && out[n-1].doc == p.doc {
			q := &out[n-1]
			q.titleTF, q.bodyTF = max(q.titleTF, p.titleTF), max(q.bodyTF, p.bodyTF)
			if withPos {
				q.pos = mergePositions(q.pos, p.pos)
			}
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

func mergePositions(a, b []uint32) []uint32 {
	out := make([]uint32, 0, len(a)+len(b))
	out = append(append(out, a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// idf is BM25's inverse document frequency.
func (s *searcher) idf(df int) float64 {
	n := float64(s.stats.docs)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// bm25 scores one term in one article.
func (s *searcher) bm25(idf float64, titleTF, bodyTF uint32, d docInfo) float64 {
	tf := float64(titleWeight*titleTF + bodyTF)
	if tf == 0 {
		return 0
	}
	dl := float64(titleWeight*int(d.titleLen) + int(d.bodyLen))
	avg := 1.0
	if s.stats.docs > 0 {
		avg = float64(titleWeight*s.stats.titleWords+s.stats.bodyWords) / float64(s.stats.docs)
	}
	return idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/avg))
}

// eval returns the articles matching m, in id order, with their scores.
func (s *searcher) eval(m Match) ([]hit, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	switch m := m.(type) {
	case *MatchTerm:
		return s.evalTerm(m)
	case *MatchPhrase:
		return s.evalPhrase(m)
	case *MatchFacet:
		return s.evalFacet(m)
	case *MatchAnd:
		return s.evalAnd(m)
	case *MatchOr:
		var out []hit
		for _, sub := range m.Any {
			hs, err := s.eval(sub)
			if err != nil {
				return nil, err
			}
			out = unionHits(out, hs)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown match %T", m)
}

func (s *searcher) evalTerm(m *MatchTerm) ([]hit, error) {
	terms := m.Terms
	if m.Prefix {
		var all []string
		for _, t := range m.Terms {
			ts, err := s.expand(t)
			if err != nil {
				return nil, err
			}
			all = append(all, ts...)
		}
		terms = all
	}
	if len(terms) == 0 {
		return nil, nil
	}
	ps, err := s.union(terms, false)
	if err != nil {
		return nil, err
	}
	idf := s.idf(len(ps))
	hits := make([]hit, 0, len(ps))
	for _, p := range ps {
		if m.Title && p.titleTF == 0 {
			continue
		}
		body := p.bodyTF
		if m.Title {
			body = 0
		}
		hits = append(hits, hit{doc: p.doc, score: s.bm25(idf, p.titleTF, body, s.info(p.doc))})
	}
	if m.Exact != "" {
		return s.filterExact(hits, []string{m.Exact}, m.Title)
	}
	return hits, nil
}

func (s *searcher) evalPhrase(m *MatchPhrase) ([]hit, error) {
	if len(m.Words) == 0 {
		return nil, nil
	}
	lists := make([][]posting, len(m.Words))
	for i, terms := range m.Words {
		ps, err := s.union(terms, true)
		if err != nil {
			return nil, err
		}
		if len(ps) == 0 {
			return nil, nil
		}
		lists[i] = ps
	}
	idfs := make([]float64, len(lists))
	for i, ps := range lists {
		idfs[i] = s.idf(len(ps))
	}
	// Walk the first list; find the same article in the others.
	idx := make([]int, len(lists))
	var hits []hit
	for _, p0 := range lists[0] {
		row := []posting{p0}
		for i := 1; i < len(lists); i++ {
			l := lists[i]
			for idx[i] < len(l) && l[idx[i]].doc < p0.doc {
				idx[i]++
			}
			if idx[i] == len(l) || l[idx[i]].doc != p0.doc {
				break
			}
			row = append(row, l[idx[i]])
		}
		if len(row) != len(lists) {
			continue
		}
		d := s.info(p0.doc)
		n := phraseCount(row, m.Title, uint32(d.titleLen))
		if n == 0 {
			continue
		}
		score := 0.0
		for i, p := range row {
			score += s.bm25(idfs[i], p.titleTF, p.bodyTF, d)
		}
		hits = append(hits, hit{doc: p0.doc, score: score})
	}
	if len(m.Exact) > 0 {
		return s.filterExact(hits, m.Exact, m.Title)
	}
	return hits, nil
}

// phraseCount counts the places where the words of row follow each other.
func phraseCount(row []posting, titleOnly bool, titleLen uint32) int {
	n := 0
	for _, start := range row[0].pos {
		if titleOnly && start >= titleLen {
			break
		}
		ok := true
		for i := 1; i < len(row) && ok; i++ {
			_, ok = slices.BinarySearch(row[i].pos, start+uint32(i))
		}
		if ok {
			n++
		}
	}
	return n
}

func (s *searcher) evalFacet(m *MatchFacet) ([]hit, error) {
	term := tagTerm(m.Tag)
	if m.Source != "" {
		term = sourceTerm(m.Source)
	}
	ps, err := s.postings(term, false)
	if err != nil {
		return nil, err
	}
	hits := make([]hit, len(ps))
	for i, p := range ps {
		hits[i] = hit{doc: p.doc}
	}
	return hits, nil
}

func (s *searcher) evalAnd(m *MatchAnd) ([]hit, error) {
	var out []hit
	for i, sub := range m.Must {
		hs, err := s.eval(sub)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			out = hs
		} else {
			out = intersectHits(out, hs)
		}
		if len(out) == 0 {
			return nil, nil
		}
	}
	for _, sub := range m.Not {
		hs, err := s.eval(sub)
		if err != nil {
			return nil, err
		}
		out = subtractHits(out, hs)
	}
	return out, nil
}

func intersectHits(a, b []hit) []hit {
	out := a[:0:0]
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].doc < b[j].doc:
			i++
		case a[i].doc > b[j].doc:
			j++
		default:
			out = append(out, hit{a[i].doc, a[i].score + b[j].score})
			i++
			j++
		}
	}
	return out
}

func unionHits(a, b []hit) []hit {
	out := make([]hit, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].doc < b[j].doc:
			out = append(out, a[i])
			i++
		case a[i].doc > b[j].doc:
			out = append(out, b[j])
			j++
		default:
			out = append(out, hit{a[i].doc, a[i].score + b[j].score})
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func subtractHits(a, b []hit) []hit {
	out := a[:0:0]
	j := 0
	for _, h := range a {
		for j < len(b) && b[j].doc < h.doc {
			j++
		}
		if j < len(b) && b[j].doc == h.doc {
			continue
		}
		out = append(out, h)
	}
	return out
}

// filterExact keeps the hits whose text holds words exactly as typed, one
// after the other.
func (s *searcher) filterExact(hits []hit, words []string, titleOnly bool) ([]hit, error) {
	out := hits[:0]
	for _, h := range hits {
		a, err := decodeArticle(h.doc, s.b.articles.Get(idKey(h.doc)))
		if err != nil {
			return nil, err
		}
		if containsWords(analyze.Words(a.Title), words) || !titleOnly && containsWords(analyze.Words(a.Body), words) {
			out = append(out, h)
		}
	}
	return out, nil
}

func containsWords(text, words []string) bool {
	for i := 0; i+len(words) <= len(text); i++ {
		if slices.Equal(text[i:i+len(words)], words) {
			return true
		}
	}
	return false
}

// filterHits applies the conditions of q that are not full-text: tags and
// source through their postings, dates through the doc records.
func (s *searcher) filterHits(hits []hit, q *Query) ([]hit, error) {
	for _, t := range q.Tags {
		hs, err := s.evalFacet(&MatchFacet{Tag: t})
		if err != nil {
			return nil, err
		}
		hits = intersectHits(hits, hs)
	}
	if q.Source != "" {
		hs, err := s.evalFacet(&MatchFacet{Source: q.Source})
		if err != nil {
			return nil, err
		}
		hits = intersectHits(hits, hs)
	}
	if !q.Undated && q.From.IsZero() && q.To.IsZero() {
		return hits, nil
	}
	from, to := uint32(1), uint32(math.MaxUint32)
	if !q.From.IsZero() {
		from = dayNumber(article.Timestamp{Time: q.From})
	}
	if !q.To.IsZero() {
		to = dayNumber(article.Timestamp{Time: q.To})
	}
	out := hits[:0]
	for _, h := range hits {
		day := s.info(h.doc).day
		if q.Undated && day == 0 || !q.Undated && day >= from && day <= to {
			out = append(out, h)
		}
	}
	return out, nil
}

// sortHits orders hits by relevance (ties: newer first) or by date.
func (s *searcher) sortHits(hits []hit, byDate bool) {
	if byDate {
		days := make(map[uint64]uint32, len(hits))
		for _, h := range hits {
			days[h.doc] = s.info(h.doc).day
		}
		sort.Slice(hits, func(i, j int) bool {
			di, dj := days[hits[i].doc], days[hits[j].doc]
			if di != dj {
				return di > dj
			}
			return hits[i].doc > hits[j].doc
		})
		return
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].doc > hits[j].doc
	})
}
