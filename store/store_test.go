package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"arshif/analyze"
	"arshif/article"
)

// openTest opens a fresh archive that is checked for integrity when the
// test ends.
func openTest(t *testing.T) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Check(context.Background()); err != nil {
			t.Errorf("integrity check: %v", err)
		}
		db.Close()
	})
	return db
}

func day(s string) article.Timestamp {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return article.Timestamp{Time: t}
}

func sample() []*article.Article {
	return []*article.Article{
		{Title: "الرقة", Body: "قوات سوريا الديمقراطية في الرقة", Tags: []string{"الرقة", "سوريا"}, Source: "AFP", URL: "http://a/1", Published: day("2017-10-17")},
		{Title: "Raqqa", Body: "The coalition said on Thursday.", Tags: []string{"Syria"}, Source: "afp", Published: day("2017-11-09")},
		{Title: "بلا تاريخ", Body: "نص المدرسة", Tags: []string{"سوريا"}, Source: "Reuters"},
		{Title: "2014", Body: "Summer of 2014", Published: day("2014-07-01"), Source: "Reuters", URL: "http://a/4"},
	}
}

// openSample opens a new archive holding sample(), for tests that damage
// or reopen it: unlike openTest, nothing is checked at the end. It is
// closed when the test ends (closing it before is fine).
func openSample(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sample.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Add(context.Background(), sample()); err != nil {
		t.Fatal(err)
	}
	return db, path
}

// reopen closes db and opens the archive at path again for writing, as a
// later run of arshif would; the test's end closes it.
func reopen(t *testing.T, db *DB, path string) *DB {
	t.Helper()
	db.Close()
	again, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("writable open: %v", err)
	}
	t.Cleanup(func() { again.Close() })
	return again
}

func term(t string) Match { return &MatchTerm{Terms: []string{t}} }

