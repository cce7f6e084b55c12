package analyze

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"أحمد", "احمد"},
		{"إسلام", "اسلام"},
		{"آمنة", "امنه"},
		{"ٱلله", "الله"},
		{"مستشفى", "مستشفي"},
		{"المدينة", "المدينه"},
		{"مُحَمَّدٌ", "محمد"},
		{"الرحمٰن", "الرحمن"},
		{"جـــميل", "جميل"},
		{"عام ٢٠١٤", "عام 2014"},
		{"سال ۱۳۹۹", "سال 1399"},
		{"ﻻ", "لا"}, // presentation form ligature
		{"Élysée CAFÉ", "elysee cafe"},
		{"Straße", "strasse"},
		{"  two\t\nlines  ", "two lines"},
		{"a\u200fb\u200cc", "abc"},
		{"مسؤول رئيس", "مسؤول رئيس"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("التحالف: أكثر من 400 مقاتل أميركي")
	f.Add("Élysée")
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold is not idempotent: %q -> %q -> %q", s, once, twice)
		}
		if full := foldFull(s); utf8.ValidString(s) && full != once {
			t.Errorf("Fold(%q) = %q, with full NFKC %q", s, once, full)
		}
	})
}

// TestFoldSkipsNFKCSafely compares the fast path with full NFKC on text
// that mixes inert runes with ones that compose or decompose.
func TestFoldSkipsNFKCSafely(t *testing.T) {
	for _, s := range []string{
		"التحالف الدولي ١٢٣", "ا\u0654بو", "و\u0654", "ي\u0654س", "ﻻ", "ٵ", "café", "cafe\u0301", "Ǆ", "ﬁ",
		"مُحَمَّدٌ", "\u00a0x", "¼",
	} {
		if got, want := Fold(s), foldFull(s); got != want {
			t.Errorf("Fold(%q) = %q, with full NFKC %q", s, got, want)
		}
	}
}

// foldFull is Fold with NFKC always applied.
func foldFull(s string) string {
	return Fold(norm.NFKC.String(s))
}

// TestInertBits checks the generated table against x/text: a new Unicode
// version must not leave it stale (go run gen_inert.go > inert_table.go).
func TestInertBits(t *testing.T) {
	for r := rune(0); r < inertLimit; r++ {
		if isInert(r) != inertRune(r) {
			t.Fatalf("inertBits is stale at %U: run go generate in analyze", r)
		}
	}
}
