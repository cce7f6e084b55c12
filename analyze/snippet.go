package analyze

import (
	"strings"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Snippet returns about width runes of text around the first word for
// which match is true, and the spans of every such word in the snippet.
// Line breaks become spaces; "…" marks a cut. Without a match (or with a
// nil match) it returns the start of the text and no spans.
func Snippet(text string, match func(word string) bool, width int) (string, []Span) {
	text = strings.Join(strings.Fields(text), " ")
	words := wordSpans(text)
	isHit := func(s Span) bool {
		return match != nil && match(text[s.Start:s.End])
	}
	first := -1
	for i, w := range words {
		if isHit(w) {
			first = i
			break
		}
	}
	start, from := 0, 0 // the snippet's first byte and first word
	if first >= 0 && utf8.RuneCountInString(text) > width {
		// Begin about a third of the width before the hit, at a word;
		// near the end of the text, early enough to fill the width.
		start, from = words[first].Start, first
		before, rest := 0, utf8.RuneCountInString(text[start:]) // runes from start: to the hit, to the end
		for i := first - 1; i >= 0; i-- {
			n := utf8.RuneCountInString(text[words[i].Start:start])
			if before+n > width/3 && rest+n > width {
				break
			}
			start, from = words[i].Start, i
			before, rest = before+n, rest+n
		}
		if from == 0 {
			start = 0 // what comes before the first word is not cut off
		}
	}
	end := len(text)
	if utf8.RuneCountInString(text[start:]) > width {
		end = start
		runes, prev := 0, start
		for _, w := range words[from:] {
			if runes += utf8.RuneCountInString(text[prev:w.End]); runes > width {
				break
			}
			end, prev = w.End, w.End
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

// wordSpans returns the words of text as Tokens sees them.
func wordSpans(text string) []Span {
	var spans []Span
	eachWord(text, func(start, end int) { spans = append(spans, Span{start, end}) })
	return spans
}
