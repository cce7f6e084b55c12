package store

import (
	"reflect"
	"testing"
)

func testPostings() []posting {
	return []posting{
		{doc: 3, titleTF: 1, bodyTF: 2, pos: []uint32{0, 7, 300}},
		{doc: 9, titleTF: 0, bodyTF: 1, pos: []uint32{12}},
		{doc: 200000, titleTF: 0, bodyTF: 0}, // a facet posting
		{doc: 200001, titleTF: 2, bodyTF: 0, pos: []uint32{1, 2}},
	}
}

func encodeTest(ps []posting) []byte {
	var l listBuilder
	for _, p := range ps {
		l.add(p.doc, p.titleTF, p.bodyTF, p.pos)
	}
	return l.encode()
}

func TestPostingsRoundTrip(t *testing.T) {
	want := testPostings()
	v := encodeTest(want)
	got, err := decodeList(nil, v, true)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		if len(got[i].pos) == 0 {
			got[i].pos = nil
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decodeList = %+v, want %+v", got, want)
	}
	if n, _ := listCount(v); n != len(want) {
		t.Errorf("listCount = %d, want %d", n, len(want))
	}
	var docs []uint64
	forEachDoc(v, func(doc uint64, _, _ uint32) { docs = append(docs, doc) })
	if !reflect.DeepEqual(docs, []uint64{3, 9, 200000, 200001}) {
		t.Errorf("forEachDoc = %v", docs)
	}
	pos := map[int][]uint32{}
	if err := listPositions(v, []uint64{3, 200001, 300000}, func(i int, p []uint32) { pos[i] = p }); err != nil {
		t.Fatal(err)
	}
	if want := map[int][]uint32{0: {0, 7, 300}, 1: {1, 2}}; !reflect.DeepEqual(pos, want) {
		t.Errorf("listPositions = %v, want %v", pos, want)
	}
}

func TestAppendList(t *testing.T) {
	all := testPostings()
	var l listBuilder
	if err := l.appendList(encodeTest(all[:2])); err != nil {
		t.Fatal(err)
	}
	if err := l.appendList(encodeTest(all[2:])); err != nil {
		t.Fatal(err)
	}
	got, err := decodeList(nil, l.encode(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[3].doc != 200001 || !reflect.DeepEqual(got[3].pos, []uint32{1, 2}) || got[1].doc != 9 {
		t.Errorf("concatenated list = %+v", got)
	}
	if err := l.appendList(encodeTest(all[:1])); err == nil {
		t.Error("appending lower ids was accepted")
	}
}

func FuzzDecodeList(f *testing.F) {
	f.Add(encodeTest(testPostings()))
	f.Add([]byte{3, 0, 1})
	f.Fuzz(func(t *testing.T, v []byte) {
		// Corrupt data is an error, never a panic or a runaway allocation.
		decodeList(nil, v, true)
		forEachDoc(v, func(uint64, uint32, uint32) {})
		listPositions(v, []uint64{1, 2, 3, 1 << 40}, func(int, []uint32) {})
		var l listBuilder
		l.appendList(v)
	})
}

func FuzzDecodeArticle(f *testing.F) {
	a := sample()[0]
	f.Add(encodeArticle(a))
	f.Add(encodePlain(a))
	f.Fuzz(func(t *testing.T, v []byte) {
		decodeArticle(1, v)
	})
}

// A list encoded with a base has every id base more, the rest unchanged,
// and encodedLen says its length exactly; reset empties a builder.
func TestAppendEncodedRebases(t *testing.T) {
	for _, base := range []uint64{0, 1, 126, 127, 1 << 20, 1 << 40} {
		var l listBuilder
		l.reset()
		want := testPostings()
		for _, p := range want {
			l.add(p.doc, p.titleTF, p.bodyTF, p.pos)
		}
		v := l.appendEncoded([]byte("prefix"), base)
		if string(v[:6]) != "prefix" || len(v)-6 != l.encodedLen(base) {
			t.Errorf("base %d: %d bytes after the prefix, encodedLen %d", base, len(v)-6, l.encodedLen(base))
		}
		got, err := decodeList(nil, v[6:], true)
		if err != nil {
			t.Fatalf("base %d: %v", base, err)
		}
		for i := range want {
			want[i].doc += base
			if len(got[i].pos) == 0 {
				got[i].pos = nil
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("base %d: %+v, want %+v", base, got, want)
		}
		l.reset()
		if v := l.encode(); len(v) != l.encodedLen(0) || l.n != 0 {
			t.Errorf("after reset: %v", v)
		}
	}
}
