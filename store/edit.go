package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"arshif/article"
)

// Delete removes articles and every trace of them: identity, tags,
// source, dates and the full-text index, in one transaction. If an id is
// not in the archive nothing is deleted and the error wraps ErrNotFound.
// Importing a deleted article again adds it anew.
func (db *DB) Delete(ctx context.Context, ids []uint64) error {
	if err := db.editable(); err != nil {
		return err
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		ix := newIndexer()
		edits := postingEdits{}
		var gone collectionStats
		var identities []digest // of ids[i]
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return err
			}
			k := idKey(id)
			a, err := b.get(id)
			if err != nil {
				return err
			}
			if err := b.identLog.Delete(k); err != nil {
				return err
			}
			identities = append(identities, digestOf(identity(a)))
			for _, key := range distinctKeys(a.Tags) {
				if err := removeFromFacet(b.tags, b.tagCounts, key, k); err != nil {
					return err
				}
			}
			if key := string(facetKey(a.Source)); key != "" {
				if err := removeFromFacet(b.sources, b.sourceCounts, key, k); err != nil {
					return err
				}
			}
			if err := b.removeDate(a); err != nil {
				return err
			}
			d := ix.analyse(a, hintedMentions)
			for _, term := range d.terms {
				edits.remove(term, id)
			}
			gone.docs++
			gone.titleWords += int64(d.info.titleLen)
			gone.bodyWords += int64(d.info.bodyLen)
			if err := setDocInfo(b.docinfo, id, docInfo{}); err != nil {
				return err
			}
			if err := b.articles.Delete(k); err != nil {
				return err
			}
		}
		if err := edits.apply(b, ids); err != nil {
			return err
		}
		if err := addStats(b.meta, -gone.docs, -gone.titleWords, -gone.bodyWords); err != nil {
			return err
		}
		db.identMu.Lock()
		defer db.identMu.Unlock()
		idents, err := db.identsIn(tx)
		if err != nil {
			return err
		}
		for i, id := range ids {
			idents.remove(identities[i], id)
		}
		return nil
	})
	if err != nil {
		db.dropIdents() // it may hold what the failed transaction took out
	}
	return err
}

// Retagged is what Retag did: the article as it is now, and the tags
// asked for that changed nothing.
type Retagged struct {
	*article.Article
	// Had are the tags to add that the article had already, in this
	// spelling or another.
	Had []string
	// Lacked are the tags to remove that the article did not have.
	Lacked []string
}

// Retag adds and removes tags of an article (a tag matches any spelling
// variant) and returns the article as it is now, with the tags that
// changed nothing, each named once.
func (db *DB) Retag(ctx context.Context, id uint64, add, remove []string) (*Retagged, error) {
	out := &Retagged{}
	a, err := db.editArticle(ctx, id, func(b bucketSet, a *article.Article) error {
		k := idKey(id)
		before := distinctKeys(a.Tags)
		drop := map[string]bool{}
		for _, t := range remove {
			key := string(facetKey(t))
			if !slices.Contains(before, key) && !drop[key] {
				out.Lacked = append(out.Lacked, t)
			}
			drop[key] = true
		}
		had := map[string]bool{}
		for _, t := range add {
			key := string(facetKey(t))
			if slices.Contains(before, key) && !drop[key] && !had[key] {
				out.Had = append(out.Had, t)
				had[key] = true
			}
		}
		var tags []string
		for _, t := range a.Tags {
			if !drop[string(facetKey(t))] {
				tags = append(tags, t)
			}
		}
		a.Tags = tags
		for _, t := range add {
			if key := string(facetKey(t)); key != "" && !slices.Contains(distinctKeys(a.Tags), key) {
				a.AddTags(t)
			}
		}
		after := distinctKeys(a.Tags)
		edits := postingEdits{}
		for _, key := range before {
			if !slices.Contains(after, key) {
				if err := removeFromFacet(b.tags, b.tagCounts, key, k); err != nil {
					return err
				}
				if t, ok := indexedFacet(tagTermPrefix, key); ok {
					edits.remove(t, id)
				}
			}
		}
		for _, t := range a.Tags {
			key := string(facetKey(t))
			if key != "" && !slices.Contains(before, key) {
				if err := addToFacet(b.tags, b.tagCounts, t, k); err != nil {
					return err
				}
				if t, ok := indexedFacet(tagTermPrefix, key); ok {
					edits.add(t, id)
				}
			}
		}
		return edits.apply(b, nil)
	})
	if err != nil {
		return nil, err
	}
	out.Article = a
	return out, nil
}

// editArticle changes one article in one transaction: edit gets the
// article as stored and brings the indexes in line with what it changes in
// it; the article is then stored as edit left it, and returned.
func (db *DB) editArticle(ctx context.Context, id uint64, edit func(b bucketSet, a *article.Article) error) (*article.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := db.editable(); err != nil {
		return nil, err
	}
	var out *article.Article
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		a, err := b.get(id)
		if err != nil {
			return err
		}
		if err := edit(b, a); err != nil {
			return err
		}
		out = a
		return b.articles.Put(idKey(id), encodeArticle(a))
	})
	return out, err
}

