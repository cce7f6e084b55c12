package analyze

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// cliticExceptions lists folded words whose first letter is one of the
// one-letter clitics و ب ل ك ف but belongs to the word: وزير, ورقه,
// واشنطن, بلديه, لبنان, كتاب, فقط ... Stripping it would merge them with
// other words (ورقة "paper" with الرقة "Raqqa", بلدية with لديه). The list
// is generated from the SaudiNewsNet corpus by gen_exceptions.go: words of
// four letters or more, seen at least three times, that either are much
// rarer without the letter or take the article themselves (a clitic never
// follows ال).
//
//go:embed clitic_exceptions.txt
var cliticExceptionsText string

var cliticExceptions = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(cliticExceptionsText) {
		m[w] = true
	}
	return m
})

// oneLetterClitics are the conjunctions and prepositions written joined to
// the next word: و (and), ف (so), ب (in, by), ل (for), ك (like).
const oneLetterClitics = "وفبلك"

// HasClitic reports whether a folded word starts like a word carrying a
// one-letter clitic (and not one of the longer prefixes): the candidates
// that gen_exceptions.go looks at.
func HasClitic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !strings.ContainsRune(oneLetterClitics, r) {
		return false
	}
	for _, p := range arabicPrefixes {
		if strings.HasPrefix(w, p.prefix) {
			return false
		}
	}
	return true
}

// stripClitic removes a one-letter clitic when at least three letters
// remain and the word is not one of the exceptions.
func stripClitic(w string, n int) (string, int) {
	if n >= 4 && HasClitic(w) && !cliticExceptions()[w] {
		_, size := utf8.DecodeRuneInString(w)
		return w[size:], n - 1
	}
	return w, n
}

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

// stripArabicPrefix removes what is written joined before an Arabic word,
// while enough letters remain: a conjunction و or ف, then the article or a
// proclitic with it (ال وال بال كال فال لل), or else a one-letter
// preposition (ب ل ك), so that وبمكة, بمكة, لمكة and مكة meet. Words of
// cliticExceptions keep their first letter. With hamzaAl >= 0 the word
// has that many one-letter clitics before an ال written with a hamza
// (بألمانيا): they are removed and that ال, the word's own, is kept.
func stripArabicPrefix(w string, hamzaAl int) string {
	if hamzaAl >= 0 {
		for ; hamzaAl > 0 && w != ""; hamzaAl-- {
			_, size := utf8.DecodeRuneInString(w)
			w = w[size:]
		}
		return w
	}
	n := utf8.RuneCountInString(w)
	if strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف") {
		w, n = stripClitic(w, n)
	}
	for _, p := range arabicPrefixes {
		if strings.HasPrefix(w, p.prefix) {
			if n-utf8.RuneCountInString(p.prefix) >= p.keep {
				return w[len(p.prefix):]
			}
			return w
		}
	}
	w, _ = stripClitic(w, n)
	return w
}

// StemArabic is a light stemmer in the manner of Larkey's light10, for a
// folded Arabic word (Fold has already made ة ه and ى ي): it removes the
// clitics and article written before the word (stripArabicPrefix), the
// common suffixes, and the ت that stands for ة before a pronoun, but only
// while enough letters remain, so that the stem never drops below three
// letters.
func StemArabic(w string) string { return stemArabic(w, -1) }

func stemArabic(w string, hamzaAl int) string {
	return stripArabicSuffix(stripArabicPrefix(w, hamzaAl))
}

