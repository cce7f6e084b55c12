package analyze

import (
	"encoding/binary"
	"hash/maphash"
	"unsafe"
)

// A wordCache maps words to their terms. Analysis looks up every word of
// every text in one, so it is laid out for that: a table of 8-byte slots,
// each a part of the word's hash and where its entry is, and entries
// written one after the other in chunks, each the word and its terms side
// by side. A lookup reads a slot and an entry, where a Go map of strings
// reads its group, the key's bytes elsewhere and then the value's; and the
// collector has no pointer to follow in either (a map of 131,072 words
// was a third of what it marked at each collection of an import).
//
// An entry is the word's length (a byte), the word, the number of terms
// (a byte, whose high bit says whether a date mention may start with the
// word: starterWord), and each term as its length (a byte), its TermHash
// (4 bytes) and its bytes. Terms are
// handed out as strings that point into the chunk they are in: a chunk is
// never written again once an entry is in it, and stays alive while a term
// of it is in use, even after the cache has let it go.
type wordCache struct {
	slots  []uint64 // hash>>32<<32 | (chunk<<chunkBits | offset) + 1; 0 is empty
	chunks [][]byte
	count  int
	max    int // past this many words, the cache starts over
}

const (
	chunkBits  = 18             // an entry's offset in its chunk takes as many bits
	chunkSize  = 1 << chunkBits // at most
	maxEntry   = 255            // bytes of a word or a term; longer ones are not kept
	maxTerms   = 127            // terms of a word: the count's high bit is starterBit
	starterBit = 0x80
)

// wordSeed is the seed of the hash of words: one for every cache, so that
// a word hashed once can be looked up in several.
var wordSeed = maphash.MakeSeed()

func hashWord(word string) uint64 { return maphash.String(wordSeed, word) }

// newWordCache returns a cache of at most max words (a power of two).
func newWordCache(max int) *wordCache {
	return &wordCache{max: max}
}

// find returns the entry of word, from its number of terms on.
func (c *wordCache) find(word string, h uint64) ([]byte, bool) {
	if c.count == 0 {
		return nil, false
	}
	mask := uint64(len(c.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := c.slots[i]
		if s == 0 {
			return nil, false
		}
		if s>>32 != h>>32 {
			continue
		}
		at := uint32(s) - 1
		e := c.chunks[at>>chunkBits][at&(chunkSize-1):]
		if n := int(e[0]); n == len(word) && string(e[1:1+n]) == word {
			return e[1+n:], true
		}
	}
}

// add keeps the terms of word, which find did not find, and returns its
// entry as find does; ok is false when the word or a term is too long
// to keep.
func (c *wordCache) add(word string, h uint64, terms []string) (entry []byte, ok bool) {
	if len(terms) > maxTerms {
		return nil, false
	}
	var buf [64]byte
	n := byte(len(terms))
	if starterWord(word) {
		n |= starterBit
	}
	e := append(buf[:0], n)
	for _, t := range terms {
		if len(t) > maxEntry {
			return nil, false
		}
		e = append(e, byte(len(t)))
		e = binary.LittleEndian.AppendUint32(e, TermHash(t))
		e = append(e, t...)
	}
	return c.addEntry(word, h, e)
}

// addEntry is add with the terms as an entry has them.
func (c *wordCache) addEntry(word string, h uint64, terms []byte) (entry []byte, ok bool) {
	if len(word) > maxEntry {
		return nil, false
	}
	size := 1 + len(word) + len(terms)
	if c.count >= c.max {
		c.reset()
	}
	if c.slots == nil {
		c.slots = make([]uint64, 2*c.max) // at most half full
	}
	last := len(c.chunks) - 1
	if last < 0 || len(c.chunks[last])+size > cap(c.chunks[last]) {
		// Chunks start small and double: an analyzer's own cache, emptied
		// at each batch, may learn a few words only.
		n := 16 << 10
		if last >= 0 {
			n = min(2*cap(c.chunks[last]), chunkSize)
		}
		c.chunks = append(c.chunks, make([]byte, 0, max(n, size)))
		last++
	}
	chunk := c.chunks[last]
	start := len(chunk)
	chunk = append(chunk, byte(len(word)))
	chunk = append(chunk, word...)
	chunk = append(chunk, terms...)
	c.chunks[last] = chunk
	mask := uint64(len(c.slots) - 1)
	i := h & mask
	for c.slots[i] != 0 {
		i = (i + 1) & mask
	}
	c.slots[i] = h>>32<<32 | uint64(last<<chunkBits|start) + 1
	c.count++
	return chunk[start+1+len(word):], true
}

// reset empties the cache. Terms handed out stay valid.
func (c *wordCache) reset() {
	clear(c.slots)
	clear(c.chunks) // the chunks' memory goes with the last term of them
	c.chunks = c.chunks[:0]
	c.count = 0
}

// each calls fn with every word of the cache and its entry (only the
// terms part, entrySize long), in the order they were added.
func (c *wordCache) each(fn func(word string, entry []byte)) {
	for _, chunk := range c.chunks {
		for p := 0; p < len(chunk); {
			n := int(chunk[p])
			word := termAt(chunk, p+1, n)
			entry := chunk[p+1+n:]
			entry = entry[:entrySize(entry)]
			p += 1 + n + len(entry)
			fn(word, entry)
		}
	}
}

// entrySize is the length of an entry's terms part.
func entrySize(entry []byte) int {
	p := 1
	for range int(entry[0] &^ starterBit) {
		p += 5 + int(entry[p])
	}
	return p
}

// entryTerms calls fn with each term of an entry and its TermHash.
func entryTerms(entry []byte, fn func(term string, hash uint32)) {
	p := 1
	for range int(entry[0] &^ starterBit) {
		n := int(entry[p])
		fn(termAt(entry, p+5, n), binary.LittleEndian.Uint32(entry[p+1:]))
		p += 5 + n
	}
}

// TermHash is a hash of an index term: Tokens gives it with each term, so
// that whoever gathers terms need not hash them again. Its seed is new in
// each process: it is never to be stored.
func TermHash(term string) uint32 {
	h := maphash.String(wordSeed, term)
	return uint32(h ^ h>>32)
}

// termAt is the string of b[p:p+n], without a copy: the chunks of a
// cache are not written again.
func termAt(b []byte, p, n int) string {
	if n == 0 {
		return ""
	}
	return unsafe.String(&b[p], n)
}

// has reports whether word is in the cache.
func (c *wordCache) has(word string, h uint64) bool {
	_, ok := c.find(word, h)
	return ok
}

// warm reads the first slot of each word and the entry it points to, so
// that find, after it, finds them in the processor's caches.
func (c *wordCache) warm(words []span) {
	if c.count == 0 {
		return
	}
	mask := uint64(len(c.slots) - 1)
	for i := range words {
		words[i].warm = c.slots[words[i].h&mask]
	}
	for i := range words {
		if s := words[i].warm; s != 0 {
			at := uint32(s) - 1
			words[i].warm = uint64(c.chunks[at>>chunkBits][at&(chunkSize-1)])
		}
	}
}