func ids(t *testing.T, db *DB, q Query) []uint64 {
	t.Helper()
	var got []uint64
	if _, err := db.Find(context.Background(), q, func(h Hit) error {
		got = append(got, h.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestAddFindRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	res, err := db.Add(ctx, sample())
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Duplicate || r.ID != uint64(i+1) {
			t.Errorf("result %d = %+v", i, r)
		}
	}
	got, err := db.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := sample()[0]
	if got.Title != want.Title || got.Body != want.Body || !reflect.DeepEqual(got.Tags, want.Tags) ||
		got.URL != want.URL || got.Published != want.Published || got.Hash == "" || got.ImportedAt.IsZero() {
		t.Errorf("Get(1) = %+v", got)
	}
	if _, err := db.Get(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(99) error = %v, want ErrNotFound", err)
	}

	tests := []struct {
		name string
		q    Query
		want []uint64
	}{
		{"all newest first, undated last", Query{}, []uint64{2, 1, 4, 3}},
		{"tag", Query{Tags: []string{"سوريا"}}, []uint64{1, 3}},
		{"tag spelling variant", Query{Tags: []string{"الرقه"}}, []uint64{1}},
		{"two tags", Query{Tags: []string{"سوريا", "الرقة"}}, []uint64{1}},
		{"unknown tag", Query{Tags: []string{"ليبيا"}}, nil},
		{"source any case", Query{Sources: []string{"AFP"}}, []uint64{2, 1}},
		{"either source", Query{Sources: []string{"reuters", "AFP"}}, []uint64{2, 1, 4, 3}},
		{"either source, a word", Query{Sources: []string{"reuters", "afp"}, Match: term("2014")}, []uint64{4}},
		{"a source twice", Query{Sources: []string{"afp", "AFP"}, Match: term("raqqa")}, []uint64{2}},
		{"from", Query{From: day("2017-01-01").Time}, []uint64{2, 1}},
		{"to", Query{To: day("2017-10-17").Time}, []uint64{1, 4}},
		{"range", Query{From: day("2017-10-01").Time, To: day("2017-10-31").Time}, []uint64{1}},
		{"undated", Query{Undated: true}, []uint64{3}},
		{"word", Query{Match: term("مدرس")}, []uint64{3}},
		{"words all", Query{Match: &MatchAnd{Must: []Match{term("coalit"), term("thursday")}}}, []uint64{2}},
		{"words none", Query{Match: &MatchAnd{Must: []Match{term("coalit"), term("رقه")}}}, nil},
		{"word and tag", Query{Match: term("سوريا"), Tags: []string{"الرقة"}}, []uint64{1}},
		{"word and dates", Query{Match: term("سوريا"), From: day("2017-01-01").Time}, []uint64{1}},
		{"word undated", Query{Match: term("سوريا"), Undated: true}, nil},
		{"tag and range exclude undated", Query{Tags: []string{"سوريا"}, From: day("2017-01-01").Time}, []uint64{1}},
		{"offset limit", Query{Offset: 1, Limit: 2}, []uint64{1, 4}},
		// An AND with nothing that must match starts from every article
		// the other conditions allow; unscored, so newest first.
		{"all but a word", Query{Match: &MatchAnd{Not: []Match{term("رقه")}}}, []uint64{2, 4, 3}},
		{"all but a word, one source", Query{Match: &MatchAnd{Not: []Match{term("coalit")}}, Sources: []string{"afp"}}, []uint64{1}},
		{"all but a word, dated", Query{Match: &MatchAnd{Not: []Match{term("summer")}}, From: day("2014-01-01").Time}, []uint64{2, 1}},
		{"all but two", Query{Match: &MatchAnd{Not: []Match{term("رقه"), &MatchFacet{Source: "reuters"}}}}, []uint64{2}},
		{"a word or all but another", Query{Match: &MatchOr{Any: []Match{term("مدرس"), &MatchAnd{Not: []Match{term("مدرس"), term("رقه")}}}}}, []uint64{3, 2, 4}},
	}
	for _, tt := range tests {
		if got := ids(t, db, tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	if n, err := db.Count(ctx, Query{Tags: []string{"سوريا"}, Limit: 1}); n != 2 || err != nil {
		t.Errorf("Count = %d, %v; want 2", n, err)
	}
	if n, err := db.Count(ctx, Query{Match: &MatchAnd{Not: []Match{term("رقه")}}}); n != 3 || err != nil {
		t.Errorf("Count of all but a word = %d, %v; want 3", n, err)
	}
	// A source named twice, in two spellings, scores as once.
	score := func(q Query) float64 {
		var s float64
		if _, err := db.Find(ctx, q, func(h Hit) error { s += h.Score; return nil }); err != nil {
			t.Fatal(err)
		}
		return s
	}
	once, twice := score(Query{Sources: []string{"afp"}, Match: term("raqqa")}), score(Query{Sources: []string{"afp", "AFP"}, Match: term("raqqa")})
	if once == 0 || twice != once {
		t.Errorf("score with the source once %v, named twice %v", once, twice)
	}
}

func TestAddDuplicates(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	again := sample()
	again = append(again, &article.Article{Title: "Raqqa", Body: "The coalition said on Thursday.", URL: "http://other/2"})
	res, err := db.Add(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res[:4] {
		if !r.Duplicate || r.ID != uint64(i+1) {
			t.Errorf("re-add %d = %+v, want duplicate of %d", i, r, i+1)
		}
	}
	if res[4].Duplicate {
		t.Error("the same text under another URL was taken for a duplicate")
	}
	inBatch, err := db.Add(ctx, []*article.Article{{Title: "x", Body: "y"}, {Title: "x", Body: "y"}, {Title: "X", Body: "y"}})
	if err != nil {
		t.Fatal(err)
	}
	if inBatch[0].Duplicate || !inBatch[1].Duplicate || inBatch[1].ID != inBatch[0].ID {
		t.Errorf("duplicates inside one batch: %+v", inBatch)
	}
	if inBatch[2].Duplicate {
		t.Error("a text differing in case was taken for a duplicate: only exact copies are")
	}
}

// A dry run's Presence tells the articles stored from those repeated in
// its own input, across batches, and calls present exactly those an
// import of the same batches then reports as Duplicate.
func TestPresenceStoredAndRepeated(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()[:2]); err != nil {
		t.Fatal(err)
	}
	batches := func() [][]*article.Article {
		s := sample()
		return [][]*article.Article{
			{s[0], s[2], {Title: "x", Body: "y"}, {Title: "x", Body: "y"}},
			{sample()[2], sample()[0], s[1], s[3], {Title: "x", Body: "y"}, sample()[3]},
		}
	}
	want := [][]Found{
		{Stored, Absent, Absent, Repeated},
		{Repeated, Stored, Stored, Absent, Repeated, Repeated},
	}
	for _, of := range []struct {
		name string
		db   *DB
	}{{"archive", db}, {"no archive", nil}} {
		p := NewPresence(of.db)
		for b, batch := range batches() {
			got, err := p.Present(ctx, batch)
			if err != nil {
				t.Fatal(err)
			}
			w := slices.Clone(want[b])
			if of.db == nil { // no archive: the stored ones are new, or repeats of the new
				w = map[int][]Found{
					0: {Absent, Absent, Absent, Repeated},
					1: {Repeated, Repeated, Absent, Absent, Repeated, Repeated},
				}[b]
			}
			if !slices.Equal(got, w) {
				t.Errorf("%s, batch %d: Present = %v, want %v", of.name, b, got, w)
			}
		}
	}
	for b, batch := range batches() {
		res, err := db.Add(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range res {
			if r.Duplicate != (want[b][i] != Absent) {
				t.Errorf("batch %d, article %d: Add says Duplicate %v, Presence said %v", b, i, r.Duplicate, want[b][i])
			}
		}
	}
}

// An article marked unstored wrongly (stored meanwhile, or the mark is
// simply false) is still found by Commit: stored once, reported present.
func TestPrepareCheckedWrongMark(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	again := sample()
	p, err := db.PrepareChecked(ctx, again, []bool{true, false, true, true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Commit(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if !r.Duplicate || r.ID != uint64(i+1) {
			t.Errorf("re-add %d = %+v, want duplicate of %d", i, r, i+1)
		}
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != len(sample()) {
		t.Errorf("%d articles stored, want %d", st.Articles, len(sample()))
	}
}

func TestTagsAndStats(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	arts := sample()
	arts[2].Tags = append(arts[2].Tags, "سوريّا") // a variant of a tag it already has
	if _, err := db.Add(ctx, arts); err != nil {
		t.Fatal(err)
	}
	tags, err := db.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []Count{{"سوريا", 2}, {"Syria", 1}, {"الرقة", 1}}
	if !reflect.DeepEqual(tags, want) {
		t.Errorf("Tags = %v, want %v", tags, want)
	}
	s, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 4 || s.Sources != 2 || s.Tags != 3 || s.Undated != 1 || s.NoSource != 0 ||
		s.First.Format("2006-01-02") != "2014-07-01" || s.Last.Format("2006-01-02") != "2017-11-09" || s.FileSize == 0 {
		t.Errorf("Stats = %+v", s)
	}
	if _, err := db.Add(ctx, []*article.Article{{Title: "بيان", Body: "بلا مصدر"}, {Title: "بيان آخر", Body: "بلا مصدر أيضا"}}); err != nil {
		t.Fatal(err)
	}
	if s, err = db.Stats(ctx); err != nil || s.Articles != 6 || s.Sources != 2 || s.NoSource != 2 {
		t.Errorf("Stats with two articles naming no source = %+v, %v", s, err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "missing.db"), Options{ReadOnly: true}); !errors.Is(err, ErrNoArchive) {
		t.Errorf("read-only open of a missing file: %v", err)
	}
	if _, err := Open(filepath.Join(dir, "missing.db"), Options{MustExist: true}); !errors.Is(err, ErrNoArchive) {
		t.Errorf("MustExist open of a missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("open of a missing file created it: %v", err)
	}
	nofolder := filepath.Join(dir, "nofolder", "x.db")
	if _, err := Open(nofolder, Options{}); !errors.Is(err, ErrNoFolder) || strings.Count(err.Error(), nofolder) != 1 {
		t.Errorf("open in a folder that does not exist: %v", err)
	}
	if _, err := Open(dir, Options{}); err == nil || strings.Count(err.Error(), dir) != 1 {
		t.Errorf("open of a folder: %v, want its path named once", err)
	}

	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("this is not a database, just some words long enough to be read as a page header........"), 0o644)
	if _, err := Open(text, Options{}); !errors.Is(err, ErrNotArchive) {
		t.Errorf("open of a text file: %v", err)
	}

	foreign := filepath.Join(dir, "foreign.db")
	bdb, _ := bolt.Open(foreign, 0o600, nil)
	bdb.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
	bdb.Close()
	if _, err := Open(foreign, Options{}); !errors.Is(err, ErrNotArchive) {
		t.Errorf("open of a foreign bbolt file: %v", err)
	}

	newer := filepath.Join(dir, "newer.db")
	db, err := Open(newer, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(metaSchema, []byte("99")) })
	db.Close()
	if _, err := Open(newer, Options{ReadOnly: true}); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("open of a newer archive: %v", err)
	}
	info, err := os.Stat(newer)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("archive mode = %v, %v; want 0600", info.Mode().Perm(), err)
	}
}

// An archive of schema 1 (segments a key a term) is read as it is, and
// becomes schema 2 once opened for writing, so that an older arshif
// refuses what is written in blocks.
func TestSchemaOneIsUpgradedOnWrite(t *testing.T) {
	db, path := openSample(t)
	asSchemaTwo(t, db)
	db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(metaSchema, []byte("1")) })
	db.Close()
	schema := func(db *DB) string {
		var v string
		db.bolt.View(func(tx *bolt.Tx) error { v = string(tx.Bucket(bucketMeta).Get(metaSchema)); return nil })
		return v
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := schema(ro); got != "1" {
		t.Errorf("read-only open: schema %q, want 1 as it was", got)
	}
	rw := reopen(t, ro, path)
	if got := schema(rw); got != strconv.Itoa(SchemaVersion) {
		t.Errorf("writable open: schema %q, want %d", got, SchemaVersion)
	}
}

func TestBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// bbolt's lock is a flock on the file: a second open in this process
	// contends like another process would.
	if _, err := Open(path, Options{ReadOnly: true, Timeout: 100 * time.Millisecond}); !errors.Is(err, ErrBusy) {
		t.Errorf("second open: %v, want ErrBusy", err)
	}
}

func TestCheckFindsDamage(t *testing.T) {
	ctx := context.Background()
	db, _ := openSample(t)
	if err := db.Check(ctx); err != nil {
		t.Fatalf("fresh archive: %v", err)
	}
	db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTags).Delete(append(facetPrefix("سوريا"), idKey(3)...))
	})
	if err := db.Check(ctx); err == nil {
		t.Error("Check missed a deleted tag entry")
	}
}

