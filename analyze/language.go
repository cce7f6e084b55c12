package analyze

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Und is the language code of a text whose language Language cannot tell:
// no letters, too few words of a Latin-script language it knows, or a
// script it does not place.
const Und = "und"

// Languages are the languages Language tells apart, Und aside: their
// ISO 639-1 codes and English names.
var Languages = []struct{ Code, Name string }{
	// The Arabic script.
	{"ar", "Arabic"}, {"fa", "Persian"}, {"ur", "Urdu"},
	// The Latin script, told apart by their commonest words.
	{"en", "English"}, {"fr", "French"}, {"es", "Spanish"}, {"de", "German"}, {"it", "Italian"},
	{"pt", "Portuguese"}, {"nl", "Dutch"}, {"tr", "Turkish"},
	// Cyrillic.
	{"ru", "Russian"}, {"uk", "Ukrainian"}, {"bg", "Bulgarian"}, {"sr", "Serbian"},
	// A script each.
	{"el", "Greek"}, {"he", "Hebrew"}, {"hy", "Armenian"}, {"ka", "Georgian"}, {"hi", "Hindi"},
	{"bn", "Bengali"}, {"ta", "Tamil"}, {"th", "Thai"}, {"am", "Amharic"}, {"zh", "Chinese"},
	{"ja", "Japanese"}, {"ko", "Korean"},
}

