package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Snippet returns about width runes of text around the first word that
// matches one of the query words, and the spans of every matching word in
// the snippet. A word of the text matches when its folded form contains a
// folded query word (or a word of a query phrase). Line breaks become
// spaces; "…" marks a cut. Without a match it returns the start of the
// text and no spans.
func Snippet(text string, query []string, width int) (string, []Span) {
	text = strings.Join(strings.Fields(text), " ")
	var needles []string
	for _, q := range query {
		needles = append(needles, strings.Fields(Fold(q))...)
	}
	words := wordSpans(text)
	isHit := func(s Span) bool {
		f := Fold(text[s.Start:s.End])
		for _, n := range needles {
			if strings.Contains(f, n) {
				return true
			}
		}
		return false
	}
	first := -1
	for i, w := range words {
		if isHit(w) {
			first = i
			break
		}
	}
	start := 0
	if first >= 0 {
		// Begin about a third of the width before the hit, at a word.
		start = words[first].Start
		for i := first - 1; i >= 0 && utf8.RuneCountInString(text[words[i].Start:words[first].Start]) <= width/3; i-- {
			start = words[i].Start
		}
	}
	end := len(text)
	if utf8.RuneCountInString(text[start:]) > width {
		end = start
		for _, w := range words {
			if w.Start >= start && utf8.RuneCountInString(text[start:w.End]) <= width {
				end = w.End
			}
		}
		if end == start { // one very long word
			end = start + len(string([]rune(text[start:])[:width]))
		}
	}
	var b strings.Builder
	var spans []Span
	if start > 0 {
		b.WriteString("…")
	}
	offset := b.Len() - start
	b.WriteString(text[start:end])
	if end < len(text) {
		b.WriteString("…")
	}
	if first >= 0 {
		for _, w := range words[first:] {
			if w.End > end {
				break
			}
			if isHit(w) {
				spans = append(spans, Span{w.Start + offset, w.End + offset})
			}
		}
	}
	return b.String(), spans
}

// wordSpans returns the runs of letters, digits and marks in text.
func wordSpans(text string) []Span {
	var spans []Span
	start := -1
	for i, r := range text {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			spans = append(spans, Span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		spans = append(spans, Span{start, len(text)})
	}
	return spans
}
