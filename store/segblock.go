package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// A segment's bucket holds its terms and their postings lists in one of
// two layouts. In the first, each term is a key and its list the value:
// a commit of 1,000 articles put some 50,000 keys into bbolt, each put a
// search of the bucket's growing leaf, and the keys were most of what its
// commit and merges cost. In blocks, the layout of segments written now,
// terms that follow each other share a key, the block's first term: the
// value is the terms and their lists one after the other, each as
//
//	uvarint length, term, uvarint length, postings list
//
// as many as fit in a page (blockSpace); a term whose
// list does not fit is a block by itself, over as many pages as it takes.
// A term is found in the block whose first term is the last not after it.
const (
	layoutTerms  = 0
	layoutBlocks = 1
)

// segmentLayout is the layout new segments are written in (a variable for
// the tests, which write the older one too).
var segmentLayout = layoutBlocks

// blockSpace is how long a block whose first term is key may grow: a page
// less the page's header, the element's (16 bytes each) and the key. bbolt
// puts at least two keys in a leaf, so a leaf is two blocks over two pages
// in a row; blocks of half a page, one leaf a page, made the 31k archive
// 11 % larger (160.3 MB against 144.9).
func blockSpace(pageSize int, key []byte) int { return pageSize - 32 - len(key) }

// segReader reads the terms of a segment.
type segReader struct {
	b      *bolt.Bucket
	blocks bool
}

func newSegReader(b *bolt.Bucket, s segment) segReader {
	return segReader{b: b, blocks: s.layout == layoutBlocks}
}

// get returns the postings list of term, or nil; an error for a block
// that does not decode.
func (r segReader) get(term []byte) ([]byte, error) {
	if !r.blocks {
		return r.b.Get(term), nil
	}
	c := r.cursor()
	k, v := c.seek(term)
	if c.err != nil {
		return nil, fmt.Errorf("a block of terms: %w", c.err)
	}
	if bytes.Equal(k, term) {
		return v, nil
	}
	return nil, nil
}

func (r segReader) cursor() *segCursor {
	return &segCursor{c: r.b.Cursor(), blocks: r.blocks}
}

// segCursor goes through the terms of a segment in order.
type segCursor struct {
	c      *bolt.Cursor
	blocks bool
	rest   []byte // the entries of the block after the current one
	err    error  // a block that does not decode
}

// entry decodes the entry at the start of block, returning the rest.
func (c *segCursor) entry(block []byte) (term, list, rest []byte) {
	d := decoder{data: block}
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.data)) {
		c.err = errCorrupt
		return nil, nil, nil
	}
	term, d.data = d.data[:n:n], d.data[n:]
	n = d.uvarint()
	if d.err != nil || n > uint64(len(d.data)) || len(term) == 0 {
		c.err = errCorrupt
		return nil, nil, nil
	}
	return term, d.data[:n:n], d.data[n:]
}

// start returns the first entry of the block k, v.
func (c *segCursor) start(k, v []byte) (term, list []byte) {
	if k == nil {
		return nil, nil
	}
	if !c.blocks {
		return k, v
	}
	term, list, c.rest = c.entry(v)
	if c.err == nil && !bytes.Equal(term, k) {
		c.err = errCorrupt
	}
	if c.err != nil {
		return nil, nil
	}
	return term, list
}

func (c *segCursor) first() (term, list []byte) {
	c.rest = nil
	return c.start(c.c.First())
}

// seek returns the first term at or after term.
func (c *segCursor) seek(term []byte) ([]byte, []byte) {
	c.rest = nil
	k, v := c.c.Seek(term)
	if !c.blocks || bytes.Equal(k, term) {
		return c.start(k, v)
	}
	// The term, if the segment has it, is in the block before.
	_, pv := prevOrLast(c.c, k)
	for rest := pv; len(rest) > 0; {
		var t, l []byte
		t, l, rest = c.entry(rest)
		if c.err != nil {
			return nil, nil
		}
		if bytes.Compare(t, term) >= 0 {
			c.rest = rest
			return t, l
		}
	}
	// Every term there is before it: the next block starts with the
	// first term after it.
	return c.start(c.c.Seek(term))
}

func (c *segCursor) next() (term, list []byte) {
	if len(c.rest) > 0 {
		term, list, c.rest = c.entry(c.rest)
		if c.err != nil {
			return nil, nil
		}
		return term, list
	}
	return c.start(c.c.Next())
}

// segWriter writes the terms of a new segment, in order.
type segWriter struct {
	b      *bolt.Bucket
	blocks bool
	page   int    // the archive's page size
	first  []byte // of the block being filled
	block  []byte
	err    error // of writing the last block
}

// newSegWriter writes into b in layout, the segment record's. The terms
// put are kept (as the block's key) until the block is written: they must
// not change meanwhile.
func newSegWriter(b *bolt.Bucket, layout int) *segWriter {
	return &segWriter{b: b, blocks: layout == layoutBlocks, page: b.Tx().DB().Info().PageSize}
}

func (w *segWriter) put(term, list []byte) error {
	if !w.blocks {
		return w.b.Put(term, list)
	}
	w.room(term, len(list))
	w.block = appendEntry(w.block, term, list)
	return w.err
}

