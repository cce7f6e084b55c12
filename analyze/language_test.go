package analyze

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLanguage(t *testing.T) {
	tests := []struct {
		title, body, want string
	}{
		{"وزير الخارجية يصل إلى الرياض", "وصل وزير الخارجية إلى الرياض مساء الاثنين في زيارة رسمية تستمر يومين.", "ar"},
		// Arabic typed on a Persian keyboard: ی for ى, ک for ك.
		{"وفاة شيخ", "توفي الشيخ، والد المبتعثة إلی جامعة أدليد، الدكتورة هدی بنت سعيد.", "ar"},
		{"ملک الأردن يزور الکويت", "وصل ملک الأردن إلی الکويت في زيارة رسمية يلتقي خلالها کبار المسؤولين، وكان في استقباله ولي العهد.", "ar"},
		// An Arabic article whose page left its style sheet in the text.
		{"المعسكرات الخارجية أم تسديد الديون؟", "معظم فرق الدوري السعودي تستعد للموسم الرياضي القادم في إقامة معسكرات خارجية. " +
			"#vote_area2 ul { padding: 0; margin: 0; } .box_vote { background: #FFFFFF; border: solid 1px #ccc; border-radius: 5px; padding: 18px; margin-bottom: 10px; overflow: hidden; }", "ar"},
		{"رئیس جمهور به تهران بازگشت", "رئیس جمهور پس از سفر چند روزه به نیویورک امروز صبح به تهران بازگشت و گفت که این سفر برای کشور مفید بود.", "fa"},
		{"وزیر اعظم نے اجلاس طلب کر لیا", "وزیر اعظم نے آج کابینہ کا ہنگامی اجلاس طلب کیا ہے جس میں ملک کی معاشی صورتحال پر غور کیا جائے گا۔", "ur"},
		{"Ministers agree on a new budget", "The ministers agreed on Tuesday that the budget would be cut by a tenth, and the plan was sent to parliament.", "en"},
		// Title case, few common words: a headline and its one sentence.
		{"Biden Says U.S. Forces Would Defend Taiwan If China Invaded", "President issues vow as tensions with China rise.", "en"},
		{"Le gouvernement annonce un plan d'urgence", "Le Premier ministre a présenté mardi un plan pour les hôpitaux, qui sont en difficulté depuis des mois.", "fr"},
		{"El Gobierno aprueba los presupuestos", "El Consejo de Ministros aprobó el martes los presupuestos del próximo año, que también incluyen más gasto social.", "es"},
		{"Regierung beschließt neues Gesetz", "Die Bundesregierung hat am Mittwoch ein Gesetz beschlossen, das die Mieten in den Städten begrenzen soll.", "de"},
		{"Il governo approva la manovra", "Il consiglio dei ministri ha approvato la manovra, che secondo il ministro sarà votata anche dalle opposizioni.", "it"},
		{"Governo anuncia novas medidas", "O governo anunciou nesta terça-feira um pacote de medidas para os hospitais, que não recebem verbas há meses.", "pt"},
		{"Kabinet neemt nieuwe maatregelen", "Het kabinet heeft dinsdag besloten dat de scholen in het hele land voorlopig open blijven, maar er komen wel extra regels.", "nl"},
		{"Hükümet yeni önlemleri açıkladı", "Bakan, bu yıl için çok daha fazla yatırım yapılacağını ve yeni bir plan olarak meclise sunulacağını söyledi.", "tr"},
		{"Правительство утвердило бюджет", "Правительство в среду утвердило проект бюджета на следующий год, сообщили в министерстве финансов.", "ru"},
		{"Уряд ухвалив бюджет", "Уряд у середу ухвалив проєкт бюджету на наступний рік, повідомили в міністерстві фінансів України.", "uk"},
		{"Правителството прие бюджета", "Правителството прие в сряда проектобюджета за следващата година, съобщиха от министерството на финансите. Дългът ще расте.", "bg"},
		{"Влада усвојила буџет", "Влада Србије је у среду усвојила предлог буџета за наредну годину, саопштило је министарство финансија.", "sr"},
		{"Η κυβέρνηση ενέκρινε τον προϋπολογισμό", "Η κυβέρνηση ενέκρινε την Τετάρτη τον προϋπολογισμό του επόμενου έτους.", "el"},
		{"הממשלה אישרה את התקציב", "הממשלה אישרה ביום רביעי את תקציב המדינה לשנה הבאה.", "he"},
		{"政府批准了明年的预算", "国务院星期三批准了明年的财政预算。", "zh"},
		{"政府が来年度の予算案を決定", "政府は水曜日、来年度の予算案を閣議決定した。", "ja"},
		{"정부, 내년 예산안 의결", "정부는 수요일 국무회의에서 내년도 예산안을 의결했다.", "ko"},
		{"सरकार ने बजट को मंजूरी दी", "सरकार ने बुधवार को अगले साल के बजट को मंजूरी दे दी।", "hi"},
		// Nothing to go by: no letters, names only, too few words.
		{"", "", Und},
		{"2015", "12:30 — 14:00", Und},
		{"Obama, Merkel", "Paris, Berlin", Und},
		// One common word is no evidence: "y" is Spanish, "o" Portuguese.
		{"x", "y", Und},
		{"O'Brien", "quoted", Und},
	}
	for _, tt := range tests {
		if got := Language(tt.title, tt.body); got != tt.want {
			t.Errorf("Language(%q, %q) = %q, want %q", tt.title, tt.body, got, tt.want)
		}
	}
}

