package parse

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"arshif/article"
)

// cleanControl removes control characters other than newline and tab,
// turns CRLF and lone CR into LF, and drops a leading byte-order mark.
// NUL bytes and other controls never reach the store.
func cleanControl(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\n' && c != '\t' || c == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case c < ' ' && c != '\n' && c != '\t', c == 0x7f:
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// CleanLine returns s on one line: control characters removed, every run
// of white space one space, trimmed. Titles, sources, authors and tags are
// cleaned this way.
func CleanLine(s string) string { return cleanLine(cleanControl(s)) }

// cleanLine is CleanLine for text cleanControl has already seen.
func cleanLine(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if tidyLine(s) {
		return s
	}
	// The words of s joined by single spaces, in one allocation.
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+size]) // as written, even when not UTF-8
		}
		i += size
	}
	return b.String()
}

// tidyLine reports whether s is already a clean line: no space at either
// end, no two in a row, and no white space but ' '. It looks at bytes: the
// multi-byte spaces are U+0085 and U+00A0 (first byte 0xC2, a line with one
// takes the long way), U+1680 (E1 9A 80), U+2000-U+200A, U+2028, U+2029,
// U+202F (E2 80 xx), U+205F (E2 81 9F) and U+3000 (E3 80 80); Arabic letters
// (0xD8-0xDB) and the quotes and dashes of E2 80 are let through.
func tidyLine(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if s[i+1] == ' ' { // s does not end with ' '
				return false
			}
		case c < ' ', c == 0xc2:
			return false
		case 0xe1 <= c && c <= 0xe3:
			if i+2 >= len(s) || isSpace3(c, s[i+1], s[i+2]) {
				return false
			}
		}
	}
	return true
}

// isSpace3 reports whether the three bytes encode a space (see tidyLine).
func isSpace3(a, b, c byte) bool {
	switch a {
	case 0xe1:
		return b == 0x9a && c == 0x80
	case 0xe2:
		return b == 0x80 && (c <= 0x8a || c == 0xa8 || c == 0xa9 || c == 0xaf) || b == 0x81 && c == 0x9f
	case 0xe3:
		return b == 0x80 && c == 0x80
	}
	return false
}

// isSpace is unicode.IsSpace with a short way for the letters of Arabic
// and other scripts below U+1680, none of which is a space.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || '\t' <= r && r <= '\r'
	case r == 0x85 || r == 0xa0:
		return true
	case r < 0x1680:
		return false
	}
	return unicode.IsSpace(r)
}

// CleanBody returns the body in arshif's form: paragraphs separated by
// article.ParagraphSep, each on one line.
func CleanBody(s string) string {
	return strings.Join(Paragraphs(s), article.ParagraphSep)
}

// Paragraphs splits a body into paragraphs, each cleaned to one line.
//
// Where the text has blank lines, they separate paragraphs and the lines
// between them are joined (hard-wrapped text); otherwise each line is a
// paragraph. Inside a paragraph, ".," followed by a space is where a
// scraper joined two paragraphs (the seed layout): the text is split there,
// except after an abbreviation ("U.S., ", "etc., ").
func Paragraphs(s string) []string {
	s = strings.TrimSpace(cleanControl(s))
	var blocks []string
	if hasBlankLine(s) {
		for _, b := range splitBlankLines(s) {
			blocks = append(blocks, cleanLine(b))
		}
	} else {
		blocks = strings.Split(s, "\n")
	}
	var paras []string
	for _, b := range blocks {
		for _, p := range splitJoined(b) {
			if p = cleanLine(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	return paras
}

func hasBlankLine(s string) bool {
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		if strings.TrimSpace(line) == "" {
			return true
		}
		s = rest
	}
	return false
}

func splitBlankLines(s string) []string {
	var blocks []string
	var cur []string
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				blocks = append(blocks, strings.Join(cur, " "))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		blocks = append(blocks, strings.Join(cur, " "))
	}
	return blocks
}

// splitJoined splits a line at ".," + space where that joins paragraphs.
func splitJoined(line string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(line); i++ {
		if line[i] != '.' || line[i+1] != ',' || !isSpaceByte(line[i+2]) {
			continue
		}
		if abbreviationBefore(line[start:i]) {
			continue
		}
		out = append(out, line[start:i+1])
		start = i + 2
	}
	return append(out, line[start:])
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' }

// abbreviations that are commonly followed by ".,": the split is not made
// after them.
var abbreviations = map[string]bool{
	"etc": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"jr": true, "sr": true, "st": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "prof": true, "vs": true, "no": true, "approx": true,
	"av": true, "ave": true, "cf": true, "llc": true, "bros": true, "plc": true,
	"gov": true, "sen": true, "rep": true, "gen": true, "col": true, "lt": true,
}

// abbreviationBefore reports whether text ends with an abbreviation: a
// known one, a single letter ("J."), or a word with a dot inside ("U.S").
func abbreviationBefore(text string) bool {
	i := strings.LastIndexFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '.'
	})
	word := text[i+1:]
	if i >= 0 {
		_, size := utf8.DecodeRuneInString(text[i:])
		word = text[i+size:]
	}
	if word == "" {
		return false
	}
	// "R-Mich., " and "D-Calif., ": a party letter and a state.
	if i >= 1 && text[i] == '-' && 'A' <= text[i-1] && text[i-1] <= 'Z' {
		if before, _ := utf8.DecodeLastRuneInString(text[:i-1]); i == 1 || !unicode.IsLetter(before) {
			return true
		}
	}
	return utf8.RuneCountInString(word) == 1 || strings.Contains(word, ".") ||
		abbreviations[strings.ToLower(word)]
}

// Text reads one article in the seed layout: the first non-empty line is
// the title, the rest (after a blank line) the body. Hashtags in title and
// body become tags.
func Text(name string, data []byte) (*article.Article, error) {
	if bytes.IndexByte(sniffWindow(data), 0) >= 0 {
		return nil, ErrBinary
	}
	if !utf8.Valid(data) {
		return nil, invalidUTF8(data)
	}
	s := strings.TrimPrefix(string(data), "\ufeff")
	if strings.TrimSpace(s) == "" {
		return nil, ErrEmpty
	}
	s = cleanControl(s)
	s = strings.TrimLeft(s, " \t\n")
	title, body, _ := strings.Cut(s, "\n")
	a := &article.Article{
		Title:  CleanLine(title),
		Body:   CleanBody(body),
		Origin: name,
	}
	a.AddTags(Hashtags(a.Title)...)
	a.AddTags(Hashtags(a.Body)...)
	return a, nil
}

// sniffWindow is the part of a file looked at to tell text from binary.
func sniffWindow(data []byte) []byte {
	const n = 8 << 10
	if len(data) > n {
		return data[:n]
	}
	return data
}

// invalidUTF8 names the line of the first byte that is not UTF-8.
func invalidUTF8(data []byte) error {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return &lineError{line: line, err: ErrEncoding}
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return ErrEncoding
}

// lineError is an error at a line of the file; the walker moves the line
// into the Problem.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return e.err.Error() }
func (e *lineError) Unwrap() error { return e.err }
