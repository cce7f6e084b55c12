package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// The full-text index is a set of segments, as in Lucene: every import
// commit writes the postings of its new articles as one new segment, in
// term order, at the end of the postings bucket, so a commit appends
// instead of rewriting the lists it touches. Small segments are merged
// into larger ones as they pile up (mergeFactor of a size), so a term is
// found in a few segments only.
//
//	postings  one nested bucket per segment, named by its id (4 bytes):
//	          terms and their postings lists in blocks (segblock.go)
//	segments  segment id -> uvarint articles, first id, last id, layout
//	          (segblock.go; absent in archives before blocks: terms)
//
// A segment bucket is written once, in term order, and dropped whole when
// merged: bbolt frees its pages without touching the others.
//
// The articles of a segment are a contiguous run of ids, and segments
// never overlap; read in order of their first id they give each term's
// postings in id order.

// segment describes one segment.
type segment struct {
	id          uint32
	docs        uint64
	first, last uint64
	layout      int // layoutTerms or layoutBlocks (segblock.go)
}

// mergeFactor is how many segments of one size class are merged into
// one; a size class spans a factor of mergeFactor in article count.
const mergeFactor = 8

func segmentName(id uint32) []byte { return binary.BigEndian.AppendUint32(nil, id) }

// createSegmentBucket makes the bucket of a new segment; its keys are
// written in order, so its pages are filled.
func createSegmentBucket(b bucketSet, id uint32) (*bolt.Bucket, error) {
	sb, err := b.postings.CreateBucket(segmentName(id))
	if err != nil {
		return nil, err
	}
	sb.FillPercent = 1
	return sb, nil
}

func newSegment(b bucketSet, s segment) (segment, error) {
	seq, err := b.segments.NextSequence()
	if err != nil {
		return s, err
	}
	if seq > 0xffffffff {
		return s, fmt.Errorf("too many index segments")
	}
	s.id = uint32(seq)
	return s, putSegment(b.segments, s)
}

func putSegment(bucket *bolt.Bucket, s segment) error {
	v := binary.AppendUvarint(nil, s.docs)
	v = binary.AppendUvarint(v, s.first)
	v = binary.AppendUvarint(v, s.last)
	if s.layout != layoutTerms {
		v = binary.AppendUvarint(v, uint64(s.layout))
	}
	return bucket.Put(binary.BigEndian.AppendUint32(nil, s.id), v)
}

// loadSegments returns the segments in id-range order.
func loadSegments(bucket *bolt.Bucket) ([]segment, error) {
	var segs []segment
	err := bucket.ForEach(func(k, v []byte) error {
		d := decoder{data: v}
		s := segment{docs: d.uvarint(), first: d.uvarint(), last: d.uvarint()}
		if len(d.data) > 0 { // segments before blocks say nothing more
			s.layout = int(d.uvarint())
		}
		if len(k) != 4 || d.err != nil || s.layout > layoutBlocks {
			return fmt.Errorf("segment %x: %w", k, errCorrupt)
		}
		s.id = binary.BigEndian.Uint32(k)
		segs = append(segs, s)
		return nil
	})
	sort.Slice(segs, func(i, j int) bool { return segs[i].first < segs[j].first })
	return segs, err
}

// sizeClass groups segments whose article counts are within a factor of
// mergeFactor.
func sizeClass(docs uint64) int {
	c := 0
	for docs >= mergeFactor {
		docs /= mergeFactor
		c++
	}
	return c
}

// maxSegments bounds how many segments a term is looked up in. Imports
// of very different sizes can leave segments that never form a run of one
// size class; past this many, the lightest neighbours are merged anyway.
const maxSegments = 3 * mergeFactor

// mergeChunk bounds what one transaction of a merge writes, so that a
// merge of large segments never holds them whole in memory. (A variable
// for the tests.)
var mergeChunk = 16 << 20

// merge merges segments while pickMerge finds some to merge. Each merge
// writes its new segment over several transactions, in term order, into a
// bucket that no query sees (meta "merging" names it) until the last
// transaction lists it and drops the segments it replaces. A merge cut
// short leaves that bucket behind; the next write Open removes it.
func (db *DB) merge(ctx context.Context) error {
	for {
		if err := db.collectGarbage(); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var run []segment
		err := db.bolt.View(func(tx *bolt.Tx) error {
			segs, err := loadSegments(buckets(tx).segments)
			run = pickMerge(segs)
			return err
		})
		if err != nil || run == nil {
			return err
		}
		if err := db.mergeRun(ctx, run); err != nil {
			return err
		}
	}
}

