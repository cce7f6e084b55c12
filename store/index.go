package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"arshif/analyze"
	"arshif/article"
)

// Prefixes of the facet terms kept in the postings beside the words, so
// that a source or tag condition is one postings list: no analysed word
// starts with a control character.
const (
	sourceTermPrefix = "\x01s"
	tagTermPrefix    = "\x01t"
	// langTermPrefix + a language code (analyze.LanguageOf: the one the
	// record declares, or the text's): every article has one.
	langTermPrefix = "\x01l"
)

func sourceTerm(source string) string { return sourceTermPrefix + string(facetKey(source)) }
func tagTerm(tag string) string       { return tagTermPrefix + string(facetKey(tag)) }
func langTerm(code string) string     { return langTermPrefix + code }

// indexedFacet returns the facet term of a folded tag or source key under
// prefix, and whether the index holds it: not for an empty key, nor for
// one too long (maxFacetBytes), as the tag and source indexes (addToFacet).
func indexedFacet(prefix, key string) (string, bool) {
	return prefix + key, key != "" && len(key) <= maxFacetBytes
}

// Bounds on keys: bbolt refuses keys over 32 KiB, and a run of 40,000
// letters (a hex dump in a body) is no word anyone searches for. Longer
// words keep their position but are not indexed; tags and sources that
// long are not indexed either (parse refuses them before that).
const (
	maxTermBytes  = 256
	maxFacetBytes = 1024
)

// docInfo is what ranking and filtering need of an article without reading
// it: its day and the lengths (in words) of its title and body.
type docInfo struct {
	day      uint32 // YYYYMMDD, 0 when undated
	titleLen uint16
	bodyLen  uint16
}

// docChunk is how many articles one docinfo value describes.
const docChunk = 4096

const docInfoSize = 8

func docChunkKey(id uint64) []byte {
	return binary.BigEndian.AppendUint32(nil, uint32(id/docChunk))
}

func (d docInfo) put(chunk []byte, id uint64) {
	o := int(id%docChunk) * docInfoSize
	binary.BigEndian.PutUint32(chunk[o:], d.day)
	binary.BigEndian.PutUint16(chunk[o+4:], d.titleLen)
	binary.BigEndian.PutUint16(chunk[o+6:], d.bodyLen)
}

func getDocInfo(chunk []byte, id uint64) docInfo {
	o := int(id%docChunk) * docInfoSize
	if o+docInfoSize > len(chunk) {
		return docInfo{}
	}
	return docInfo{
		day:      binary.BigEndian.Uint32(chunk[o:]),
		titleLen: binary.BigEndian.Uint16(chunk[o+4:]),
		bodyLen:  binary.BigEndian.Uint16(chunk[o+6:]),
	}
}

func dayNumber(t article.Timestamp) uint32 {
	if t.IsZero() {
		return 0
	}
	n, _ := strconv.Atoi(t.Time.Format("20060102"))
	return uint32(n)
}

func clamp16(n int) uint16 {
	if n > 0xffff {
		return 0xffff
	}
	return uint16(n)
}

// indexer gathers the postings of a batch of new articles; write adds
// them to the archive as one new segment.
type indexer struct {
	az    *analyze.Analyzer
	terms map[string]*listBuilder
	docs  map[uint64]docInfo
	// titleWords and bodyWords count the words added, for the collection
	// statistics.
	titleWords, bodyWords uint64
	// per-article scratch space, reused from one article to the next:
	// set numbers the article's terms, postings[i] is that of term i.
	set      termSet
	postings []posting
}

func newIndexer() *indexer { return newIndexerWith(analyze.NewAnalyzer()) }

func newIndexerWith(az *analyze.Analyzer) *indexer {
	return &indexer{
		az:    az,
		terms: map[string]*listBuilder{},
		docs:  map[uint64]docInfo{},
	}
}

// prepared is an article's analysis detached from the indexer that made
// it, ready to be added once the article has its id: per term, its two
// frequencies and its positions already encoded as in a postings list, so
// that the one writer only appends bytes.
type prepared struct {
	terms  []string
	hashes []uint32 // analyze.TermHash of terms[i]
	tf     []uint32 // title and body frequency of terms[i] at 2i and 2i+1
	pos    []byte   // the encoded positions of every term, one after another
	posEnd []uint32 // where the positions of terms[i] end in pos
	info   docInfo
	record []byte // the encoded article, when Add prepared it
}

