package main

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"arshif/analyze"
	"arshif/store"
)

func TestQueryText(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"وزارة الصحة"}, `"وزارة الصحة"`},
		{[]string{"داعش", "سوريا"}, "داعش سوريا"},
		{[]string{"الرقة OR دير"}, "الرقة OR دير"},
		{[]string{"داعش -سوريا"}, "داعش -سوريا"},
		{[]string{"title:الرقة سوريا"}, "title:الرقة سوريا"},
		{[]string{"lang:ar سوريا"}, "lang:ar سوريا"},
		{[]string{"TITLE:الرقة سوريا"}, "TITLE:الرقة سوريا"}, // field names in any case, as the parser reads them
		{[]string{"10:30 الرقة"}, `"10:30 الرقة"`},           // not a field: a phrase
		{[]string{`"a b" c`}, `"a b" c`},
	}
	for _, tt := range tests {
		if got := queryText(tt.args); got != tt.want {
			t.Errorf("queryText(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestCompileQuery(t *testing.T) {
	term := func(terms ...string) *store.MatchTerm { return &store.MatchTerm{Terms: terms} }
	tests := []struct {
		query string
		want  store.Match
	}{
		{"الانتخابات", term("انتخاب")},
		{"الرقة -داعش", &store.MatchAnd{Must: []store.Match{term("رقه")}, Not: []store.Match{term("داعش")}}},
		{"الرقة OR سوريا", &store.MatchOr{Any: []store.Match{term("رقه"), term("سوريا")}}},
		{`"وزارة الصحة"`, &store.MatchPhrase{Words: [][]string{{"وزار"}, {"صحه"}}}},
		{"title:الرقة", &store.MatchTerm{Terms: []string{"رقه"}, Title: true}},
		{"tag:سوريا", &store.MatchFacet{Tag: "سوريا"}},
		{`source:"وكالة الأنباء"`, &store.MatchFacet{Source: "وكالة الأنباء"}},
		{"=الرقة", &store.MatchTerm{Terms: []string{"رقه"}, Exact: "الرقة"}},
		{"president*", &store.MatchTerm{Terms: []string{"president", "presid"}, Prefix: true}},
		{"presiden*", &store.MatchOr{Any: []store.Match{&store.MatchTerm{Terms: []string{"presiden"}, Prefix: true}, &store.MatchTerm{Terms: []string{"preside", "presid"}}}}},
		{"covid-19", &store.MatchPhrase{Words: [][]string{{"covid"}, {"19"}}}},
		// Negations only: every article but those.
		{"-الرقة", &store.MatchAnd{Not: []store.Match{&store.MatchTerm{Terms: []string{"رقه"}}}}},
		{"-الرقة -tag:سوريا", &store.MatchAnd{Not: []store.Match{&store.MatchTerm{Terms: []string{"رقه"}}, &store.MatchFacet{Tag: "سوريا"}}}},
		{"(الرقة OR -سوريا) دير", &store.MatchAnd{Must: []store.Match{
			&store.MatchOr{Any: []store.Match{
				&store.MatchTerm{Terms: []string{"رقه"}},
				&store.MatchAnd{Not: []store.Match{&store.MatchTerm{Terms: []string{"سوريا"}}}},
			}},
			&store.MatchTerm{Terms: []string{"دير"}},
		}}},
	}
	for _, tt := range tests {
		c, err := compileQuery([]string{tt.query})
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		if !reflect.DeepEqual(c.match, tt.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", tt.query, c.match, tt.want)
		}
	}
	for _, bad := range []struct{ query, msg string }{
		{"tag:سور*", "matched whole"},
		{"داعش ـــ", "no letters or digits"},
		{`"وزارة`, "unterminated phrase"},
	} {
		_, err := compileQuery([]string{bad.query})
		if err == nil || !strings.Contains(err.Error(), bad.msg) || exitCode(err) != exitUsage {
			t.Errorf("%s: error %v, want %q and a usage error", bad.query, err, bad.msg)
		}
	}
}

// TestLanguagesHelp checks that query --help lists every language
// analyze.Language tells apart, code and name, in its order.
func TestLanguagesHelp(t *testing.T) {
	var want []string
	for _, l := range analyze.Languages {
		want = append(want, l.Code+" "+l.Name)
	}
	_, list, _ := strings.Cut(languagesHelp, "of each language.\n")
	list, _, _ = strings.Cut(list, "\n   und:")
	var got []string
	for _, item := range strings.Split(list, ",") {
		got = append(got, strings.Join(strings.Fields(item), " "))
	}
	if !slices.Equal(got, want) {
		t.Errorf("query --help lists the languages\n%q\nwant\n%q", got, want)
	}
}

// TestLangCodes checks how --lang reads its values (analyze's
// TestLanguageCode what each may be).
func TestLangCodes(t *testing.T) {
	got, err := langCodes([]string{"ar,fa", " en ", "ar", ""})
	if want := []string{"ar", "fa", "en"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("langCodes = %q, %v, want %q", got, err, want)
	}
	if _, err := langCodes([]string{" , "}); err == nil || exitCode(err) != exitUsage {
		t.Errorf("langCodes(,): %v, want a usage error", err)
	}
	if _, err := langCodes([]string{"ar,xx"}); err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), `"xx"`) {
		t.Errorf("langCodes(ar,xx): %v, want a usage error naming xx", err)
	}
}
