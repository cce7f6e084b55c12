package parse

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// sniffSize is how much of a file is looked at to tell its encoding.
const sniffSize = 64 << 10

// Encoding returns the text encoding with a name such as "windows-1256",
// "utf-16le", "latin1" or "utf-8" (the WHATWG names and labels).
func Encoding(name string) (encoding.Encoding, error) {
	e, err := htmlindex.Get(strings.TrimSpace(name))
	if err != nil {
		return nil, fmt.Errorf("unknown encoding %q: try utf-8, utf-16le, utf-16be, windows-1256 or windows-1252", name)
	}
	return e, nil
}

// detectEncoding tells how to read a file from its first bytes: nil for
// UTF-8 (with or without a byte-order mark), UTF-16 when it starts with
// its byte-order mark, and for text that is not UTF-8 the legacy Windows
// code page that fits it best: Windows-1256 when it reads as Arabic,
// Windows-1252 (Western European, a superset of Latin-1) otherwise. name
// is for the notice.

// truncated says that head is not the whole file.
func detectEncoding(head []byte, truncated bool) (e encoding.Encoding, name string) {
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16 (little-endian)"
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16 (big-endian)"
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}), mostlyUTF8(head, truncated), bytes.IndexByte(head, 0) >= 0:
		// UTF-8 (a line of another encoding inside is rejected by the
		// format's reader), or binary, which the reader rejects too.
		return nil, ""
	}
	// Both code pages put letters in the upper half. In Arabic text they
	// make whole words, next to each other; in Western text they are
	// accents, each between ASCII letters (café, Größe).
	inWords, alone := 0, 0
	for i, b := range head {
		if b < 0x80 {
			continue
		}
		if r := charmap.Windows1256.DecodeByte(b); r < 0x0600 || r > 0x06ff {
			alone++ // not an Arabic letter in Windows-1256
			continue
		}
		if i > 0 && head[i-1] >= 0x80 || i+1 < len(head) && head[i+1] >= 0x80 {
			inWords++
		} else {
			alone++
		}
	}
	if inWords > alone {
		return charmap.Windows1256, "Windows-1256 (Arabic)"
	}
	return charmap.Windows1252, "Windows-1252 (Western European)"
}

// mostlyUTF8 reports whether head is UTF-8, or has more well-formed
// multi-byte UTF-8 characters than bytes that are not UTF-8.
func mostlyUTF8(head []byte, truncated bool) bool {
	if validUTF8Prefix(head, truncated) {
		return true
	}
	multi, bad := 0, 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			multi++
		}
		i += size
	}
	return multi > bad
}

// validUTF8Prefix reports whether head is UTF-8, allowing, when it is
// truncated, a rune cut at its end.
func validUTF8Prefix(head []byte, truncated bool) bool {
	if utf8.Valid(head) {
		return true
	}
	if !truncated {
		return false
	}
	i := len(head) - 1
	for i > 0 && len(head)-i < utf8.UTFMax && !utf8.RuneStart(head[i]) {
		i--
	}
	return i >= 0 && utf8.Valid(head[:i]) && !utf8.FullRune(head[i:])
}