// TestLanguageWindow checks that only the start of a long text counts,
// and that a cut never splits a rune or keeps half a word.
func TestLanguageWindow(t *testing.T) {
	arabic := strings.Repeat("وصل وزير الخارجية إلى الرياض في زيارة رسمية. ", 100)
	english := strings.Repeat("The minister said that the plan was sent to parliament. ", 100)
	if got := Language("", arabic+english); got != "ar" {
		t.Errorf("Arabic then English: %q, want ar", got)
	}
	if got := Language("", english+arabic); got != "en" {
		t.Errorf("English then Arabic: %q, want en", got)
	}
	// A title that fills the window leaves at most a word's room for the
	// body.
	if got := Language(english, arabic); got != "en" {
		t.Errorf("English title: %q, want en", got)
	}
	// The window ends inside "there", after "the": the cut word is
	// dropped, not read as "the".
	text := strings.Repeat("a", languageWindow-4) + " there"
	if got := Language(text); got != Und {
		t.Errorf("a word cut by the window counted: %q, want %q", got, Und)
	}
}

// TestLanguageSamples reads the bundled samples of the corpora: every
// SaudiNewsNet article is Arabic, every BBC and HuffPost one English.
func TestLanguageSamples(t *testing.T) {
	dir := filepath.Join("..", "testdata", "sample")
	bbc, err := filepath.Glob(filepath.Join(dir, "bbc", "*.txt"))
	if err != nil || len(bbc) == 0 {
		t.Fatalf("no BBC samples: %v", err)
	}
	for _, f := range bbc {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(string(b), "\n")
		if got := Language(title, body); got != "en" {
			t.Errorf("%s: %q, want en", f, got)
		}
	}
	seed, err := os.ReadFile(filepath.Join("..", "testdata", "seed", "000_6ddd29a30fd94c1d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(seed), "\n")
	if got := Language(title, body); got != "ar" {
		t.Errorf("seed: %q, want ar", got)
	}
}

// BenchmarkLanguage reads the bundled SaudiNewsNet sample, as an import
// of it does, and an English text.
func BenchmarkLanguage(b *testing.B) {
	arts := saudiNewsNetSample(b)
	english := strings.Repeat("The minister said that the plan was sent to parliament. ", 60)
	b.Run("saudinewsnet", func(b *testing.B) {
		for b.Loop() {
			for _, a := range arts {
				Language(a.Title, a.Content)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(arts)), "ns/article")
	})
	b.Run("english", func(b *testing.B) {
		for b.Loop() {
			Language("Plan sent to parliament", english)
		}
	})
}

// TestLanguagesListed checks that every code Language can give is in
// Languages, which --lang accepts, and the other way round: each script
// is given letters, with and without those that tell its languages apart,
// and the Latin one each language's words.
func TestLanguagesListed(t *testing.T) {
	codes := map[string]bool{}
	for s := range numScripts {
		for variant := range 7 {
			sc := scriptCounts{latinWords: 2}
			sc.letters[s] = 100
			switch variant {
			case 1:
				sc.persian = 100
			case 2:
				sc.urdu = 100
			case 3:
				sc.ukrainian = 100
			case 4:
				sc.bulgarian = 100
			case 5:
				sc.serbian = 100
			case 6:
				sc.letters[scriptKana] = 1
			}
			codes[sc.language()] = true
			for l := range latinLangs {
				sc.votes = [len(latinLangs)]int{}
				sc.votes[l] = 2
				codes[sc.language()] = true
			}
		}
	}
	delete(codes, Und)
	for c := range codes {
		if !Listed(c) {
			t.Errorf("Language can give %q, which Languages does not list", c)
		}
	}
	if len(codes) != len(Languages) {
		t.Errorf("Language gives %d languages, Languages lists %d", len(codes), len(Languages))
	}
}

// FuzzLanguage: any bytes give a listed language or und, the same each
// time, and a text longer than the window is cut without a panic.
func FuzzLanguage(f *testing.F) {
	f.Add("وصل وزير الخارجية", "The minister said that the plan was sent.")
	f.Add("\xd8", "\xd9\xbe\xff\xfe é")
	f.Fuzz(func(t *testing.T, title, body string) {
		got := Language(title, body)
		if got != Und && !Listed(got) {
			t.Fatalf("Language(%q, %q) = %q, not a listed language", title, body, got)
		}
		if again := Language(title, body); again != got {
			t.Fatalf("Language(%q, %q) = %q, then %q", title, body, got, again)
		}
		if len(title)+len(body) > languageWindow+64 {
			return
		}
		long := body + strings.Repeat(" x", languageWindow)
		_ = Language(title, long) // must not panic at the cut
	})
}

// saudiNewsNetSample reads the bundled sample of SaudiNewsNet.
func saudiNewsNetSample(tb testing.TB) []struct{ Title, Content string } {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "sample", "saudinewsnet-sample.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var arts []struct{ Title, Content string }
	if err := json.Unmarshal(data, &arts); err != nil || len(arts) == 0 {
		tb.Fatalf("the SaudiNewsNet sample: %d articles, %v", len(arts), err)
	}
	return arts
}

// TestLanguageCode checks what --lang, lang: and a record's language field
// accept.
func TestLanguageCode(t *testing.T) {
	for in, want := range map[string]string{
		"ar": "ar", "AR": "ar", "ara": "ar", "ar-SA": "ar", "Arabic": "ar", "arabic": "ar",
		"fas": "fa", "per": "fa", "Persian": "fa", "en-GB": "en", "fre": "fr", "iw": "he",
		"zh-Hant": "zh", "und": "und", "UND": "und", "arb": "ar", "cmn": "zh", "pes": "fa",
		"fr-FR": "fr", "fr_FR": "fr", "pt-BR": "pt", "French": "fr",
	} {
		if got, ok := LanguageCode(in); !ok || got != want {
			t.Errorf("LanguageCode(%q) = %q, %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "x", "klingon", "sw", "en_GB!", "und-SA", "und-Cyrl", "en-US.UTF-8", "français"} {
		if got, ok := LanguageCode(in); ok || got != "" {
			t.Errorf("LanguageCode(%q) = %q, %v, want refused", in, got, ok)
		}
	}
}
