package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"arshif/article"
)

func TestDelete(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // checks integrity at the end
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, []uint64{1, 99}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete with a missing id: %v", err)
	}
	if got := ids(t, db, Query{}); len(got) != 4 {
		t.Fatalf("a failed Delete deleted something: %v", got)
	}
	if err := db.Delete(ctx, []uint64{1, 3}); err != nil {
		t.Fatal(err)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatalf("after Delete: %v", err)
	}
	for _, tt := range []struct {
		name string
		q    Query
		want []uint64
	}{
		{"all", Query{}, []uint64{2, 4}},
		{"word of a deleted article", Query{Match: term("رقه")}, nil},
		{"tag of deleted articles", Query{Tags: []string{"سوريا"}}, nil},
		{"source", Query{Sources: []string{"afp"}}, []uint64{2}},
		{"word", Query{Match: term("coalit")}, []uint64{2}},
	} {
		if got := ids(t, db, tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	tags, _ := db.Tags(ctx)
	if want := []Count{{"Syria", 1}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("Tags = %v, want %v", tags, want)
	}
	// Importing a deleted article again adds it anew.
	res, err := db.Add(ctx, sample()[:1])
	if err != nil || res[0].Duplicate || res[0].ID != 5 {
		t.Errorf("re-adding a deleted article: %+v, %v", res, err)
	}
}

func TestDeleteWholeSegment(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()[:2]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Add(ctx, sample()[2:]); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, []uint64{1, 2}); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, db, Query{Match: term("سوريا")}); got != nil {
		t.Errorf("found %v in a dropped segment", got)
	}
}