// putList is put of l encoded with its ids base more (appendEncoded),
// which it encodes straight into the block.
func (w *segWriter) putList(term []byte, l *listBuilder, base uint64) error {
	if !w.blocks {
		return w.b.Put(term, l.appendEncoded(make([]byte, 0, l.encodedLen(base)), base))
	}
	size := l.encodedLen(base)
	w.room(term, size)
	w.block = binary.AppendUvarint(w.block, uint64(len(term)))
	w.block = append(w.block, term...)
	w.block = binary.AppendUvarint(w.block, uint64(size))
	w.block = l.appendEncoded(w.block, base)
	return w.err
}

// room makes sure the block being filled has room for an entry of term
// and a list of at most size bytes, writing it and starting another if
// not.
func (w *segWriter) room(term []byte, size int) {
	size += len(term) + 2*binary.MaxVarintLen32
	if w.block != nil && len(w.block)+size > blockSpace(w.page, w.first) {
		w.err = w.flush()
	}
	if w.block == nil {
		w.first = term
		w.block = make([]byte, 0, max(blockSpace(w.page, term), size))
	}
}

func appendEntry(block, term, list []byte) []byte {
	block = binary.AppendUvarint(block, uint64(len(term)))
	block = append(block, term...)
	block = binary.AppendUvarint(block, uint64(len(list)))
	return append(block, list...)
}

// flush writes the block being filled. bbolt keeps the key and value until
// the transaction ends: both are the block's own.
func (w *segWriter) flush() error {
	if len(w.block) == 0 {
		return nil
	}
	err := w.b.Put(w.first, w.block)
	w.first, w.block = nil, nil
	return err
}

// editTerms replaces the postings lists of terms, given in order, each
// once, in a segment with what edit makes of each (edit gets nil for a
// term the segment lacks, and returns nil to drop the term). A block is
// read and written once however many of its terms change, and written
// again in blocks that fill a page, so that edits that grow it split it.
func editTerms(r segReader, terms []string, edit func(term string, list []byte) ([]byte, error)) error {
	for i := 1; i < len(terms); i++ {
		if terms[i-1] >= terms[i] {
			return fmt.Errorf("edit of index terms %q and %q: not in order", short(terms[i-1]), short(terms[i]))
		}
	}
	if !r.blocks {
		for _, term := range terms {
			list, err := edit(term, r.b.Get([]byte(term)))
			switch {
			case err != nil:
				return err
			case list == nil:
				err = r.b.Delete([]byte(term))
			default:
				err = r.b.Put([]byte(term), list)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	for len(terms) > 0 {
		// The block the first term is in or would go in: the last whose
		// first term is not after it, or the first block. It holds the
		// terms before the next block's first.
		c := r.b.Cursor() // a fresh one: the last round changed the bucket
		term := []byte(terms[0])
		k, v := c.Seek(term)
		if !bytes.Equal(k, term) {
			if pk, pv := prevOrLast(c, k); pk != nil {
				k, v = pk, pv
			} // else the first block, or none in an empty segment
		}
		n := len(terms)
		if k != nil {
			c.Seek(k)
			if next, _ := c.Next(); next != nil {
				n = sort.SearchStrings(terms, string(next))
			}
		}
		// The block's entries and the edited terms, merged in order.
		type entry struct{ term, list []byte }
		var entries []entry
		sc := &segCursor{}
		for rest, first := v, true; len(rest) > 0; first = false {
			var e entry
			e.term, e.list, rest = sc.entry(rest)
			if sc.err == nil && first && !bytes.Equal(e.term, k) {
				sc.err = errCorrupt // a block starts with its key
			}
			if sc.err != nil {
				return fmt.Errorf("segment block %q: %w", short(string(k)), sc.err)
			}
			entries = append(entries, e)
		}
		var out []entry
		changed := false
		i := 0
		for _, t := range terms[:n] {
			for i < len(entries) && string(entries[i].term) < t {
				out = append(out, entries[i])
				i++
			}
			var old []byte
			if i < len(entries) && string(entries[i].term) == t {
				old = entries[i].list
				i++
			}
			list, err := edit(t, old)
			if err != nil {
				return err
			}
			changed = changed || old != nil || list != nil
			if list != nil {
				out = append(out, entry{[]byte(t), list})
			}
		}
		out = append(out, entries[i:]...)
		terms = terms[n:]
		if !changed {
			continue
		}
		if k != nil {
			if err := r.b.Delete(k); err != nil {
				return err
			}
		}
		// The entries still point into the block's page, which bbolt keeps
		// until the transaction ends; the writer keeps each new block's
		// first term as its key: a copy of its own.
		w := newSegWriter(r.b, layoutBlocks)
		for _, e := range out {
			if err := w.put(bytes.Clone(e.term), e.list); err != nil {
				return err
			}
		}
		if err := w.flush(); err != nil {
			return err
		}
	}
	return nil
}

// prevOrLast moves c to the key before k, where Seek put it, or to the
// last key when Seek found none.
func prevOrLast(c *bolt.Cursor, k []byte) ([]byte, []byte) {
	if k == nil {
		return c.Last()
	}
	return c.Prev()
}
