package store

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// A posting is one article's occurrences of one term.
type posting struct {
	doc     uint64
	titleTF uint32
	bodyTF  uint32
	// pos holds the word positions, title ones first; nil when the
	// positions were not decoded.
	pos []uint32
}

// A postings list is the value of one term in one segment:
//
//	uvarint count of postings
//	uvarint id of the last posting
//	uvarint byte length of the doc section
//	doc section:       per posting: uvarint id delta (from the previous
//	                   posting, the first from 0), uvarint titleTF,
//	                   uvarint bodyTF, uvarint byte length of its
//	                   positions (so a phrase reads the positions of the
//	                   articles it wants and skips the others unread)
//	positions section: per posting: titleTF+bodyTF uvarint position
//	                   deltas, restarting from 0 at each posting
//
// The doc section comes first so that queries without phrases never read
// positions; the last id lets lists be concatenated without decoding.

// listBuilder encodes a postings list one posting at a time.
type listBuilder struct {
	n    int
	last uint64
	docs []byte
	pos  []byte
}

func (l *listBuilder) add(doc uint64, titleTF, bodyTF uint32, pos []uint32) {
	l.addEncoded(doc, titleTF, bodyTF, appendPositions(nil, pos))
}

// addEncoded is add with the positions already encoded by appendPositions.
func (l *listBuilder) addEncoded(doc uint64, titleTF, bodyTF uint32, pos []byte) {
	l.docs = binary.AppendUvarint(l.docs, doc-l.last)
	l.docs = binary.AppendUvarint(l.docs, uint64(titleTF))
	l.docs = binary.AppendUvarint(l.docs, uint64(bodyTF))
	l.docs = binary.AppendUvarint(l.docs, uint64(len(pos)))
	l.pos = append(l.pos, pos...)
	l.n++
	l.last = doc
}

// appendPositions appends the positions of one posting as a list holds
// them: increasing, each as its distance from the one before.
func appendPositions(b []byte, pos []uint32) []byte {
	last := uint32(0)
	for _, x := range pos {
		b = binary.AppendUvarint(b, uint64(x-last))
		last = x
	}
	return b
}

// reset empties the list, keeping its buffers for the next.
func (l *listBuilder) reset() {
	*l = listBuilder{docs: l.docs[:0], pos: l.pos[:0]}
}

// appendEncoded appends the encoded list to dst, each id base more than
// it was added with (base is 0 unless the ids were provisional). Only the
// first id and the last change; the others are stored as differences.
func (l *listBuilder) appendEncoded(dst []byte, base uint64) []byte {
	first, size := binary.Uvarint(l.docs)
	rest := l.docs[max(size, 0):]
	var head [binary.MaxVarintLen64]byte
	headLen := 0
	if l.n > 0 {
		headLen = binary.PutUvarint(head[:], first+base)
	}
	dst = binary.AppendUvarint(dst, uint64(l.n))
	dst = binary.AppendUvarint(dst, l.last+base)
	dst = binary.AppendUvarint(dst, uint64(headLen+len(rest)))
	dst = append(dst, head[:headLen]...)
	dst = append(dst, rest...)
	return append(dst, l.pos...)
}

// encodedLen is the length of what appendEncoded appends.
func (l *listBuilder) encodedLen(base uint64) int {
	docLen := len(l.docs)
	if l.n > 0 {
		first, size := binary.Uvarint(l.docs)
		docLen += uvarintLen(first+base) - size
	}
	return uvarintLen(uint64(l.n)) + uvarintLen(l.last+base) + uvarintLen(uint64(docLen)) + docLen + len(l.pos)
}

func uvarintLen(x uint64) int { return (bits.Len64(x|1) + 6) / 7 }

// appendList appends an encoded list whose ids are all above l.last.
func (l *listBuilder) appendList(v []byte) error {
	d := decoder{data: v}
	n, last, docLen := d.uvarint(), d.uvarint(), d.uvarint()
	if d.err != nil || docLen > uint64(len(d.data)) {
		return fmt.Errorf("postings list: %w", errCorrupt)
	}
	docs, pos := d.data[:docLen], d.data[docLen:]
	first, size := binary.Uvarint(docs)
	if size <= 0 || l.n > 0 && first <= l.last {
		return fmt.Errorf("postings list: %w: ids out of order", errCorrupt)
	}
	l.docs = binary.AppendUvarint(l.docs, first-l.last)
	l.docs = append(l.docs, docs[size:]...)
	l.pos = append(l.pos, pos...)
	l.n += int(n)
	l.last = last
	return nil
}

func (l *listBuilder) encode() []byte {
	return l.appendEncoded(make([]byte, 0, l.encodedLen(0)), 0)
}

// listCount returns the number of postings of an encoded list without
// decoding it.
func listCount(v []byte) (int, error) {
	n, size := binary.Uvarint(v)
	if size <= 0 {
		return 0, fmt.Errorf("postings list: %w", errCorrupt)
	}
	return int(n), nil
}

