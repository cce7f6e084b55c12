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
// an HTML entity or a word), and the tag needs at least one letter.
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
		i = j - 1
		if !letters || utf8.RuneCountInString(word) > maxTagRunes {
			continue
		}
		tag := strings.Join(strings.FieldsFunc(word, func(r rune) bool { return r == '_' }), " ")
		if !seen[tag] {
			seen[tag] = true
			tags = append(tags, tag)
		}
	}
	return tags
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
