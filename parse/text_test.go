package parse

import (
	"encoding/json"
	"errors"
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
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CleanLine(s), slowCleanLine(s); got != want {
			t.Errorf("CleanLine(%q) = %q, want %q", s, got, want)
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