// behind is the goroutine of MergeBehind.
type behind struct {
	poke  chan struct{} // a commit added a segment
	done  chan struct{} // closed as the goroutine returns
	err   error         // of its merges, read once done is closed
	close sync.Once
}

// stop ends the goroutine once the merges due are done (a commit's
// waiting nudge included) and returns its error.
func (m *behind) stop() error {
	m.close.Do(func() { close(m.poke) })
	<-m.done
	return m.err
}

// nudge tells the goroutine that a commit added a segment, or returns
// the error of the merge that stopped it.
func (m *behind) nudge() error {
	select {
	case <-m.done: // asked first: a select of both might poke instead
		return m.err
	default:
	}
	select {
	case m.poke <- struct{}{}:
	default: // it has a merge to look for already
	}
	return nil
}

// MergeBehind leaves the merges that commits make due to a goroutine of
// their own until finish is called, so that an import analyses and
// commits its next batches while segments merge. Merged in Commit, the
// merges of a 310,000-article import (some 3.5 s of CPU) held the writer,
// with the batch prepared meanwhile waiting and a core idle. A merge that
// fails stops the goroutine, and the next Commit returns its error, as
// Commit's own merge would have. finish waits for the goroutine and
// merges what is left, as the last Commit would have, and returns the
// first error of either; it may be called more than once. Commits must
// not run concurrently with MergeBehind or finish. Close stops the
// goroutine too, after the merges due; only a failed or killed merge
// leaves work for the next write.
func (db *DB) MergeBehind() (finish func() error) {
	m := &behind{poke: make(chan struct{}, 1), done: make(chan struct{})}
	if old := db.behind.Swap(m); old != nil {
		old.stop() // one merger at a time: "merging" names one merge
	}
	go func() {
		defer close(m.done)
		for range m.poke {
			// As Commit merges: Ctrl-C does not cut a merge short.
			if err := db.merge(context.Background()); err != nil {
				m.err = err
				return
			}
		}
	}()
	return func() error {
		db.behind.CompareAndSwap(m, nil)
		if err := m.stop(); err != nil {
			return err
		}
		return db.merge(context.Background())
	}
}

func (db *DB) mergeRun(ctx context.Context, segs []segment) error {
	out := segment{first: segs[0].first, last: segs[len(segs)-1].last, layout: segmentLayout}
	for _, s := range segs {
		out.docs += s.docs
	}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		seq, err := b.segments.NextSequence()
		if err != nil {
			return err
		}
		if seq > 0xffffffff {
			return fmt.Errorf("too many index segments")
		}
		out.id = uint32(seq)
		if _, err := createSegmentBucket(b, out.id); err != nil {
			return err
		}
		return b.meta.Put(metaMerging, segmentName(out.id))
	})
	if err != nil {
		return err
	}
	var after []byte // the last term written
	for done := false; !done; {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			var err error
			after, done, err = mergeChunkOf(buckets(tx), segs, out, after)
			return err
		})
		if err != nil {
			return err
		}
		db.releasePages() // what the chunk read of the segments
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		if err := putSegment(b.segments, out); err != nil {
			return err
		}
		garbage := slices.Clone(b.meta.Get(metaGarbage))
		for _, s := range segs {
			if err := b.segments.Delete(segmentName(s.id)); err != nil {
				return err
			}
			garbage = append(garbage, segmentName(s.id)...)
		}
		if err := b.meta.Put(metaGarbage, garbage); err != nil {
			return err
		}
		return b.meta.Delete(metaMerging)
	})
}

// collectGarbage removes the buckets of the segments merges have replaced
// (meta "garbage" lists them), one a transaction, releasing the pages read
// after each. Deleting a bucket reads a page of every leaf of it: done at
// once, the deletion of the segments a large merge replaced would map
// their sum into the process, not the largest of them.
func (db *DB) collectGarbage() error {
	for {
		var done bool
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			b := buckets(tx)
			garbage := slices.Clone(b.meta.Get(metaGarbage))
			if len(garbage) == 0 {
				done = true
				return nil
			}
			name := garbage[:len(segmentName(0))]
			if b.postings.Bucket(name) != nil {
				if err := b.postings.DeleteBucket(name); err != nil {
					return err
				}
			}
			if rest := garbage[len(name):]; len(rest) > 0 {
				return b.meta.Put(metaGarbage, rest)
			}
			return b.meta.Delete(metaGarbage)
		})
		if err != nil || done {
			return err
		}
		db.releasePages()
	}
}