// Listed reports whether code is one of Languages.
func Listed(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// LanguageCode returns the code of Languages, or Und, that s names: a
// code in any of its forms (ar, ara, arb, ar-SA, AR, fr_FR, zh-Hant) or an
// English name (Arabic). A tag names its language only when it says which
// one (not und-SA, whose language would be a guess from the region);
// macrolanguage members are theirs (arb is ar, cmn zh, pes fa).
func LanguageCode(s string) (string, bool) {
	if Listed(s) || s == Und {
		return s, true // the common case: a code as Language gives it
	}
	for _, l := range Languages {
		if strings.EqualFold(s, l.Name) {
			return l.Code, true
		}
	}
	if strings.EqualFold(s, Und) {
		return Und, true
	}
	tag, err := language.All.Parse(s)
	if err != nil {
		return "", false
	}
	base, conf := tag.Base()
	if conf != language.Exact {
		return "", false
	}
	if code := base.String(); Listed(code) {
		return code, true
	}
	return "", false
}

// LanguageOf returns the language an article is indexed in: declared, the
// one its record gives (a code of Languages), or when it gives none, the
// one its title and body are written in (Language).
func LanguageOf(declared, title, body string) string {
	if declared != "" {
		return declared
	}
	return Language(title, body)
}

// languageWindow is how much of an article Language reads: enough letters
// to tell the script and a few hundred words, and the same small cost for
// every article whatever its length.
const languageWindow = 1024

// Language returns the code of the language the texts (an article's title
// and body, in that order) are written in, read from their first
// languageWindow bytes: the script most of the letters are in, then, for
// the Arabic script, the letters only Persian or Urdu use (پ چ ژ گ;
// ٹ ڈ ڑ ں ے), for Cyrillic those of Ukrainian, Bulgarian and Serbian, and
// for the Latin script the language most of its commonest words belong to
// (the, und, les, los ...). It is Und when that is not clear. The result
// depends on nothing but the texts: the index is checked by reading it
// again.
func Language(texts ...string) string {
	var sc scriptCounts
	budget := languageWindow
	for _, text := range texts {
		if budget <= 0 {
			break
		}
		if len(text) > budget {
			// Cut at a rune start, and drop the word the cut falls in.
			cut := budget
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			if r, _ := utf8.DecodeRuneInString(text[cut:]); isWordRune(r) {
				for cut > 0 {
					r, size := utf8.DecodeLastRuneInString(text[:cut])
					if !isWordRune(r) {
						break
					}
					cut -= size
				}
			}
			text = text[:cut]
		}
		budget -= len(text)
		sc.add(text)
	}
	return sc.language()
}

// The scripts Language tells apart.
const (
	scriptLatin = iota
	scriptArabic
	scriptCyrillic
	scriptGreek
	scriptHebrew
	scriptArmenian
	scriptGeorgian
	scriptDevanagari
	scriptBengali
	scriptTamil
	scriptThai
	scriptEthiopic
	scriptHan
	scriptKana
	scriptHangul
	scriptOther
	numScripts
)

// scriptCodes are the languages of the scripts that Language does not
// divide further.
var scriptCodes = [numScripts]string{
	scriptGreek: "el", scriptHebrew: "he", scriptArmenian: "hy", scriptGeorgian: "ka",
	scriptDevanagari: "hi", scriptBengali: "bn", scriptTamil: "ta", scriptThai: "th",
	scriptEthiopic: "am", scriptHangul: "ko",
}

type scriptCounts struct {
	letters [numScripts]int
	// Letters of the Arabic script that Arabic does not use.
	persian, urdu int
	// Cyrillic letters of one language: і ї є ґ, ъ, ђ ћ џ љ њ ј.
	ukrainian, bulgarian, serbian int
	// votes[l] counts, in half votes, the words of latinWords that belong
	// to language l.
	votes [len(latinLangs)]int
	// latinWords counts the Latin-script words.
	latinWords int
}

// maxVoteBytes is the longest word of latinWords, in bytes: longer words
// are not looked up.
const maxVoteBytes = 12

func (sc *scriptCounts) add(text string) {
	t := languageTables()
	var word [maxVoteBytes]byte
	n := 0 // bytes of the current Latin word so far; > len(word): too long
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				i++
				if n > 0 {
					sc.endWord(t, word[:], n)
					n = 0
				}
				continue
			}
			start := i
			for i < len(text) && isASCIILetter(text[i]) {
				i++
			}
			sc.letters[scriptLatin] += i - start
			if n+i-start <= len(word) {
				for j := start; j < i; j++ {
					word[n] = text[j] | 0x20 // ASCII lower case
					n++
				}
			} else {
				n += i - start
			}
			continue
		}
		if c >= 0xD8 && c <= 0xDB && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
			// A run of U+0600–U+06FF and spaces: the letters of Arabic,
			// Persian and Urdu, counted by the bits of their class.
			if n > 0 {
				sc.endWord(t, word[:], n)
				n = 0
			}
			letters, persian, urdu := 0, 0, 0
			for i+1 < len(text) {
				c, c2 := text[i], text[i+1]
				if c == ' ' {
					i++
					continue
				}
				if c < 0xD8 || c > 0xDB || c2&0xC0 != 0x80 {
					break
				}
				class := t.arabic[(c&0x03)<<6|c2&0x3F]
				letters += int(class & arabicLetter)
				persian += int(class&persianLetter) >> 1
				urdu += int(class&urduLetter) >> 2
				i += 2
			}
			sc.letters[scriptArabic] += letters
			sc.persian += persian
			sc.urdu += urdu
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		s := sc.letter(r)
		if s >= 0 {
			sc.letters[s]++
		}
		if s == scriptLatin {
			var lower [utf8.UTFMax]byte
			l := utf8.EncodeRune(lower[:], unicode.ToLower(r))
			if n+l <= len(word) {
				copy(word[n:], lower[:l])
			}
			n += l
			continue
		}
		if s >= 0 || !isWordRune(r) {
			if n > 0 {
				sc.endWord(t, word[:], n)
				n = 0
			}
		}
	}
	if n > 0 {
		sc.endWord(t, word[:], n)
	}
}

// endWord counts a Latin word of n bytes, word[:n] (when n fits).
func (sc *scriptCounts) endWord(t *langTables, word []byte, n int) {
	sc.latinWords++
	if n > len(word) || word[0] < utf8.RuneSelf && t.shapes[word[0]]&(1<<n) == 0 {
		return
	}
	// string(b) in an index expression does not allocate.
	if langs := t.words[string(word[:n])]; langs != 0 {
		// A word of one letter (y, o, e) is half a vote: it is as
		// often an initial or a letter as the word.
		vote := 2
		if n == 1 {
			vote = 1
		}
		for l := range latinLangs {
			if langs&(1<<l) != 0 {
				sc.votes[l] += vote
			}
		}
	}
}

