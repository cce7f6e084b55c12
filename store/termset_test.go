package store

import (
	"fmt"
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
