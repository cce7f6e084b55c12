package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"arshif/analyze"
	"arshif/article"
)

// SchemaVersion is the version of the layout described in the package doc.
const SchemaVersion = 3

// Bucket and meta key names.
var (
	bucketMeta         = []byte("meta")
	bucketArticles     = []byte("articles")
	bucketIdentLog     = []byte("identlog")
	bucketIdents       = []byte("idents") // before schema 3 (idents.go)
	bucketTags         = []byte("tags")
	bucketTagCounts    = []byte("tagcounts")
	bucketSources      = []byte("sources")
	bucketSourceCounts = []byte("sourcecounts")
	bucketDates        = []byte("dates")
	bucketUndated      = []byte("undated")
	bucketPostings     = []byte("postings")
	bucketDocInfo      = []byte("docinfo")
	bucketSegments     = []byte("segments")

	// requiredBuckets are in every archive, with identlog (idents before
	// schema 3).
	requiredBuckets = [][]byte{bucketMeta, bucketArticles, bucketTags, bucketTagCounts,
		bucketSources, bucketSourceCounts, bucketDates, bucketUndated, bucketPostings, bucketDocInfo, bucketSegments}

	metaFormat  = []byte("format")
	metaSchema  = []byte("schema")
	metaCreated = []byte("created")
	// metaAnalyzer is the analyze.Version the full-text index was built
	// with; "" while Reindex runs.
	metaAnalyzer = []byte("analyzer")
	// metaMerging names the bucket of a segment being merged, not yet
	// listed in segments.
	metaMerging = []byte("merging")
	metaGarbage = []byte("garbage")
	formatName  = []byte("arshif")
)

// Options configure Open.
type Options struct {
	// ReadOnly opens with a shared lock; writes fail. A missing file is
	// ErrNoArchive instead of being created.
	ReadOnly bool
	// MustExist makes a missing file ErrNoArchive for a writer too: a
	// command that only rewrites what is there creates nothing.
	MustExist bool
	// Timeout bounds the wait for the file lock; past it Open returns
	// ErrBusy. Zero waits for ever.
	Timeout time.Duration
}

// DB is an open archive.
type DB struct {
	bolt       *bolt.DB
	path       string
	analyzer   string // the index's analyze.Version, read at Open
	reindexing bool   // a Reindex was cut short (unfinishedReindex)

	identMu sync.Mutex
	idents  *identIndex // read at first use (identsIn)

	behind atomic.Pointer[behind] // merging commits' segments (MergeBehind)
}

// Open opens the archive at path, creating it (mode 0600) unless
// opts.ReadOnly or opts.MustExist is set.
func Open(path string, opts Options) (*DB, error) {
	if opts.ReadOnly || opts.MustExist {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrNoArchive)
		}
	}
	bopts := &bolt.Options{ReadOnly: opts.ReadOnly, Timeout: opts.Timeout}
	if !opts.ReadOnly {
		bopts.InitialMmapSize = mmapReserve(path)
	}
	bdb, err := bolt.Open(path, 0o600, bopts)
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("%s: %w", path, ErrBusy)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrNotArchive, err)
	case err != nil:
		// The os error names the path already: it is named once.
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == path {
			err = pe.Err
		}
		if _, serr := os.Stat(filepath.Dir(path)); errors.Is(err, fs.ErrNotExist) && errors.Is(serr, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrNoFolder)
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{bolt: bdb, path: path}
	if opts.ReadOnly {
		err = bdb.View(checkMeta)
	} else {
		err = bdb.Update(func(tx *bolt.Tx) error {
			if err := initMeta(tx); err != nil {
				return err
			}
			if err := dropLeftoverMentions(tx); err != nil {
				return err
			}
			return dropUnfinishedMerge(tx)
		})
	}
	if err == nil {
		err = bdb.View(func(tx *bolt.Tx) error {
			meta := tx.Bucket(bucketMeta)
			db.analyzer = string(meta.Get(metaAnalyzer))
			db.reindexing = unfinishedReindex(meta)
			return nil
		})
	}
	if err != nil {
		bdb.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return db, nil
}

