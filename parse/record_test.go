package parse

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"arshif/analyze"
)

// TestRecordLang checks the spellings of a record's language field and
// how its values are read: codes of analyze.Languages, "" for none.
func TestRecordLang(t *testing.T) {
	for _, c := range []struct {
		record string
		want   string
	}{
		{`{"title":"t","lang":"ar"}`, "ar"},
		{`{"title":"t","Language":"en"}`, "en"},
		{`{"title":"t","language":"French"}`, "fr"},
		{`{"title":"t","LOCALE":"fr-FR"}`, "fr"},
		{`{"title":"t","locale":"pt_BR"}`, "pt"},
		{`{"title":"t","lang_code":"ar-SA"}`, "ar"},
		{`{"title":"t","language_code":"zh-Hant"}`, "zh"},
		{`{"title":"t","inLanguage":"arb"}`, "ar"},
		{`{"title":"t","inLanguage":{"@type":"Language","name":"English"}}`, "en"},
		{`{"title":"t","lang":" de "}`, "de"},
		// Earlier spellings win.
		{`{"title":"t","locale":"en-US","lang":"fr"}`, "fr"},
		// None declared: the language is read from the text.
		{`{"title":"t"}`, ""},
		{`{"title":"t","lang":""}`, ""},
		{`{"title":"t","lang":null}`, ""},
		{`{"title":"t","lang":"und"}`, ""},
	} {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(c.record), &obj); err != nil {
			t.Fatal(err)
		}
		a, notices, err := Record(obj, Options{})
		if err != nil || len(notices) > 0 {
			t.Errorf("%s: %v, notices %v", c.record, err, notices)
			continue
		}
		if a.Lang != c.want {
			t.Errorf("%s: language %q, want %q", c.record, a.Lang, c.want)
		}
	}
}

// TestRecordLangNotices checks that a value that names no language arshif
// knows is a notice naming the field and the value, and that the article
// is kept without a declared language.
func TestRecordLangNotices(t *testing.T) {
	for record, want := range map[string]string{
		`{"title":"t","language":"Klingon"}`:  `field "language" ignored: "Klingon" is not a language arshif knows; the language is read from the text`,
		`{"title":"t","lang":"sw"}`:           `field "lang" ignored: "sw" is not a language arshif knows; the language is read from the text`,
		`{"title":"t","locale":"en-US.UTF8"}`: `field "locale" ignored: "en-US.UTF8" is not a language arshif knows; the language is read from the text`,
		`{"title":"t","lang":true}`:           `field "lang" ignored: expected text, found true; the language is read from the text`,
	} {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(record), &obj); err != nil {
			t.Fatal(err)
		}
		a, notices, err := Record(obj, Options{})
		if err != nil || a == nil {
			t.Fatalf("%s: %v", record, err)
		}
		if got := fmt.Sprint(notices); got != "["+want+"]" {
			t.Errorf("%s: notices %s\nwant [%s]", record, got, want)
		}
		if a.Lang != "" {
			t.Errorf("%s: language %q, want none", record, a.Lang)
		}
	}
}

