package store

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"arshif/article"

	bolt "go.etcd.io/bbolt"
)

// run makes segments of the given article counts, in id order.
func run(docs ...uint64) []segment {
	var segs []segment
	first := uint64(1)
	for i, n := range docs {
		segs = append(segs, segment{id: uint32(i + 1), docs: n, first: first, last: first + n - 1})
		first += n
	}
	return segs
}

func repeat(n int, docs uint64) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = docs
	}
	return out
}

func TestPickMerge(t *testing.T) {
	for _, tt := range []struct {
		name string
		docs []uint64
		want []uint32 // ids of the segments merged; nil: none
	}{
		{"seven commits", repeat(7, 1000), nil},
		{"eight commits", repeat(8, 1000), []uint32{1, 2, 3, 4, 5, 6, 7, 8}},
		{"eight commits after full segments",
			append(repeat(3, 8000), repeat(8, 1000)...), []uint32{4, 5, 6, 7, 8, 9, 10, 11}},
		// Eight full segments are not merged: that is what makes the
		// rate of an import the same at any size.
		{"eight full", repeat(8, 8000), nil},
		{"many full", append(repeat(38, 8000), repeat(7, 1000)...), nil},
		{"as many full as allowed", repeat(maxFull, 8000), nil},
		// One more, and the lightest run of full neighbours is merged.
		{"too many full",
			append(append(repeat(10, 64000), repeat(maxFull-9, 8000)...), 1000), idRange(11, 18)},
		// A full segment whose articles were deleted down below the cap
		// is not merged with the full ones around it.
		{"deleted down", append(append(repeat(4, 8000), 5000), append(repeat(3, 8000), repeat(7, 1000)...)...), nil},
		{"too many open", append(repeat(2, 8000), repeatMixed(maxSegments+1)...), idRange(3, 10)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []uint32
			for _, s := range pickMerge(run(tt.docs...)) {
				got = append(got, s.id)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("merged %v, want %v", got, tt.want)
			}
		})
	}
}

func idRange(from, to uint32) []uint32 {
	var ids []uint32
	for id := from; id <= to; id++ {
		ids = append(ids, id)
	}
	return ids
}

// repeatMixed gives n article counts that never make a run of one size
// class: 1 and 9, in turn.
func repeatMixed(n int) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = 1 + uint64(i%2)*8
	}
	return out
}

// TestFullSegments imports in small commits with a small cap: segments
// stop growing at the cap, and the index still finds every article.
func TestFullSegments(t *testing.T) {
	defer func(docs uint64, full int) { fullDocs, maxFull = docs, full }(fullDocs, maxFull)
	fullDocs, maxFull = 16, mergeFactor
	ctx := context.Background()
	db := openTest(t) // checks integrity, the index included, at the end
	var want []uint64
	for i := 0; i < 80; i++ {
		var batch []*article.Article
		for j := 0; j < 2; j++ {
			batch = append(batch, &article.Article{Title: fmt.Sprintf("خبر %d %d", i, j), Body: "نص عن الرقة"})
		}
		res, err := db.Add(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			want = append(want, r.ID)
		}
	}
	var docs []uint64
	db.bolt.View(func(tx *bolt.Tx) error {
		segs, _ := loadSegments(buckets(tx).segments)
		for _, s := range segs {
			docs = append(docs, s.docs)
		}
		return nil
	})
	// 160 articles in commits of 2: a full segment of 16 every eight
	// commits; when the ninth is made, the lightest eight full ones merge
	// into one of 128 articles; then two more full ones follow.
	wantDocs := []uint64{128, 16, 16}
	if !reflect.DeepEqual(docs, wantDocs) {
		t.Errorf("segments of %v articles, want %v", docs, wantDocs)
	}
	slices.Reverse(want) // the same relevance: newest id first
	if got := ids(t, db, Query{Match: term("رقه")}); !reflect.DeepEqual(got, want) {
		t.Errorf("%d hits, want %d", len(got), len(want))
	}
}
