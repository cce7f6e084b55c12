package parse

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// sniffSize is how much of a file is looked at to tell its encoding.
const sniffSize = 64 << 10

// sniffLimit is how far a file that starts in ASCII is read to find its
// first byte that is not: ASCII is the same in every encoding the sniffer
// tells apart, so a CSV export whose first rows are numbers and English
// says nothing until its first Arabic or accented word.
const sniffLimit = 4 << 20

// Encoding returns the text encoding with a name such as "windows-1256",
// "utf-16le", "latin1" or "utf-8" (the WHATWG names and labels).
func Encoding(name string) (encoding.Encoding, error) {
	e, err := htmlindex.Get(strings.TrimSpace(name))
	if err != nil {
		return nil, fmt.Errorf("unknown encoding %q: try utf-8, utf-16le, utf-16be, windows-1256 or windows-1252", name)
	}
	return e, nil
}

// sniffEncoding tells the encoding of what br reads (detectEncoding) from
// its first sniffSize bytes or, when those are ASCII, from sniffSize bytes
// past its first byte that is not, looked for up to sniffLimit. It returns
// the reader to read the whole from: br, or what was read of it ahead and
// then br.
func sniffEncoding(br *bufio.Reader) (r io.Reader, e encoding.Encoding, name string) {
	head, err := br.Peek(sniffSize)
	if err != nil || firstNonASCII(head) >= 0 {
		e, name = detectEncoding(head, err == nil)
		return br, e, name
	}
	buf := make([]byte, 0, 2*sniffSize)
	end := sniffLimit // where looking stops
	for len(buf) < end {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // room to read into
		}
		n, err := br.Read(buf[len(buf):min(cap(buf), end)])
		if i := firstNonASCII(buf[len(buf) : len(buf)+n]); i >= 0 && end == sniffLimit {
			end = min(len(buf)+i+sniffSize, sniffLimit+sniffSize)
		}
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			e, name = detectEncoding(buf, false)
			return bytes.NewReader(buf), e, name
		}
		if err != nil {
			// The reader of the format reports it, after what was read.
			e, name = detectEncoding(buf, true)
			return io.MultiReader(bytes.NewReader(buf), errReader{err}), e, name
		}
	}
	e, name = detectEncoding(buf, true)
	return io.MultiReader(bytes.NewReader(buf), br), e, name
}

// errReader fails every Read with its error.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// firstNonASCII returns the index of the first byte of b over 0x7f, or -1.
func firstNonASCII(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= 0x80 {
			return i
		}
	}
	return -1
}

// detectEncoding tells how to read a file from its first bytes: nil for
// UTF-8 (with or without a byte-order mark), UTF-16 when it starts with
// its byte-order mark, and for text that is not UTF-8 the legacy Windows
// code page that fits it best (guessCodePage). name is for the notice;
// truncated says that head is not the whole file.
func detectEncoding(head []byte, truncated bool) (e encoding.Encoding, name string) {
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16 (little-endian)"
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16 (big-endian)"
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}), mostlyUTF8(head, truncated), bytes.IndexByte(head, 0) >= 0:
		// UTF-8 (a record of another encoding later is rejected by the
		// format's reader, naming the code page: notUTF8), or binary,
		// which the reader rejects too.
		return nil, ""
	}
	cp := guessCodePage(head)
	return cp.encoding, cp.name
}

// codePage is a legacy Windows code page text that is not UTF-8 is read in.
type codePage struct {
	encoding encoding.Encoding
	name     string // for people
	label    string // for --encoding
}

var (
	windows1256 = codePage{charmap.Windows1256, "Windows-1256 (Arabic)", "windows-1256"}
	windows1252 = codePage{charmap.Windows1252, "Windows-1252 (Western European)", "windows-1252"}
)

// guessCodePage tells the code page text that is not UTF-8 is in:
// Windows-1256 when it reads as Arabic, Windows-1252 (Western European, a
// superset of Latin-1) otherwise.
func guessCodePage(text []byte) codePage {
	// Both code pages put letters in the upper half. In Arabic text they
	// make whole words, next to each other; in Western text they are
	// accents, each between ASCII letters (café, Größe).
	inWords, alone := 0, 0
	for i, b := range text {
		if b < 0x80 {
			continue
		}
		if r := charmap.Windows1256.DecodeByte(b); r < 0x0600 || r > 0x06ff {
			alone++ // not an Arabic letter in Windows-1256
			continue
		}
		if i > 0 && text[i-1] >= 0x80 || i+1 < len(text) && text[i+1] >= 0x80 {
			inWords++
		} else {
			alone++
		}
	}
	if inWords > alone {
		return windows1256
	}
	return windows1252
}

// notUTF8 is why a record, or a text file, read as UTF-8 is rejected when
// its bytes (data, or bytes read around it) are not UTF-8: ErrEncoding,
// with the code page those of them that are not UTF-8 look like, judged
// as the sniffer judges a file, and the --encoding that reads it. Without
// such bytes in data, both code pages are named.
func notUTF8(data ...[]byte) error {
	var odd []byte // the bytes not in UTF-8 characters; a space for each character
	for _, d := range data {
		for i := 0; i < len(d); {
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				odd = append(odd, d[i])
			} else {
				odd = append(odd, ' ')
			}
			i += size
		}
	}
	if firstNonASCII(odd) < 0 {
		return fmt.Errorf("%w (the file was read as UTF-8): if the file is in %s or %s, import it with --encoding %s or --encoding %s",
			ErrEncoding, windows1256.name, windows1252.name, windows1256.label, windows1252.label)
	}
	cp := guessCodePage(odd)
	return fmt.Errorf("%w (the file was read as UTF-8): its bytes look like %s; if the file is in that encoding, import it with --encoding %s", ErrEncoding, cp.name, cp.label)
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

// recentBytes keeps the last bytes read through it, so that a record of a
// file read as UTF-8 that is found not to be can be judged by its bytes
// (notUTF8) after the reader of its format has let them go.
type recentBytes struct {
	r    io.Reader
	ring []byte
	seen int64 // bytes read through it
}

func (t *recentBytes) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	b := p[:n]
	if len(b) > len(t.ring) {
		b = b[len(b)-len(t.ring):]
		t.seen += int64(n - len(b))
	}
	at := int(t.seen % int64(len(t.ring)))
	copied := copy(t.ring[at:], b)
	copy(t.ring, b[copied:])
	t.seen += int64(len(b))
	return n, err
}

// bytes returns what the ring holds, oldest first.
func (t *recentBytes) bytes() []byte {
	if t.seen <= int64(len(t.ring)) {
		return t.ring[:t.seen]
	}
	at := int(t.seen % int64(len(t.ring)))
	return append(bytes.Clone(t.ring[at:]), t.ring[:at]...)
}