// prepare analyses an article for addPrepared.
func (ix *indexer) prepare(a *article.Article) prepared {
	d := ix.analyse(a, hintedMentions)
	n := len(d.terms)
	nums := make([]uint32, 4*n) // the hashes, frequencies and ends, in one allocation
	copy(nums, d.hashes)
	p := prepared{
		terms:  slices.Clone(d.terms),
		hashes: nums[:n:n],
		tf:     nums[n : 3*n : 3*n],
		posEnd: nums[3*n:],
		info:   d.info,
	}
	positions := 0
	for i := range d.postings {
		positions += len(d.postings[i].pos)
	}
	p.pos = make([]byte, 0, positions+positions/2)
	for i := range d.postings {
		ps := &d.postings[i]
		p.tf[2*i], p.tf[2*i+1] = ps.titleTF, ps.bodyTF
		p.pos = appendPositions(p.pos, ps.pos)
		p.posEnd[i] = uint32(len(p.pos))
	}
	return p
}

// addPrepared adds a prepared article under its id; ids must come in
// increasing order.
func (ix *indexer) addPrepared(id uint64, p prepared) {
	start := uint32(0)
	for i, term := range p.terms {
		ix.list(term).addEncoded(id, p.tf[2*i], p.tf[2*i+1], p.pos[start:p.posEnd[i]])
		start = p.posEnd[i]
	}
	ix.docs[id] = p.info
	ix.titleWords += uint64(p.info.titleLen)
	ix.bodyWords += uint64(p.info.bodyLen)
}

// analysed is what the index holds of one article: its terms in order of
// first appearance (facet terms last), their postings (postings[i] is that
// of terms[i]), and its doc record.
type analysed struct {
	terms    []string
	hashes   []uint32 // analyze.TermHash of terms[i]
	postings []posting
	info     docInfo
}

// How analyse reads the dates a text mentions: with what the analyzer
// learnt of the words (analyze.MentionsHinted), as imports and deletes do,
// or the plain way (analyze.Mentions), as Check does to verify the other.
// Both give the same mentions (analyze's TestMentionsHinted).
type mentionReading int

const (
	hintedMentions mentionReading = iota
	plainMentions
)

// analyse turns an article into index terms: its words, then the facet
// terms of its language, source, tags and the dates its texts mention.
// Title words take positions from 0, body words follow after a gap, so
// that no phrase spans both. The result is only valid until the next call.
func (ix *indexer) analyse(a *article.Article, reading mentionReading) analysed {
	code := analyze.LanguageOf(a.Lang, a.Title, a.Body)
	stemming := analyze.StemmingFor(code)
	ix.set.reset()
	ix.postings = ix.postings[:0]
	add := func(term string, hash uint32) *posting {
		i, added := ix.set.index(term, hash)
		if added {
			if len(ix.postings) < cap(ix.postings) {
				ix.postings = ix.postings[:i+1]
				ix.postings[i] = posting{doc: a.ID, pos: ix.postings[i].pos[:0]} // the positions' array is reused
			} else {
				ix.postings = append(ix.postings, posting{doc: a.ID})
			}
		}
		return &ix.postings[i]
	}
	// The dates each text mentions are read just after its words, while
	// what the analyzer learnt of them is at hand (analyze.Hint).
	day := a.Published.DayUTC()
	titleLen := ix.az.Tokens(a.Title, stemming, 0, func(t analyze.Token) {
		if len(t.Term) <= maxTermBytes {
			p := add(t.Term, t.Hash)
			p.titleTF++
			p.pos = append(p.pos, uint32(t.Pos))
		}
	})
	mentions := ix.mentions(nil, a.Title, day, reading)
	bodyLen := ix.az.Tokens(a.Body, stemming, titleLen+1, func(t analyze.Token) {
		if len(t.Term) <= maxTermBytes {
			p := add(t.Term, t.Hash)
			p.bodyTF++
			p.pos = append(p.pos, uint32(t.Pos))
		}
	}) - titleLen - 1
	mentions = ix.mentions(mentions, a.Body, day, reading)
	lang := langTerm(code)
	add(lang, analyze.TermHash(lang))
	if t, ok := indexedFacet(sourceTermPrefix, string(facetKey(a.Source))); ok {
		add(t, analyze.TermHash(t))
	}
	for _, tag := range a.Tags {
		if t, ok := indexedFacet(tagTermPrefix, string(facetKey(tag))); ok {
			add(t, analyze.TermHash(t))
		}
	}
	for _, m := range mentions {
		t := mentionTermPrefix + periodKey(m)
		add(t, analyze.TermHash(t))
	}
	return analysed{
		terms:    ix.set.terms,
		hashes:   ix.set.hashes,
		postings: ix.postings,
		info:     docInfo{day: dayNumber(a.Published), titleLen: clamp16(titleLen), bodyLen: clamp16(bodyLen)},
	}
}

