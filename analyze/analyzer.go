package analyze

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
)

// Lang is the language whose stemmer applies to Latin-script words.
// Arabic-script words always get the Arabic light stemmer; words of other
// scripts are only folded.
type Lang uint8

// Languages with a Latin-script stemmer.
const (
	English Lang = iota
	French
)

// Token is one word of a text as the index sees it.
type Token struct {
	// Term is the indexed form: folded, then stemmed.
	Term string
	// Hash is TermHash(Term).
	Hash uint32
	// Pos is the word's position in the text, from 0.
	Pos int
	// Start and End are the word's byte offsets in the original text.
	Start, End int
}

// Analyzer turns text into index terms. It keeps stemmer state, so it is
// not safe for concurrent use: make one per goroutine.
type Analyzer struct {
	env *snowballstem.Env
	// cache holds the terms of words seen before, per language: news
	// text repeats its words, and folding and stemming are the cost.
	cache [2]*wordCache
	// vocab, when not nil, is shared with other analyzers: looked at
	// before cache, and given what cache holds by Publish.
	vocab *Vocabulary
	words []span // Tokens' scratch space
	last  []span // the words of the text of the last Tokens call (Hint)
}

// cacheMax bounds the cache of an Analyzer; past it the cache starts over.
const cacheMax = 1 << 16

// NewAnalyzer returns an analyzer.
func NewAnalyzer() *Analyzer {
	return &Analyzer{env: snowballstem.NewEnv(""), cache: [2]*wordCache{newWordCache(cacheMax), newWordCache(cacheMax)}}
}

// NewSharingAnalyzer returns an analyzer that shares what it has analysed
// with the others of v.
func NewSharingAnalyzer(v *Vocabulary) *Analyzer {
	az := NewAnalyzer()
	az.vocab = v
	return az
}

// A Vocabulary holds the terms of words that several analyzers, one a
// goroutine, have analysed: each finds there what the others have learnt
// and published, so that the cores of an import analyse each word once
// between them, and a word the cache of one would have dropped is still
// there. (For SaudiNewsNet on two cores: 39 % fewer words analysed than with
// a cache of the same size each.)
type Vocabulary struct {
	mu    sync.RWMutex
	words [2]*wordCache
}

// vocabularyMax bounds a Vocabulary; past it, it starts over.
const vocabularyMax = 1 << 17

// NewVocabulary returns an empty vocabulary.
func NewVocabulary() *Vocabulary {
	return &Vocabulary{words: [2]*wordCache{newWordCache(vocabularyMax), newWordCache(vocabularyMax)}}
}

