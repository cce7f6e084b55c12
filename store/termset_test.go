package store

import (
	"fmt"
	"runtime"
	"slices"
	"testing"

	"arshif/analyze"
)

func TestTermSet(t *testing.T) {
	var s termSet
	for round := range 2 {
		for i := range 5000 {
			term := fmt.Sprintf("term%d", i)
			hash := analyze.TermHash(term)
			if i%3 == 0 {
				hash = 7 // terms that share a hash stay apart
			}
			n, added := s.index(term, hash)
			if n != i || !added {
				t.Fatalf("round %d: index(%q) = %d, %v; want %d, true", round, term, n, added, i)
			}
			if n, added := s.index(term, hash); n != i || added {
				t.Fatalf("round %d: index(%q) again = %d, %v; want %d, false", round, term, n, added, i)
			}
		}
		if len(s.terms) != 5000 || s.terms[4999] != "term4999" || s.hashes[1] != analyze.TermHash("term1") {
			t.Fatalf("round %d: %d terms, last %q", round, len(s.terms), s.terms[len(s.terms)-1])
		}
		s.reset()
		if len(s.terms) != 0 {
			t.Fatalf("reset left %d terms", len(s.terms))
		}
	}
}

func TestSortedTerms(t *testing.T) {
	terms := []string{"كتاب", "كتب", "ك", "", "abcdefgh", "abcdefghi", "abcdefgh\x00", "abcdefg", "\x01tag", "b", "abcdefgi", "كتابة", "abcdefghh"}
	for i := range 2000 {
		terms = append(terms, fmt.Sprintf("%x", i*7919%4096)[:1+i%3]+fmt.Sprint(i%97))
	}
	var got []string
	for _, k := range sortedTerms(terms) {
		got = append(got, terms[k.i])
	}
	want := slices.Clone(terms)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("sortedTerms gives another order than sorting the strings")
	}
}

// The lists of a batch, built in as many shards as cores, come out of each
// in term order, every term once with the articles that have it.
func TestBatchListsInOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	words := []string{"a", "a\x00", "ab", "abcdefgh", "abcdefgh1", "abcdefgh2", "abcdefgi", "zz",
		"السعودية", "السعوديون", "\x01tسوريا", "\x01mD20150801", "\x01mD20150802", "é", "e"}
	for i := range 500 {
		words = append(words, fmt.Sprintf("w%03d", i), fmt.Sprintf("abcdefgh%03d", i))
	}
	preps := make([]prepared, 3)
	ranks := []int{0, -1, 1} // the second article is not indexed
	for i := range preps {
		p := &preps[i]
		for j, w := range words {
			if (i+j)%2 == 0 || i == 1 {
				p.terms = append(p.terms, w)
				p.hashes = append(p.hashes, analyze.TermHash(w))
				p.tf = append(p.tf, 0, 1)
				p.pos = appendPositions(p.pos, []uint32{uint32(j)})
				p.posEnd = append(p.posEnd, uint32(len(p.pos)))
			}
		}
	}
	var got []string
	err := buildLists(preps, ranks).each(10, func(term string, l *listBuilder, base uint64) error {
		got = append(got, term)
		var docs []uint64
		forEachDoc(l.appendEncoded(nil, base), func(doc uint64, _, _ uint32) { docs = append(docs, doc) })
		var want []uint64
		for i := range preps {
			if ranks[i] >= 0 && slices.Contains(preps[i].terms, term) {
				want = append(want, 10+uint64(ranks[i]))
			}
		}
		if !slices.Equal(docs, want) {
			t.Errorf("%q: articles %v, want %v", term, docs, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string // the terms of the indexed articles
	for _, i := range []int{0, 2} {
		for _, term := range preps[i].terms {
			if !slices.Contains(want, term) {
				want = append(want, term)
			}
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("terms out of order or missing: %q", got)
	}
}