// mergeChunkOf writes about mergeChunk bytes of the merge of segs into
// segment out, starting after the term after, and returns the last term
// written and whether the merge is complete.
func mergeChunkOf(b bucketSet, segs []segment, out segment, after []byte) ([]byte, bool, error) {
	dst := b.postings.Bucket(segmentName(out.id))
	if dst == nil {
		return nil, false, fmt.Errorf("segment %d: %w: merge bucket missing", out.id, errCorrupt)
	}
	dst.FillPercent = 1
	w := newSegWriter(dst, out.layout)
	// One cursor per input segment, advanced in term order: a k-way merge.
	type input struct {
		c    *segCursor
		k, v []byte
	}
	inputs := make([]*input, len(segs))
	for i, s := range segs {
		sb := b.postings.Bucket(segmentName(s.id))
		if sb == nil {
			return nil, false, fmt.Errorf("segment %d: %w: bucket missing", s.id, errCorrupt)
		}
		in := &input{c: newSegReader(sb, s).cursor()}
		if after == nil {
			in.k, in.v = in.c.first()
		} else if in.k, in.v = in.c.seek(after); in.k != nil && bytes.Equal(in.k, after) {
			in.k, in.v = in.c.next()
		}
		if in.c.err != nil {
			return nil, false, fmt.Errorf("segment %d: %w", s.id, in.c.err)
		}
		inputs[i] = in
	}
	written := 0
	var l listBuilder // its buffers serve every term
	for written < mergeChunk {
		var term []byte
		for _, in := range inputs {
			if in.k != nil && (term == nil || bytes.Compare(in.k, term) < 0) {
				term = in.k
			}
		}
		if term == nil {
			return after, true, w.flush()
		}
		term = append([]byte(nil), term...)
		l.reset()
		for i, in := range inputs { // segment order is id order
			if in.k == nil || !bytes.Equal(in.k, term) {
				continue
			}
			if err := l.appendList(in.v); err != nil {
				return nil, false, fmt.Errorf("merge term %q: %w", short(string(term)), err)
			}
			if in.k, in.v = in.c.next(); in.c.err != nil {
				return nil, false, fmt.Errorf("segment %d: %w", segs[i].id, in.c.err)
			}
		}
		if err := w.putList(term, &l, 0); err != nil {
			return nil, false, err
		}
		written += len(term) + l.encodedLen(0)
		after = term
	}
	return after, false, w.flush()
}

// dropUnfinishedMerge removes the bucket of a merge that was cut short.
func dropUnfinishedMerge(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	name := meta.Get(metaMerging)
	if name == nil {
		return nil
	}
	if postings := tx.Bucket(bucketPostings); postings.Bucket(name) != nil {
		if err := postings.DeleteBucket(name); err != nil {
			return err
		}
	}
	return meta.Delete(metaMerging)
}

// pickMerge chooses the segments to merge next, or nil: the first run of
// mergeFactor segments of one size class. Merged after every commit, such
// a run is mostly the last segments (a merge of the lightest neighbours
// can make one before them); merged behind the commits (MergeBehind),
// segments can pile up past mergeFactor while a large merge runs, and the
// oldest of them are merged first, into a segment that stays before the
// rest.
func pickMerge(segs []segment) []segment {
	n := len(segs)
	if n < mergeFactor {
		return nil
	}
	for i, run := 0, 1; i+1 < n; i++ {
		if sizeClass(segs[i+1].docs) != sizeClass(segs[i].docs) {
			run = 1
		} else if run++; run == mergeFactor {
			return segs[i+2-mergeFactor : i+2]
		}
	}
	if n <= maxSegments {
		return nil
	}
	best, bestDocs := 0, ^uint64(0)
	for i := 0; i+mergeFactor <= n; i++ {
		var docs uint64
		for _, s := range segs[i : i+mergeFactor] {
			docs += s.docs
		}
		if docs < bestDocs {
			best, bestDocs = i, docs
		}
	}
	return segs[best : best+mergeFactor]
}