// TestWalkLang reads the language from JSON Lines and CSV, by its common
// spellings and named by hand, with the notice of a bad value placed at
// its line.
func TestWalkLang(t *testing.T) {
	dir := t.TempDir()
	jsonl := writeFile(t, dir, "items.jsonl", []byte(`{"title":"Élections","lang":"fr-FR"}`+"\n"+
		`{"title":"Wahlen","language":"Deutsch"}`+"\n"+
		`{"title":"Votes","idioma":"es"}`+"\n"))
	csv := writeFile(t, dir, "items.csv", []byte("headline,inLanguage\nالانتخابات,ar-EG\nVotes,Spanish\n"))
	langs := func(opts Options) []string {
		var got []string
		err := Walk(t.Context(), []string{jsonl, csv}, opts, func(it Item) error {
			if it.Article != nil {
				got = append(got, it.Article.Title+" "+it.Article.Lang)
			} else {
				got = append(got, strings.TrimPrefix(it.Problem.Error(), filepath.ToSlash(dir)+"/"))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	want := []string{
		"Élections fr",
		`items.jsonl:2: field "language" ignored: "Deutsch" is not a language arshif knows; the language is read from the text`,
		"Wahlen ",
		"Votes ",
		"الانتخابات ar",
		"Votes es",
	}
	if got := langs(Options{}); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	fields, err := ParseFieldMap("lang=Idioma")
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"Élections ", "Wahlen ", "Votes es", "الانتخابات ", "Votes "}
	if got := langs(Options{Fields: fields}); !reflect.DeepEqual(got, want) {
		t.Errorf("--map lang=Idioma: got\n%q\nwant\n%q", got, want)
	}
}

// TestFieldKey: keys are compared trimmed, in any case, with - and spaces
// as _, and folded as words are (é is e, hamza, ة, ى, harakat, tatweel).
func TestFieldKey(t *testing.T) {
	for in, want := range map[string]string{
		"title":             "title",
		" Title ":           "title",
		"Published At":      "published_at",
		"full-text":         "full_text",
		"Mots-Clés":         "mots_cles",
		"mots clés":         "mots_cles",
		"Catégorie":         "categorie",
		"العنوان":           "العنوان",
		"العنـــوان":        "العنوان",
		"ألعنوان":           "العنوان",
		"الكلمات المفتاحية": "الكلمات_المفتاحيه",
		"تاريخ_النشر":       "تاريخ_النشر",
		"\ufeffالنص":        "النص",
		"النَّص":            "النص",
		"المؤلف":            "المؤلف",
		"":                  "",
	} {
		if got := fieldKey(in); got != want {
			t.Errorf("fieldKey(%q) = %q, want %q", in, got, want)
		}
	}
	// plainKey, the short way, says a key is one only when folding leaves
	// it as it is.
	for r := rune(0); r < 0x0700; r++ {
		s := "a" + string(r) + "b"
		if plainKey(s) && strings.Map(func(r rune) rune {
			if r == ' ' || r == '-' {
				return '_'
			}
			return r
		}, analyze.Fold(s)) != s {
			t.Errorf("plainKey(%q) but it folds to %q", s, analyze.Fold(s))
		}
	}
	m, err := ParseFieldMap("title=Full Text, body = النَّص")
	if err != nil || m["title"] != "full_text" || m["body"] != "النص" {
		t.Errorf("ParseFieldMap: %q, %v", m, err)
	}
	for _, list := range fieldNames {
		for _, s := range list {
			if !plainKey(s) {
				t.Errorf("spelling %q takes the long way", s)
			}
		}
	}
}

// TestArabicFrenchKeys: CSV columns and JSON keys named in Arabic or French
// fill the fields their English names do.
func TestArabicFrenchKeys(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		writeFile(t, dir, "ar.csv", []byte("العنوان,النص,المصدر,الكاتب,التاريخ,الرابط,التصنيف,الكلمات المفتاحية\n"+
			"الرقة,نص الخبر,سبق,محمد,2017-10-17,http://x/1,سياسة,\"سوريا، داعش\"\n")),
		writeFile(t, dir, "ar.jsonl", []byte(`{"عنوان":"العنوان","المحتوى":"نص","الموقع":"عكاظ","المؤلف":"علي","تاريخ_النشر":"2017-10-18","رابط":"http://x/2","القسم":"رياضة، كرة","الوسوم":["أ","ب"]}`+"\n"+
			`{"العنـوان":"مع تطويل","المتن":"نص آخر"}`+"\n")),
		writeFile(t, dir, "fr.json", []byte(`[{"Titre":"Élections","Texte":"Le texte","Auteur":"Marie","Date de publication":"18 février 2018","Lien":"http://x/3","Mots-clés":"vote, France","Rubrique":"Politique, monde","Langue":"fr"}]`)),
	}
	var got []string
	err := Walk(t.Context(), files, Options{}, func(it Item) error {
		if it.Problem != nil {
			got = append(got, it.Problem.Error())
			return nil
		}
		a := it.Article
		got = append(got, strings.Join([]string{a.Title, a.Body, a.Source, a.Author, a.Published.String(), a.URL, strings.Join(a.Tags, "|"), a.Lang}, " ; "))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"الرقة ; نص الخبر ; سبق ; محمد ; 2017-10-17 ; http://x/1 ; سوريا|داعش|سياسة ; ",
		"العنوان ; نص ; عكاظ ; علي ; 2017-10-18 ; http://x/2 ; أ|ب|رياضة، كرة ; ",
		"مع تطويل ; نص آخر ;  ;  ;  ;  ;  ; ",
		"Élections ; Le texte ;  ; Marie ; 2018-02-18 ; http://x/3 ; vote|France|Politique, monde ; fr",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