// mentions appends the dates text mentions, read as reading says, to ms.
func (ix *indexer) mentions(ms []analyze.Mention, text string, day time.Time, reading mentionReading) []analyze.Mention {
	if reading == plainMentions {
		return append(ms, analyze.Mentions(text, day)...)
	}
	return append(ms, analyze.MentionsHinted(text, day, ix.az.Hint())...)
}

func (ix *indexer) list(term string) *listBuilder {
	l := ix.terms[term]
	if l == nil {
		l = &listBuilder{}
		ix.terms[term] = l
	}
	return l
}

// write adds the gathered postings as a new segment, then the doc records
// and statistics. Merging is DB.merge's, after the commit.
func (ix *indexer) write(b bucketSet) error {
	terms := make([]string, 0, len(ix.terms))
	for t := range ix.terms {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	return ix.writeSegment(b, func(put listPut) error {
		for _, term := range terms {
			if err := put(term, ix.terms[term], 0); err != nil {
				return err
			}
		}
		return nil
	})
}

// addDoc records an article added to the segment whose postings lists
// come from elsewhere (a batchLists).
func (ix *indexer) addDoc(id uint64, info docInfo) {
	ix.docs[id] = info
	ix.titleWords += uint64(info.titleLen)
	ix.bodyWords += uint64(info.bodyLen)
}

// A listPut writes the list of a term, its ids base more than in l.
type listPut func(term string, l *listBuilder, base uint64) error

// writeSegment writes a new segment: the lists eachList puts, in term
// order, then the doc records and statistics of the articles added.
func (ix *indexer) writeSegment(b bucketSet, eachList func(put listPut) error) error {
	if len(ix.docs) == 0 {
		return nil
	}
	var first, last uint64 = ^uint64(0), 0
	for id := range ix.docs {
		first, last = min(first, id), max(last, id)
	}
	seg, err := newSegment(b, segment{docs: uint64(len(ix.docs)), first: first, last: last, layout: segmentLayout})
	if err != nil {
		return err
	}
	sb, err := createSegmentBucket(b, seg.id)
	if err != nil {
		return err
	}
	w := newSegWriter(sb, seg.layout)
	err = eachList(func(term string, l *listBuilder, base uint64) error {
		if err := w.putList([]byte(term), l, base); err != nil {
			return fmt.Errorf("index term %q: %w", short(term), err)
		}
		return nil
	})
	if err == nil {
		err = w.flush()
	}
	if err != nil {
		return err
	}
	if err := ix.writeDocs(b.docinfo); err != nil {
		return err
	}
	return addStats(b.meta, int64(len(ix.docs)), int64(ix.titleWords), int64(ix.bodyWords))
}

// batchLists are the postings lists of a batch, built on every core before
// the batch has ids: an article's provisional id is its rank among the
// batch's new articles, from 0, so that with the id of the first, base,
// every id is base + rank. Terms are split in shards, one a core, each
// sorted.
type batchLists []listShard

type listShard struct {
	terms    []string
	prefixes []uint64 // the first 8 bytes of terms[i] (termKey)
	lists    []*listBuilder
}

// buildLists makes the batchLists of prepared articles; ranks[i] is the
// provisional id of preps[i], or -1 for an article not to index. A term is
// in the shard its hash names.
func buildLists(preps []prepared, ranks []int) batchLists {
	shards := make(batchLists, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for s := range shards {
		wg.Go(func() {
			n := uint32(len(shards))
			var set termSet
			var lists []*listBuilder
			for i := range preps {
				if ranks[i] < 0 {
					continue
				}
				p := &preps[i]
				start := uint32(0)
				for t, term := range p.terms {
					end := p.posEnd[t]
					// The shard from the hash's high bits: termSet
					// starts its probes from the low ones.
					if h := p.hashes[t]; uint32(uint64(h)*uint64(n)>>32) == uint32(s) {
						k, added := set.index(term, h)
						if added {
							lists = append(lists, &listBuilder{})
						}
						lists[k].addEncoded(uint64(ranks[i]), p.tf[2*t], p.tf[2*t+1], p.pos[start:end])
					}
					start = end
				}
			}
			order := sortedTerms(set.terms)
			sh := listShard{terms: make([]string, len(order)), prefixes: make([]uint64, len(order)), lists: make([]*listBuilder, len(order))}
			for i, k := range order {
				sh.terms[i], sh.prefixes[i], sh.lists[i] = set.terms[k.i], k.prefix, lists[k.i]
			}
			shards[s] = sh
		})
	}
	wg.Wait()
	return shards
}

// termKey is a term to sort: its first 8 bytes as a number, which orders
// most terms without reading them again, and its place.
type termKey struct {
	prefix uint64
	i      int
}

// sortedTerms returns the places of terms in the order of the terms.
func sortedTerms(terms []string) []termKey {
	keys := make([]termKey, len(terms))
	for i, t := range terms {
		var b [8]byte
		copy(b[:], t)
		keys[i] = termKey{binary.BigEndian.Uint64(b[:]), i}
	}
	slices.SortFunc(keys, func(a, b termKey) int {
		if a.prefix != b.prefix {
			return cmpUint(a.prefix, b.prefix)
		}
		return strings.Compare(terms[a.i], terms[b.i])
	})
	return keys
}

// each calls put with every term of the batch in order and its list, and
// base, which makes the provisional ids real.
func (bl batchLists) each(base uint64, put listPut) error {
	next := make([]int, len(bl))
	// less says whether shard s's next term comes before shard t's.
	less := func(s, t int) bool {
		i, j := next[s], next[t]
		if p, q := bl[s].prefixes[i], bl[t].prefixes[j]; p != q {
			return p < q
		}
		return bl[s].terms[i] < bl[t].terms[j]
	}
	for {
		best := -1
		for s := range bl {
			if next[s] < len(bl[s].terms) && (best < 0 || less(s, best)) {
				best = s
			}
		}
		if best < 0 {
			return nil
		}
		i := next[best]
		next[best]++
		if err := put(bl[best].terms[i], bl[best].lists[i], base); err != nil {
			return err
		}
	}
}

func (ix *indexer) writeDocs(bucket *bolt.Bucket) error {
	ids := make([]uint64, 0, len(ix.docs))
	for id := range ix.docs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var key, chunk []byte
	flush := func() error {
		if key == nil {
			return nil
		}
		return bucket.Put(key, chunk)
	}
	for _, id := range ids {
		k := docChunkKey(id)
		if !bytes.Equal(k, key) {
			if err := flush(); err != nil {
				return err
			}
			key = k
			chunk = make([]byte, docChunk*docInfoSize)
			copy(chunk, bucket.Get(k))
		}
		ix.docs[id].put(chunk, id)
	}
	return flush()
}

// Collection statistics in meta, for ranking.
var (
	metaDocs       = []byte("docs")
	metaTitleWords = []byte("title_words")
	metaBodyWords  = []byte("body_words")
)

// stats are the collection statistics BM25 needs.
type collectionStats struct {
	docs, titleWords, bodyWords int64
}

func readStats(meta *bolt.Bucket) collectionStats {
	get := func(k []byte) int64 {
		v, _ := binary.Varint(meta.Get(k))
		return v
	}
	return collectionStats{get(metaDocs), get(metaTitleWords), get(metaBodyWords)}
}

func addStats(meta *bolt.Bucket, docs, titleWords, bodyWords int64) error {
	s := readStats(meta)
	for _, kv := range []struct {
		k []byte
		v int64
	}{{metaDocs, s.docs + docs}, {metaTitleWords, s.titleWords + titleWords}, {metaBodyWords, s.bodyWords + bodyWords}} {
		if err := meta.Put(kv.k, binary.AppendVarint(nil, kv.v)); err != nil {
			return err
		}
	}
	return nil
}

// short cuts a long string for an error message.
func short(s string) string {
	if len(s) <= 60 {
		return s
	}
	for i := range s {
		if i >= 60 {
			return s[:i] + "…"
		}
	}
	return s
}
