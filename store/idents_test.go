package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"arshif/article"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
)

func TestIdentIndex(t *testing.T) {
	defer func(n int) { foldAt = n }(foldAt)
	foldAt = 7 // folds often
	rng := rand.New(rand.NewPCG(1, 2))
	want := map[digest]uint64{}
	var loaded []identEntry
	for id := uint64(1); id <= 50; id++ {
		d := digestOf([]byte(fmt.Sprint("u\x00https://example.org/", rng.Int())))
		want[d] = id
		loaded = append(loaded, entryOf(d, id))
	}
	x := newIdentIndex(loaded)
	for id := uint64(51); id <= 200; id++ {
		d := digestOf([]byte(fmt.Sprint("h\x00", id)))
		if got := x.get(d); got != 0 {
			t.Fatalf("identity of %d found as %d before it was added", id, got)
		}
		x.add(d, id)
		want[d] = id
	}
	if limit := max(foldAt, len(x.sorted)/16); len(x.recent) >= limit || len(x.sorted)+len(x.recent) != 200 {
		t.Errorf("%d sorted and %d recent, want 200 in all and fewer than %d recent", len(x.sorted), len(x.recent), limit)
	}
	for d, id := range want {
		if got := x.get(d); got != id {
			t.Errorf("identity of %d: got %d", id, got)
		}
	}
	if got := x.get(digestOf([]byte("u\x00https://example.org/none"))); got != 0 {
		t.Errorf("an identity never added: got %d", got)
	}
	// Removed, whether read at first use or added since, an identity is
	// gone, also after folds; added again, it is found with its new id.
	removed := 0
	for d, id := range want {
		if id%3 == 0 {
			x.remove(d, id+1000) // another article's: kept
			if got := x.get(d); got != id {
				t.Errorf("identity of %d removed for another article", id)
			}
			x.remove(d, id)
			delete(want, d)
			removed++
			if got := x.get(d); got != 0 {
				t.Errorf("identity of %d removed, still found as %d", id, got)
			}
		}
	}
	for id := uint64(201); id <= 230; id++ {
		d := digestOf([]byte(fmt.Sprint("h\x00", id)))
		x.add(d, id)
		want[d] = id
	}
	x.fold()
	if len(x.sorted) != 230-removed {
		t.Errorf("%d identities after folding, want %d", len(x.sorted), 230-removed)
	}
	for d, id := range want {
		if got := x.get(d); got != id {
			t.Errorf("after removals, identity of %d: got %d", id, got)
		}
	}
}

// asSchemaTwo rewrites db's identity index as an archive of schema 2 kept
// it (identity key -> id in idents) and marks it schema 2.
func asSchemaTwo(t *testing.T, db *DB) {
	t.Helper()
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		old, err := tx.CreateBucket(bucketIdents)
		if err != nil {
			return err
		}
		err = b.articles.ForEach(func(k, v []byte) error {
			a, err := decodeArticle(binary.BigEndian.Uint64(k), v)
			if err != nil {
				return err
			}
			return old.Put(identity(a), k)
		})
		if err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketIdentLog); err != nil {
			return err
		}
		return b.meta.Put(metaSchema, []byte("2"))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.identMu.Lock()
	db.idents = nil
	db.identMu.Unlock()
}

func TestSchemaTwoIdentitiesConverted(t *testing.T) {
	ctx := context.Background()
	db, path := openSample(t)
	stored := sample()
	asSchemaTwo(t, db)
	db.Close()

	// Read-only, the archive is read as it is: its check passes, and a
	// dry run finds its articles.
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := ro.Check(ctx); err != nil {
		t.Errorf("check of schema 2, read-only: %v", err)
	}
	found, err := NewPresence(ro).Present(ctx, sample())
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range found {
		if f != Stored {
			t.Errorf("schema 2, read-only: article %d found %v, want Stored", i, f)
		}
	}
	if url := stored[0].URL; url == "" || !ro.HasURL(url) {
		t.Errorf("schema 2, read-only: HasURL(%q) is false", url)
	}

	// Written to, it is converted: identlog holds every article, idents
	// is gone, and the archive is schema 3.
	rw := reopen(t, ro, path)
	var n int
	var schema string
	var idents bool
	rw.bolt.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketIdentLog).Stats().KeyN
		idents = tx.Bucket(bucketIdents) != nil
		schema = string(tx.Bucket(bucketMeta).Get(metaSchema))
		return nil
	})
	if n != len(stored) || idents || schema != strconv.Itoa(SchemaVersion) {
		t.Errorf("converted: identlog %d entries (want %d), idents left %v, schema %q", n, len(stored), idents, schema)
	}
	if err := rw.Check(ctx); err != nil {
		t.Errorf("check after the conversion: %v", err)
	}
	res, err := rw.Add(ctx, append(sample(), &article.Article{Title: "خبر جديد", Body: "نص جديد"}))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res[:len(stored)] {
		if !r.Duplicate {
			t.Errorf("article %d imported again after the conversion", i)
		}
	}
	if last := res[len(res)-1]; last.Duplicate {
		t.Errorf("a new article was taken for one stored: %+v", last)
	}
	if err := rw.Check(ctx); err != nil {
		t.Errorf("check after an import: %v", err)
	}
}

