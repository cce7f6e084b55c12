package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/fnv"

	"arshif/article"
)

// checkIndex verifies the full-text index against the articles: the
// segments cover every article once, each segment's postings are exactly
// what analysing its articles gives (compared through an order-free
// fingerprint, so memory stays flat), and the doc records and collection
// statistics agree. The articles are analysed on every core, a chunk at a
// time; the dates their texts mention are read the plain way, so that the
// hinted reading of imports is verified too. Articles from id end on are
// not expected in the index (a reindex has not reached them yet).
func checkIndex(ctx context.Context, b bucketSet, end uint64, report func(string, ...any)) error {
	segs, err := loadSegments(b.segments)
	if err != nil {
		return err
	}
	buckets := map[string]bool{}
	b.postings.ForEachBucket(func(k []byte) error {
		buckets[string(k)] = true
		return nil
	})
	// A merge cut short leaves its unlisted bucket, which no query reads
	// and the next write removes.
	delete(buckets, string(b.meta.Get(metaMerging)))
	// Segments a merge replaced wait in meta "garbage" until removed.
	garbage := b.meta.Get(metaGarbage)
	for n := len(segmentName(0)); len(garbage) >= n; garbage = garbage[n:] {
		delete(buckets, string(garbage[:n]))
	}
	var docs, titleWords, bodyWords int64
	var lastEnd uint64
	for i, seg := range segs {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := segmentName(seg.id)
		delete(buckets, string(name))
		sb := b.postings.Bucket(name)
		if sb == nil {
			report("index segment %d (articles %d–%d) is missing", seg.id, seg.first, seg.last)
			continue
		}
		if i > 0 && seg.first <= lastEnd {
			report("index segments overlap at article %d", seg.first)
		}
		lastEnd = seg.last
		var fromIndex, fromText uint64
		sc := newSegReader(sb, seg).cursor()
		var prev []byte
		for k, v := sc.first(); k != nil; k, v = sc.next() {
			if prev != nil && bytes.Compare(prev, k) >= 0 {
				report("index segment %d: term %q after %q, out of order", seg.id, short(string(k)), short(string(prev)))
			}
			prev = k
			ps, err := decodeList(nil, v, true)
			if err != nil {
				report("index segment %d, term %q: %v", seg.id, k, err)
				continue
			}
			for j := range ps {
				if ps[j].doc < seg.first || ps[j].doc > seg.last {
					report("index segment %d, term %q: article %d is outside the segment", seg.id, k, ps[j].doc)
				}
				fromIndex += fingerprint(string(k), &ps[j])
			}
		}
		if sc.err != nil {
			report("index segment %d: a block of terms does not decode", seg.id)
		}
		n := uint64(0)
		var chunk []*article.Article
		analyseChunk := func() {
			results := make([]checked, len(chunk))
			parallel(len(chunk), func(i int, ix *indexer) {
				a, r := chunk[i], &results[i]
				d := ix.analyse(a, plainMentions)
				for j, term := range d.terms {
					r.fingerprint += fingerprint(term, &d.postings[j])
				}
				r.info = d.info
			})
			for i, a := range chunk {
				r := &results[i]
				fromText += r.fingerprint
				chunkInfo := b.docinfo.Get(docChunkKey(a.ID))
				if got := getDocInfo(chunkInfo, a.ID); got != r.info {
					report("article %d: index record %+v, its text gives %+v", a.ID, got, r.info)
				}
				docs++
				titleWords += int64(r.info.titleLen)
				bodyWords += int64(r.info.bodyLen)
			}
			chunk = chunk[:0]
		}
		c := b.articles.Cursor()
		for k, v := c.Seek(idKey(seg.first)); k != nil && binary.BigEndian.Uint64(k) <= seg.last; k, v = c.Next() {
			id := binary.BigEndian.Uint64(k)
			a, err := decodeArticle(id, v)
			if err != nil {
				continue // reported with the articles
			}
			n++
			if chunk = append(chunk, a); len(chunk) == checkChunk {
				if err := ctx.Err(); err != nil {
					return err
				}
				analyseChunk()
			}
		}
		analyseChunk()
		if n != seg.docs {
			report("index segment %d counts %d articles, %d are stored in its range", seg.id, seg.docs, n)
		}
		if fromIndex != fromText {
			report("the search index of articles %d–%d does not match their text", seg.first, seg.last)
		}
	}
	for name := range buckets {
		report("index segment bucket %x is not listed", name)
	}
	var total int64
	c := b.articles.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) == 8 && binary.BigEndian.Uint64(k) >= end {
			break
		}
		total++
	}
	if total != docs {
		report("%d articles, %d of them in the search index", total, docs)
	}
	if s := readStats(b.meta); s != (collectionStats{docs, titleWords, bodyWords}) {
		report("index statistics %+v, the articles give %+v", s, collectionStats{docs, titleWords, bodyWords})
	}
	return nil
}

// checkChunk is how many articles checkIndex analyses at once.
const checkChunk = 512

// checked is what analysing an article gives checkIndex.
type checked struct {
	fingerprint uint64
	info        docInfo
}

// fingerprint hashes one posting of one term; summed over an index, the
// result does not depend on order.
func fingerprint(term string, p *posting) uint64 {
	h := fnv.New64a()
	h.Write([]byte(term))
	var buf [binary.MaxVarintLen64]byte
	for _, x := range []uint64{p.doc, uint64(p.titleTF), uint64(p.bodyTF)} {
		h.Write(buf[:binary.PutUvarint(buf[:], x)])
	}
	for _, x := range p.pos {
		h.Write(buf[:binary.PutUvarint(buf[:], uint64(x))])
	}
	return h.Sum64()
}