// Publish adds what the analyzer has learnt to its vocabulary, and forgets
// it itself. Analyzers of the same vocabulary may be in use meanwhile.
func (az *Analyzer) Publish() {
	v := az.vocab
	if v == nil {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for lang, c := range az.cache {
		words := v.words[lang]
		c.each(func(word string, entry []byte) {
			// Another analyzer may have published the word meanwhile.
			if h := hashWord(word); !words.has(word, h) {
				words.addEntry(word, h, entry)
			}
		})
		c.reset()
	}
}

// cachedTerms calls fn with the terms of word (whose hashWord is h), from
// the vocabulary, the analyzer's own cache, or analysis (kept in the
// cache), and returns whether a date mention may start with the word
// (starterWord).
func (az *Analyzer) cachedTerms(word string, h uint64, lang Lang, shared *wordCache, fn func(term string, hash uint32)) (starter bool) {
	if shared != nil {
		if e, ok := shared.find(word, h); ok {
			entryTerms(e, fn)
			return e[0]&starterBit != 0
		}
	}
	c := az.cache[lang]
	if e, ok := c.find(word, h); ok {
		entryTerms(e, fn)
		return e[0]&starterBit != 0
	}
	terms := az.terms(word, lang)
	if e, ok := c.add(word, h, terms); ok {
		entryTerms(e, fn)
		return e[0]&starterBit != 0
	}
	for _, t := range terms { // too long to keep
		fn(t, TermHash(t))
	}
	return starterWord(word)
}

// Tokens calls fn for every word of text, in order. Words are runs of
// letters, marks and digits (digits joined by "." or "," stay one word);
// everything else, including "_" and apostrophes, separates words, so
// "#التحالف_الدولي" gives التحالف and الدولي. Positions start at pos.
// It returns the position after the last word.
func (az *Analyzer) Tokens(text string, lang Lang, pos int, fn func(Token)) int {
	var shared *wordCache
	if v := az.vocab; v != nil {
		v.mu.RLock()
		defer v.mu.RUnlock()
		shared = v.words[lang]
	}
	var start, end int
	emit := func(term string, hash uint32) {
		fn(Token{Term: term, Hash: hash, Pos: pos, Start: start, End: end})
		pos++
	}
	// The words are found and hashed first, and their places in the
	// vocabulary read all at once: the reads, each likely to miss the
	// processor's caches, then overlap instead of waiting in turn.
	words := az.words[:0]
	eachWord(text, func(s, e int) {
		words = append(words, span{start: s, end: e, h: hashWord(text[s:e])})
	})
	if shared != nil {
		shared.warm(words)
	}
	for i, w := range words {
		start, end = w.start, w.end
		words[i].starter = az.cachedTerms(text[start:end], w.h, lang, shared, emit)
	}
	az.last = words
	if cap(words) <= 1<<16 {
		az.words = words
	} else {
		az.words = nil // a book's: not kept for the next text
	}
	return pos
}

// span is a word of a text being analysed, and its hash.
type span struct {
	start, end int
	h          uint64
	warm       uint64 // what warm read
	starter    bool   // starterWord
}

// Hint is what an Analyzer learnt of the words of the text it analysed
// last: for MentionsHinted on that text, which then need not fold every
// word to find those a mention may start with.
type Hint struct{ words []span }

// Hint returns the hint of the text of the last Tokens call. It is good
// until the next.
func (az *Analyzer) Hint() Hint { return Hint{az.last} }

// eachWord calls fn with the byte range of every word of text, in order.
func eachWord(text string, fn func(start, end int)) {
	for start := 0; start < len(text); {
		r, size := decodeRune(text, start)
		if !isWordRune(r) {
			start += size
			continue
		}
		end := wordEnd(text, start)
		fn(start, end)
		start = end
	}
}

// QueryTerms returns the index terms a query word may have been indexed
// under: one for Arabic, the English and French stems for a Latin word.
// A word that folds to several words (a ligature) gives its first.
func (az *Analyzer) QueryTerms(word string) []string {
	if !isLatinWord(word) {
		terms := az.terms(word, English)
		if len(terms) > 1 {
			terms = terms[:1]
		}
		return terms
	}
	var out []string
	for _, lang := range []Lang{English, French} {
		if terms := az.terms(word, lang); len(terms) > 0 && !contains(out, terms[0]) {
			out = append(out, terms[0])
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Words splits text into its words as Tokens sees them, unanalysed.
func Words(text string) []string {
	var words []string
	eachWord(text, func(start, end int) { words = append(words, text[start:end]) })
	return words
}

func isWordRune(r rune) bool {
	if r < wordTableSize {
		return wordTable[r]&isWord != 0
	}
	return wordRuneSlow(r)
}

func wordRuneSlow(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) ||
		r == 0x200c || r == 0x200d // zero-width (non-)joiners inside Persian and Arabic words
}

// isDigit is unicode.IsDigit, from the table for Latin and Arabic text.
func isDigit(r rune) bool {
	if r < wordTableSize {
		return wordTable[r]&isDigitBit != 0
	}
	return unicode.IsDigit(r)
}

// wordTable (word_table.go) caches, for the runes of ASCII, Latin-1,
// Greek, Cyrillic, Hebrew and Arabic, what isWordRune and isDigit compute
// from Unicode's tables: segmentation looks at every rune of every
// article. It is generated, not computed at start, which a query would
// feel (go run gen_words.go > word_table.go; TestWordTable).
//
//go:generate sh -c "go run gen_words.go > word_table.go"
const wordTableSize = 0x700

const (
	isWord uint8 = 1 << iota
	isDigitBit
)

// decodeRune is utf8.DecodeRuneInString(s[i:]) with the two-byte runes
// of Arabic (and Greek, Cyrillic, Hebrew ...) decoded inline.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if 0xc2 <= c && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
		return rune(c&0x1f)<<6 | rune(s[i+1]&0x3f), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

// wordEnd returns the end of the word that starts at start.
func wordEnd(text string, start int) int {
	i := start
	prevDigit := false
	for i < len(text) {
		r, size := decodeRune(text, i)
		if isWordRune(r) {
			prevDigit = isDigit(r)
			i += size
			continue
		}
		// 1,720 and 3.5 and ١٫٥ stay one word.
		if prevDigit && (r == ',' || r == '.' || r == '٫' || r == '٬') {
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); isDigit(next) {
				i += size
				continue
			}
		}
		break
	}
	return i
}

// terms analyses one word. Folding may turn a ligature into several words.
func (az *Analyzer) terms(word string, lang Lang) []string {
	if isLatinWord(word) {
		return []string{az.stemLatin(word, lang)}
	}
	// The alef that carries tanween (جندياً) is not part of the word.
	word = strings.TrimSuffix(strings.TrimSuffix(word, "اً"), "ًا")
	folded := Fold(word)
	if folded == "" {
		return nil
	}
	if !strings.Contains(folded, " ") {
		return []string{stemWord(folded, hamzaAl(word))}
	}
	parts := strings.Fields(folded)
	for i, p := range parts {
		parts[i] = stemWord(p, -1)
	}
	return parts
}

// hamzaAl returns how many one-letter clitics (و ف ب ل ك) come before an
// أل, إل or آل that starts the word proper (وبألمانيا: 2), whose alef is
// the word's own, not the article's; or -1 when the word has none.
func hamzaAl(word string) int {
	var letters []rune
	for _, r := range word {
		if unicode.Is(unicode.Mn, r) || r == 'ـ' {
			continue // harakat and tatweel between the letters
		}
		if letters = append(letters, r); len(letters) == 4 {
			break
		}
	}
	for k := 0; k+1 < len(letters) && k <= 2; k++ {
		if (letters[k] == 'أ' || letters[k] == 'إ' || letters[k] == 'آ') && letters[k+1] == 'ل' {
			return k
		}
		if !strings.ContainsRune(oneLetterClitics, letters[k]) {
			break
		}
	}
	return -1
}

// isLatinWord reports whether the first letter of word is Latin.
func isLatinWord(word string) bool {
	for _, r := range word {
		if unicode.IsLetter(r) {
			return r < 0x250 || unicode.Is(unicode.Latin, r)
		}
	}
	return false
}

// stemLatin lower-cases, stems with the language's Snowball stemmer
// (which expects accents), then folds accents away.
func (az *Analyzer) stemLatin(word string, lang Lang) string {
	lower := strings.ToLower(word)
	az.env.SetCurrent(lower)
	if lang == French {
		french.Stem(az.env)
	} else {
		english.Stem(az.env)
	}
	return Fold(az.env.Current())
}

// stemWord stems a folded non-Latin word: Arabic-script words with the
// light stemmer, others as they are.
// clitics >= 0 says the word has that many one-letter clitics before an
// ال that is its own (see hamzaAl).
func stemWord(w string, clitics int) string {
	if r, _ := utf8.DecodeRuneInString(w); r >= 0x0600 && r <= 0x06ff {
		return stemArabic(w, clitics)
	}
	return w
}

// StemmingFor returns the stemmer for the Latin-script words of a text
// in language code (as Language gives it): French for French, English for
// any other.
func StemmingFor(code string) Lang {
	if code == "fr" {
		return French
	}
	return English
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// PrefixStems returns the index terms, looked up whole, of words that
// start with a Latin query prefix whose end is cut inside a suffix the
// stemmer removes: presiden* is president, indexed as presid. They are
// the prefix without an end that is the start of a suffix of
// latinSuffixes, while three letters remain. Other prefixes give none
// (an Arabic one's forms are all in PrefixTerms).
func (az *Analyzer) PrefixStems(prefix string) []string {
	if !isLatinWord(prefix) {
		return nil
	}
	f := Fold(strings.ToLower(prefix))
	var out []string
	for _, suffix := range latinSuffixes {
		for i := range suffix {
			start := suffix[:i+1]
			if stem, ok := strings.CutSuffix(f, start); ok && len(stem) >= 3 && !slices.Contains(out, stem) {
				out = append(out, stem)
			}
		}
	}
	return out
}

// latinSuffixes are the endings the English and French Snowball stemmers
// take off (Porter2's steps, the French stemmer's), folded.
var latinSuffixes = []string{
	// English
	"ational", "tional", "ization", "ation", "ator", "alism", "aliti", "ality", "ousness", "ousli", "ous",
	"iveness", "iviti", "ive", "fulness", "ful", "less", "ness", "ement", "ment", "ent", "ence", "ance",
	"able", "ible", "ant", "ism", "ist", "iti", "ity", "ize", "ise", "ion", "ing", "ingly", "edly", "ed",
	"er", "est", "ly", "al", "ic", "ical", "icate", "ate", "es", "s",
	// French
	"issement", "ement", "ements", "ation", "ations", "atrice", "ateur", "ique", "isme", "iste", "eur",
	"euse", "eux", "ite", "ites", "ive", "ives", "if", "ifs", "ance", "ence", "ences", "ment", "ments",
	"aient", "ais", "ait", "ant", "ante", "antes", "ants", "ee", "ees", "er", "erent", "ez", "ions",
	"ir", "ira", "ire", "iront", "issaient", "issant", "it", "e",
}

// PrefixTerms returns the starts of index terms that a query prefix (the
// part before *) is looked up as. A Latin prefix is lower-cased and folded
// as typed (a stemmer would cut a word part) and also stemmed as a word in
// English and French, so that president* finds president, indexed as
// presid. An Arabic one is folded and read as arabicPrefixForms says.
func (az *Analyzer) PrefixTerms(prefix string) []string {
	if isLatinWord(prefix) {
		var out []string
		if f := Fold(strings.ToLower(prefix)); f != "" {
			out = append(out, f)
		}
		for _, stem := range az.QueryTerms(prefix) {
			if !slices.Contains(out, stem) {
				out = append(out, stem)
			}
		}
		return out
	}
	f := Fold(strings.TrimSuffix(prefix, "ـ"))
	if f == "" {
		return nil
	}
	if r, _ := utf8.DecodeRuneInString(f); r >= 0x0600 && r <= 0x06ff {
		return arabicPrefixForms(f, hamzaAl(prefix))
	}
	return []string{f}
}
