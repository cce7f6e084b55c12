package analyze

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

// TestMentionsTestSet scores Mentions on testdata/dates/mentions.tsv (its
// README is the specification): precision and recall over dates, compared
// per sentence as multisets.
func TestMentionsTestSet(t *testing.T) {
	data, err := os.ReadFile("../testdata/dates/mentions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var found, expected, matched int
	var misses []string
	for n, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("mentions.tsv:%d: %d columns", n+1, len(f))
		}
		var published time.Time
		if f[1] != "-" {
			if published, err = time.Parse("2006-01-02", f[1]); err != nil {
				t.Fatalf("mentions.tsv:%d: %v", n+1, err)
			}
		}
		want := map[string]int{}
		if f[3] != "-" {
			for _, e := range strings.Split(f[3], ";") {
				date, _, _ := strings.Cut(e, "=")
				want[date]++
				expected++
			}
		}
		var got []string
		for _, m := range Mentions(f[2], published) {
			got = append(got, m.String())
		}
		found += len(got)
		left := map[string]int{}
		for k, v := range want {
			left[k] = v
		}
		var extra []string
		for _, g := range got {
			if left[g] > 0 {
				left[g]--
				matched++
			} else {
				extra = append(extra, g)
			}
		}
		var missing []string
		for k, v := range left {
			for ; v > 0; v-- {
				missing = append(missing, k)
			}
		}
		if len(extra) > 0 || len(missing) > 0 {
			misses = append(misses, strings.Join([]string{f[0], f[1], f[2], "expected " + f[3], "extra " + strings.Join(extra, ","), "missing " + strings.Join(missing, ",")}, " | "))
		}
	}
	precision := float64(matched) / float64(max(found, 1))
	recall := float64(matched) / float64(max(expected, 1))
	t.Logf("precision %.3f (%d of %d found), recall %.3f (%d of %d expected)", precision, matched, found, recall, matched, expected)
	if testing.Verbose() {
		for _, m := range misses {
			t.Log(m)
		}
	}
	if precision < 0.97 || recall < 0.93 {
		t.Errorf("precision %.3f, recall %.3f: the target is 0.97 and 0.93 (go test -v -run TestMentionsTestSet ./parse lists the sentences)", precision, recall)
	}
}

func TestMentionForms(t *testing.T) {
	published := time.Date(2017, 11, 9, 0, 0, 0, 0, time.UTC) // a Thursday
	for _, tt := range []struct {
		text      string
		published time.Time
		want      string
	}{
		{"في 15 أيلول/سبتمبر و30 أيلول/سبتمبر", published, "2017-09-15 2017-09-30"},
		{"في 15 أيلول/سبتمبر", time.Time{}, "--09-15"},
		{"منذ صيف العام 2014", published, "2014"},
		{"أعلن يوم الاثنين", published, "2017-11-06"},
		{"أعلن الخميس", published, "2017-11-09"},
		{"الخميس الماضي", published, "2017-11-02"},
		{"الاثنين المقبل", published, "2017-11-13"},
		{"أمس", published, "2017-11-08"},
		{"أمس", time.Time{}, ""},
		{"١٢ أغسطس ٢٠١٥", published, "2015-08-12"},
		{"يونيو 2013", published, "2013-06"},
		{"le 1er janvier 2015", published, "2015-01-01"},
		{"June 6, 1944", published, "1944-06-06"},
		{"5/8/2015", published, "2015-08-05"},
		{"2015/2016", published, "2015 2016"},
		{"19 محرم 1437هـ", published, ""},
		{"1500 ريال", published, ""},
		{"القرار 2216", published, ""},
		{"اليوم الوطني", published, ""},
		{"officials said Monday", published, "2017-11-06"},
		{"last Monday", published, "2017-11-06"},
		{"next Monday", published, "2017-11-13"},
		{"a monday-morning feeling", published, ""},
		{"lundi dernier", published, "2017-11-06"},
	} {
		var got []string
		for _, m := range Mentions(tt.text, tt.published) {
			got = append(got, m.String())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Mentions(%q) = %q, want %q", tt.text, strings.Join(got, " "), tt.want)
		}
	}
}