// A declared language that is not one of analyze.Languages is damage:
// parse gives only those.
func TestCheckFindsUnknownLanguage(t *testing.T) {
	ctx := context.Background()
	db, _ := openSample(t)
	if _, err := db.Add(ctx, []*article.Article{{Title: "Habari", Lang: "sw"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Check(ctx); err == nil || !strings.Contains(err.Error(), `article 5: declares the language "sw"`) {
		t.Errorf("Check: %v, want the unknown language named", err)
	}
}

// A filter meeting a key of the tag or undated index that holds no id
// says the archive is damaged instead of reading past the key.
func TestFilterFindsBadKeys(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		bucket []byte
		key    []byte
		q      Query
	}{
		{bucketTags, append(facetPrefix("سوريا"), 1, 2), Query{Tags: []string{"سوريا"}}},
		{bucketUndated, []byte{1, 2, 3}, Query{Langs: []string{"ar"}}},
	} {
		db, _ := openSample(t)
		if err := db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(c.bucket).Put(c.key, nil) }); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Count(ctx, c.q); !errors.Is(err, errCorrupt) {
			t.Errorf("%s key %x: Count: %v, want %v", c.bucket, c.key, err, errCorrupt)
		}
	}
}

func TestRecordRoundTrip(t *testing.T) {
	a := sample()[0]
	a.Author, a.Origin, a.Hash = "ريان", "seed.txt", Hash(a)
	a.ImportedAt = time.Date(2026, 11, 23, 10, 0, 0, 5, time.UTC)
	a.ID = 7
	got, err := decodeArticle(7, encodeArticle(a))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, a)
	}
	if _, err := decodeArticle(7, encodeArticle(a)[:20]); err == nil {
		t.Error("a truncated record decoded")
	}
	// Archives written before S2 hold zstd records (format 2).
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	old := enc.EncodeAll(encodePlain(a)[1:], []byte{recordZstd})
	if got, err := decodeArticle(7, old); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("zstd record: %v\n got %+v\nwant %+v", err, got, a)
	}
	// An article that declares its language (format 4); one that does
	// not stays format 3.
	if encodeArticle(a)[0] != recordS2 {
		t.Errorf("an article without a declared language: format %d, want %d", encodeArticle(a)[0], recordS2)
	}
	a.Lang = "fr"
	rec := encodeArticle(a)
	if got, err := decodeArticle(7, rec); err != nil || rec[0] != recordS2Lang || !reflect.DeepEqual(got, a) {
		t.Errorf("declared language, format %d: %v\n got %+v\nwant %+v", rec[0], err, got, a)
	}
	// A format-4 record must hold a language.
	a.Lang = ""
	if _, err := decodeArticle(7, append([]byte{recordS2Lang}, encodeArticle(a)[1:]...)); err == nil {
		t.Error("a format-4 record without a language decoded")
	}
	for _, format := range []byte{recordFormat1, recordZstd, recordS2, recordS2Lang} {
		if _, err := decodeArticle(7, []byte{format, 0xff, 0xff}); err == nil {
			t.Errorf("a broken record of format %d decoded", format)
		}
	}
}

