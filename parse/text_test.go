package parse

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// slowCleanLine is CleanLine without its fast path.
func slowCleanLine(s string) string {
	return strings.Join(strings.FieldsFunc(cleanControl(s), isSpace), " ")
}

func TestCleanLineFastPath(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\u00a0b", "a\u0085b",
		"a\u2003b", "a\u3000b", "a\u1680b", "a\u200bb", "“قال”", "a\u2028b", "a\u202fb", "a\u205fb", "a\u2010b", "x\u00e9", "\u2029", "a\xe2", "قال  المتحدث", "قال المتحدث “نعم”", "x\x00y",
		"\ufeffعنوان", "end\u202f", "الرقة، سوريا (أ ف ب)",
	} {
		if got, want := CleanLine(s), slowCleanLine(s); got != want {
			t.Errorf("CleanLine(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCleanLine(f *testing.F) {
	f.Add("قال  المتحدث\u00a0 نعم ")
	f.Add("\u201cquoted\u201d as Latin-1: \xc2\x93 \xc2\xc2\x9b\x9b")
	f.Fuzz(func(t *testing.T, s string) {
		got := CleanLine(s)
		if want := slowCleanLine(s); got != want {
			t.Errorf("CleanLine(%q) = %q, want %q", s, got, want)
		}
		if i := controlAt(got); i >= 0 {
			t.Errorf("CleanLine(%q) = %q keeps a control character at byte %d", s, got, i)
		}
	})
}

// Bytes that are not UTF-8 never reach textValue: Record refuses them.
func TestRecordNotUTF8(t *testing.T) {
	obj := map[string]json.RawMessage{"title": json.RawMessage("\"bad \xff byte\"")}
	if _, _, err := Record(obj, Options{}); !errors.Is(err, ErrEncoding) {
		t.Errorf("Record with a byte that is not UTF-8: %v, want ErrEncoding", err)
	}
}

func TestTextValueEscapes(t *testing.T) {
	for raw, want := range map[string]string{
		`"plain عربي"`:   "plain عربي",
		`"a\"b"`:         `a"b`,
		`"\u0627\u0644"`: "ال",
		`"tab\there"`:    "tab\there",
		`""`:             "",
		`["a","b"]`:      "a, b",
		`12.5`:           "12.5",
		// What news APIs give for a source or authors.
		`{"id":"bbc","name":"BBC News"}`: "BBC News",
		`[{"name":"A"},{"name":"B"}]`:    "A, B",
	} {
		got, err := textValue([]byte(raw))
		if err != nil || got != want {
			t.Errorf("textValue(%s) = %q, %v; want %q", raw, got, err, want)
		}
	}
	for _, raw := range []string{`{"id":"bbc"}`, `[{"name":"A"},{"id":2}]`, `true`} {
		if got, err := textValue([]byte(raw)); err == nil {
			t.Errorf("textValue(%s) = %q, want an error", raw, got)
		}
	}
}

func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`"plain"`, `"a\"b\\c\/d\n\t\r\b\f"`, `"\u0627\u0644 \u00e9"`, `"\ud83d\ude00"`, `"\ud83d"`, "\"\xff\"", `"\u12"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want string
		if json.Unmarshal(raw, &want) != nil || !utf8.Valid(raw) {
			return // unquote only sees validated strings
		}
		if got, ok := unquote(raw); ok && got != want {
			t.Errorf("unquote(%q) = %q, json.Unmarshal gives %q", raw, got, want)
		}
		if got, err := textValue(raw); err != nil || got != want {
			t.Errorf("textValue(%q) = %q, %v; want %q", raw, got, err, want)
		}
	})
}

func TestCleanControlBOMs(t *testing.T) {
	nested := strings.Repeat("\xef\xbb", 1000) + strings.Repeat("\xbf", 1000)
	for in, want := range map[string]string{
		"\ufeffa\ufeffb\ufeff":      "ab",
		"\xef\xbb\x0e\xbf x":        " x",
		"\xef\xbb\xef\xbb\xbf\xbfy": "y",
		nested + "z":                "z",
		"\xffkeep\ufeff":            "\xffkeep",
	} {
		if got := cleanControl(in); got != want {
			t.Errorf("cleanControl(%q) = %q, want %q", in[:min(len(in), 20)], got, want)
		}
	}
}

// controlAt returns where s holds a control character other than newline
// and tab (C0, DEL or C1, U+0080-U+009F) or a byte-order mark, or -1.
func controlAt(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' && c != '\n' && c != '\t' || c == 0x7f || c == 0xc2 && i+1 < len(s) && 0x80 <= s[i+1] && s[i+1] <= 0x9f || strings.HasPrefix(s[i:], bom) {
			return i
		}
	}
	return -1
}

// TestCleanControlC1: the C1 controls, which text in Windows-1252 read as
// Latin-1 leaves (\u0093 for ", \u0096 for -), are removed, NEXT LINE is a
// line break, and the letters of U+00A0-U+00FF stay.
func TestCleanControlC1(t *testing.T) {
	for in, want := range map[string]string{
		"\u0093quoted\u0094 \u0096 dash": "quoted  dash",
		"a\u0080b\u009fc\u009bd":         "abcd",
		"one\u0085two":                   "one\ntwo",
		"\u00a0\u00ab\u00e9\u00bb\u00ff": "\u00a0\u00ab\u00e9\u00bb\u00ff",
		"«الرقة»":                        "«الرقة»",
		"\xc2\xc2\x9b\x9bx":              "x", // a control formed as one is taken out
		"\xc2\ufeff\x85y":                "\ny",
		"\xc2Ax\xc2":                     "\xc2Ax\xc2",
	} {
		if got := cleanControl(in); got != want {
			t.Errorf("cleanControl(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWalkC1: no import path lets a C1 control into an article: not in a
// title, body, source, author or tag, from text, JSON, JSON Lines or CSV.
func TestWalkC1(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		writeFile(t, dir, "a.txt", []byte("Title\u0093 one\u0094\n\nBody\u009b one\u0085two #tag\u0096x\n")),
		writeFile(t, dir, "b.jsonl", []byte(`{"title":"T\u009bitle","body":"B\u0080ody","tags":["a\u009bb","\u0085"],"source":"S\u009b","author":"A\u009f"}`+"\n")),
		writeFile(t, dir, "c.json", []byte(`[{"title":"T\u009bitle","content":"one\u0085two","category":"c\u009bat","keywords":"k\u009b1, k2"}]`)),
		writeFile(t, dir, "d.csv", []byte("title,body,tags\nT\u009bitle,B\u0093ody\u0094,x\u009by;\u0085\n")),
	}
	var got []string
	err := Walk(t.Context(), files, Options{}, func(it Item) error {
		if it.Problem != nil {
			t.Errorf("problem: %v", it.Problem)
			return nil
		}
		a := it.Article
		for _, s := range append([]string{a.Title, a.Body, a.Source, a.Author}, a.Tags...) {
			if i := controlAt(s); i >= 0 {
				t.Errorf("%s: %q holds a control character", a.Origin, s)
			}
		}
		got = append(got, strings.Join([]string{a.Title, a.Body, a.Source, a.Author, strings.Join(a.Tags, "|")}, " ; "))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Title one ; Body one\n\ntwo #tagx ;  ;  ; tagx",
		"Title ; Body ; S ; A ; ab",
		"Title ; one\n\ntwo ;  ;  ; k1|k2|cat",
		"Title ; Body ;  ;  ; xy",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
