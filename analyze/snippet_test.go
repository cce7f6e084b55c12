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
	tests := []struct {
		text  string
		query []string
		width int
		want  string
	}{
		{"one two three four five six seven eight nine ten", []string{"six"}, 20, "…five «six» seven eight…"},
		{"short text", nil, 40, "short text"},
		{"في الرقة ثم\n\nمدينة الرقه", []string{"الرقة"}, 80, "في «الرقة» ثم مدينة «الرقه»"},
		{"وأعلن التحالف الدولي في بيان", []string{"تحالف"}, 80, "وأعلن «التحالف» الدولي في بيان"},
		{"alpha beta", []string{"gamma"}, 5, "alpha…"},
	}
	for _, tt := range tests {
		s, spans := Snippet(tt.text, tt.query, tt.width)
		if got := mark(s, spans); got != tt.want {
			t.Errorf("Snippet(%q, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
		}
	}
}