func TestCheckFindsIndexDamage(t *testing.T) {
	ctx := context.Background()
	db, _ := openSample(t)
	// Drop one article's postings for one term, as a bug would.
	db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		segs, _ := loadSegments(b.segments)
		sb := b.postings.Bucket(segmentName(segs[0].id))
		var l listBuilder
		l.add(1, 1, 0, []uint32{0}) // "رقه" is in title and body of article 1
		return editTerm(newSegReader(sb, segs[0]), []byte("رقه"), func([]byte) ([]byte, error) { return l.encode(), nil })
	})
	err := db.Check(ctx)
	if err == nil || !strings.Contains(err.Error(), "does not match their text") {
		t.Errorf("Check = %v, want an index mismatch", err)
	}
}

func TestCheckFindsBrokenBlock(t *testing.T) {
	db, _ := openSample(t)
	// A key of a segment in blocks whose value is not a block.
	db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		segs, _ := loadSegments(b.segments)
		return b.postings.Bucket(segmentName(segs[0].id)).Put([]byte("رقه"), []byte{0xff})
	})
	err := db.Check(context.Background())
	if err == nil || !strings.Contains(err.Error(), "a block of terms does not decode") {
		t.Errorf("Check = %v, want a broken block", err)
	}
	// A block whose terms run past the next block's: found out of order.
	db2, _ := openSample(t)
	db2.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		segs, _ := loadSegments(b.segments)
		var l listBuilder
		l.add(1, 1, 0, []uint32{0})
		block := appendEntry(appendEntry(nil, []byte("\x00"), l.encode()), []byte("\xff"), l.encode())
		return b.postings.Bucket(segmentName(segs[0].id)).Put([]byte("\x00"), block)
	})
	if err := db2.Check(context.Background()); err == nil || !strings.Contains(err.Error(), "out of order") {
		t.Errorf("Check = %v, want terms out of order", err)
	}
	// A search that reads the block says so, rather than find nothing.
	_, err = db.Find(context.Background(), Query{Match: term("رقه")}, func(Hit) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "a block of terms") {
		t.Errorf("a search through the broken block: %v, want an error", err)
	}
}