// mmapReserve is how much of the address space a writable archive maps at
// Open: its size and a gigabyte more, so that a big import does not have
// bbolt map the file again each time it outgrows the map (each time, bbolt
// copies every key and value a write transaction has touched to the heap:
// a third of the allocations of the commits of a 31,030-article import).
// Mapping more than the file holds costs only address space, except on
// Windows, where bbolt makes the file as large as the map, and on 32-bit
// systems, which have little address space: there it is 0, bbolt's default.
func mmapReserve(path string) int {
	if runtime.GOOS == "windows" || strconv.IntSize < 64 {
		return 0
	}
	size := int64(0)
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	return int(size + 1<<30)
}

// StaleIndex reports whether the full-text index was built by another
// analysis than this build's (analyze.Version): searches still work, but
// may miss or mismatch words, and the index cannot be edited until
// Reindex has rebuilt it.
func (db *DB) StaleIndex() bool { return db.analyzer != analyze.Version() }

// ReindexUnfinished reports whether a Reindex was interrupted: the index
// then holds only the articles it had reached (StaleIndex is true too),
// and cannot be edited until Reindex has been run again to finish it.
func (db *DB) ReindexUnfinished() bool { return db.reindexing }

// editable says why the index may not be changed, if it may not.
func (db *DB) editable() error {
	if db.bolt.IsReadOnly() {
		return ErrReadOnly
	}
	if db.reindexing {
		return ErrReindexUnfinished
	}
	if db.StaleIndex() {
		return ErrStaleIndex
	}
	return nil
}

func checkMeta(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		if isEmpty(tx) {
			return fmt.Errorf("%w: the file is empty", ErrNotArchive)
		}
		return ErrNotArchive
	}
	if !bytes.Equal(meta.Get(metaFormat), formatName) {
		return ErrNotArchive
	}
	v, err := strconv.Atoi(string(meta.Get(metaSchema)))
	if err != nil {
		return fmt.Errorf("%w: bad schema version %q", ErrNotArchive, meta.Get(metaSchema))
	}
	if v > SchemaVersion {
		return fmt.Errorf("%w (schema %d, this arshif knows %d)", ErrNewerSchema, v, SchemaVersion)
	}
	for _, name := range append(requiredBuckets, identBucket(v)) {
		if tx.Bucket(name) == nil {
			return fmt.Errorf("%w: bucket %q is missing", ErrNotArchive, name)
		}
	}
	return nil
}

// identBucket is the bucket of the identity index in an archive of schema v.
func identBucket(v int) []byte {
	if v < 3 {
		return bucketIdents
	}
	return bucketIdentLog
}

func isEmpty(tx *bolt.Tx) bool {
	empty := true
	tx.ForEach(func([]byte, *bolt.Bucket) error {
		empty = false
		return errors.New("stop")
	})
	return empty
}

