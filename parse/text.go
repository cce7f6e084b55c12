package parse

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"arshif/article"
)

// cleanControl removes control characters other than newline and tab,
// turns CRLF, lone CR and U+0085 NEXT LINE into LF, and drops byte-order
// marks (U+FEFF, invisible, found where files were joined). The C1 controls
// U+0080-U+009F are what text in Windows-1252 read as Latin-1 leaves of its
// quotes and dashes. NUL bytes and other controls never reach the store.
func cleanControl(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; controlStart[c] && (c != 0xc2 || i+1 < len(s) && isC1(s[i+1])) {
			clean = false
			break
		}
	}
	if clean && !strings.Contains(s, bom) {
		return s
	}
	// What is kept is looked at as it is written: in text that is not
	// UTF-8, the bytes around a character taken out may make another (a
	// mark, a C1 control), which goes too.
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\r':
			out = append(out, '\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case c < ' ' && c != '\n' && c != '\t', c == 0x7f:
		default:
			out = append(out, c)
			switch n := len(out); {
			case n >= 2 && out[n-2] == 0xc2 && isC1(c):
				out = out[:n-2]
				if c == 0x85 {
					out = append(out, '\n')
				}
			case n >= len(bom) && string(out[n-len(bom):]) == bom:
				out = out[:n-len(bom)]
			}
		}
	}
	return string(out)
}

// controlStart marks the bytes that start a control character
// cleanControl removes or changes: C0 but newline and tab, DEL, and 0xC2,
// the first of a C1 control's two (see isC1).
var controlStart = func() (t [256]bool) {
	for c := range ' ' {
		t[c] = c != '\n' && c != '\t'
	}
	t[0x7f], t[0xc2] = true, true
	return t
}()

// isC1 reports whether c, after the byte 0xC2, makes a C1 control
// character, U+0080-U+009F.
func isC1(c byte) bool { return 0x80 <= c && c <= 0x9f }

const bom = "\ufeff"

// CleanLine returns s on one line: control characters removed, every run
// of white space one space, trimmed. Titles, sources, authors and tags are
// cleaned this way.
func CleanLine(s string) string { return cleanLine(cleanControl(s)) }

// cleanLine is CleanLine for text cleanControl has already seen.
func cleanLine(s string) string {
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

// mayBeSpace reports whether c may be the first byte of a space: an ASCII
// one, or the first byte of a multi-byte one (see tidyLine).
func mayBeSpace(c byte) bool { return c <= ' ' || c == 0xc2 || 0xe1 <= c && c <= 0xe3 }

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
// article.ParagraphSep, each on one line (control characters removed, every
// run of white space one space).
//
// Where the text has blank lines, they separate paragraphs and the lines
// between them are joined (hard-wrapped text); otherwise each line is a
// paragraph. Inside a paragraph, ".," followed by a space is where a
// scraper joined two paragraphs (the seed layout): the text is split there,
// except after an abbreviation ("U.S., ", "etc., ").
//
// The body is written in one pass; a body in that form already (one clean
// line, or an archive's body exported and imported again) is returned as
// it is.
func CleanBody(s string) string {
	s = strings.TrimSpace(cleanControl(s))
	if tidyBody(s) {
		return s
	}
	blank := hasBlankLine(s)
	var b strings.Builder
	b.Grow(len(s) + strings.Count(s, "\n"))
	for s != "" {
		var block string
		if blank {
			block, s = nextBlock(s)
		} else {
			block, s, _ = strings.Cut(s, "\n")
		}
		if b.Len() > 0 {
			b.WriteString(article.ParagraphSep)
		}
		writeParagraphs(&b, block)
	}
	return b.String()
}

// tidyBody reports whether s, without control characters, is a body in
// arshif's form already: tidy lines (tidyLine) separated by
// article.ParagraphSep, with no ".," followed by a space.
func tidyBody(s string) bool {
	for s != "" {
		line, rest, more := strings.Cut(s, article.ParagraphSep)
		if line == "" || more && rest == "" || !tidyLine(line) || strings.Contains(line, "., ") {
			return false
		}
		s = rest
	}
	return true
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

// nextBlock returns the lines of s up to the next blank line, and what
// follows the blank lines after them.
func nextBlock(s string) (block, rest string) {
	end := 0
	for end < len(s) {
		line, _, _ := strings.Cut(s[end:], "\n")
		if strings.TrimSpace(line) == "" {
			break
		}
		end += len(line) + 1
	}
	block = strings.TrimSuffix(s[:min(end, len(s))], "\n")
	rest = s[min(end, len(s)):]
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		if strings.TrimSpace(line) != "" {
			break
		}
		rest = after
	}
	return block, rest
}

// writeParagraphs writes block, which has something besides white space,
// to b on one line, split into paragraphs where ".," and a space join two
// (ParagraphSep takes the place of ", ": the abbreviation check needs only
// what b holds of the paragraph).
func writeParagraphs(b *strings.Builder, block string) {
	if tidyLine(block) && !strings.Contains(block, ".,") {
		b.WriteString(block)
		return
	}
	start := b.Len() // of the block
	para := start    // of the paragraph being written
	last := byte(0)  // the last byte written
	space, comma := false, false
	// flush writes the space or ".," + space waiting before word.
	flush := func() {
		switch {
		case comma && space:
			if abbreviationBefore(b.String()[para : b.Len()-1]) { // before the '.'
				b.WriteString(", ")
			} else {
				b.WriteString(article.ParagraphSep)
				para = b.Len()
			}
			last = ' '
		case comma:
			b.WriteByte(',')
			last = ','
		case space:
			b.WriteByte(' ')
			last = ' '
		}
		comma, space = false, false
	}
	for i := 0; i < len(block); {
		// A run of bytes that are neither a comma nor the first of a
		// space (see tidyLine) is written as it is.
		j := i
		for j < len(block) && !mayBeSpace(block[j]) && block[j] != ',' {
			j++
		}
		if j > i {
			flush()
			b.WriteString(block[i:j])
			last = block[j-1]
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(block[i:])
		if isSpace(r) {
			space = b.Len() > start
		} else {
			flush()
			if r == ',' && last == '.' {
				comma, last = true, ',' // written once it is known whether a space follows
			} else {
				b.WriteString(block[i : i+size]) // as written, even when not UTF-8
				last = block[i+size-1]
			}
		}
		i += size
	}
	if comma {
		b.WriteByte(',')
	}
}

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
