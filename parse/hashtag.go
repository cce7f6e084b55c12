package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTagRunes bounds a hashtag: longer runs of letters after '#' are not tags.
const maxTagRunes = 100

// Hashtags returns the tags written inline as #word or #word_word, in order
// and without duplicates; '_' stands for a space. A '#' counts only at the
// start of the text or after a space or punctuation (not inside a URL,
// an HTML entity or a word), and the tag needs at least one letter. CSS
// colours left in scraped text (color: #7b7a7a; background: #FFFFFF) are
// not tags: see cssColour.
func Hashtags(s string) []string {
	if strings.IndexByte(s, '#') < 0 {
		return nil
	}
	var tags []string
	seen := map[string]bool{}
	for i := 0; i < len(s); i++ {
		if s[i] != '#' || !tagCanStartAfter(s[:i]) {
			continue
		}
		j := i + 1
		letters := false
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_') {
				break
			}
			letters = letters || unicode.IsLetter(r)
			j += size
		}
		word := strings.Trim(s[i+1:j], "_")
		before, after := s[:i], s[j:]
		i = j - 1
		if !letters || utf8.RuneCountInString(word) > maxTagRunes || cssColour(before, word, after) {
			continue
		}
		tag := hashtagTag(word)
		if !seen[tag] {
			seen[tag] = true
			tags = append(tags, tag)
		}
	}
	return tags
}

// HashtagTag returns the tag that a hashtag names, given with its # or
// without: #التحالف_الدولي and التحالف_الدولي both name التحالف الدولي.
// Text without '#' or '_' is returned as it is.
func HashtagTag(s string) string {
	s = strings.TrimSpace(s)
	if word, ok := strings.CutPrefix(s, "#"); ok || strings.Contains(s, "_") {
		return hashtagTag(word)
	}
	return s
}

// hashtagTag is the tag of the word after a '#': '_' stands for a space.
func hashtagTag(word string) string {
	return strings.Join(strings.FieldsFunc(word, func(r rune) bool { return r == '_' }), " ")
}

func tagCanStartAfter(before string) bool {
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
		return false
	}
	switch r {
	case '&', '/', '#', '_', '=', '?':
		return false
	}
	return true
}

// cssColour reports whether #word, between the texts before and after, is
// a CSS colour left in scraped text rather than a tag: hexadecimal digits,
// and
//   - six or eight of them with a decimal digit among them (#7b7a7a,
//     #449EC0), or one letter repeated (#FFFFFF): no word looks so;
//   - three or four of one letter (#fff, #eee);
//   - or any of those lengths where a style puts a colour: after a
//     property of colour (color:, background:, border-left:) or a length
//     (1px), or before the ; that ends a declaration.
//
// So #A380, #F16 and #B52 in prose, and #cafe or #Beef, stay tags.
func cssColour(before, word, after string) bool {
	n := len(word)
	if n != 3 && n != 4 && n != 6 && n != 8 {
		return false
	}
	digit, same := false, true
	for i := 0; i < n; i++ {
		c := word[i]
		switch {
		case '0' <= c && c <= '9':
			digit = true
		case 'a' <= c|0x20 && c|0x20 <= 'f':
		default:
			return false
		}
		same = same && c|0x20 == word[0]|0x20
	}
	if same || digit && n >= 6 || strings.HasPrefix(after, ";") {
		return true
	}
	before = strings.TrimRight(before, " \t")
	if strings.HasSuffix(before, "px") {
		return true
	}
	property, ok := strings.CutSuffix(before, ":")
	if !ok {
		return false
	}
	property = strings.ToLower(property[strings.LastIndexAny(property, " \t;{\"'")+1:])
	for _, p := range []string{"color", "background", "border", "fill", "stroke", "outline", "shadow"} {
		if strings.Contains(property, p) {
			return true
		}
	}
	return false
}