func FuzzMentions(f *testing.F) {
	f.Add("يوم الخميس الماضي 30 يوليو 2015م", int64(1438387200))
	f.Add("Sept. 17-23, between August and November 2001; 2006/07", int64(0))
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var published time.Time
		if unix > 0 && unix < 1<<36 {
			published = time.Unix(unix, 0).UTC()
		}
		for _, m := range Mentions(text, published) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("Mentions(%q): %+v outside the text", text, m)
			}
		}
	})
}

// The seed article, as issue 5 describes it: with its publication date,
// three days, a year and two weekdays; without, three partial dates and the
// year.
func TestMentionsSeed(t *testing.T) {
	data, err := os.ReadFile("../testdata/seed/000_6ddd29a30fd94c1d.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data) // title line, blank line, body
	for _, tt := range []struct {
		published time.Time
		want      []string
	}{
		{time.Date(2017, 11, 9, 0, 0, 0, 0, time.UTC), []string{"2014", "2017-09-15", "2017-09-30", "2017-10-17", "2017-11-06", "2017-11-09"}},
		{time.Time{}, []string{"--09-15", "--09-30", "--10-17", "2014"}},
	} {
		var got []string
		for _, m := range Mentions(text, tt.published) {
			got = append(got, m.String())
		}
		slices.Sort(got)
		got = slices.Compact(got) // Thursday is written twice
		want := slices.Clone(tt.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("published %v: %v, want %v", tt.published, got, want)
		}
	}
}

func FuzzQuickFold(f *testing.F) {
	for _, s := range []string{"أيلول", "سبتمبر", "Monday", "اليوم", "مُحَمَّد", "ـتموز", "ﻭ", "ÉTÉ", "ى", "ة"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.IsMark(r) {
				return // tokenize gives quickFold words only
			}
		}
		if got, want := quickFold(w), Fold(w); got != want {
			t.Errorf("quickFold(%q) = %q, Fold gives %q", w, got, want)
		}
	})
}

func FuzzFoldInto(f *testing.F) {
	for _, s := range []string{"أيلول", "Monday", "اليومَ", "ـتموز", "إِلى", "مستشفى", "هيئة", "ٱلله", "ABC"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		var buf [64]byte
		if n, ok := foldInto(&buf, w); ok {
			if got, want := string(buf[:n]), Fold(w); got != want {
				t.Errorf("foldInto(%q) = %q, Fold gives %q", w, got, want)
			}
		}
	})
}

// MentionsHinted with an analyzer's hint finds what Mentions finds, on the
// sentences of the test set and on texts made to trip it: apostrophes,
// digits glued to letters, words repeated after the analyzer cached them.
func TestMentionsHinted(t *testing.T) {
	data, err := os.ReadFile("../testdata/dates/mentions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"aujourd'hui et aujourd’hui, le 3 mai 2015م ou 2015م, أمس وأمس",
		"في 15 سبتمبر/أيلول 2014 والخميس15 الماضي، ويوم الخميس الماضي",
		"Monday's meeting, on Monday, next Monday; 1,720 and 3.5 on 5 May",
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Split(line, "\t"); len(f) == 5 && !strings.HasPrefix(line, "#") {
			texts = append(texts, f[2])
		}
	}
	published := time.Date(2017, 11, 9, 0, 0, 0, 0, time.UTC)
	az := NewSharingAnalyzer(NewVocabulary())
	for round := range 2 { // the second time every word is in the caches
		for _, text := range texts {
			az.Tokens(text, StemmingFor(Language(text)), 0, func(Token) {})
			got := MentionsHinted(text, published, az.Hint())
			if want := Mentions(text, published); !reflect.DeepEqual(got, want) {
				t.Errorf("round %d, %q: hinted %v, Mentions %v", round, text, got, want)
			}
		}
		az.Publish()
	}
}