// stripArabicSuffix removes the common suffixes (arabicSuffixes) and the
// ت that stands for ة before a pronoun, while enough letters remain.
func stripArabicSuffix(w string) string {
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

// arabicPrefixForms returns the starts of index terms that a folded
// Arabic query prefix (what comes before the *) stands for. The index
// holds stems, so a word that starts with the prefix is found under any
// of:
//   - the prefix as typed, its first letters the word's own (وزار* is
//     وزارة; برلم* is برلمان);
//   - the prefix with what the stemmer takes off the front of a word
//     taken off (stripArabicPrefix: وزار* is also و + زار, as وزار is;
//     بقرار* finds بقرار, indexed as قرار), and without the conjunction
//     and the preposition it may start with, which the stemmer keeps in
//     some words only, while three letters remain (وصال* finds وصالح, و +
//     صالح; وبمسا* finds وبمساعدات);
//   - the prefix without an article and what is joined before it (ال
//     وال بال لل وبال ...) when two letters or more remain, fewer than
//     the stemmer keeps of a word: الصح* finds الصحة, indexed as صحه;
//   - each of those without its end when that end is a suffix the
//     stemmer removes, or the start of one, again and again while three
//     letters remain, as the stemmer keeps them (برلما* finds البرلمان,
//     indexed as برلم; فلسطي* finds فلسطين, indexed as فلسط; بريطانيي*
//     finds البريطانيين, indexed as بريطان), and with its suffixes removed
//     as the stemmer removes them.
//
// So a word before the * finds at least what the word finds. hamzaAl is
// as stripArabicPrefix takes it: an ال written with a hamza is the word's
// own (ألما* finds ألمانيا).
func arabicPrefixForms(f string, hamzaAl int) []string {
	bases := []string{stripArabicPrefix(f, hamzaAl)}
	if hamzaAl < 0 {
		bases = append(bases, f)
		// The start of a word the stemmer keeps whole (وصال, لبنان) is
		// also that of one it does not (وصالح is و + صالح), and a
		// conjunction may come before a preposition (وبمس* finds
		// وبمساعدات) or an ال that is the word's own (والمانيا*).
		// A conjunction, then a preposition or a second conjunction (the
		// stemmer takes off two: ووحدته is حدت), each while three letters
		// remain: two would start too many words (وبمس* is not مس*).
		if utf8.RuneCountInString(f) >= 4 {
			w := f
			for _, clitics := range []string{"وف", oneLetterClitics} {
				if r, size := utf8.DecodeRuneInString(w); strings.ContainsRune(clitics, r) && utf8.RuneCountInString(w[size:]) >= 3 {
					w = w[size:]
					bases = append(bases, w)
				}
			}
		}
		for _, p := range articlePrefixes() {
			if rest, ok := strings.CutPrefix(f, p); ok {
				if utf8.RuneCountInString(rest) >= 2 {
					bases = append(bases, rest)
				}
				break
			}
		}
	}
	var forms []string
	add := func(w string) {
		if w != "" && !slices.Contains(forms, w) {
			forms = append(forms, w)
		}
	}
	for _, b := range bases {
		add(b)
	}
	// Each form gives those without one more suffix or start of one,
	// as the stemmer takes off several (البريطانيين: بريطان).
	for i := 0; i < len(forms); i++ {
		w := forms[i]
		n := utf8.RuneCountInString(w)
		for _, s := range suffixStarts() {
			if strings.HasSuffix(w, s) && n-utf8.RuneCountInString(s) >= 3 {
				add(w[:len(w)-len(s)])
			}
		}
		add(stripArabicSuffix(w))
	}
	return forms
}

// articlePrefixes are the article with what may be joined before it, the
// proclitics of arabicPrefixes and a conjunction (و ف) before those that
// have none (وبال, فلل), longest first.
var articlePrefixes = sync.OnceValue(func() []string {
	var list []string
	for _, p := range arabicPrefixes {
		list = append(list, p.prefix)
		if !strings.HasPrefix(p.prefix, "و") && !strings.HasPrefix(p.prefix, "ف") && p.prefix != "ال" {
			list = append(list, "و"+p.prefix, "ف"+p.prefix)
		}
	}
	slices.SortStableFunc(list, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
	return list
})

// suffixStarts lists the suffixes the stemmer removes and every start of
// them (ها gives ها and ه; ين gives ين and ي), with the ت of ة before a
// pronoun.
var suffixStarts = sync.OnceValue(func() []string {
	starts := []string{"ت"}
	for _, s := range arabicSuffixes {
		for i := range s.suffix {
			if i > 0 && !slices.Contains(starts, s.suffix[:i]) {
				starts = append(starts, s.suffix[:i])
			}
		}
		if !slices.Contains(starts, s.suffix) {
			starts = append(starts, s.suffix)
		}
	}
	return starts
})

// Version names the analysis: two archives whose indexes were built with
// the same Version hold the same terms for the same text. It changes with
// the word list and, by hand (analysisRevision), with any change to how
// text is folded, split or stemmed; an archive built with another Version
// must be reindexed before its index can be edited.
func Version() string {
	return fmt.Sprintf("%d.%08x", analysisRevision, exceptionsHash)
}

// analysisRevision is raised by hand whenever Fold, the word segmentation,
// the stemmers, the facet terms, Mentions or Language change what they
// produce. 2: the index of mentioned dates. 3: mentioned dates as facet
// terms. 4: the language of each article as a facet term. 5: a word of one
// letter is half a vote for a language (a text of "x y" is und, not es).
const analysisRevision = 5

// exceptionsHash is the FNV-1a hash of clitic_exceptions.txt, written here
// rather than computed at every start (80 KB, a tenth of a millisecond of a
// query); TestExceptionsHash says when the file and the constant part.
const exceptionsHash = 0x0302fd79