// letter returns the script of r, counting the letters that tell a
// language of it apart; -1 when r is not a letter.
func (sc *scriptCounts) letter(r rune) int {
	if !unicode.IsLetter(r) {
		return -1
	}
	switch {
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Cyrillic, r):
		switch r {
		case 'і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ':
			sc.ukrainian++
		case 'ъ', 'Ъ':
			sc.bulgarian++
		case 'ђ', 'ћ', 'џ', 'љ', 'њ', 'ј', 'Ђ', 'Ћ', 'Џ', 'Љ', 'Њ', 'Ј':
			sc.serbian++
		}
		return scriptCyrillic
	}
	for _, s := range scriptTables {
		if unicode.Is(s.table, r) {
			return s.script
		}
	}
	return scriptOther
}

// scriptTables are Unicode's scripts of the others, the Latin first
// (accented letters are the commonest here).
var scriptTables = [...]struct {
	table  *unicode.RangeTable
	script int
}{
	{unicode.Latin, scriptLatin}, {unicode.Greek, scriptGreek}, {unicode.Hebrew, scriptHebrew},
	{unicode.Armenian, scriptArmenian}, {unicode.Georgian, scriptGeorgian},
	{unicode.Devanagari, scriptDevanagari}, {unicode.Bengali, scriptBengali}, {unicode.Tamil, scriptTamil},
	{unicode.Thai, scriptThai}, {unicode.Ethiopic, scriptEthiopic},
	{unicode.Hiragana, scriptKana}, {unicode.Katakana, scriptKana},
	{unicode.Hangul, scriptHangul}, {unicode.Han, scriptHan},
}

func (sc *scriptCounts) language() string {
	total := 0
	for _, n := range sc.letters {
		total += n
	}
	// The scripts from the one with most letters down: the first that
	// gives a language, if it holds a tenth of the letters at least (the
	// Latin letters of an Arabic article may be a page's leftover markup,
	// or a list of film titles, which say no language).
	done := [numScripts]bool{}
	for total > 0 {
		best := -1
		for s, n := range sc.letters {
			if !done[s] && n > 0 && (best < 0 || n > sc.letters[best]) {
				best = s
			}
		}
		if best < 0 || sc.letters[best]*10 < total {
			break
		}
		done[best] = true
		if code := sc.scriptLanguage(best); code != Und {
			return code
		}
	}
	return Und
}

// scriptLanguage names the language of the letters of script s.
func (sc *scriptCounts) scriptLanguage(s int) string {
	n := sc.letters[s]
	switch s {
	case scriptArabic:
		// پ چ ژ گ are about 2 % of a Persian text's letters and ے ں ٹ ڈ
		// ڑ 5 % of an Urdu one's; an Arabic text has them only in a
		// foreign name. ی and ک are left out: Arabic typed on a Persian
		// keyboard has them for ي, ى and ك.
		switch {
		case sc.urdu*200 >= n:
			return "ur"
		case sc.persian*100 >= n:
			return "fa"
		}
		return "ar"
	case scriptCyrillic:
		switch {
		case sc.serbian*200 >= n:
			return "sr"
		case sc.ukrainian*100 >= n:
			return "uk"
		case sc.bulgarian*100 >= n:
			return "bg" // ъ is a vowel in Bulgarian, nearly unused in Russian
		}
		return "ru"
	case scriptHan:
		if sc.letters[scriptKana] > 0 {
			return "ja" // Japanese mixes kanji and kana
		}
		return "zh"
	case scriptKana:
		return "ja"
	case scriptLatin:
		return sc.latinLanguage()
	}
	if code := scriptCodes[s]; code != "" {
		return code
	}
	return Und
}