// decodeList appends the postings of an encoded list to ps; positions
// only when withPos. The result shares nothing with v.
func decodeList(ps []posting, v []byte, withPos bool) ([]posting, error) {
	d := decoder{data: v}
	n, _, docLen := d.uvarint(), d.uvarint(), d.uvarint()
	if d.err != nil || docLen > uint64(len(d.data)) || n > docLen {
		return ps, fmt.Errorf("postings list: %w", errCorrupt)
	}
	posData := d.data[docLen:]
	d.data = d.data[:docLen]
	start := len(ps)
	prev := uint64(0)
	for i := uint64(0); i < n; i++ {
		var p posting
		p.doc = prev + d.uvarint()
		p.titleTF = uint32(d.uvarint())
		p.bodyTF = uint32(d.uvarint())
		d.uvarint() // positions length
		prev = p.doc
		ps = append(ps, p)
	}
	if d.err != nil {
		return ps, fmt.Errorf("postings list: %w", errCorrupt)
	}
	if !withPos {
		return ps, nil
	}
	pd := decoder{data: posData}
	all := make([]uint32, 0, len(posData))
	for i := start; i < len(ps); i++ {
		p := &ps[i]
		from := len(all)
		last := uint32(0)
		if uint64(p.titleTF)+uint64(p.bodyTF) > uint64(len(pd.data)) {
			return ps, fmt.Errorf("postings list positions: %w", errCorrupt)
		}
		for j := uint32(0); j < p.titleTF+p.bodyTF; j++ {
			last += uint32(pd.uvarint())
			all = append(all, last)
		}
		p.pos = all[from:len(all):len(all)]
	}
	if pd.err != nil || len(pd.data) != 0 {
		return ps, fmt.Errorf("postings list positions: %w", errCorrupt)
	}
	return ps, nil
}

// forEachDoc calls fn for every posting of an encoded list, in id order,
// without positions and without allocating.
func forEachDoc(v []byte, fn func(doc uint64, titleTF, bodyTF uint32)) error {
	d := decoder{data: v}
	n, _, docLen := d.uvarint(), d.uvarint(), d.uvarint()
	if d.err != nil || docLen > uint64(len(d.data)) || n > docLen {
		return fmt.Errorf("postings list: %w", errCorrupt)
	}
	docs := d.data[:docLen]
	doc := uint64(0)
	for i := uint64(0); i < n; i++ {
		delta, a := binary.Uvarint(docs)
		title, b := binary.Uvarint(docs[max(a, 0):])
		body, c := binary.Uvarint(docs[max(a, 0)+max(b, 0):])
		_, e := binary.Uvarint(docs[max(a, 0)+max(b, 0)+max(c, 0):])
		if a <= 0 || b <= 0 || c <= 0 || e <= 0 {
			return fmt.Errorf("postings list: %w", errCorrupt)
		}
		docs = docs[a+b+c+e:]
		doc += delta
		fn(doc, uint32(title), uint32(body))
	}
	return nil
}

// listPositions calls fn with the index in docs (sorted) and the positions
// of each posting whose article is in docs. Other postings' positions are
// skipped unread.
func listPositions(v []byte, docs []uint64, fn func(i int, pos []uint32)) error {
	d := decoder{data: v}
	n, _, docLen := d.uvarint(), d.uvarint(), d.uvarint()
	if d.err != nil || docLen > uint64(len(d.data)) || n > docLen {
		return fmt.Errorf("postings list: %w", errCorrupt)
	}
	dd := decoder{data: d.data[:docLen]}
	pos := d.data[docLen:]
	doc := uint64(0)
	w := 0
	var buf []uint32 // positions are carved from shared blocks
	for i := uint64(0); i < n && w < len(docs); i++ {
		doc += dd.uvarint()
		tf := dd.uvarint() + dd.uvarint()
		posLen := dd.uvarint()
		if dd.err != nil || posLen > uint64(len(pos)) || tf > posLen {
			return fmt.Errorf("postings list: %w", errCorrupt)
		}
		cur := pos[:posLen]
		pos = pos[posLen:]
		for w < len(docs) && docs[w] < doc {
			w++
		}
		if w < len(docs) && docs[w] == doc {
			if uint64(cap(buf)-len(buf)) < tf {
				buf = make([]uint32, 0, max(tf, 4096))
			}
			p := buf[len(buf) : len(buf)+int(tf)]
			buf = buf[:len(buf)+int(tf)]
			last := uint32(0)
			for j := range p {
				x, size := binary.Uvarint(cur)
				if size <= 0 {
					return fmt.Errorf("postings list positions: %w", errCorrupt)
				}
				last += uint32(x)
				p[j] = last
				cur = cur[size:]
			}
			fn(w, p[:len(p):len(p)])
		}
	}
	return nil
}