// distinctKeys returns the folded keys of tags, each once, in order.
func distinctKeys(tags []string) []string {
	var keys []string
	for _, t := range tags {
		if k := string(facetKey(t)); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// removeFromFacet removes an article from a tag or source index and
// counts it out.
func removeFromFacet(index, counts *bolt.Bucket, key string, id []byte) error {
	entry := append(append([]byte(key), 0), id...)
	if !has(index, entry) {
		return nil
	}
	if err := index.Delete(entry); err != nil {
		return err
	}
	n, display := decodeCount(counts.Get([]byte(key)))
	if n <= 1 {
		return counts.Delete([]byte(key))
	}
	return counts.Put([]byte(key), encodeCount(n-1, display))
}

func setDocInfo(bucket *bolt.Bucket, id uint64, d docInfo) error {
	key := docChunkKey(id)
	chunk := make([]byte, docChunk*docInfoSize)
	copy(chunk, bucket.Get(key))
	d.put(chunk, id)
	return bucket.Put(key, chunk)
}

// postingEdits collects changes to postings lists (term -> ids), applied
// together so that each list is rewritten once.
type postingEdits struct {
	removals, additions map[string][]uint64
}

func (e *postingEdits) remove(term string, id uint64) {
	if e.removals == nil {
		e.removals = map[string][]uint64{}
	}
	e.removals[term] = append(e.removals[term], id)
}

func (e *postingEdits) add(term string, id uint64) {
	if e.additions == nil {
		e.additions = map[string][]uint64{}
	}
	e.additions[term] = append(e.additions[term], id)
}

// apply rewrites the lists concerned in the segments that hold the ids,
// and counts the deleted articles out of their segments. Additions are
// facet postings (no positions). A segment left without articles is
// dropped.
func (e *postingEdits) apply(b bucketSet, deleted []uint64) error {
	segs, err := loadSegments(b.segments)
	if err != nil {
		return err
	}
	segOf := func(id uint64) (int, error) {
		i := sort.Search(len(segs), func(i int) bool { return segs[i].last >= id })
		if i == len(segs) || segs[i].first > id {
			return 0, fmt.Errorf("article %d: %w: in no index segment", id, errCorrupt)
		}
		return i, nil
	}
	type change struct {
		remove map[uint64]bool
		add    []uint64
	}
	// per segment, per term
	changes := map[int]map[string]*change{}
	get := func(seg int, term string) *change {
		if changes[seg] == nil {
			changes[seg] = map[string]*change{}
		}
		c := changes[seg][term]
		if c == nil {
			c = &change{remove: map[uint64]bool{}}
			changes[seg][term] = c
		}
		return c
	}
	for term, ids := range e.removals {
		for _, id := range ids {
			i, err := segOf(id)
			if err != nil {
				return err
			}
			get(i, term).remove[id] = true
		}
	}
	for term, ids := range e.additions {
		for _, id := range ids {
			i, err := segOf(id)
			if err != nil {
				return err
			}
			c := get(i, term)
			c.add = append(c.add, id)
		}
	}
	deletedDocs := map[int]int{}
	for _, id := range deleted {
		i, err := segOf(id)
		if err != nil {
			return err
		}
		deletedDocs[i]++
	}
	for i, terms := range changes {
		sb := b.postings.Bucket(segmentName(segs[i].id))
		if sb == nil {
			return fmt.Errorf("segment %d: %w: bucket missing", segs[i].id, errCorrupt)
		}
		err := editTerms(newSegReader(sb, segs[i]), slices.Sorted(maps.Keys(terms)), func(term string, v []byte) ([]byte, error) {
			list, err := editList(v, terms[term].remove, terms[term].add)
			if err != nil {
				return nil, fmt.Errorf("term %q: %w", short(term), err)
			}
			return list, nil
		})
		if err != nil {
			return err
		}
	}
	for i, n := range deletedDocs {
		seg := segs[i]
		seg.docs -= uint64(n)
		var err error
		if seg.docs == 0 {
			if err = b.postings.DeleteBucket(segmentName(seg.id)); err == nil {
				err = b.segments.Delete(segmentName(seg.id))
			}
		} else {
			err = putSegment(b.segments, seg)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// editList returns the postings list v (nil: none yet) without the removed
// articles and with facet postings for the added ones, or nil when none is
// left.
func editList(v []byte, remove map[uint64]bool, add []uint64) ([]byte, error) {
	var ps []posting
	if v != nil {
		var err error
		if ps, err = decodeList(nil, v, true); err != nil {
			return nil, err
		}
	}
	kept := ps[:0]
	for _, p := range ps {
		if !remove[p.doc] {
			kept = append(kept, p)
		}
	}
	for _, id := range add {
		if i, found := slices.BinarySearchFunc(kept, id, func(p posting, id uint64) int {
			return cmpUint(p.doc, id)
		}); !found {
			kept = slices.Insert(kept, i, posting{doc: id})
		}
	}
	if len(kept) == 0 {
		return nil, nil
	}
	var l listBuilder
	for _, p := range kept {
		l.add(p.doc, p.titleTF, p.bodyTF, p.pos)
	}
	return l.encode(), nil
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// SetPublished gives an article a publication date, or takes it away with
// a zero Timestamp, and returns the article as it is now. The date index
// and the day ranking uses follow.
func (db *DB) SetPublished(ctx context.Context, id uint64, published article.Timestamp) (*article.Article, error) {
	return db.editArticle(ctx, id, func(b bucketSet, a *article.Article) error {
		if err := b.removeDate(a); err != nil {
			return err
		}
		// The mentioned dates resolve against the new date.
		before := mentionTerms(a)
		a.Published = published
		after := mentionTerms(a)
		var edits postingEdits
		for _, t := range before {
			if !slices.Contains(after, t) {
				edits.remove(t, id)
			}
		}
		for _, t := range after {
			if !slices.Contains(before, t) {
				edits.add(t, id)
			}
		}
		if err := edits.apply(b, nil); err != nil {
			return err
		}
		if err := b.addDate(a); err != nil {
			return err
		}
		info := getDocInfo(b.docinfo.Get(docChunkKey(id)), id)
		info.day = dayNumber(published)
		return setDocInfo(b.docinfo, id, info)
	})
}
