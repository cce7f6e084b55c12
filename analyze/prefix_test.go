package analyze

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPrefixTerms: a prefix is read as the start of a word, not as a
// conjunction or preposition before it; an article before it is dropped;
// its end may be a suffix the stemmer cuts.
func TestPrefixTerms(t *testing.T) {
	az := NewAnalyzer()
	tests := []struct {
		prefix string
		word   string // a word the prefix must find
		not    string // a word it must not find, or ""
	}{
		{"وزار", "وزارة", ""},
		{"بقرار", "بقرار", ""},
		{"وقال", "وقال", ""},
		{"وبالانتخ", "والانتخابات", ""},
		{"برلم", "البرلمان", ""},
		{"برلما", "البرلمان", ""},
		{"البرلم", "البرلمان", ""},
		{"فلسطي", "فلسطين", ""},
		{"الصح", "الصحة", ""},
		{"بالصح", "الصحف", ""},
		{"حكومة", "حكومة", ""},
		{"حكومتها", "حكومة", ""},
		{"ألما", "ألمانيا", ""},
		{"زار", "زار", "وزارة"},
		{"انتخ", "والانتخابات", "نتائج"},
		{"élect", "elections", ""},
	}
	for _, tt := range tests {
		forms := az.PrefixTerms(tt.prefix)
		finds := func(word string) bool {
			term := az.QueryTerms(word)[0]
			return slices.ContainsFunc(forms, func(f string) bool { return strings.HasPrefix(term, f) })
		}
		if !finds(tt.word) {
			t.Errorf("%s* (%q) does not find %s (%q)", tt.prefix, forms, tt.word, az.QueryTerms(tt.word))
		}
		if tt.not != "" && finds(tt.not) {
			t.Errorf("%s* (%q) finds %s (%q)", tt.prefix, forms, tt.not, az.QueryTerms(tt.not))
		}
	}
}

// TestPrefixStems: a Latin prefix cut inside a suffix the stemmer takes
// off finds its words through their stem, looked up whole; a cut that is
// not inside one gives no shorter stem.
func TestPrefixStems(t *testing.T) {
	az := NewAnalyzer()
	for prefix, word := range map[string]string{
		"presiden": "presidents",
		"governm":  "government",
		"electio":  "elections",
		"nationa":  "national",
	} {
		forms, stems := az.PrefixTerms(prefix), az.PrefixStems(prefix)
		found := false
		for _, term := range az.QueryTerms(word) {
			found = found || slices.Contains(stems, term) ||
				slices.ContainsFunc(forms, func(f string) bool { return strings.HasPrefix(term, f) })
		}
		if !found {
			t.Errorf("%s* (%q, %q) does not find %s (%q)", prefix, forms, stems, word, az.QueryTerms(word))
		}
	}
	if stems := az.PrefixStems("electr"); slices.Contains(stems, "elect") {
		t.Errorf("electr* looks up elect: %q", stems)
	}
	if stems := az.PrefixStems("وزار"); stems != nil {
		t.Errorf("an Arabic prefix gave stems %q", stems)
	}
}

// TestPrefixTermsSample: every start of every Arabic word of the bundled
// SaudiNewsNet sample finds the word (one of its forms starts the word's
// index term): of two letters or more of the word without what the
// stemmer takes off its front, typed with the article or without; and as
// the word is written, once it has three letters past what is taken off,
// and four in all (a shorter start is not read as a conjunction before a
// word: وق* is not و + ق, وبمس* not و + ب + مس).
func TestPrefixTermsSample(t *testing.T) {
	arts := saudiNewsNetSample(t)
	az := NewAnalyzer()
	seen := map[string]bool{}
	checked, failed := 0, 0
	for _, a := range arts {
		for _, w := range Words(a.Title + " " + a.Content) {
			if seen[w] || isLatinWord(w) {
				continue
			}
			seen[w] = true
			// As terms reads it: the alef of tanween is not the word's.
			f := Fold(strings.TrimSuffix(strings.TrimSuffix(w, "اً"), "ًا"))
			if r, _ := utf8.DecodeRuneInString(f); r < 0x0600 || r > 0x06ff || strings.Contains(f, " ") {
				continue
			}
			term := az.QueryTerms(w)[0]
			core := []rune(stripArabicPrefix(f, hamzaAl(w)))
			typed := []rune(f)
			var prefixes []string
			for k := 2; k <= len(core); k++ {
				prefixes = append(prefixes, string(core[:k]), "ال"+string(core[:k]))
			}
			for k := max(4, len(typed)-len(core)+3); k <= len(typed); k++ {
				prefixes = append(prefixes, string(typed[:k]))
			}
			{
				for _, p := range prefixes {
					checked++
					forms := az.PrefixTerms(p)
					if !slices.ContainsFunc(forms, func(f string) bool { return strings.HasPrefix(term, f) }) {
						if failed++; failed <= 20 {
							t.Errorf("%s* (%q) does not find %s (%s)", p, forms, w, term)
						}
					}
				}
			}
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d prefixes checked", checked)
	}
	if failed > 0 {
		t.Errorf("%d of %d prefixes miss their word", failed, checked)
	}
}
