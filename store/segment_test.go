package store

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"arshif/article"
)

// segsOf makes a list of segments of the given article counts, in id
// order, with ids from 1.
func segsOf(docs ...uint64) []segment {
	var segs []segment
	first := uint64(1)
	for i, n := range docs {
		segs = append(segs, segment{id: uint32(i + 1), docs: n, first: first, last: first + n - 1})
		first += n
	}
	return segs
}

func repeat(n int, docs uint64) []uint64 { return slices.Repeat([]uint64{docs}, n) }

// segmentDocs returns the article counts of db's segments, in id order.
func segmentDocs(t *testing.T, db *DB) []uint64 {
	t.Helper()
	var docs []uint64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		segs, err := loadSegments(buckets(tx).segments)
		for _, s := range segs {
			docs = append(docs, s.docs)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestPickMerge(t *testing.T) {
	for _, c := range []struct {
		name string
		docs []uint64
		want []uint32 // the ids picked
	}{
		{"too few", repeat(7, 1000), nil},
		{"the last eight", append(repeat(7, 8000), repeat(8, 1000)...), []uint32{8, 9, 10, 11, 12, 13, 14, 15}},
		{"no run of one class", append(append(repeat(7, 8000), 64000), repeat(7, 1000)...), nil},
		// Merged behind the commits: batches piled up during a large merge.
		{"the oldest of a pile", append([]uint64{512000}, repeat(12, 1000)...), []uint32{2, 3, 4, 5, 6, 7, 8, 9}},
		// ...and the next of them, once the first eight are one segment.
		{"after the first merge", append([]uint64{512000, 8000}, repeat(4, 1000)...), nil},
		{"a run before a larger segment", append(repeat(8, 1000), 8000), []uint32{1, 2, 3, 4, 5, 6, 7, 8}},
		// Past maxSegments, the lightest eight neighbours.
		{"too many", append(slices.Repeat([]uint64{64000, 8000}, 10), slices.Repeat([]uint64{8000, 1000}, 3)...), []uint32{19, 20, 21, 22, 23, 24, 25, 26}},
	} {
		var got []uint32
		for _, s := range pickMerge(segsOf(c.docs...)) {
			got = append(got, s.id)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: picked %v, want %v", c.name, got, c.want)
		}
	}
}

// Commits made while MergeBehind's goroutine merges leave, once finish
// returns, the segments merged as Commit merges them, each article found
// once, and an archive that checks.
func TestMergeBehind(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // checks integrity, the index included, at the end
	finish := db.MergeBehind()
	var want []uint64
	for i := range 200 {
		batch := []*article.Article{{Title: fmt.Sprintf("خبر %d", i), Body: "نص عن الرقة"}}
		res, err := db.Add(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, res[0].ID)
	}
	if err := finish(); err != nil {
		t.Fatalf("finish: %v", err)
	}
	if err := finish(); err != nil {
		t.Fatalf("finish again: %v", err)
	}
	// 200 = 3×64 + 8: three segments of 64 and one of 8, as merging in
	// Commit leaves them.
	if docs := segmentDocs(t, db); !reflect.DeepEqual(docs, []uint64{64, 64, 64, 8}) {
		t.Errorf("segments of %v articles, want [64 64 64 8]", docs)
	}
	slices.Reverse(want) // the same relevance: newest id first
	if got := ids(t, db, Query{Match: term("رقه")}); !reflect.DeepEqual(got, want) {
		t.Errorf("%d hits, want %d", len(got), len(want))
	}
	// Commits after finish merge in Commit again.
	for i := range 56 {
		if _, err := db.Add(ctx, []*article.Article{{Title: fmt.Sprintf("آخر %d", i), Body: "نص"}}); err != nil {
			t.Fatal(err)
		}
	}
	if docs := segmentDocs(t, db); !reflect.DeepEqual(docs, []uint64{64, 64, 64, 64}) {
		t.Errorf("after 56 more, segments of %v articles, want [64 64 64 64]", docs)
	}
}

// Close stops MergeBehind's goroutine after the merges due; the archive
// opens and checks after.
func TestCloseStopsMergeBehind(t *testing.T) {
	ctx := context.Background()
	db, path := openSample(t)
	before := runtime.NumGoroutine()
	db.MergeBehind()
	for i := range 30 {
		if _, err := db.Add(ctx, []*article.Article{{Title: fmt.Sprintf("خبر %d", i), Body: "نص"}}); err != nil {
			t.Fatal(err)
		}
	}
	// Once it has taken the last nudge, only Close can end the goroutine.
	for m := db.behind.Load(); len(m.poke) > 0; {
		time.Sleep(time.Millisecond)
	}
	db = reopen(t, db, path)
	for wait := 0; runtime.NumGoroutine() > before && wait < 100; wait++ {
		time.Sleep(10 * time.Millisecond) // other goroutines may take a moment to end
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after Close, %d before MergeBehind: the merger was left running", n, before)
	}
	// Four articles and thirty more, merged as merging after every commit
	// merges them: 4+7, 8, 8, and seven of 1 left.
	if docs, want := segmentDocs(t, db), []uint64{11, 8, 8, 1, 1, 1, 1, 1, 1, 1}; !reflect.DeepEqual(docs, want) {
		t.Errorf("segments of %v articles, want %v", docs, want)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
	if got := ids(t, db, Query{Match: term("نص")}); len(got) != 31 {
		t.Errorf("%d articles with نص, want 31", len(got))
	}
}

// A merge that fails behind the commits stops the goroutine, and the
// next commit returns its error, as a merge in Commit would have.
func TestMergeBehindFailureStopsCommits(t *testing.T) {
	ctx := context.Background()
	db, _ := openSample(t) // one segment of four articles
	add := func(i int) error {
		_, err := db.Add(ctx, []*article.Article{{Title: fmt.Sprintf("خبر %d", i), Body: "نص"}})
		return err
	}
	for i := range 6 {
		if err := add(i); err != nil {
			t.Fatal(err)
		}
	}
	// Seven segments of one size class; the eighth commit makes a run.
	db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		segs, _ := loadSegments(b.segments)
		return b.postings.DeleteBucket(segmentName(segs[1].id))
	})
	finish := db.MergeBehind()
	if err := add(6); err != nil {
		t.Fatalf("the commit before the merge: %v", err)
	}
	<-db.behind.Load().done // the merge has failed
	if err := add(7); err == nil || !strings.Contains(err.Error(), "bucket missing") {
		t.Errorf("the commit after the failed merge: %v, want its error", err)
	}
	if err := finish(); err == nil || !strings.Contains(err.Error(), "bucket missing") {
		t.Errorf("finish: %v, want the merge's error", err)
	}
}

// A second MergeBehind stops the first goroutine: two would merge the
// same segments at once.
func TestMergeBehindTwice(t *testing.T) {
	defer func(n int) { mergeChunk = n }(mergeChunk)
	mergeChunk = 1 // a term a transaction: long merges, to overlap
	ctx := context.Background()
	db := openTest(t) // checks integrity, the index included, at the end
	first := db.MergeBehind()
	added := 0
	add := func(n int) {
		for range n {
			added++
			if _, err := db.Add(ctx, []*article.Article{{Title: fmt.Sprintf("خبر %d", added), Body: "نص عن الرقة"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(8) // a merge due: the first goroutine is at it
	second := db.MergeBehind()
	add(56)
	if err := second(); err != nil {
		t.Fatalf("the second finish: %v", err)
	}
	if err := first(); err != nil {
		t.Errorf("the first finish: %v", err)
	}
	if got := ids(t, db, Query{Match: term("رقه")}); len(got) != 64 {
		t.Errorf("%d hits, want 64", len(got))
	}
}
