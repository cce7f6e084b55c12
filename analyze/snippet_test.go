package analyze

import (
	"strings"
	"testing"
)

func mark(s string, spans []Span) string {
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.Start] + "«" + s[sp.Start:sp.End] + "»")
		last = sp.End
	}
	return b.String() + s[last:]
}

func TestSnippet(t *testing.T) {
	az := NewAnalyzer()
	matcher := func(query string) func(string) bool {
		want := az.QueryTerms(query)[0]
		return func(w string) bool { return az.QueryTerms(w)[0] == want }
	}
	tests := []struct {
		text  string
		query string
		width int
		want  string
	}{
		{"one two three four five six seven eight nine ten", "six", 20, "…five «six» seven eight…"},
		{"short text", "", 40, "short text"},
		{"في الرقة ثم\n\nمدينة الرقه", "الرقة", 80, "في «الرقة» ثم مدينة «الرقه»"},
		{"وأعلن التحالف الدولي في بيان", "تحالف", 80, "وأعلن «التحالف» الدولي في بيان"},
		{"alpha beta", "gamma", 5, "alpha…"},
		// Near the end, the snippet starts early enough to fill its width.
		{"one two three four five six seven eight nine ten", "ten", 20, "…seven eight nine «ten»"},
		// A text that fits is shown whole, wherever the hit is.
		{"one two three four five six seven eight nine ten", "ten", 60, "one two three four five six seven eight nine «ten»"},
		// Nothing before the first word is cut off (a title in quotes).
		{`"الصحة" تقيم حفل معايدة لمنسوبيها`, "الصحه", 80, `"«الصحة»" تقيم حفل معايدة لمنسوبيها`},
		{`"الصحة" تقيم حفل معايدة لمنسوبيها`, "الصحه", 12, `"«الصحة»" تقيم…`},
	}
	for _, tt := range tests {
		var match func(string) bool
		if tt.query != "" {
			match = matcher(tt.query)
		}
		s, spans := Snippet(tt.text, match, tt.width)
		if got := mark(s, spans); got != tt.want {
			t.Errorf("Snippet(%q, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
		}
	}
}