// The identities stay right across what drops the index in memory: a
// deletion, after which the article deleted imports anew and the others
// are still found.
func TestIdentitiesAfterDelete(t *testing.T) {
	ctx := context.Background()
	db, _ := openSample(t)
	all := sample()
	if err := db.Delete(ctx, []uint64{1}); err != nil {
		t.Fatal(err)
	}
	res, err := db.Add(ctx, sample())
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if want := i != 0; r.Duplicate != want {
			t.Errorf("article %d (%q): duplicate %v, want %v", i, all[i].Title, r.Duplicate, want)
		}
	}
	if url := all[0].URL; !db.HasURL(url) {
		t.Errorf("the article deleted and imported again: HasURL(%q) is false", url)
	}
	if err := db.Delete(ctx, []uint64{res[0].ID}); err != nil {
		t.Fatal(err)
	}
	if url := all[0].URL; db.HasURL(url) {
		t.Errorf("deleted again: HasURL(%q) is true", url)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

// Two articles of one identity in one batch: the second is a duplicate of
// the first, and has its id.
func TestRepeatInBatch(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := func() *article.Article {
		return &article.Article{Title: "خبر", Body: "نص", URL: "https://example.org/1"}
	}
	res, err := db.Add(ctx, []*article.Article{a(), {Title: "آخر", Body: "نص آخر"}, a()})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Duplicate || res[1].Duplicate || !res[2].Duplicate || res[2].ID != res[0].ID {
		t.Errorf("results %+v: want the third a duplicate of the first", res)
	}
	if got := ids(t, db, Query{Match: term("نص")}); len(got) != 2 {
		t.Errorf("%d articles indexed, want 2", len(got))
	}
}

// A damaged identity index of schema 2 is named by check, does not keep
// the archive from being written to, and is not carried over: the
// conversion takes each article's identity from the article.
func TestSchemaTwoDamagedIdents(t *testing.T) {
	ctx := context.Background()
	db, path := openSample(t)
	asSchemaTwo(t, db)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		idents := tx.Bucket(bucketIdents)
		if err := idents.Put([]byte("\x00\x00bogus"), idKey(2)); err != nil { // a second key of article 2
			return err
		}
		return idents.Put([]byte("\x00\x01"), []byte("xyz")) // not an id
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = ro.Check(ctx)
	for _, want := range []string{"article 2 is filed under two identities", `idents entry "\x00\x01" does not hold an id`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("check of the damaged index: %v; want %q", err, want)
		}
	}
	if err != nil && strings.Contains(err.Error(), "article 1: identity entry missing") {
		t.Errorf("check blames sound articles: %v", err)
	}
	rw := reopen(t, ro, path)
	if err := rw.Check(ctx); err != nil {
		t.Errorf("check after the conversion: %v", err)
	}
	res, err := rw.Add(ctx, sample())
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if !r.Duplicate {
			t.Errorf("article %d imported again after the conversion", i)
		}
	}
}

// recordIdentity reads from a record of every format the identity that
// identity gives of the article decoded, reusing its buffer safely.
func TestRecordIdentity(t *testing.T) {
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf []byte
	for i, a := range sample() {
		if i%2 == 1 {
			a.URL = "" // identified by its hash
		}
		if i%3 == 0 {
			a.Lang = "fr" // format 4
		}
		a.Hash = Hash(a)
		for _, rec := range [][]byte{
			encodePlain(a),
			enc.EncodeAll(encodePlain(a)[1:], []byte{recordZstd}),
			encodeArticle(a),
		} {
			decoded, err := decodeArticle(7, rec)
			if err != nil {
				t.Fatal(err)
			}
			var key []byte
			key, buf, err = recordIdentity(7, rec, buf)
			if err != nil || string(key) != string(identity(decoded)) {
				t.Errorf("article %d, format %d: %q, %v; want %q", i, rec[0], key, err, identity(decoded))
			}
		}
	}
	if _, _, err := recordIdentity(7, []byte{recordS2, 0xff, 0xff}, nil); err == nil {
		t.Error("a broken record gave an identity")
	}
}
