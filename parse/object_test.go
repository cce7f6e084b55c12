package parse

import (
	"encoding/json"
	"maps"
	"testing"
)

// objectCases are objects splitObject reads itself and others it leaves
// to encoding/json; decodeObject must agree with json.Unmarshal on all.
var objectCases = []string{
	`{}`,
	` { } `,
	`{"title":"عنوان","body":"نص \"مقتبس\" \\ \/ \b\f\n\r\t \u0627\ud83d\ude00"}`,
	`{"id": 12, "score": -1.5e3, "ok": true, "no": false, "none": null}`,
	`{"tags": ["a", "b", {"c": [1, 2]}], "meta": {"x": "}", "y": "]"}}` + "\n",
	"{\r\n\t\"title\" :\t\"a\" ,\n \"title\": \"b\"\r\n}\r\n",
	`{"كلمة":"x"}`,
	`{"ti\u0074le":"escaped key"}`,
	"{\"bad\xffkey\":\"x\"}",
	"{\"text\":\"bytes \xff\xfe not UTF-8\"}",
	`{"a":"b",}`,
	`{"a" "b"}`,
	`{"a":}`,
	`{"a":"b"} x`,
	`{"a":"b"`,
	`{"a":"tab	inside"}`,
	`{"a":"\q"}`,
	`{"a":"\u12"}`,
	`{"a":01}`,
	`{"a":[1,2}`,
	`{"a":tru}`,
	`{a:"b"}`,
	`["not", "an", "object"]`,
	`"string"`,
	``,
	`{"a":"b"}{"c":"d"}`,
}

func TestDecodeObject(t *testing.T) {
	fast := 0
	for _, c := range objectCases {
		if _, ok, _ := splitObject([]byte(c)); ok {
			fast++
		}
		sameAsEncodingJSON(t, []byte(c))
	}
	// The plain objects above are read without encoding/json.
	if fast != 8 {
		t.Errorf("%d of the cases read by splitObject, want 8", fast)
	}
}

func FuzzDecodeObject(f *testing.F) {
	for _, c := range objectCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameAsEncodingJSON(t, data) })
}

func sameAsEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	got, valid, err := decodeObject(data)
	var want map[string]json.RawMessage
	wantErr := json.Unmarshal(data, &want)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("%q: error %v, json.Unmarshal's %v", data, err, wantErr)
	}
	eq := func(a, b json.RawMessage) bool { return string(a) == string(b) }
	if !maps.EqualFunc(got, want, eq) {
		t.Fatalf("%q: %q, json.Unmarshal gives %q", data, got, want)
	}
	fast, ok, _ := splitObject(data)
	for k, v := range fast {
		if cap(v) != len(v) {
			t.Fatalf("%q: member %q has room to grow into the next one", data, k)
		}
	}
	// What the single pass finds to be UTF-8 is (a value it replaced by a
	// later one of the same key may have made it say no).
	if valid && (!ok || !validUTF8(got)) {
		t.Fatalf("%q: UTF-8 %v, validUTF8 %v (single pass %v)", data, valid, validUTF8(got), ok)
	}
}
