package analyze

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

func terms(text string, lang Lang) []string {
	var out []string
	NewAnalyzer().Tokens(text, lang, 0, func(t Token) { out = append(out, t.Term) })
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		lang Lang
		want string
	}{
		{"#التحالف_الدولي بقيادة #واشنطن", English, "تحالف دولي قياد واشنطن"},
		{"الانتخابات والانتخابات انتخابات بالانتخابات للانتخابات", English, "انتخاب انتخاب انتخاب انتخاب انتخاب"},
		{"أكثر من ٤٠٠ مقاتل", English, "اكثر من 400 مقاتل"},
		{"1,720 جندياً و3.5", English, "1,720 جندي 3.5"},
		{"The coalition's forces were running", English, "the coalit s forc were run"},
		{"Les élections présidentielles", French, "le elect presidentiel"},
		{"l'État", French, "l etat"},
		{"ﷺ", English, "صلي الل علي وسلم"},
	}
	for _, tt := range tests {
		if got := strings.Join(terms(tt.text, tt.lang), " "); got != tt.want {
			t.Errorf("Tokens(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "في #الرقة، اليوم"
	var got []string
	NewAnalyzer().Tokens(text, English, 5, func(tok Token) {
		got = append(got, text[tok.Start:tok.End]+"@"+string(rune('0'+tok.Pos)))
	})
	if want := []string{"في@5", "الرقة@6", "اليوم@7"}; !reflect.DeepEqual(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestStemArabic(t *testing.T) {
	tests := []struct{ in, want string }{
		{"الرقه", "رقه"},
		{"ورقه", "ورق"}, // paper, not "and Raqqa"
		{"وسوريا", "سوريا"},
		{"وزير", "وزير"},
		{"لبنان", "لبنان"},
		{"البحرين", "بحرين"},
		{"مسلمون", "مسلم"},
		{"المعلمين", "معلم"},
		{"السوري", "سوري"},
		{"السوريه", "سوري"},
		{"الله", "الل"},
		{"مدرستها", "مدرس"},
	}
	for _, tt := range tests {
		if got := StemArabic(tt.in); got != tt.want {
			t.Errorf("StemArabic(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	az := NewAnalyzer()
	if got, want := az.QueryTerms("élections"), []string{"election", "elect"}; !reflect.DeepEqual(got, want) {
		t.Errorf("QueryTerms(élections) = %q, want %q", got, want)
	}
	if got, want := az.QueryTerms("running"), []string{"run", "running"}; !reflect.DeepEqual(got, want) {
		t.Errorf("QueryTerms(running) = %q, want %q", got, want)
	}
	if got, want := az.QueryTerms("الرقّة"), []string{"رقه"}; !reflect.DeepEqual(got, want) {
		t.Errorf("QueryTerms(الرقّة) = %q, want %q", got, want)
	}
}

func TestStemmingFor(t *testing.T) {
	for text, want := range map[string]Lang{
		"Le président a dit que les élections sont pour demain": French,
		"The president said that the elections are tomorrow":    English,
		"Il governo ha detto che le elezioni sono domani":       English, // Italian: no stemmer of its own
		"الرقة": English,
	} {
		if got := StemmingFor(Language(text)); got != want {
			t.Errorf("StemmingFor(Language(%q)) = %v, want %v", text, got, want)
		}
	}
}

// TestPeerRecallWords: the ten words of the peers benchmark
// (../shared/bench), each with the six spellings a journalist might type,
// must each give one index term.
func TestPeerRecallWords(t *testing.T) {
	words := [][]string{
		{"السعودية", "السعوديه", "سعودية", "والسعودية", "بالسعودية", "السُّعُودِيَّة"},
		{"الأمير", "الامير", "أمير", "امير", "والأمير", "الأَمِير"},
		{"الإسلام", "الاسلام", "إسلام", "اسلام", "والإسلام", "الإِسْلَام"},
		{"القرآن", "القران", "قرآن", "قران", "والقرآن", "القُرْآن"},
		{"مستشفى", "مستشفي", "المستشفى", "المستشفي", "والمستشفى", "مُسْتَشْفَى"},
		{"إيران", "ايران", "وإيران", "وايران", "لإيران", "إِيرَان"},
		{"مكة", "مكه", "ومكة", "بمكة", "لمكة", "مَكَّة"},
		{"الأسعار", "الاسعار", "أسعار", "اسعار", "وأسعار", "الأَسْعَار"},
		{"الشورى", "الشوري", "شورى", "شوري", "والشورى", "الشُّورَى"},
		{"هيئة", "هيئه", "الهيئة", "الهيئه", "وهيئة", "هَيْئَة"},
	}
	az := NewAnalyzer()
	for _, spellings := range words {
		want := strings.Join(az.QueryTerms(spellings[0]), "|")
		for _, s := range spellings[1:] {
			if got := strings.Join(az.QueryTerms(s), "|"); got != want {
				t.Errorf("%s → %s, but %s → %s", spellings[0], want, s, got)
			}
		}
	}
}

func BenchmarkTokens(b *testing.B) {
	data, err := os.ReadFile("../testdata/seed/000_6ddd29a30fd94c1d.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	az := NewAnalyzer()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		az.Tokens(text, English, 0, func(Token) {})
	}
}

func TestWordTable(t *testing.T) {
	for r := rune(0); r < wordTableSize; r++ {
		if isWordRune(r) != wordRuneSlow(r) || isDigit(r) != unicode.IsDigit(r) {
			t.Fatalf("wordTable differs from Unicode at %U: run go generate in analyze", r)
		}
	}
}

func FuzzDecodeRune(f *testing.F) {
	f.Add("عربي\xd8\xc0 \xc1\xbf é\xe2\x82")
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			r, n := decodeRune(s, i)
			if wr, wn := utf8.DecodeRuneInString(s[i:]); r != wr || n != wn {
				t.Fatalf("decodeRune(%q, %d) = %U, %d; want %U, %d", s, i, r, n, wr, wn)
			}
		}
	})
}

// Analyzers sharing a vocabulary, used at once and publishing as they go,
// give every word the terms a fresh analyzer gives it.
func TestVocabulary(t *testing.T) {
	texts := []string{
		"قوات سوريا الديمقراطية في الرقة والرقة وبالرقة",
		"The coalition said on Thursday that Raqqa was taken.",
		"Les forces démocratiques syriennes ont pris Raqqa jeudi.",
		"ﷺ وزارة الصحة الوزارة وزاره",
	}
	v := NewVocabulary()
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			az, fresh := NewSharingAnalyzer(v), NewAnalyzer()
			for i := range 400 {
				text, lang := texts[(i+g)%len(texts)], Lang(i%2)
				var got, want []string
				az.Tokens(text, lang, 0, func(tok Token) {
					if tok.Hash != TermHash(tok.Term) {
						t.Errorf("%q: hash %d, TermHash %d", tok.Term, tok.Hash, TermHash(tok.Term))
					}
					got = append(got, tok.Term)
				})
				fresh.Tokens(text, lang, 0, func(tok Token) { want = append(want, tok.Term) })
				if !reflect.DeepEqual(got, want) {
					t.Errorf("shared %q, fresh %q", got, want)
					return
				}
				if i%7 == 0 {
					az.Publish()
				}
			}
		})
	}
	wg.Wait()
	if v.words[English].count == 0 {
		t.Error("nothing was published")
	}
}
