// Package analyze owns how arshif normalises text, so that import and query
// see the same thing: one function for both sides, and nowhere else.
package analyze

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the form arshif compares text in:
//   - NFKC (Arabic presentation forms and ligatures become letters);
//   - Arabic: أ إ آ ٱ become ا, ى becomes ي, ة becomes ه; harakat,
//     shadda, sukun, superscript alef and tatweel are removed;
//   - Arabic-Indic and Persian digits become ASCII digits;
//   - other scripts are lower-cased (ß becomes ss) and lose their
//     diacritics (é = e);
//   - format characters (bidi marks, zero-width joiners) are removed and
//     every run of white space becomes one space, trimmed at both ends.
//
// Hamza on waw or yeh (ؤ ئ) is kept: it tells words apart.
func Fold(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if needsNFKC(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r <= ' ' || r == 0x7f {
				space = b.Len() > 0
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		case r >= 0x0600 && r <= 0x06ff:
			r = foldArabic(r)
			if r < 0 {
				continue
			}
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.In(r, unicode.Cf, unicode.Cc):
			continue
		case unicode.Is(unicode.Mn, r):
			continue
		default:
			if d := norm.NFD.PropertiesString(string(r)); d.Decomposition() != nil {
				writeSpace(&b, &space)
				for _, dr := range string(d.Decomposition()) {
					if !unicode.Is(unicode.Mn, dr) {
						b.WriteRune(unicode.ToLower(dr))
					}
				}
				continue
			}
			if r == 'ß' {
				writeSpace(&b, &space)
				b.WriteString("ss")
				continue
			}
			r = unicode.ToLower(r)
		}
		writeSpace(&b, &space)
		b.WriteRune(r)
	}
	return b.String()
}

// inertLimit bounds the runes inert describes: the alphabets of Europe and
// the Middle East, and general punctuation (– “ ” …).
const inertLimit = 0x2070

// inert tells, for each rune below inertLimit, whether NFKC leaves it alone
// unless a non-inert rune follows: NFKC maps it to itself (أ is stable:
// it decomposes but recomposes) and it does not combine with what precedes
// it. The harakat count too, since Fold drops
// them wherever NFKC would put them.
// Most Arabic and ASCII text is made of such runes only, and skipping
// NFKC for it makes Fold several times faster.
var inert = sync.OnceValue(func() *[inertLimit]bool {
	var t [inertLimit]bool
	for r := rune(0); r < inertLimit; r++ {
		s := string(r)
		t[r] = norm.NFKC.String(s) == s && norm.NFKC.PropertiesString(s).BoundaryBefore() ||
			r >= 0x064b && r <= 0x0652 || r == 0x0670
	}
	return &t
})

func needsNFKC(s string) bool {
	t := inert()
	for _, r := range s {
		if r >= inertLimit || !t[r] {
			return true
		}
	}
	return false
}

func writeSpace(b *strings.Builder, pending *bool) {
	if *pending {
		b.WriteByte(' ')
		*pending = false
	}
}

// foldArabic maps one rune of the Arabic block; -1 drops it.
func foldArabic(r rune) rune {
	switch {
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا'
	case r == 'ى':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r >= 0x064b && r <= 0x0652, r == 0x0670, r == 0x0640:
		return -1
	case r >= '٠' && r <= '٩':
		return '0' + r - '٠'
	case r >= '۰' && r <= '۹':
		return '0' + r - '۰'
	}
	return r
}
