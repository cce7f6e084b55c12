package analyze

import "testing"

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
	})
}