func TestRetag(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	a, err := db.Retag(ctx, 1, []string{"حلب", "الرقه", "الرقة"}, []string{"سوريّا", "دمشق", "دمشق"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"الرقة", "حلب"}; !reflect.DeepEqual(a.Tags, want) {
		t.Errorf("tags = %q, want %q", a.Tags, want)
	}
	if want := []string{"الرقه"}; !reflect.DeepEqual(a.Had, want) {
		t.Errorf("had = %q, want %q", a.Had, want)
	}
	if want := []string{"دمشق"}; !reflect.DeepEqual(a.Lacked, want) {
		t.Errorf("lacked = %q, want %q", a.Lacked, want)
	}
	for _, tt := range []struct {
		q    Query
		want []uint64
	}{
		{Query{Tags: []string{"حلب"}}, []uint64{1}},
		{Query{Tags: []string{"سوريا"}}, []uint64{3}},
		{Query{Match: &MatchFacet{Tag: "حلب"}}, []uint64{1}},
		{Query{Match: &MatchFacet{Tag: "سوريا"}}, []uint64{3}},
	} {
		if got := ids(t, db, tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%+v: got %v, want %v", tt.q, got, tt.want)
		}
	}
	if _, err := db.Retag(ctx, 42, []string{"x"}, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("Retag of a missing article: %v", err)
	}
}

func TestSegmentsStayFew(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // checks integrity, the index included, at the end
	var want []uint64
	for i := 0; i < 60; i++ {
		// Batches of 7 and of 1 never form a run of one size class.
		n := 1
		if i%2 == 0 {
			n = 7
		}
		var batch []*article.Article
		for j := 0; j < n; j++ {
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
	var segs []segment
	db.bolt.View(func(tx *bolt.Tx) error {
		segs, _ = loadSegments(buckets(tx).segments)
		return nil
	})
	if len(segs) > maxSegments {
		t.Errorf("%d segments, want at most %d", len(segs), maxSegments)
	}
	// The buckets of the merged segments are gone, not only unlisted.
	db.bolt.View(func(tx *bolt.Tx) error {
		n := 0
		tx.Bucket(bucketPostings).ForEachBucket(func([]byte) error { n++; return nil })
		if n != len(segs) || tx.Bucket(bucketMeta).Get(metaGarbage) != nil {
			t.Errorf("%d segment buckets for %d segments, garbage %x", n, len(segs), tx.Bucket(bucketMeta).Get(metaGarbage))
		}
		return nil
	})
	slices.Reverse(want) // the same relevance: newest id first
	if got := ids(t, db, Query{Match: term("رقه")}); !reflect.DeepEqual(got, want) {
		t.Errorf("after merges, %d hits, want %d", len(got), len(want))
	}
}

func TestDeleteArticleWithoutWords(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, []*article.Article{{Title: "***", Tags: []string{"x"}}, {Title: "كلمة"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, []uint64{1}); err != nil {
		t.Fatal(err)
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("after deleting an article without words: %v", err)
	}
}

func TestRetagEmptyTag(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // Check at the end would see a stray posting
	if _, err := db.Add(ctx, []*article.Article{{Title: "عنوان", Tags: []string{"ـــ"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Retag(ctx, 1, []string{"foo"}, nil); err != nil {
		t.Fatal(err)
	}
}

// A tag too long for the indexes (maxFacetBytes) is kept on the article
// only, by Retag as by an import: no posting is left behind.
func TestRetagLongTag(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // Check at the end would see a stray posting
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("وسم", 200) // 1,200 bytes
	if _, err := db.Retag(ctx, 1, []string{long}, nil); err != nil {
		t.Fatal(err)
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("after adding a long tag: %v", err)
	}
	if a, err := db.Get(ctx, 1); err != nil || !slices.Contains(a.Tags, long) {
		t.Errorf("the article has not kept its long tag (%v)", err)
	}
	if _, err := db.Retag(ctx, 1, nil, []string{long}); err != nil {
		t.Fatal(err)
	}
}

func TestEmptyMatchWithFilters(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	none := &MatchAnd{Must: []Match{term("رقه"), term("nosuchword")}}
	for _, q := range []Query{
		{Match: none, Tags: []string{"سوريا"}},
		{Match: none, Sources: []string{"AFP"}},
		{Match: term("nosuchword"), Tags: []string{"سوريا"}},
		{Match: &MatchTerm{Terms: []string{"zzz"}, Prefix: true}, Sources: []string{"AFP"}},
	} {
		if n, err := db.Count(ctx, q); n != 0 || err != nil {
			t.Errorf("Count(%+v) = %d, %v; want 0", q, n, err)
		}
	}
}

func TestLongWordsAndKeys(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	long := strings.Repeat("a", 40000)
	arts := []*article.Article{{Title: "hex dump", Body: "before " + long + " after", Tags: []string{strings.Repeat("t", 2000)}, URL: "http://x/" + long}}
	if _, err := db.Add(ctx, arts); err != nil {
		t.Fatalf("a 40,000-letter word: %v", err)
	}
	if got := ids(t, db, Query{Match: term("after")}); !reflect.DeepEqual(got, []uint64{1}) {
		t.Errorf("the words around it: %v", got)
	}
}

func TestReindex(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // checks the rebuilt index at the end
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	before := ids(t, db, Query{Match: term("سوريا")})
	// As if the archive had been indexed by another version of arshif.
	db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(metaAnalyzer, []byte("0.old"))
	})
	db.analyzer = "0.old"
	if !db.StaleIndex() {
		t.Fatal("not stale")
	}
	if _, err := db.Add(ctx, sample()[:1]); !errors.Is(err, ErrStaleIndex) {
		t.Errorf("Add on a stale index: %v", err)
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check on a stale index: %v", err)
	}
	var calls int
	if err := db.Reindex(ctx, func(done, total int) { calls++ }); err != nil {
		t.Fatal(err)
	}
	if db.StaleIndex() || calls != 2 {
		t.Errorf("after Reindex: stale %v, %d progress calls", db.StaleIndex(), calls)
	}
	if got := ids(t, db, Query{Match: term("سوريا")}); !reflect.DeepEqual(got, before) {
		t.Errorf("after Reindex: %v, want %v", got, before)
	}
}

// reindexSample opens an archive of more articles than a Reindex batch,
// whose index is marked as built by another version; the test's end
// closes it.
func reindexSample(t *testing.T) (*DB, string) {
	t.Helper()
	ctx := context.Background()
	db, path := openSample(t)
	var arts []*article.Article
	for i := range 2*reindexBatch + 500 {
		arts = append(arts, &article.Article{Title: fmt.Sprintf("خبر %d", i), Body: fmt.Sprintf("نص عن الرقة رقم %d", i%7)})
	}
	if _, err := db.Add(ctx, arts); err != nil {
		t.Fatal(err)
	}
	db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(metaAnalyzer, []byte("0.old"))
	})
	db.analyzer = "0.old"
	return db, path
}

// interruptReindex runs Reindex and cancels it once its first batch is
// committed.
func interruptReindex(t *testing.T, db *DB) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := db.Reindex(ctx, func(done, total int) {
		if done > 0 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Reindex: %v", err)
	}
}

// An interrupted Reindex leaves an index that says it is unfinished, whose
// part built is sound, and that the next Reindex finishes from there.
func TestReindexInterrupted(t *testing.T) {
	ctx := context.Background()
	db, path := reindexSample(t)
	want := ids(t, db, Query{Match: term("رقه")})
	interruptReindex(t, db)
	db.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !ro.ReindexUnfinished() || !ro.StaleIndex() {
		t.Errorf("after an interrupted reindex: unfinished %v, stale %v", ro.ReindexUnfinished(), ro.StaleIndex())
	}
	if err := ro.Check(ctx); err != nil {
		t.Errorf("check of the part indexed: %v", err)
	}
	s, err := ro.Stats(ctx)
	if all := 2*reindexBatch + 500 + len(sample()); err != nil || s.Indexed != reindexBatch || s.Articles != all {
		t.Errorf("stats: %d of %d articles indexed (%v), want %d of %d", s.Indexed, s.Articles, err, reindexBatch, all)
	}
	db = reopen(t, ro, path)
	if !db.ReindexUnfinished() {
		t.Error("a writable open forgot the interrupted reindex")
	}
	if _, err := db.Add(ctx, sample()[:1]); !errors.Is(err, ErrReindexUnfinished) {
		t.Errorf("Add during an unfinished reindex: %v", err)
	}
	if err := db.Delete(ctx, []uint64{1}); !errors.Is(err, ErrReindexUnfinished) {
		t.Errorf("Delete during an unfinished reindex: %v", err)
	}
	first := -1
	err = db.Reindex(ctx, func(done, total int) {
		if first < 0 {
			first = done
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if first != reindexBatch {
		t.Errorf("the second Reindex started with %d articles indexed, want %d: it did not go on", first, reindexBatch)
	}
	if db.ReindexUnfinished() || db.StaleIndex() {
		t.Errorf("after the reindex: unfinished %v, stale %v", db.ReindexUnfinished(), db.StaleIndex())
	}
	if got := ids(t, db, Query{Match: term("رقه")}); !reflect.DeepEqual(got, want) {
		t.Errorf("after the reindex: %d hits, want %d", len(got), len(want))
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		b := buckets(tx)
		if n, segs := b.postings.Stats().BucketN-1, b.segments.Stats().KeyN; n != segs || b.meta.Get(metaGarbage) != nil {
			t.Errorf("after the reindex: %d segment buckets for %d segments, garbage %x", n, segs, b.meta.Get(metaGarbage))
		}
		return nil
	})
	db = reopen(t, db, path)
	if db.ReindexUnfinished() || db.StaleIndex() {
		t.Errorf("reopened: unfinished %v, stale %v", db.ReindexUnfinished(), db.StaleIndex())
	}
}

// A reindex interrupted without the record of where it stopped (an older
// arshif's) is unfinished too, and starts over.
func TestReindexInterruptedUnrecorded(t *testing.T) {
	ctx := context.Background()
	db, path := reindexSample(t)
	want := ids(t, db, Query{Match: term("رقه")})
	interruptReindex(t, db)
	db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(metaReindex) })
	db = reopen(t, db, path)
	if !db.ReindexUnfinished() {
		t.Error("not unfinished")
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("check: %v", err)
	}
	first := -1
	err := db.Reindex(ctx, func(done, total int) {
		if first < 0 {
			first = done
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if first != 0 {
		t.Errorf("the second Reindex started with %d articles indexed, want 0: it did not start over", first)
	}
	if got := ids(t, db, Query{Match: term("رقه")}); !reflect.DeepEqual(got, want) {
		t.Errorf("after the reindex: %d hits, want %d", len(got), len(want))
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

// anyMention finds the articles that mention any date.
var anyMention = Query{Mentioned: true, MentionFrom: day("1900-01-01").Time, MentionTo: day("2100-01-01").Time}

func hasMentionsBucket(db *DB) bool {
	found := false
	db.bolt.View(func(tx *bolt.Tx) error { found = tx.Bucket(bucketMentions) != nil; return nil })
	return found
}

// An archive of analysis revision 2 keeps the mentioned dates in a bucket
// of their own instead of as terms of the index: it opens read-only with a
// stale index whose mentions are still found, and Reindex, through a
// writable Open, moves them into the index and drops the bucket.
func TestArchiveOfRevision2(t *testing.T) {
	ctx := context.Background()
	db, path := openSample(t)
	want := ids(t, db, anyMention)
	wantYears, err := db.MentionCounts(ctx, Query{}, FacetYear)
	if err != nil || len(want) == 0 || len(wantYears) == 0 {
		t.Fatalf("the sample mentions %v, by year %v (%v)", want, wantYears, err)
	}
	// Revision 2: the periods in their bucket, none in the index.
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		m, err := tx.CreateBucket(bucketMentions)
		if err != nil {
			return err
		}
		var edits postingEdits
		err = b.articles.ForEach(func(k, v []byte) error {
			a, err := decodeArticle(binary.BigEndian.Uint64(k), v)
			if err != nil {
				return err
			}
			for _, term := range mentionTerms(a) {
				edits.remove(term, a.ID)
				if err := m.Put(append([]byte(term[len(mentionTermPrefix):]), k...), nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := edits.apply(b, nil); err != nil {
			return err
		}
		return b.meta.Put(metaAnalyzer, []byte("2.old"))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open: %v", err)
	}
	if !ro.StaleIndex() {
		t.Error("the index of an archive of revision 2 is not stale")
	}
	if got := ids(t, ro, anyMention); !reflect.DeepEqual(got, want) {
		t.Errorf("mentions in the old archive: %v, want %v", got, want)
	}
	if got, err := ro.MentionCounts(ctx, Query{}, FacetYear); err != nil || !reflect.DeepEqual(got, wantYears) {
		t.Errorf("mentions by year in the old archive: %v (%v), want %v", got, err, wantYears)
	}
	db = reopen(t, ro, path)
	if err := db.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if hasMentionsBucket(db) {
		t.Error("the mentions bucket is still there after Reindex")
	}
	if got := ids(t, db, anyMention); !reflect.DeepEqual(got, want) {
		t.Errorf("mentions after Reindex: %v, want %v", got, want)
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("check after reindex: %v", err)
	}
}

// An older arshif's writable open leaves an empty mentions bucket beside
// an index of this build's: it is ignored (the mentions are still found,
// Check passes), and a writable open drops it.
func TestLeftoverMentionsBucket(t *testing.T) {
	ctx := context.Background()
	db, path := openSample(t)
	want := ids(t, db, anyMention)
	if len(want) == 0 {
		t.Fatal("the sample mentions no date")
	}
	leave := func(db *DB) {
		t.Helper()
		if err := db.bolt.Update(func(tx *bolt.Tx) error {
			_, err := tx.CreateBucketIfNotExists(bucketMentions)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	leave(db)
	if got := ids(t, db, anyMention); !reflect.DeepEqual(got, want) {
		t.Errorf("mentions beside a leftover bucket: %v, want %v", got, want)
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("check: %v", err)
	}
	db = reopen(t, db, path)
	if hasMentionsBucket(db) {
		t.Error("a writable open kept the leftover mentions bucket")
	}
	if got := ids(t, db, anyMention); !reflect.DeepEqual(got, want) {
		t.Errorf("mentions after a writable open: %v, want %v", got, want)
	}
}

func TestBackupAndCompact(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "a.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var arts []*article.Article
	for i := 0; i < 300; i++ {
		arts = append(arts, &article.Article{Title: fmt.Sprintf("خبر %d", i), Body: strings.Repeat("نص عن الرقة وسوريا. ", 200)})
	}
	if _, err := db.Add(ctx, arts); err != nil {
		t.Fatal(err)
	}
	var gone []uint64
	for i := uint64(1); i <= 250; i++ {
		gone = append(gone, i)
	}
	if err := db.Delete(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, path); err == nil {
		t.Error("a backup over the archive itself was accepted")
	}
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	compactSmaller(t, path)
	for _, p := range []string{path, backup} {
		db, err := Open(p, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Check(ctx); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		if got := ids(t, db, Query{Match: term("رقه")}); len(got) != 50 {
			t.Errorf("%s: %d hits, want 50", p, len(got))
		}
		db.Close()
	}
}

// TestBackupAndCompactThroughLinks: an archive or a backup named through a
// symbolic link is written where the link points, and the link stays.
func TestBackupAndCompactThroughLinks(t *testing.T) {
	ctx := context.Background()
	db, path := openSample(t)
	dir := t.TempDir()
	stick := filepath.Join(dir, "stick")
	if err := os.Mkdir(stick, 0o700); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(stick, "backup.db")
	if err := os.WriteFile(backup, []byte("an older backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "backup-link.db")
	if err := os.Symlink(backup, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := db.Backup(ctx, link); err != nil {
		t.Fatal(err)
	}
	db.Close()
	isLinkTo(t, link, backup)
	b, err := Open(backup, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the file the link names is not the backup: %v", err)
	}
	b.Close()

	// The archive itself, moved to the stick and linked from its place.
	archive := filepath.Join(stick, "arshif.db")
	if err := os.Rename(path, archive); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(archive, path); err != nil {
		t.Fatal(err)
	}
	if db, err = Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, []uint64{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	compactSmaller(t, path)
	isLinkTo(t, path, archive)
	if db, err = Open(archive, Options{ReadOnly: true}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

func isLinkTo(t *testing.T, link, target string) {
	t.Helper()
	if got, err := os.Readlink(link); err != nil || got != target {
		t.Errorf("%s: link to %q (%v), want a link to %s", link, got, err, target)
	}
}

// compactSmaller compacts the archive at path and returns its size, which
// must be smaller than before.
func compactSmaller(t *testing.T, path string) int64 {
	t.Helper()
	before, after, err := Compact(context.Background(), path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if after >= before {
		t.Errorf("compact: %d bytes before, %d after", before, after)
	}
	return after
}

// TestCompactNeverGrows: bbolt leaves a written file larger than its pages
// (by up to 16 MB); the compacted copy ends at its last page, and a file
// with nothing to drop is kept as it is.
func TestCompactNeverGrows(t *testing.T) {
	ctx := context.Background()
	db, path := openSample(t)
	db.Close()
	after := compactSmaller(t, path)
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var pages int64
	bdb.View(func(tx *bolt.Tx) error {
		pages = tx.Size()
		return nil
	})
	page := int64(bdb.Info().PageSize)
	bdb.Close()
	if after > pages+page {
		t.Errorf("compacted file: %d bytes for %d bytes of pages", after, pages)
	}

	old, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	before, after, err := Compact(ctx, path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	now, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if after != before || now.Size() != old.Size() || !os.SameFile(old, now) {
		t.Errorf("compacting a compact file: %d bytes before, %d after, replaced %v", before, after, !os.SameFile(old, now))
	}
	if _, err := os.Stat(path + ".compact"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the copy was left behind: %v", err)
	}
	db, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestMergeInChunks(t *testing.T) {
	defer func(n int) { mergeChunk = n }(mergeChunk)
	mergeChunk = 64 // a few terms a transaction
	TestSegmentsStayFew(t)
}

func TestGarbageLeftByAKillIsCollected(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	// As if a merge had replaced segment 98 and been killed before
	// removing it.
	db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		sb, _ := createSegmentBucket(b, 98)
		sb.Put([]byte("رقه"), encodeTest(testPostings()[:1]))
		return b.meta.Put(metaGarbage, segmentName(98))
	})
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check with garbage waiting: %v", err)
	}
	if _, err := db.Add(ctx, []*article.Article{{Title: "x", Body: "y"}}); err != nil {
		t.Fatal(err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketPostings).Bucket(segmentName(98)) != nil || tx.Bucket(bucketMeta).Get(metaGarbage) != nil {
			t.Error("the next write left the garbage")
		}
		return nil
	})
}

func TestUnfinishedMergeIsDropped(t *testing.T) {
	ctx := context.Background()
	db, path := openSample(t)
	// As if a merge had written part of its segment and been killed.
	db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		sb, _ := createSegmentBucket(b, 99)
		sb.Put([]byte("رقه"), encodeTest(testPostings()[:1]))
		return b.meta.Put(metaMerging, segmentName(99))
	})
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check with an unfinished merge: %v", err)
	}
	if got := ids(t, db, Query{Match: term("رقه")}); !reflect.DeepEqual(got, []uint64{1}) {
		t.Errorf("a query saw the unfinished merge: %v", got)
	}
	db = reopen(t, db, path)
	db.bolt.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketPostings).Bucket(segmentName(99)) != nil || tx.Bucket(bucketMeta).Get(metaMerging) != nil {
			t.Error("the unfinished merge is still there after a write open")
		}
		return nil
	})
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestSetPublished(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // checks the date index and doc records at the end
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	// Article 3 has no date; article 1 moves from 2017-10-17.
	if a, err := db.SetPublished(ctx, 3, day("2017-11-09")); err != nil || a.Published.Day() != "2017-11-09" {
		t.Fatalf("SetPublished(3) = %v, %v", a, err)
	}
	if _, err := db.SetPublished(ctx, 1, day("2014-07-02")); err != nil {
		t.Fatal(err)
	}
	from, to := time.Date(2017, 11, 9, 0, 0, 0, 0, time.UTC), time.Date(2017, 11, 9, 0, 0, 0, 0, time.UTC)
	if got := ids(t, db, Query{From: from, To: to}); !reflect.DeepEqual(got, []uint64{3, 2}) {
		t.Errorf("on 2017-11-09: %v, want [3 2]", got)
	}
	if got := ids(t, db, Query{Undated: true}); len(got) != 0 {
		t.Errorf("undated: %v, want none", got)
	}
	if _, err := db.SetPublished(ctx, 2, article.Timestamp{}); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, db, Query{Undated: true}); !reflect.DeepEqual(got, []uint64{2}) {
		t.Errorf("undated after taking the date away: %v, want [2]", got)
	}
	if a, err := db.Get(ctx, 1); err != nil || a.Published.Day() != "2014-07-02" {
		t.Errorf("Get(1) = %v, %v", a, err)
	}
	if _, err := db.SetPublished(ctx, 99, day("2017-01-01")); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetPublished(99): %v, want ErrNotFound", err)
	}
}

func TestMentionsIndex(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // Check compares the index with the texts at the end
	arts := []*article.Article{
		{Title: "أ", Body: "وصلت في 15 أيلول/سبتمبر وغادرت في صيف العام 2014.", Published: day("2017-11-09")},
		{Title: "ب", Body: "وصلت في 15 أيلول/سبتمبر.", URL: "http://x/2"}, // undated: a partial date
		{Title: "c", Body: "Nothing happened in October 2017 or on Monday.", Published: day("2017-11-09")},
	}
	if _, err := db.Add(ctx, arts); err != nil {
		t.Fatal(err)
	}
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, tt := range []struct {
		from, to string
		want     []uint64
	}{
		// Dated articles newest first, then the undated one (2), whose
		// partial 15 September falls in any range holding a 15 September.
		{"2017-09-15", "2017-09-15", []uint64{1, 2}},
		{"2017-10-01", "2017-10-31", []uint64{3}},    // the month
		{"2017-11-06", "2017-11-06", []uint64{3}},    // Monday, resolved
		{"2014-01-01", "2014-12-31", []uint64{1, 2}}, // the year (and 15 September)
		{"2014-06-01", "2014-06-30", nil},            // a year is not in a month
		{"2016-01-01", "2017-12-31", []uint64{3, 1, 2}},
	} {
		q := Query{Mentioned: true, MentionFrom: d(tt.from), MentionTo: d(tt.to)}
		if got := ids(t, db, q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("mentions %s..%s: %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
	// With words too.
	q := Query{Match: term("غادرت"), Mentioned: true, MentionFrom: d("2014-01-01"), MentionTo: d("2014-12-31")}
	if got := ids(t, db, q); !reflect.DeepEqual(got, []uint64{1}) {
		t.Errorf("a word and a mentioned year: %v", got)
	}
	// A date given later resolves the partial mention; a delete takes its
	// mentions away (Check, at the end, compares the whole index).
	if _, err := db.SetPublished(ctx, 2, day("2016-01-01")); err != nil {
		t.Fatal(err)
	}
	q = Query{Mentioned: true, MentionFrom: d("2015-09-15"), MentionTo: d("2015-09-15")}
	if got := ids(t, db, q); !reflect.DeepEqual(got, []uint64{2}) {
		t.Errorf("after dating article 2: %v, want [2]", got)
	}
	if err := db.Delete(ctx, []uint64{1}); err != nil {
		t.Fatal(err)
	}
	q = Query{Mentioned: true, MentionFrom: d("2014-01-01"), MentionTo: d("2014-12-31")}
	if got := ids(t, db, q); len(got) != 0 {
		t.Errorf("after deleting article 1: %v", got)
	}
}