func TestFacets(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	got, err := db.Facets(ctx, Query{Limit: 1}, []string{FacetTag, FacetSource, FacetYear})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]Count{
		FacetTag:    {{"سوريا", 2}, {"Syria", 1}, {"الرقة", 1}, {NoTag, 1}},
		FacetSource: {{"AFP", 2}, {"Reuters", 2}},
		FacetYear:   {{"2017", 2}, {"2014", 1}, {"undated", 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Facets = %v, want %v", got, want)
	}
	// Articles with no source count under NoSource, last whatever their
	// number.
	noSource := []*article.Article{
		{Title: "بيان", Body: "نص البيان الأول", Tags: []string{"سوريا"}},
		{Title: "بيان آخر", Body: "نص البيان الثاني", Tags: []string{"سوريا"}},
		{Title: "بيان ثالث", Body: "نص البيان الثالث"},
	}
	if _, err := db.Add(ctx, noSource); err != nil {
		t.Fatal(err)
	}
	got, err = db.Facets(ctx, Query{}, []string{FacetSource, FacetTag})
	if err != nil {
		t.Fatal(err)
	}
	want = map[string][]Count{
		FacetSource: {{"AFP", 2}, {"Reuters", 2}, {NoSource, 3}},
		FacetTag:    {{"سوريا", 4}, {"Syria", 1}, {"الرقة", 1}, {NoTag, 2}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Facets with articles without a source = %v, want %v", got, want)
	}
	if err := db.Delete(ctx, []uint64{5, 6, 7}); err != nil {
		t.Fatal(err)
	}
	got, err = db.Facets(ctx, Query{Match: term("سوريا")}, []string{FacetYear, FacetSource})
	if err != nil {
		t.Fatal(err)
	}
	want = map[string][]Count{ // article 3 has سوريا as a tag only, not in its text
		FacetYear:   {{"2017", 1}},
		FacetSource: {{"AFP", 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Facets of a word = %v, want %v", got, want)
	}
}

// Each article's language is a facet term: a filter, a field of the query
// language and a facet, kept exact under delete.
func TestLanguages(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	facets := func(q Query) []Count {
		t.Helper()
		got, err := db.Facets(ctx, q, []string{FacetLang})
		if err != nil {
			t.Fatal(err)
		}
		return got[FacetLang]
	}
	if got, want := facets(Query{}), []Count{{"ar", 2}, {"en", 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Facets by language = %v, want %v", got, want)
	}
	if got, want := facets(Query{Sources: []string{"reuters"}}), []Count{{"ar", 1}, {"en", 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Facets by language of a source = %v, want %v", got, want)
	}
	syria := term(analyze.NewAnalyzer().QueryTerms("سوريا")[0])
	for _, c := range []struct {
		name string
		q    Query
		want []uint64
	}{
		{"one language", Query{Langs: []string{"en"}}, []uint64{2, 4}},
		{"either", Query{Langs: []string{"fr", "ar"}}, []uint64{1, 3}},
		{"none has it", Query{Langs: []string{"fr"}}, nil},
		{"and a source", Query{Langs: []string{"ar"}, Sources: []string{"reuters"}}, []uint64{3}},
		{"and dates", Query{Langs: []string{"en"}, From: day("2015-01-01").Time}, []uint64{2}},
		{"and a word", Query{Langs: []string{"ar"}, Match: syria}, []uint64{1}},
		{"a word of another language", Query{Langs: []string{"en"}, Match: syria}, nil},
		{"either, and a word", Query{Langs: []string{"en", "ar"}, Match: syria}, []uint64{1}},
		{"either, and words of both", Query{Langs: []string{"ar", "en"}, Match: &MatchOr{Any: []Match{syria, term("raqqa")}}}, []uint64{2, 1}},
		{"as a match", Query{Match: &MatchFacet{Lang: "ar"}, Tags: []string{"سوريا"}}, []uint64{1, 3}},
		{"negated", Query{Match: &MatchAnd{Not: []Match{&MatchFacet{Lang: "ar"}}}}, []uint64{2, 4}},
	} {
		got := ids(t, db, c.q)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Find = %v, want %v", c.name, got, c.want)
		}
		if n, err := db.Count(ctx, c.q); err != nil || n != len(c.want) {
			t.Errorf("%s: Count = %d, %v, want %d", c.name, n, err, len(c.want))
		}
	}
	// The dates the texts mention, of one language: only the English
	// texts mention any ("Summer of 2014", "on Thursday").
	for lang, want := range map[string][]Count{"en": {{"2014", 1}, {"2017", 1}}, "ar": nil, "fr": nil} {
		got, err := db.MentionCounts(ctx, Query{Langs: []string{lang}}, FacetYear)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("MentionCounts of %s = %v, %v, want %v", lang, got, err, want)
		}
	}
	if err := db.Delete(ctx, []uint64{2}); err != nil {
		t.Fatal(err)
	}
	if got, want := facets(Query{}), []Count{{"ar", 2}, {"en", 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Facets by language after a delete = %v, want %v", got, want)
	}
}

// Check compares the mentioned dates in the index with what the texts
// give: a mention missing, or one too many, is found.
func TestCheckFindsMentionsDamage(t *testing.T) {
	ctx := context.Background()
	for _, damage := range []string{"missing", "extra"} {
		db, _ := openSample(t)
		if err := db.Check(ctx); err != nil {
			t.Fatalf("before the damage: %v", err)
		}
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			var edits postingEdits
			if damage == "extra" {
				edits.add(mentionTermPrefix+"D20170101", 2)
				return edits.apply(buckets(tx), nil)
			}
			segs, err := segmentReaders(buckets(tx))
			if err != nil {
				return err
			}
			c := segs[0].cursor()
			term, list := c.seek([]byte(mentionTermPrefix))
			if !strings.HasPrefix(string(term), mentionTermPrefix) {
				return fmt.Errorf("no mentioned date in the first segment (%q)", term)
			}
			err = forEachDoc(list, func(id uint64, _, _ uint32) { edits.remove(string(term), id) })
			if err != nil {
				return err
			}
			return edits.apply(buckets(tx), nil)
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.Check(ctx)
		if err == nil || !strings.Contains(err.Error(), "does not match their text") {
			t.Errorf("a mention %s: Check = %v", damage, err)
		}
		db.Close()
	}
}

// An article whose record declares its language is indexed in it, not in
// the one its text reads as: found by lang:fr and by a French stem, in
// agreement with Check after a tag edit and a reindex, and taken out
// whole by a delete.
// TestDeclaredLanguageAsDetected: a declared language the text says too
// is not kept as declared (the record stays format 3).
func TestDeclaredLanguageAsDetected(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := &article.Article{Title: "الرقة", Body: "قوات سوريا الديمقراطية في مدينة الرقة في شمال سوريا", Lang: "ar"}
	if analyze.Language(a.Title, a.Body) != "ar" {
		t.Fatal("the text does not read as Arabic")
	}
	res, err := db.Add(ctx, []*article.Article{a})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Get(ctx, res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lang != "" {
		t.Errorf("stored as declared %q", got.Lang)
	}
	err = db.bolt.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketArticles).Get(idKey(res[0].ID)); v[0] != recordS2 {
			t.Errorf("record format %d, want %d", v[0], recordS2)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDeclaredLanguage(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // checks the index against the articles at the end
	declared := &article.Article{Title: "Journaux nationaux", Body: "The strike of the printers goes on.", Lang: "fr"}
	if got := analyze.Language(declared.Title, declared.Body); got == "fr" {
		t.Fatalf("the text reads as %s: the test needs one that does not", got)
	}
	// The same words undeclared: English stems, as its text reads.
	undeclared := &article.Article{Title: "Journaux nationaux", Body: "The strike of the printers went on."}
	if _, err := db.Add(ctx, []*article.Article{declared, undeclared}); err != nil {
		t.Fatal(err)
	}
	az := analyze.NewAnalyzer()
	journal := &MatchTerm{Terms: az.QueryTerms("journal")}
	find := func(when string) {
		t.Helper()
		for _, c := range []struct {
			name string
			q    Query
			want []uint64
		}{
			{"--lang fr", Query{Langs: []string{"fr"}}, []uint64{1}},
			{"lang:fr", Query{Match: &MatchFacet{Lang: "fr"}}, []uint64{1}},
			{"a French stem", Query{Match: journal}, []uint64{1}},
			{"the English stem", Query{Match: term("journaux")}, []uint64{2}},
		} {
			if got := ids(t, db, c.q); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s, %s: Find = %v, want %v", when, c.name, got, c.want)
			}
		}
		got, err := db.Facets(ctx, Query{}, []string{FacetLang})
		if want := []Count{{"en", 1}, {"fr", 1}}; err != nil || !reflect.DeepEqual(got[FacetLang], want) {
			t.Errorf("%s: Facets by language = %v, %v, want %v", when, got[FacetLang], err, want)
		}
		a, err := db.Get(ctx, 1)
		if err != nil || a.Lang != "fr" {
			t.Errorf("%s: Get = %+v, %v, want the declared language", when, a, err)
		}
		if err := db.Check(ctx); err != nil {
			t.Errorf("%s: Check: %v", when, err)
		}
	}
	find("imported")
	if _, err := db.Retag(ctx, 1, []string{"presse"}, nil); err != nil {
		t.Fatal(err)
	}
	find("retagged")
	if err := db.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	find("reindexed")
	if err := db.Delete(ctx, []uint64{1}); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, db, Query{Match: journal}); got != nil {
		t.Errorf("after a delete, a French stem finds %v", got)
	}
	if got := ids(t, db, Query{Langs: []string{"fr"}}); got != nil {
		t.Errorf("after a delete, --lang fr finds %v", got)
	}
}
