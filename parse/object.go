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
func decodeObject(data []byte) (map[string]json.RawMessage, error) {
	if obj, ok := splitObject(data); ok {
		return obj, nil
	}
	var obj map[string]json.RawMessage
	err := json.Unmarshal(data, &obj)
	return obj, err
}

// splitObject is decodeObject's single pass; ok is false when it cannot
// tell the object's members apart as json.Unmarshal would.
func splitObject(data []byte) (obj map[string]json.RawMessage, ok bool) {
	i := skipSpace(data, 0)
	if i == len(data) || data[i] != '{' {
		return nil, false
	}
	obj = make(map[string]json.RawMessage, 8)
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return obj, skipSpace(data, i+1) == len(data)
	}
	for {
		// A key: a UTF-8 string without escapes, as record keys are
		// (encoding/json would unescape and mend the others).
		if i == len(data) || data[i] != '"' {
			return nil, false
		}
		end := stringEnd(data, i)
		if end < 0 {
			return nil, false
		}
		key := data[i+1 : end-1]
		if bytes.IndexByte(key, '\\') >= 0 || !utf8.Valid(key) {
			return nil, false
		}
		i = skipSpace(data, end)
		if i == len(data) || data[i] != ':' {
			return nil, false
		}
		i = skipSpace(data, i+1)
		end = valueEnd(data, i)
		if end < 0 {
			return nil, false
		}
		obj[string(key)] = data[i:end:end]
		i = skipSpace(data, end)
		if i == len(data) {
			return nil, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return obj, skipSpace(data, i+1) == len(data)
		default:
			return nil, false
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
// end). Bytes that are not UTF-8 are let through, as encoding/json does.
func stringEnd(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			return i + 1
		case c < 0x20:
			return -1
		case c == '\\':
			if i+1 == len(data) {
				return -1
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if i+6 > len(data) || !isHex4(data[i+2:i+6]) {
					return -1
				}
				i += 5
			default:
				return -1
			}
		}
	}
	return -1
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
// when there is none. Strings are checked here; the other values (numbers,
// literals, arrays and objects: few in a record) are found by their end
// and checked by json.Valid.
func valueEnd(data []byte, i int) int {
	if i == len(data) {
		return -1
	}
	if data[i] == '"' {
		return stringEnd(data, i)
	}
	end, depth := i, 0
scan:
	for ; end < len(data); end++ {
		switch data[end] {
		case '"':
			e := stringEnd(data, end)
			if e < 0 {
				return -1
			}
			end = e - 1
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
		return -1
	}
	return end
}
