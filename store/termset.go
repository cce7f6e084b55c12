package store

// termSet numbers distinct index terms from 0 in the order they come, by
// their analyze.TermHash and text: the terms of an article as it is
// analysed, those of a shard of a batch's lists. The analyzer gives each
// term with its hash, so unlike a map of strings the set hashes nothing.
type termSet struct {
	slots  []int32 // 1 + the number of the term in the slot; 0 for none
	terms  []string
	hashes []uint32
}

// index returns the number of term, giving it the next one if it is new.
func (s *termSet) index(term string, hash uint32) (i int, added bool) {
	if 2*(len(s.terms)+1) > len(s.slots) {
		s.grow()
	}
	mask := uint32(len(s.slots) - 1)
	for k := hash & mask; ; k = (k + 1) & mask {
		n := s.slots[k]
		if n == 0 {
			s.terms = append(s.terms, term)
			s.hashes = append(s.hashes, hash)
			s.slots[k] = int32(len(s.terms))
			return len(s.terms) - 1, true
		}
		if j := n - 1; s.hashes[j] == hash && s.terms[j] == term {
			return int(j), false
		}
	}
}

// grow doubles the slots, keeping them at most half full.
func (s *termSet) grow() {
	s.slots = make([]int32, max(64, 2*len(s.slots)))
	mask := uint32(len(s.slots) - 1)
	for j, h := range s.hashes {
		k := h & mask
		for s.slots[k] != 0 {
			k = (k + 1) & mask
		}
		s.slots[k] = int32(j + 1)
	}
}

// reset empties the set, keeping its memory unless an outsized text made
// it large.
func (s *termSet) reset() {
	if len(s.slots) > 1<<13 {
		*s = termSet{}
		return
	}
	clear(s.slots)
	clear(s.terms) // they hold word-cache chunks
	s.terms, s.hashes = s.terms[:0], s.hashes[:0]
}