// latinLanguage names the Latin-script language most of the common words
// belong to: more of them than of any other, one whole vote at least (a
// word of one letter alone tells nothing: "y" is Spanish and "o"
// Portuguese, but as often an initial), and at least one word in twenty
// (prose has three or four in ten, a headline one or two; markup, lists
// and names none).
func (sc *scriptCounts) latinLanguage() string {
	first, second := 0, 0
	for l, v := range sc.votes {
		switch {
		case v > sc.votes[first]:
			second = sc.votes[first]
			first = l
		case l != first && v > second:
			second = v
		}
	}
	if v := sc.votes[first]; v < 2 || v == second || v*10 < sc.latinWords { // half votes
		return Und
	}
	return latinLangs[first]
}

// latinLangs are the Latin-script languages told apart by latinWords.
var latinLangs = [...]string{"en", "fr", "es", "de", "it", "pt", "nl", "tr"}

// Classes of the runes U+0600–U+06FF, bits.
const (
	arabicLetter  = 1 << iota // a letter (not harakat, digits, punctuation)
	persianLetter             // پ چ ژ گ, which Arabic does not use
	urduLetter                // ٹ ڈ ڑ ں ے, which Persian does not use either
)

type langTables struct {
	// words maps common words (function words, lower case) to the
	// languages of latinLangs they belong to, a bit each; a word of
	// several (il: French and Italian) counts for each. Words that most of
	// them share (de, la, en, a, que, un, in) are left out.
	words map[string]uint16
	// shapes[c] has bit n set when a word of words starts with the byte
	// c and is n bytes long: most words need no lookup.
	shapes [utf8.RuneSelf]uint16
	// arabic holds the class of U+0600 + i.
	arabic [256]uint8
}

// languageTables are made at first use, not at every start of the program.
var languageTables = sync.OnceValue(func() *langTables {
	t := &langTables{words: map[string]uint16{}}
	for i := range t.arabic {
		r := rune(0x0600 + i)
		switch {
		case strings.ContainsRune("پچژگ", r):
			t.arabic[i] = arabicLetter | persianLetter
		case strings.ContainsRune("ٹڈڑںے", r):
			t.arabic[i] = arabicLetter | urduLetter
		case unicode.IsLetter(r):
			t.arabic[i] = arabicLetter
		}
	}
	lists := [len(latinLangs)]string{
		"the and of to is that for with was are were has have had this from which by it not be he she they been at on his " +
			"will would said says after an about their who what when over into more than but or its you we our all can out up how why " +
			"during before until if as new one some just most even also only every very then there these those them him her",
		"le les des du et est une dans pour qui pas sur au aux avec elle ont sont par cette ce il plus été ne nous " +
			"mais comme ses leur très où après contre selon aussi",
		"el los las del y es al lo como más pero fue sus muy también está este esta entre ha han sobre hasta desde " +
			"su porque cuando después según años",
		"der die das und ist nicht ein eine zu den von mit sich auf für im dem auch wird wurde nach bei aus sie es hat werden als " +
			"an dass sind oder noch nur über wie einen einer zum zur vor",
		"di che della delle dei degli gli per sono è nel nella alla anche questo questa più hanno ma stato ha come il non del al lo ne " +
			"dal dalla nei sul sulla tra già dopo essere ci quando",
		"o os do dos em não com mais foi ao pelo pela também seu sua são muito uma como está este esta entre sobre desde " +
			"na nas nos à ainda quando após até",
		"het een van dat niet op voor zijn ook als bij naar maar wordt werd deze heeft hebben worden die is " +
			"er nog wel om tot uit aan ze wat kan",
		"ve bir bu için ile olarak çok daha gibi olan ama kadar sonra ise değil göre " +
			"veya şey yeni arasında üzerinde tarafından oldu ediyor",
	}
	for l, words := range lists {
		for _, w := range strings.Fields(words) {
			if len(w) > maxVoteBytes {
				panic("analyze: common word " + w + " is longer than maxVoteBytes")
			}
			t.words[w] |= 1 << l
			if w[0] < utf8.RuneSelf {
				t.shapes[w[0]] |= 1 << len(w)
			}
		}
	}
	return t
})