func initMeta(tx *bolt.Tx) error {
	if !isEmpty(tx) {
		if err := checkMeta(tx); err != nil {
			return err
		}
		// What is written now, an older arshif would misread (schema 2:
		// segments in blocks; 3: identlog): it is told to refuse the
		// archive.
		meta, v := tx.Bucket(bucketMeta), []byte(strconv.Itoa(SchemaVersion))
		if bytes.Equal(meta.Get(metaSchema), v) {
			return nil
		}
		if old, _ := strconv.Atoi(string(meta.Get(metaSchema))); old < 3 {
			if err := convertIdents(tx); err != nil {
				return err
			}
		}
		return meta.Put(metaSchema, v)
	}
	for _, name := range append(requiredBuckets, bucketIdentLog) {
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	for k, v := range map[string]string{
		string(metaFormat):   string(formatName),
		string(metaSchema):   strconv.Itoa(SchemaVersion),
		string(metaCreated):  time.Now().UTC().Format(time.RFC3339),
		string(metaAnalyzer): analyze.Version(),
	} {
		if err := meta.Put([]byte(k), []byte(v)); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the archive.
func (db *DB) Close() error {
	if m := db.behind.Swap(nil); m != nil {
		m.stop() // after the merges due; a failed one is the next write's
	}
	return db.bolt.Close()
}

// Path returns the archive's file name.
func (db *DB) Path() string { return db.path }

// Result is what Add did with one article.
type Result struct {
	// ID is the new article's id, or the id of the article already
	// present.
	ID uint64
	// Duplicate is true when the article was already in the archive
	// (same URL, or no URL and the same title and body).
	Duplicate bool
}

// Add stores the articles in one transaction and returns what it did with
// each. An article whose identity is already present (or appears earlier
// in the same batch) is not stored again. Add sets ID, Hash and
// ImportedAt on the articles it stores. It is Prepare and Commit.
func (db *DB) Add(ctx context.Context, batch []*article.Article) ([]Result, error) {
	p, err := db.Prepare(ctx, batch)
	if err != nil {
		return nil, err
	}
	return db.Commit(ctx, p)
}

// Batch is a batch of articles analysed and compressed for Commit.
type Batch struct {
	articles []*article.Article
	results  []Result
	keys     []digest // identities
	preps    []prepared
	// ranks[i] is the provisional id of articles[i] in lists (its rank
	// among the new articles), -1 for one already stored.
	ranks []int
	lists batchLists
}

// Prepare does the work of Add that needs no write transaction, on every
// core: it finds the articles already stored, then analyses and compresses
// the others. An importer prepares the next batch while the previous one
// commits. Duplicates of articles committed after Prepare (by another
// batch) are still found by Commit.
func (db *DB) Prepare(ctx context.Context, batch []*article.Article) (*Batch, error) {
	return db.PrepareChecked(ctx, batch, nil)
}

// PrepareChecked is Prepare for a batch some of whose articles were just
// found absent by HasURL (unstored[i] for batch[i]; nil for none): they
// are not looked up again. Commit still finds any stored since, so an
// article marked wrongly costs its analysis, never a duplicate.
func (db *DB) PrepareChecked(ctx context.Context, batch []*article.Article, unstored []bool) (*Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := db.editable(); err != nil {
		return nil, err
	}
	p := &Batch{articles: batch, results: make([]Result, len(batch))}
	// What is already stored is found first, in a read transaction, so
	// that a re-import spends nothing on analysis.
	p.keys = identities(batch)
	err := db.bolt.View(func(tx *bolt.Tx) error {
		db.identMu.Lock()
		defer db.identMu.Unlock()
		idents, err := db.identsIn(tx)
		if err != nil {
			return err
		}
		for i, key := range p.keys {
			if i < len(unstored) && unstored[i] {
				continue
			}
			if id := idents.get(key); id != 0 {
				p.results[i] = Result{ID: id, Duplicate: true}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	p.preps = make([]prepared, len(batch))
	parallel(len(batch), func(i int, ix *indexer) {
		if p.results[i].Duplicate {
			return
		}
		a := batch[i]
		if a.Hash == "" {
			a.Hash = Hash(a)
		}
		// A declared language the text says too is not kept as declared:
		// the article stays a format 3 record, which older builds read,
		// and its language follows the detection of later builds (an
		// export, which writes every article's language, imports back so).
		if a.Lang != "" && a.Lang == analyze.Language(a.Title, a.Body) {
			a.Lang = ""
		}
		a.ImportedAt = now
		p.preps[i] = ix.prepare(a)
		p.preps[i].record = encodeArticle(a)
	})
	// The postings lists of the batch are built here too, on every core,
	// with ids counted from the batch's first new article: Commit, the
	// one writer, only adds the first id to them.
	p.ranks = make([]int, len(batch))
	rank := 0
	for i := range batch {
		if p.results[i].Duplicate {
			p.ranks[i] = -1
			continue
		}
		p.ranks[i] = rank
		rank++
	}
	p.lists = buildLists(p.preps, p.ranks)
	return p, nil
}

// Commit stores a prepared batch in one transaction and returns what it
// did with each article, as Add does. Batches prepared one after the other
// must be committed in that order.
func (db *DB) Commit(ctx context.Context, p *Batch) ([]Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := db.editable(); err != nil {
		return nil, err
	}
	results := p.results
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := buckets(tx)
		// A duplicate inside the batch, or in a batch committed after
		// this one was prepared, is only seen here. The index is locked
		// only while it is read and added to, not for the whole
		// transaction: the next batch's Prepare looks up identities
		// meanwhile. No other writer changes it, as there is one write
		// transaction at a time.
		dupOf := make(map[int]int) // article -> the earlier one of the batch it repeats
		db.identMu.Lock()
		idents, err := db.identsIn(tx)
		if err == nil {
			first := make(map[digest]int)
			for i := range p.articles {
				if results[i].Duplicate {
					continue
				}
				if id := idents.get(p.keys[i]); id != 0 {
					results[i] = Result{ID: id, Duplicate: true}
				} else if j, ok := first[p.keys[i]]; ok {
					dupOf[i] = j
				} else {
					first[p.keys[i]] = i
				}
			}
		}
		db.identMu.Unlock()
		if err != nil {
			return err
		}
		var base uint64  // the id of the article of rank 0
		asRanked := true // every article got the id base + its rank
		var added []int  // the articles stored
		for i, a := range p.articles {
			if _, repeat := dupOf[i]; repeat || results[i].Duplicate {
				if p.ranks[i] >= 0 { // found here, not by Prepare: the lists hold it
					asRanked = false
				}
				continue
			}
			seq, err := b.articles.NextSequence()
			if err != nil {
				return err
			}
			if p.ranks[i] == 0 {
				base = seq
			}
			asRanked = asRanked && seq == base+uint64(p.ranks[i])
			a.ID = seq
			if err := b.put(a, p.preps[i].record, p.keys[i]); err != nil {
				return fmt.Errorf("store article %q: %w", a.Title, err)
			}
			added = append(added, i)
			results[i] = Result{ID: seq}
		}
		for i, j := range dupOf {
			results[i] = Result{ID: p.articles[j].ID, Duplicate: true}
		}
		// Added before the transaction commits, so that no later commit
		// misses them: a Prepare or HasURL that runs while this commit
		// fails may take its articles for stored (an import stops at a
		// failed commit; the index is then dropped, below).
		db.identMu.Lock()
		for _, i := range added {
			idents.add(p.keys[i], p.articles[i].ID)
		}
		db.identMu.Unlock()
		ix := newIndexer()
		if asRanked {
			for i, a := range p.articles {
				if !results[i].Duplicate {
					ix.addDoc(a.ID, p.preps[i].info)
				}
			}
			return ix.writeSegment(b, func(put listPut) error { return p.lists.each(base, put) })
		}
		// Some articles turned out to be stored already: the lists are
		// built again with the ids given.
		for i, a := range p.articles {
			if !results[i].Duplicate {
				ix.addPrepared(a.ID, p.preps[i])
			}
		}
		return ix.write(b)
	})
	if err != nil {
		db.dropIdents() // it holds what the failed transaction added
		for _, a := range p.articles {
			a.ID = 0
		}
		return nil, err
	}
	db.releasePages()
	if m := db.behind.Load(); m != nil {
		return results, m.nudge() // an error: the batch is stored, the import stops
	}
	// The batch is committed; merging what has piled up is not undone by
	// Ctrl-C, only delayed to the next write if it is cut short.
	return results, db.merge(context.WithoutCancel(ctx))
}

// parallel calls fn for 0..n-1 on every core, each goroutine with its
// own indexer (analyzers are not safe to share). The indexers' analyzers
// come from a pool that outlives the call: their word caches, warm after
// the first batches of an import, are most of what makes analysis cheap.
func parallel(n int, fn func(i int, ix *indexer)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	run := func(next func() int) {
		ix := newIndexerWith(takeAnalyzer())
		defer func() {
			ix.az.Publish()
			putAnalyzer(ix.az)
		}()
		for i := next(); i < n; i = next() {
			fn(i, ix)
		}
	}
	if workers <= 1 {
		i := -1
		run(func() int { i++; return i })
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { run(func() int { return int(next.Add(1) - 1) }) })
	}
	wg.Wait()
}

// analyzers holds the analyzers parallel is not using, at most one a core;
// they share vocabulary.
var (
	analyzers  = make(chan *analyze.Analyzer, runtime.GOMAXPROCS(0))
	vocabulary = analyze.NewVocabulary()
)

func takeAnalyzer() *analyze.Analyzer {
	select {
	case az := <-analyzers:
		return az
	default:
		return analyze.NewSharingAnalyzer(vocabulary)
	}
}

func putAnalyzer(az *analyze.Analyzer) {
	select {
	case analyzers <- az:
	default:
	}
}

// Hash returns the hex SHA-256 of the article's title and body as stored
// (white space already tidied by the parser): the identity of an article
// without a URL, so that importing the same file twice stores it once.
// Texts that differ in any letter are different articles.
func Hash(a *article.Article) string {
	buf := hashBuffers.Get().(*[]byte)
	b := append(append(append((*buf)[:0], a.Title...), 0), a.Body...)
	sum := sha256.Sum256(b)
	if cap(b) <= 1<<20 { // an article, not a book: keep for the next
		*buf = b
		hashBuffers.Put(buf)
	}
	return hex.EncodeToString(sum[:])
}

// hashBuffers hold the text Hash hashes: an import hashes every article.
var hashBuffers = sync.Pool{New: func() any { return new([]byte) }}

// HasURL reports whether an article with this URL is stored (URLs compared
// as identity compares them). Safe for concurrent use, also during a write.
func (db *DB) HasURL(url string) bool {
	a := article.Article{URL: url}
	if !hasURLIdentity(&a) {
		return false
	}
	key := digestOf(identity(&a))
	found := false
	db.bolt.View(func(tx *bolt.Tx) error {
		db.identMu.Lock()
		defer db.identMu.Unlock()
		idents, err := db.identsIn(tx)
		found = err == nil && idents.get(key) != 0
		return nil
	})
	return found
}

// Presence tells, as an import would find them, which articles of a dry
// run are already in the archive and which were met earlier in the same
// run, writing nothing. The zero Presence, or one of a nil DB, knows no
// archive (none exists yet): only the run's own articles count.
type Presence struct {
	db   *DB
	seen map[digest]struct{} // identities met in the run
}

// Found is what a dry run's Presence found of one article.
type Found uint8

const (
	// Absent: an import would store the article.
	Absent Found = iota
	// Stored: the archive holds the article already.
	Stored
	// Repeated: the article is not in the archive but came earlier in
	// the run; an import would have stored it by then, and would call it
	// a Duplicate too.
	Repeated
)

// NewPresence returns a Presence for db, which may be nil.
func NewPresence(db *DB) *Presence {
	return &Presence{db: db, seen: map[digest]struct{}{}}
}

// Present reports, for each article of batch, whether an import would
// find it already there, and where; it gives the articles without a URL
// their hash, as an import does.
func (p *Presence) Present(ctx context.Context, batch []*article.Article) ([]Found, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	found := make([]Found, len(batch))
	keys := identities(batch)
	if p.db != nil {
		err := p.db.bolt.View(func(tx *bolt.Tx) error {
			p.db.identMu.Lock()
			defer p.db.identMu.Unlock()
			idents, err := p.db.identsIn(tx)
			if err != nil {
				return err
			}
			for i, key := range keys {
				if idents.get(key) != 0 {
					found[i] = Stored
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for i, key := range keys {
		if found[i] == Stored {
			continue
		}
		if _, met := p.seen[key]; met {
			found[i] = Repeated
		} else {
			p.seen[key] = struct{}{}
		}
	}
	return found, nil
}

// identities returns the identity digest of each article of batch, giving those
// without a URL their hash first (on every core: hashing is most of it).
func identities(batch []*article.Article) []digest {
	keys := make([]digest, len(batch))
	parallel(len(batch), func(i int, _ *indexer) {
		if !hasURLIdentity(batch[i]) {
			batch[i].Hash = Hash(batch[i])
		}
		keys[i] = digestOf(identity(batch[i]))
	})
	return keys
}

// identity is the idents key of an article: its URL when it has one (and
// it fits a key), otherwise its hash.
func identity(a *article.Article) []byte {
	if hasURLIdentity(a) {
		return append([]byte("u\x00"), normalizeURL(a.URL)...)
	}
	sum, _ := hex.DecodeString(a.Hash)
	return append([]byte("h\x00"), sum...)
}

func hasURLIdentity(a *article.Article) bool { return a.URL != "" && len(a.URL) <= maxURLBytes }

// maxURLBytes bounds a URL used as identity (parse refuses longer ones).
const maxURLBytes = 4096

// normalizeURL lower-cases the scheme and host, which never tell pages
// apart; path, query and fragment are kept as written.
func normalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u.String()
}

// Get returns the article with the given id, or ErrNotFound.
func (db *DB) Get(ctx context.Context, id uint64) (*article.Article, error) {
	var a *article.Article
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		a, err = buckets(tx).get(id)
		return err
	})
	return a, err
}

// get reads one article, or says ErrNotFound.
func (b bucketSet) get(id uint64) (*article.Article, error) {
	data := b.articles.Get(idKey(id))
	if data == nil {
		return nil, fmt.Errorf("%d: %w", id, ErrNotFound)
	}
	return decodeArticle(id, data)
}

func idKey(id uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), id)
}

// bucketSet holds the buckets of one transaction.
type bucketSet struct {
	meta, articles, identLog, tags, tagCounts, sources, sourceCounts, dates, undated *bolt.Bucket
	postings, docinfo, segments, mentions                                            *bolt.Bucket
}

func buckets(tx *bolt.Tx) bucketSet {
	b := bucketSet{
		meta:         tx.Bucket(bucketMeta),
		articles:     tx.Bucket(bucketArticles),
		identLog:     tx.Bucket(bucketIdentLog), // nil before schema 3, read-only
		tags:         tx.Bucket(bucketTags),
		tagCounts:    tx.Bucket(bucketTagCounts),
		sources:      tx.Bucket(bucketSources),
		sourceCounts: tx.Bucket(bucketSourceCounts),
		dates:        tx.Bucket(bucketDates),
		undated:      tx.Bucket(bucketUndated),
		postings:     tx.Bucket(bucketPostings),
		docinfo:      tx.Bucket(bucketDocInfo),
		segments:     tx.Bucket(bucketSegments),
	}
	// The periods of an index older than the mention terms (revision 2)
	// are read from their bucket until Reindex drops it; a bucket beside
	// an index of this build's is left over (an older arshif's writable
	// open makes it), and means nothing.
	if string(b.meta.Get(metaAnalyzer)) != analyze.Version() {
		b.mentions = tx.Bucket(bucketMentions)
	}
	// Ids only grow: pages of id-keyed buckets are filled before they are
	// split, instead of bbolt's default half, which would leave the file
	// half empty.
	b.articles.FillPercent = appendFill
	if b.identLog != nil {
		b.identLog.FillPercent = appendFill
	}
	b.undated.FillPercent = appendFill
	b.docinfo.FillPercent = appendFill
	b.postings.FillPercent = appendFill
	return b
}

// appendFill is the fill percent of buckets whose keys are appended in order.
const appendFill = 0.95

// put writes an article (record is its encoding) and all its index
// entries.
func (b bucketSet) put(a *article.Article, record []byte, ident digest) error {
	id := idKey(a.ID)
	if err := b.articles.Put(id, record); err != nil {
		return err
	}
	if err := b.identLog.Put(id, ident[:]); err != nil {
		return err
	}
	for _, tag := range a.Tags {
		if err := addToFacet(b.tags, b.tagCounts, tag, id); err != nil {
			return err
		}
	}
	if a.Source != "" {
		if err := addToFacet(b.sources, b.sourceCounts, a.Source, id); err != nil {
			return err
		}
	}
	return b.addDate(a)
}

// addDate files an article in the date index: under its day in dates, or
// in undated.
func (b bucketSet) addDate(a *article.Article) error {
	if a.Published.IsZero() {
		return b.undated.Put(idKey(a.ID), nil)
	}
	return b.dates.Put(dateKey(a.Published.Time, a.ID), nil)
}

// removeDate takes an article out of the date index.
func (b bucketSet) removeDate(a *article.Article) error {
	if a.Published.IsZero() {
		return b.undated.Delete(idKey(a.ID))
	}
	return b.dates.Delete(dateKey(a.Published.Time, a.ID))
}

// facetKey is the sorted key of a tag or source: its folded form.
func facetKey(name string) []byte { return []byte(analyze.Fold(name)) }

// facetPrefix is the key prefix of all entries of one tag or source.
func facetPrefix(name string) []byte { return append(facetKey(name), 0) }

func addToFacet(index, counts *bolt.Bucket, name string, id []byte) error {
	key := facetKey(name)
	if len(key) == 0 || len(key) > maxFacetBytes {
		return nil
	}
	entry := append(append(key[:len(key):len(key)], 0), id...)
	if has(index, entry) {
		return nil // the same tag under two spellings on one article
	}
	if err := index.Put(entry, nil); err != nil {
		return err
	}
	n, display := decodeCount(counts.Get(key))
	if display == "" {
		display = name
	}
	return counts.Put(key, encodeCount(n+1, display))
}

func encodeCount(n uint64, display string) []byte {
	return append(binary.AppendUvarint(nil, n), display...)
}

func decodeCount(v []byte) (uint64, string) {
	if v == nil {
		return 0, ""
	}
	n, size := binary.Uvarint(v)
	if size <= 0 {
		return 0, ""
	}
	return n, string(v[size:])
}

// dateKey is the dates bucket key of an article published at t.
func dateKey(t time.Time, id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte(t.Format("20060102")), id)
}

// has reports whether key is in the bucket. Index entries have empty
// values, and Get does not tell an empty value from a missing key inside
// a write transaction.
func has(b *bolt.Bucket, key []byte) bool {
	k, _ := b.Cursor().Seek(key)
	return bytes.Equal(k, key)
}
