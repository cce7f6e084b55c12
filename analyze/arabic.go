package analyze

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// wawWords lists folded words that begin with و as part of the word, not as
// the conjunction "and": وزير, ورقه, وحده, واشنطن ... Stripping their و would
// merge them with other words (ورقة "paper" with الرقة "Raqqa"). The list
// is generated from the SaudiNewsNet corpus by gen_waw.go: words of four
// letters or more, seen at least three times, whose form without the و is
// seen less than a quarter as often.
//
//go:embed waw.txt
var wawText string

var wawWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(wawText) {
		m[w] = true
	}
	return m
})

// arabicPrefixes are the proclitics removed from the front of a word,
// longest first, each with the letters that must remain.
var arabicPrefixes = []struct {
	prefix string
	keep   int
}{
	{"وال", 3}, {"بال", 3}, {"كال", 3}, {"فال", 3}, {"لل", 3}, {"ال", 3},
}

// arabicSuffixes are removed from the end, in this order, each at most
// once, when the letters that remain are at least keep. The lengths are
// chosen so that names and short words survive: لبنان, ايران, البحرين, سوري
// and قانون are not cut, مسلمون and معلمين are.
var arabicSuffixes = []struct {
	suffix string
	keep   int
}{
	{"ها", 3}, {"ان", 4}, {"ات", 3}, {"ون", 4}, {"ين", 4}, {"يه", 4}, {"ه", 3}, {"ي", 4},
}

// stripArabicPrefix removes the conjunction و (unless the word is one of
// wawWords) and one article or proclitic, while enough letters remain.
// keepAl keeps a leading ال that was written with a hamza (ألمانيا):
// that is the word's own alef, not the article.
func stripArabicPrefix(w string, keepAl bool) string {
	n := utf8.RuneCountInString(w)
	if n >= 4 && strings.HasPrefix(w, "و") && !strings.HasPrefix(w, "وال") && !wawWords()[w] {
		w, n = w[len("و"):], n-1
	}
	if keepAl && strings.HasPrefix(w, "ال") {
		return w
	}
	for _, p := range arabicPrefixes {
		if strings.HasPrefix(w, p.prefix) && n-utf8.RuneCountInString(p.prefix) >= p.keep {
			return w[len(p.prefix):]
		}
	}
	return w
}

// StemArabic is a light stemmer in the manner of Larkey's light10, for a
// folded Arabic word (Fold has already made ة ه and ى ي): it removes the
// conjunction و (unless the word is one of wawWords), one article or
// proclitic (ال وال بال كال فال لل) and the common suffixes, and the ت that
// stands for ة before a pronoun, but only while enough letters remain, so
// that the stem never drops below three letters.
func StemArabic(w string) string { return stemArabic(w, false) }

func stemArabic(w string, keepAl bool) string {
	w = stripArabicPrefix(w, keepAl)
	n := utf8.RuneCountInString(w)
	for _, s := range arabicSuffixes {
		if !strings.HasSuffix(w, s.suffix) || n-utf8.RuneCountInString(s.suffix) < s.keep {
			continue
		}
		w, n = w[:len(w)-len(s.suffix)], n-utf8.RuneCountInString(s.suffix)
		// Before a pronoun ة is written ت (حكومتها): drop it too, so
		// that حكومتها meets حكومة.
		if (s.suffix == "ها" || s.suffix == "ه") && strings.HasSuffix(w, "ت") && n-1 >= 4 {
			w, n = w[:len(w)-len("ت")], n-1
		}
	}
	return w
}
