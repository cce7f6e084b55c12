package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"arshif/article"
)

// testSegment writes terms "t0000".."t2999" in the given layout, each
// with a list of its own (every tenth longer than a page), and returns
// the bucket's database, the segment and the lists.
func testSegment(t *testing.T, layout int) (*bolt.DB, segment, map[string][]byte) {
	t.Helper()
	bdb, err := bolt.Open(filepath.Join(t.TempDir(), "seg.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bdb.Close() })
	lists := map[string][]byte{}
	err = bdb.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("seg"))
		if err != nil {
			return err
		}
		w := newSegWriter(b, layout)
		for i := range 3000 {
			term := fmt.Sprintf("t%04d", i)
			list := bytes.Repeat([]byte{byte(i)}, 1+i%37)
			if i%10 == 0 {
				list = bytes.Repeat([]byte{byte(i)}, 4096+i)
			}
			lists[term] = list
			if err := w.put([]byte(term), list); err != nil {
				return err
			}
		}
		return w.flush()
	})
	if err != nil {
		t.Fatal(err)
	}
	return bdb, segment{layout: layout}, lists
}

func TestSegmentLayouts(t *testing.T) {
	for _, layout := range []int{layoutTerms, layoutBlocks} {
		bdb, seg, lists := testSegment(t, layout)
		bdb.View(func(tx *bolt.Tx) error {
			b := tx.Bucket([]byte("seg"))
			if n := b.Stats().KeyN; layout == layoutBlocks && n >= 1000 || layout == layoutTerms && n != 3000 {
				t.Errorf("layout %d: %d keys for 3000 terms", layout, n)
			}
			r := newSegReader(b, seg)
			for term, list := range lists {
				if got, err := r.get([]byte(term)); !bytes.Equal(got, list) || err != nil {
					t.Fatalf("layout %d: get(%q) = %d bytes, want %d", layout, term, len(got), len(list))
				}
			}
			for _, absent := range []string{"a", "t", "t0000a", "t1234a", "t2999a", "u"} {
				if got, err := r.get([]byte(absent)); got != nil || err != nil {
					t.Errorf("layout %d: get(%q) = %q, want nothing", layout, absent, got)
				}
			}
			c := r.cursor()
			var order []string
			for k, _ := c.first(); k != nil; k, _ = c.next() {
				order = append(order, string(k))
			}
			if len(order) != 3000 || !slices.IsSorted(order) || c.err != nil {
				t.Errorf("layout %d: the cursor gave %d terms (sorted %v), %v", layout, len(order), slices.IsSorted(order), c.err)
			}
			for seek, want := range map[string]string{"a": "t0000", "t1234a": "t1235", "t0009z": "t0010", "t2999": "t2999", "u": ""} {
				k, _ := c.seek([]byte(seek))
				if string(k) != want {
					t.Errorf("layout %d: seek(%q) = %q, want %q", layout, seek, k, want)
				}
				if next, _ := c.next(); want == "t1235" && string(next) != "t1236" {
					t.Errorf("layout %d: after seek(%q), next = %q", layout, seek, next)
				}
			}
			return nil
		})
		// Edits: a new first term, a new term inside, a changed list, a
		// term removed, and a whole block of terms removed.
		set := func(term string, list []byte) {
			err := bdb.Update(func(tx *bolt.Tx) error {
				return editTerm(newSegReader(tx.Bucket([]byte("seg")), seg), []byte(term), func(old []byte) ([]byte, error) {
					if !bytes.Equal(old, lists[term]) {
						t.Errorf("layout %d: edit of %q was given %d bytes, want %d", layout, term, len(old), len(lists[term]))
					}
					return list, nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			if list == nil {
				delete(lists, term)
			} else {
				lists[term] = list
			}
		}
		set("a", []byte("first"))
		set("t1234a", []byte("inside"))
		set("t0001", []byte("changed"))
		set("t0002", nil)
		for i := 11; i < 20; i++ {
			set(fmt.Sprintf("t%04d", i), nil)
		}
		set("a", nil)
		set("zz", []byte("last"))
		bdb.View(func(tx *bolt.Tx) error {
			r := newSegReader(tx.Bucket([]byte("seg")), seg)
			got := map[string][]byte{}
			c := r.cursor()
			for k, v := c.first(); k != nil; k, v = c.next() {
				got[string(k)] = v
			}
			if !reflect.DeepEqual(got, lists) || c.err != nil {
				t.Errorf("layout %d: after the edits the segment has %d terms, want %d (%v)", layout, len(got), len(lists), c.err)
			}
			for term, list := range lists {
				if got, err := r.get([]byte(term)); !bytes.Equal(got, list) || err != nil {
					t.Errorf("layout %d: after the edits get(%q) is wrong", layout, term)
				}
			}
			return nil
		})
	}
}

// An archive made before blocks has its segments a key a term: they are
// searched, edited and merged with the new ones.
func TestSegmentsOfBothLayouts(t *testing.T) {
	defer func(l int) { segmentLayout = l }(segmentLayout)
	ctx := context.Background()
	db := openTest(t) // checks the index against the texts at the end
	var added []uint64
	for i := range 44 { // the last four are not merged
		segmentLayout = i % 2
		res, err := db.Add(ctx, []*article.Article{
			{Title: fmt.Sprintf("خبر %d", i), Body: "نص عن الرقة", Tags: []string{"سوريا"}},
			{Title: fmt.Sprintf("آخر %d", i), Body: "Raqqa news", Source: "AFP"},
		})
		if err != nil {
			t.Fatal(err)
		}
		added = append(added, res[0].ID)
	}
	layouts := map[int]int{}
	db.bolt.View(func(tx *bolt.Tx) error {
		segs, _ := loadSegments(buckets(tx).segments)
		for _, s := range segs {
			layouts[s.layout]++
		}
		return nil
	})
	if layouts[layoutTerms] == 0 || layouts[layoutBlocks] == 0 {
		t.Errorf("segments by layout %v: want both", layouts)
	}
	if err := db.Delete(ctx, added[:5]); err != nil {
		t.Fatal(err)
	}
	got := ids(t, db, Query{Match: term("رقه")})
	if len(got) != 39 {
		t.Errorf("%d articles on الرقة after deleting 5 of 44, want 39", len(got))
	}
	// A tag put on an article of each layout, and one taken off.
	for _, id := range []uint64{added[40], added[41], added[10]} {
		if _, err := db.Retag(ctx, id, []string{"حلب"}, []string{"سوريا"}); err != nil {
			t.Fatal(err)
		}
	}
	if got := ids(t, db, Query{Tags: []string{"حلب"}}); len(got) != 3 {
		t.Errorf("%d articles tagged حلب, want 3", len(got))
	}
}

// putList writes the same blocks as put of the encoded lists, in both
// layouts, lists longer than a page among them.
func TestPutList(t *testing.T) {
	bdb, err := bolt.Open(filepath.Join(t.TempDir(), "seg.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	const base = 1000
	for _, layout := range []int{layoutTerms, layoutBlocks} {
		err = bdb.Update(func(tx *bolt.Tx) error {
			viaPut, err := tx.CreateBucket(fmt.Appendf(nil, "put%d", layout))
			if err != nil {
				return err
			}
			viaList, err := tx.CreateBucket(fmt.Appendf(nil, "list%d", layout))
			if err != nil {
				return err
			}
			wp, wl := newSegWriter(viaPut, layout), newSegWriter(viaList, layout)
			var l listBuilder
			for i := range 2000 {
				term := fmt.Appendf(nil, "t%04d", i)
				l.reset()
				n := 1 + i%7
				if i%50 == 0 {
					n = 700 // a list longer than a page
				}
				for d := range n {
					l.add(uint64(d*3+1), uint32(d%2), 1, []uint32{uint32(d), uint32(d + 5)})
				}
				if err := wp.put(term, l.appendEncoded(nil, base)); err != nil {
					return err
				}
				if err := wl.putList(term, &l, base); err != nil {
					return err
				}
			}
			return errors.Join(wp.flush(), wl.flush())
		})
		if err != nil {
			t.Fatal(err)
		}
		bdb.View(func(tx *bolt.Tx) error {
			var a, b [][]byte
			tx.Bucket(fmt.Appendf(nil, "put%d", layout)).ForEach(func(k, v []byte) error { a = append(a, k, v); return nil })
			tx.Bucket(fmt.Appendf(nil, "list%d", layout)).ForEach(func(k, v []byte) error { b = append(b, k, v); return nil })
			if len(a) == 0 || !reflect.DeepEqual(a, b) {
				t.Errorf("layout %d: putList wrote %d keys and values, put %d, or others", layout, len(b), len(a))
			}
			return nil
		})
	}
}

// Edits of many terms at once (editTerms) leave a segment as a map of the
// same edits says, in both layouts: terms added before, between and after
// the blocks, lists changed, grown past a page (the block is split again)
// and removed, whole blocks emptied.
func TestEditTermsAgreesWithMap(t *testing.T) {
	for _, layout := range []int{layoutTerms, layoutBlocks} {
		bdb, seg, lists := testSegment(t, layout)
		rng := rand.New(rand.NewPCG(uint64(layout), 7))
		for round := range 20 {
			edits := map[string][]byte{}
			for range 1 + rng.IntN(300) {
				var term string
				switch rng.IntN(4) {
				case 0:
					term = fmt.Sprintf("t%04d", rng.IntN(3000))
				case 1:
					term = fmt.Sprintf("t%04d%c", rng.IntN(3000), 'a'+rng.IntN(3))
				case 2:
					term = []string{"a", "s", "u", "zz", "t"}[rng.IntN(5)]
				default:
					start := rng.IntN(3000) // a run of neighbours: a block emptied
					for i := start; i < min(start+40, 3000); i++ {
						edits[fmt.Sprintf("t%04d", i)] = nil
					}
					continue
				}
				switch rng.IntN(3) {
				case 0:
					edits[term] = nil
				case 1:
					edits[term] = bytes.Repeat([]byte{byte(round)}, 1+rng.IntN(60))
				default:
					edits[term] = bytes.Repeat([]byte{byte(round)}, 3000+rng.IntN(6000))
				}
			}
			terms := slices.Sorted(maps.Keys(edits))
			err := bdb.Update(func(tx *bolt.Tx) error {
				return editTerms(newSegReader(tx.Bucket([]byte("seg")), seg), terms, func(term string, old []byte) ([]byte, error) {
					if !bytes.Equal(old, lists[term]) {
						t.Errorf("layout %d round %d: %q was given %d bytes, want %d", layout, round, term, len(old), len(lists[term]))
					}
					return edits[term], nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			for term, list := range edits {
				if list == nil {
					delete(lists, term)
				} else {
					lists[term] = list
				}
			}
			bdb.View(func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte("seg"))
				r := newSegReader(b, seg)
				var order []string
				got := map[string][]byte{}
				c := r.cursor()
				for k, v := c.first(); k != nil; k, v = c.next() {
					order = append(order, string(k))
					got[string(k)] = v
				}
				if !reflect.DeepEqual(got, lists) || !slices.IsSorted(order) || len(order) != len(got) || c.err != nil {
					t.Fatalf("layout %d round %d: %d terms (sorted %v), want %d (%v)", layout, round, len(got), slices.IsSorted(order), len(lists), c.err)
				}
				for _, term := range terms {
					if v, err := r.get([]byte(term)); !bytes.Equal(v, lists[term]) || err != nil {
						t.Fatalf("layout %d round %d: get(%q) wrong (%v)", layout, round, term, err)
					}
				}
				if layout == layoutBlocks {
					// A block is at most a page, unless one entry is more.
					page := tx.DB().Info().PageSize
					b.ForEach(func(k, v []byte) error {
						if sc := (&segCursor{}); len(v) > blockSpace(page, k) {
							if _, _, rest := sc.entry(v); len(rest) > 0 {
								t.Errorf("layout %d round %d: a block of %d bytes with several entries", layout, round, len(v))
							}
						}
						return nil
					})
				}
				return nil
			})
		}
	}
}

// editTerm is editTerms of one term, for tests.
func editTerm(r segReader, term []byte, edit func(list []byte) ([]byte, error)) error {
	return editTerms(r, []string{string(term)}, func(_ string, list []byte) ([]byte, error) { return edit(list) })
}

// Terms out of order, or twice, are refused before anything is written.
func TestEditTermsInOrder(t *testing.T) {
	bdb, seg, lists := testSegment(t, layoutBlocks)
	for _, terms := range [][]string{{"t0002", "t0001"}, {"t0001", "t0001"}} {
		err := bdb.Update(func(tx *bolt.Tx) error {
			return editTerms(newSegReader(tx.Bucket([]byte("seg")), seg), terms, func(string, []byte) ([]byte, error) { return nil, nil })
		})
		if err == nil {
			t.Errorf("editTerms(%q) was accepted", terms)
		}
	}
	bdb.View(func(tx *bolt.Tx) error {
		if v, err := newSegReader(tx.Bucket([]byte("seg")), seg).get([]byte("t0001")); !bytes.Equal(v, lists["t0001"]) || err != nil {
			t.Errorf("t0001 changed: %v", err)
		}
		return nil
	})
}
