package parse

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// decodeObject decodes a JSON object into its members, as
// json.Unmarshal into a map[string]json.RawMessage does, and with the
// same errors. Most records are a flat object of plain keys: for them the
// members are found in one pass and their values are slices of data, not
// copies (a JSON Lines import spent a tenth of its work on encoding/json
// copying them). Anything else (a key with escapes, a value that is not
// valid JSON, data that is not one object) is left to json.Unmarshal.
// valid reports that every value is known to be UTF-8: the single pass
// checks it on the way.
func decodeObject(data []byte) (obj map[string]json.RawMessage, valid bool, err error) {
	if obj, ok, valid := splitObject(data); ok {
		return obj, valid, nil
	}
	err = json.Unmarshal(data, &obj)
	return obj, false, err
}

// splitObject is decodeObject's single pass; ok is false when it cannot
// tell the object's members apart as json.Unmarshal would, valid whether
// all the bytes of its strings are UTF-8.
func splitObject(data []byte) (obj map[string]json.RawMessage, ok, valid bool) {
	i := skipSpace(data, 0)
	if i == len(data) || data[i] != '{' {
		return nil, false, false
	}
	obj = make(map[string]json.RawMessage, 8)
	valid = true
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return obj, skipSpace(data, i+1) == len(data), valid
	}
	for {
		// A key: a UTF-8 string without escapes, as record keys are
		// (encoding/json would unescape and mend the others).
		if i == len(data) || data[i] != '"' {
			return nil, false, false
		}
		end, keyValid := stringEnd(data, i)
		if end < 0 {
			return nil, false, false
		}
		key := data[i+1 : end-1]
		if bytes.IndexByte(key, '\\') >= 0 || !keyValid {
			return nil, false, false
		}
		i = skipSpace(data, end)
		if i == len(data) || data[i] != ':' {
			return nil, false, false
		}
		i = skipSpace(data, i+1)
		end, v := valueEnd(data, i)
		if end < 0 {
			return nil, false, false
		}
		valid = valid && v
		obj[string(key)] = data[i:end:end]
		i = skipSpace(data, end)
		if i == len(data) {
			return nil, false, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return obj, skipSpace(data, i+1) == len(data), valid
		default:
			return nil, false, false
		}
	}
}

// skipSpace returns the index of the first byte from i on that is not
// JSON white space.
func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index after the JSON string that starts at i, or
// -1 when it is not a valid one (a control character, a bad escape, no
// end), and whether its bytes are UTF-8. Bytes that are not are let
// through, as encoding/json does.
func stringEnd(data []byte, i int) (end int, valid bool) {
	valid = true
	for i++; i < len(data); {
		c := data[i]
		switch {
		case c == '"':
			return i + 1, valid
		case c < 0x20:
			return -1, false
		case c == '\\':
			if i+1 == len(data) {
				return -1, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) || !isHex4(data[i+2:i+6]) {
					return -1, false
				}
				i += 6
			default:
				return -1, false
			}
		case c < utf8.RuneSelf:
			i++
		case 0xc2 <= c && c < 0xe0 && i+1 < len(data) && data[i+1]&0xc0 == 0x80:
			i += 2 // Arabic, and the other two-byte letters
		default:
			r, size := utf8.DecodeRune(data[i:])
			valid = valid && (r != utf8.RuneError || size > 1)
			i += size
		}
	}
	return -1, false
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f') {
			return false
		}
	}
	return true
}

// valueEnd returns the index after the JSON value that starts at i, or -1
// when there is none, and whether its strings are UTF-8. Strings are
// checked here; the other values (numbers, literals, arrays and objects:
// few in a record) are found by their end and checked by json.Valid.
func valueEnd(data []byte, i int) (end int, valid bool) {
	if i == len(data) {
		return -1, false
	}
	if data[i] == '"' {
		return stringEnd(data, i)
	}
	end, depth, valid := i, 0, true
scan:
	for ; end < len(data); end++ {
		switch data[end] {
		case '"':
			e, v := stringEnd(data, end)
			if e < 0 {
				return -1, false
			}
			end, valid = e-1, valid && v
		case '[', '{':
			depth++
		case ']', '}':
			if depth == 0 {
				break scan
			}
			depth--
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				break scan
			}
		}
	}
	if end == i || !json.Valid(data[i:end]) {
		return -1, false
	}
	return end, valid
}
