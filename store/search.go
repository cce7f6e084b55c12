package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"

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
	scope  *Query      // the query evaluated, for its filters; nil for none
	segs   []segReader // segments in id order
	stats  collectionStats
	chunks [][]byte // docinfo values by chunk number, loaded on first use
	loaded []bool
	avgLen float64 // weighted average article length, for BM25
}

func newSearcher(ctx context.Context, b bucketSet) (*searcher, error) {
	segs, err := segmentReaders(b)
	if err != nil {
		return nil, err
	}
	s := &searcher{ctx: ctx, b: b, segs: segs, stats: readStats(b.meta), avgLen: 1}
	if s.stats.docs > 0 {
		s.avgLen = float64(titleWeight*s.stats.titleWords+s.stats.bodyWords) / float64(s.stats.docs)
	}
	return s, nil
}

// segmentReaders returns readers of the index's segments, in id order.
func segmentReaders(b bucketSet) ([]segReader, error) {
	segs, err := loadSegments(b.segments)
	if err != nil {
		return nil, err
	}
	readers := make([]segReader, 0, len(segs))
	for _, seg := range segs {
		sb := b.postings.Bucket(segmentName(seg.id))
		if sb == nil {
			return nil, fmt.Errorf("segment %d: %w: bucket missing", seg.id, errCorrupt)
		}
		readers = append(readers, newSegReader(sb, seg))
	}
	return readers, nil
}

// info returns the doc record of an article.
func (s *searcher) info(doc uint64) docInfo {
	n := int(doc / docChunk)
	if n >= len(s.chunks) {
		s.chunks = append(s.chunks, make([][]byte, n+1-len(s.chunks))...)
		s.loaded = append(s.loaded, make([]bool, n+1-len(s.loaded))...)
	}
	if !s.loaded[n] {
		s.chunks[n] = s.b.docinfo.Get(binary.BigEndian.AppendUint32(nil, uint32(n)))
		s.loaded[n] = true
	}
	return getDocInfo(s.chunks[n], doc)
}

// df returns the number of articles with an index term, without decoding.
func (s *searcher) df(term string) (int, error) {
	n := 0
	key := []byte(term)
	for _, sb := range s.segs {
		v, err := sb.get(key)
		if err != nil {
			return 0, fmt.Errorf("term %q: %w", term, err)
		}
		if v != nil {
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
		c := sb.cursor()
		for k, _ := c.seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.next() {
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
		if c.err != nil {
			return nil, c.err
		}
	}
	sort.Strings(terms)
	return terms, nil
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
	return idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/s.avgLen))
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
	var hits []hit
	for i, t := range terms {
		hs, err := s.termHits(t, m.Title, nil, false)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			hits = hs
		} else {
			hits = mergeMax(hits, hs)
		}
	}
	if m.Exact != "" {
		return s.filterExact(hits, []string{m.Exact}, m.Title)
	}
	return hits, nil
}

// termHits scores every article that has one index term (in its title,
// when titleOnly), in id order. With restrict, only the articles of within
// are kept, their scores added to within's: an AND that never scores what
// it would throw away.
func (s *searcher) termHits(term string, titleOnly bool, within []hit, restrict bool) ([]hit, error) {
	key := []byte(term)
	var lists [][]byte
	n := 0
	for _, sb := range s.segs {
		v, err := sb.get(key)
		if err != nil {
			return nil, fmt.Errorf("term %q: %w", term, err)
		}
		if v != nil {
			c, err := listCount(v)
			if err != nil {
				return nil, fmt.Errorf("term %q: %w", term, err)
			}
			n += c
			lists = append(lists, v)
		}
	}
	idf := s.idf(n)
	var hits []hit
	if !restrict {
		hits = make([]hit, 0, n)
	}
	w := 0 // next candidate in within
	for _, v := range lists {
		err := forEachDoc(v, func(doc uint64, titleTF, bodyTF uint32) {
			if titleOnly {
				if titleTF == 0 {
					return
				}
				bodyTF = 0
			}
			base := 0.0
			if restrict {
				for w < len(within) && within[w].doc < doc {
					w++
				}
				if w == len(within) || within[w].doc != doc {
					return
				}
				base = within[w].score
			}
			hits = append(hits, hit{doc: doc, score: base + s.bm25(idf, titleTF, bodyTF, s.info(doc))})
		})
		if err != nil {
			return nil, fmt.Errorf("term %q: %w", term, err)
		}
	}
	return hits, nil
}

