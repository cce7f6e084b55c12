package analyze

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func cachedTermsOf(c *wordCache, word string) ([]string, bool) {
	e, ok := c.find(word, hashWord(word))
	if !ok {
		return nil, false
	}
	terms := []string{}
	entryTerms(e, func(t string, h uint32) {
		if h != TermHash(t) {
			panic("wrong hash for " + t)
		}
		terms = append(terms, t)
	})
	return terms, true
}

func TestWordCache(t *testing.T) {
	const max = 1 << 12
	c := newWordCache(max)
	termsOf := func(i int) []string {
		switch i % 4 {
		case 0:
			return []string{}
		case 1:
			return []string{fmt.Sprintf("ت%d", i)}
		case 2:
			return []string{"", fmt.Sprintf("x%d", i)}
		}
		return []string{strings.Repeat("ك", i%100)}
	}
	var kept []string // terms handed out, which must stay as they were
	for i := range max {
		word := fmt.Sprintf("كلمة%d", i)
		if _, ok := c.find(word, hashWord(word)); ok {
			t.Fatalf("%q found before it was added", word)
		}
		e, ok := c.add(word, hashWord(word), termsOf(i))
		if !ok {
			t.Fatalf("%q not kept", word)
		}
		entryTerms(e, func(t string, _ uint32) { kept = append(kept, t) })
	}
	if c.count != max {
		t.Fatalf("count %d, want %d", c.count, max)
	}
	for i := range max {
		word := fmt.Sprintf("كلمة%d", i)
		if got, ok := cachedTermsOf(c, word); !ok || !reflect.DeepEqual(got, termsOf(i)) {
			t.Fatalf("%q: %q, %v; want %q", word, got, ok, termsOf(i))
		}
	}
	if _, ok := cachedTermsOf(c, "كلمة"); ok {
		t.Error("a word never added was found")
	}
	n := 0
	c.each(func(word string, entry []byte) {
		want := termsOf(n)
		if word != fmt.Sprintf("كلمة%d", n) || entrySize(entry) != len(entry) {
			t.Fatalf("each: word %d is %q", n, word)
		}
		var got []string
		entryTerms(entry, func(t string, _ uint32) { got = append(got, t) })
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("each: %q has %q, want %q", word, got, want)
		}
		n++
	})
	if n != max {
		t.Errorf("each gave %d words, want %d", n, max)
	}

	// One more word starts the cache over; the terms handed out are intact.
	c.add("أخرى", hashWord("أخرى"), []string{"اخر"})
	if c.count != 1 {
		t.Errorf("after max words and one more, count %d, want 1", c.count)
	}
	if _, ok := cachedTermsOf(c, "كلمة1"); ok {
		t.Error("a word from before the cache started over was found")
	}
	for i := range max {
		c.add(fmt.Sprintf("w%d", i), hashWord(fmt.Sprintf("w%d", i)), []string{"zzzzzzzz"})
	}
	k := 0
	for i := range max {
		for _, want := range termsOf(i) {
			if kept[k] != want {
				t.Fatalf("term %d handed out was %q, is now %q", k, want, kept[k])
			}
			k++
		}
	}

	// Words and terms longer than an entry holds are not kept.
	long := strings.Repeat("a", maxEntry+1)
	if _, ok := c.add(long, hashWord(long), []string{"a"}); ok {
		t.Error("a word of 256 bytes was kept")
	}
	if _, ok := c.add("a", hashWord("a"), []string{long}); ok {
		t.Error("a term of 256 bytes was kept")
	}
}