// mergeMax merges two hit lists in id order; an article in both keeps the
// better score (the word matched under either form).
func mergeMax(a, b []hit) []hit { return mergeHits(a, b, math.Max) }

// unionHits merges two hit lists in id order; an article in both gets the
// sum of its scores (it matched both conditions).
func unionHits(a, b []hit) []hit {
	return mergeHits(a, b, func(x, y float64) float64 { return x + y })
}

func mergeHits(a, b []hit, combine func(x, y float64) float64) []hit {
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
			out = append(out, hit{a[i].doc, combine(a[i].score, b[j].score)})
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func (s *searcher) evalPhrase(m *MatchPhrase) ([]hit, error) {
	if len(m.Words) == 0 {
		return nil, nil
	}
	// The articles with every word (scored as an AND of them), then the
	// positions of the words in those articles only.
	and := &MatchAnd{}
	for _, terms := range m.Words {
		and.Must = append(and.Must, &MatchTerm{Terms: terms, Title: m.Title})
	}
	hits, err := s.evalAnd(and)
	if err != nil || len(hits) == 0 {
		return nil, err
	}
	docs := make([]uint64, len(hits))
	for i, h := range hits {
		docs[i] = h.doc
	}
	// positions[i][j]: where word i stands in article docs[j].
	positions := make([][][]uint32, len(m.Words))
	for i, terms := range m.Words {
		for k, t := range terms {
			ps, err := s.termPositions(t, docs)
			if err != nil {
				return nil, err
			}
			if k == 0 {
				positions[i] = ps
				continue
			}
			for j, p := range ps {
				if p != nil {
					positions[i][j] = mergePositions(positions[i][j], p)
				}
			}
		}
	}
	out := hits[:0]
	row := make([][]uint32, len(m.Words))
	for j, h := range hits {
		for i := range row {
			row[i] = positions[i][j]
		}
		if phraseCount(row, m.Title, uint32(s.info(h.doc).titleLen)) > 0 {
			out = append(out, h)
		}
	}
	if len(m.Exact) > 0 {
		return s.filterExact(out, m.Exact, m.Title)
	}
	return out, nil
}

// termPositions returns the positions of an index term in each of the
// given articles (in id order; nil where it is absent). Postings of other
// articles are skipped without decoding their positions.
func (s *searcher) termPositions(term string, docs []uint64) ([][]uint32, error) {
	out := make([][]uint32, len(docs))
	key := []byte(term)
	for _, sb := range s.segs {
		v, err := sb.get(key)
		if err != nil {
			return nil, fmt.Errorf("term %q: %w", term, err)
		}
		if v == nil {
			continue
		}
		if err := listPositions(v, docs, func(i int, pos []uint32) { out[i] = pos }); err != nil {
			return nil, fmt.Errorf("term %q: %w", term, err)
		}
	}
	return out, nil
}

// phraseCount counts the places where the words follow each other: row
// holds each word's positions in one article.
func phraseCount(row [][]uint32, titleOnly bool, titleLen uint32) int {
	n := 0
	for _, start := range row[0] {
		if titleOnly && start >= titleLen {
			break
		}
		ok := true
		for i := 1; i < len(row) && ok; i++ {
			_, ok = slices.BinarySearch(row[i], start+uint32(i))
		}
		if ok {
			n++
		}
	}
	return n
}

func (s *searcher) evalFacet(m *MatchFacet) ([]hit, error) {
	return s.facetHits(m, nil, false)
}

// facetHits returns the articles with a tag, source or language; with
// restrict, only those of within, keeping their scores.
func (s *searcher) facetHits(m *MatchFacet, within []hit, restrict bool) ([]hit, error) {
	term := m.term()
	key := []byte(term)
	var hits []hit
	w := 0
	for _, sb := range s.segs {
		v, err := sb.get(key)
		if err != nil {
			return nil, fmt.Errorf("term %q: %w", short(term), err)
		}
		if v == nil {
			continue
		}
		err = forEachDoc(v, func(doc uint64, _, _ uint32) {
			if !restrict {
				hits = append(hits, hit{doc: doc})
				return
			}
			for w < len(within) && within[w].doc < doc {
				w++
			}
			if w < len(within) && within[w].doc == doc {
				hits = append(hits, within[w])
			}
		})
		if err != nil {
			return nil, fmt.Errorf("%q: %w", term, err)
		}
	}
	return hits, nil
}

func (s *searcher) evalAnd(m *MatchAnd) ([]hit, error) {
	var out []hit
	var err error
	if len(m.Must) == 0 {
		out, err = s.everything()
	} else {
		out, err = s.evalMust(m.Must)
	}
	if err != nil || len(out) == 0 {
		return nil, err
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

// everything returns, unscored and in id order, every article the
// searcher's query allows by its other conditions (tags, source,
// language, dates, dates mentioned): what an AND with no condition that
// must match starts from.
func (s *searcher) everything() ([]hit, error) {
	q := s.scope
	if q == nil {
		q = &Query{}
	}
	ids, err := scanIDs(s.ctx, s.b, q)
	if err != nil {
		return nil, err
	}
	return unscored(ids), nil
}

// evalMust returns the articles that match every condition.
func (s *searcher) evalMust(conds []Match) ([]hit, error) {
	if terms, ok := simpleTerms(conds); ok && len(terms) > 1 {
		return s.andOfTerms(terms)
	}
	// The rarest condition first; single words and facets after it only
	// look at the articles still in the running.
	must := slices.Clone(conds)
	sizes := make(map[Match]int, len(must))
	for _, sub := range must {
		sizes[sub] = s.estimate(sub)
	}
	sort.SliceStable(must, func(i, j int) bool { return sizes[must[i]] < sizes[must[j]] })
	var out []hit
	for i, sub := range must {
		var hs []hit
		var err error
		switch sub := sub.(type) {
		case *MatchTerm:
			if i > 0 && !sub.Prefix && sub.Exact == "" && len(sub.Terms) == 1 {
				hs, err = s.termHits(sub.Terms[0], sub.Title, out, true)
				break
			}
			hs, err = s.eval(sub)
		case *MatchFacet:
			if i > 0 {
				hs, err = s.facetHits(sub, out, true)
				break
			}
			hs, err = s.eval(sub)
		default:
			hs, err = s.eval(sub)
		}
		if err != nil {
			return nil, err
		}
		switch {
		case i == 0:
			out = hs
		case !narrowed(sub):
			out = intersectHits(out, hs)
		default:
			out = hs
		}
		if len(out) == 0 {
			return nil, nil
		}
	}
	return out, nil
}

// simpleTerms returns the conditions as single index terms when they all
// are (no prefix, no exact form, one analysed form).
func simpleTerms(ms []Match) ([]*MatchTerm, bool) {
	terms := make([]*MatchTerm, 0, len(ms))
	for _, m := range ms {
		t, ok := m.(*MatchTerm)
		if !ok || t.Prefix || t.Exact != "" || len(t.Terms) != 1 {
			return nil, false
		}
		terms = append(terms, t)
	}
	return terms, true
}

// andOfTerms finds the articles with every term: the rarest term's
// articles, narrowed by each other term in turn, keeping only the term
// frequencies; only the articles left at the end are looked up and scored.
func (s *searcher) andOfTerms(terms []*MatchTerm) ([]hit, error) {
	type list struct {
		t    *MatchTerm
		vals [][]byte
		df   int
	}
	lists := make([]list, len(terms))
	for i, t := range terms {
		l := list{t: t}
		key := []byte(t.Terms[0])
		for _, sb := range s.segs {
			v, err := sb.get(key)
			if err != nil {
				return nil, fmt.Errorf("term %q: %w", t.Terms[0], err)
			}
			if v != nil {
				c, err := listCount(v)
				if err != nil {
					return nil, fmt.Errorf("term %q: %w", t.Terms[0], err)
				}
				l.df += c
				l.vals = append(l.vals, v)
			}
		}
		if l.df == 0 {
			return nil, nil
		}
		lists[i] = l
	}
	sort.SliceStable(lists, func(i, j int) bool { return lists[i].df < lists[j].df })
	// docs and tfs[k][i]: the candidates and their title and body
	// frequencies of the k-th term. The rarest term's list gives the
	// candidates; each other list keeps those it has, in place.
	var docs []uint64
	tfs := make([][][2]uint32, len(lists))
	for k, l := range lists {
		if k == 0 {
			docs = make([]uint64, 0, l.df)
			tfs[0] = make([][2]uint32, 0, l.df)
		} else {
			tfs[k] = make([][2]uint32, 0, len(docs))
		}
		kept, w := 0, 0 // docs[:kept] are kept; docs[w] is the next candidate
		for _, v := range l.vals {
			err := forEachDoc(v, func(doc uint64, titleTF, bodyTF uint32) {
				if l.t.Title {
					if titleTF == 0 {
						return
					}
					bodyTF = 0
				}
				if k == 0 {
					docs = append(docs, doc)
					tfs[0] = append(tfs[0], [2]uint32{titleTF, bodyTF})
					return
				}
				for w < len(docs) && docs[w] < doc {
					w++
				}
				if w < len(docs) && docs[w] == doc {
					// kept <= w: what is overwritten has been read.
					docs[kept] = doc
					for p := 0; p < k; p++ {
						tfs[p][kept] = tfs[p][w]
					}
					tfs[k] = append(tfs[k], [2]uint32{titleTF, bodyTF})
					kept++
					w++
				}
			})
			if err != nil {
				return nil, fmt.Errorf("term %q: %w", l.t.Terms[0], err)
			}
		}
		if k > 0 {
			docs = docs[:kept]
			for p := 0; p < k; p++ {
				tfs[p] = tfs[p][:kept]
			}
		}
		if len(docs) == 0 {
			return nil, nil
		}
	}
	idfs := make([]float64, len(lists))
	for k, l := range lists {
		idfs[k] = s.idf(l.df)
	}
	hits := make([]hit, len(docs))
	for i, doc := range docs {
		d := s.info(doc)
		score := 0.0
		for k := range lists {
			score += s.bm25(idfs[k], tfs[k][i][0], tfs[k][i][1], d)
		}
		hits[i] = hit{doc: doc, score: score}
	}
	return hits, nil
}

// narrowed reports whether evalAnd evaluated sub against the running
// result (so its hits are already the intersection).
func narrowed(sub Match) bool {
	switch sub := sub.(type) {
	case *MatchTerm:
		return !sub.Prefix && sub.Exact == "" && len(sub.Terms) == 1
	case *MatchFacet:
		return true
	}
	return false
}

// estimate guesses how many articles a condition matches, from the
// postings headers, to evaluate the rarest first.
func (s *searcher) estimate(m Match) int {
	switch m := m.(type) {
	case *MatchTerm:
		if m.Prefix {
			return math.MaxInt32
		}
		n := 0
		for _, t := range m.Terms {
			df, _ := s.df(t)
			n += df
		}
		return n
	case *MatchFacet:
		n, _ := s.df(m.term())
		return n
	case *MatchPhrase:
		n := math.MaxInt32
		for _, terms := range m.Words {
			w := 0
			for _, t := range terms {
				df, _ := s.df(t)
				w += df
			}
			n = min(n, w)
		}
		return n
	}
	return math.MaxInt32
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

// filterHits applies the conditions of q that are not full-text: tags,
// sources and languages through their postings, dates through the doc
// records.
func (s *searcher) filterHits(hits []hit, q *Query) ([]hit, error) {
	var err error
	for _, t := range q.Tags {
		if hits, err = s.facetHits(&MatchFacet{Tag: t}, hits, true); err != nil {
			return nil, err
		}
	}
	// An article has one source and one language: the hits of each of
	// names are apart, and their union is what the condition keeps.
	anyOf := func(names []string, facet func(name string) *MatchFacet) error {
		if len(names) == 0 {
			return nil
		}
		var in []hit
		seen := map[string]bool{}
		for _, name := range names {
			m := facet(name)
			if seen[m.term()] {
				continue // AFP and afp: counted once, or their scores would add
			}
			seen[m.term()] = true
			hs, err := s.facetHits(m, hits, true)
			if err != nil {
				return err
			}
			in = unionHits(in, hs)
		}
		hits = in
		return nil
	}
	if err := anyOf(q.Sources, func(name string) *MatchFacet { return &MatchFacet{Source: name} }); err != nil {
		return nil, err
	}
	if err := anyOf(q.Langs, func(code string) *MatchFacet { return &MatchFacet{Lang: code} }); err != nil {
		return nil, err
	}
	if q.Mentioned {
		ids, err := mentionIDs(s.b, s.segs, q.MentionFrom, q.MentionTo)
		if err != nil {
			return nil, err
		}
		hits = slices.DeleteFunc(hits, func(h hit) bool {
			_, in := ids[h.doc]
			return !in
		})
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

// top returns the first k hits in order (all of them when k <= 0 or k >=
// len(hits)), by relevance (ties: newer publication day, then newer id) or
// by date (undated last, then newer ids first). It keeps a heap of k, not a sort of everything.
func (s *searcher) top(hits []hit, k int, byDate bool) []hit {
	before := func(a, b hit) bool { // a comes before b
		if a.score != b.score {
			return a.score > b.score
		}
		if da, db := s.info(a.doc).day, s.info(b.doc).day; da != db {
			return da > db
		}
		return a.doc > b.doc
	}
	if byDate {
		before = func(a, b hit) bool {
			da, db := s.info(a.doc).day, s.info(b.doc).day
			if da != db {
				return da > db
			}
			return a.doc > b.doc
		}
	}
	if k <= 0 || k >= len(hits) {
		sort.Slice(hits, func(i, j int) bool { return before(hits[i], hits[j]) })
		return hits
	}
	// h is a heap whose root is the worst of the best k so far.
	h := make([]hit, 0, k)
	down := func(i int) {
		for {
			worst, l, r := i, 2*i+1, 2*i+2
			if l < len(h) && before(h[worst], h[l]) {
				worst = l
			}
			if r < len(h) && before(h[worst], h[r]) {
				worst = r
			}
			if worst == i {
				return
			}
			h[i], h[worst] = h[worst], h[i]
			i = worst
		}
	}
	for _, x := range hits {
		switch {
		case len(h) < k:
			h = append(h, x)
			for i := len(h) - 1; i > 0; {
				parent := (i - 1) / 2
				if !before(h[parent], h[i]) {
					break
				}
				h[parent], h[i] = h[i], h[parent]
				i = parent
			}
		case before(x, h[0]):
			h[0] = x
			down(0)
		}
	}
	sort.Slice(h, func(i, j int) bool { return before(h[i], h[j]) })
	return h
}

// langIDs returns the articles in any of the languages codes.
func langIDs(segs []segReader, codes []string) (map[uint64]struct{}, error) {
	ids := map[uint64]struct{}{}
	for _, code := range codes {
		key := []byte(langTerm(code))
		for _, sr := range segs {
			v, err := sr.get(key)
			if err == nil && v != nil {
				err = forEachDoc(v, func(doc uint64, _, _ uint32) { ids[doc] = struct{}{} })
			}
			if err != nil {
				return nil, fmt.Errorf("language %s: %w", code, err)
			}
		}
	}
	return ids, nil
}
