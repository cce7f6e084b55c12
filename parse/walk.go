package parse

import (
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"compress/flate"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"arshif/article"
)

// Limits that keep one bad file from exhausting memory or time. Real news
// data is far below each: an article is rarely over 1 MiB, text compresses
// about 4 to 1 (SaudiNewsNet's zips: 3.7 to 1), so a journalist's 2 GB zip
// of articles expands to about 8 GB, and no archiver puts two members on
// the same bytes. A zip bomb is over at least one of them.
const (
	// MaxTextFile is the largest .txt file read as one article.
	MaxTextFile = 64 << 20
	// MaxRecord is the longest line of a JSON Lines file and the longest
	// record of a JSON or CSV file: encoding/json and encoding/csv hold a
	// whole record in memory, and a record with no end (a quote never
	// closed) would otherwise be the rest of the file.
	MaxRecord = 16 << 20
	// MaxZipEntry is the largest uncompressed member of a zip archive.
	MaxZipEntry = 4 << 30
	// MaxZipTotal is the most bytes read, uncompressed, from one zip
	// archive: eight times what a 2 GB zip of text holds.
	MaxZipTotal = 64 << 30
	// MaxZipRatio is how many times its compressed size a member of a zip
	// archive may expand to, once it is over ZipRatioFloor. The corpora
	// deflate 2 to 4 times, repetitive JSON rarely 30; deflate's own limit
	// is about 1,032, which is what a zip bomb's members come near.
	MaxZipRatio = 100
	// ZipRatioFloor is the uncompressed size up to which a member is not
	// held to MaxZipRatio: a small file of one repeated character does no
	// harm.
	ZipRatioFloor = 1 << 20
	// MaxNestedZip is the largest zip archive read inside a zip archive
	// (a folder of SaudiNewsNet's daily zips, zipped: 0.3 to 4 MB each).
	// It is held in memory while its members are read, since a zip is
	// read from its end; a zip inside that one is not read.
	MaxNestedZip = 64 << 20
)

// zipLimits are MaxZipEntry, MaxZipTotal, MaxZipRatio and ZipRatioFloor, in
// a value that tests can make small.
type zipLimits struct {
	entry, total, ratio, ratioFloor uint64
}

var defaultZipLimits = zipLimits{MaxZipEntry, MaxZipTotal, MaxZipRatio, ZipRatioFloor}

// recordLimit stops a reader of records (encoding/csv, encoding/json),
// which holds a whole record in memory, from reading more than MaxRecord
// bytes past the start of the record it reads: past that, Read fails with
// errTooLong. A record shorter than MaxRecord always fits, whatever the
// reader above buffers ahead.
type recordLimit struct {
	r     io.Reader
	read  int64 // bytes passed on
	limit int64 // read never goes past it
}

func (l *recordLimit) Read(p []byte) (int, error) {
	room := l.limit - l.read
	if room <= 0 {
		return 0, errTooLong
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// next says that the next record starts at offset off of what was read.
func (l *recordLimit) next(off int64) { l.limit = off + MaxRecord }

// Item is what Walk finds: an article, or a problem with the input.
type Item struct {
	Article *article.Article
	// File names the file Article was read from, with forward slashes
	// (a zip archive's member after the archive's path), whatever the
	// record itself says of its origin.
	File    string
	Problem *Problem
	// Present is the URL of a record Options.Known said is already
	// stored: it was not read further.
	Present string
	// Unstored says Options.Known was asked about Article's URL and said
	// it is not stored (so an importer need not look it up again).
	Unstored bool
}

// Options change how Walk reads.
type Options struct {
	// Encoding, when set, is the encoding of every file, instead of what
	// each file's bytes suggest (UTF-8, UTF-16 with a byte-order mark, or
	// else Windows-1256 or Windows-1252).
	Encoding encoding.Encoding
	// Fields names record keys by hand (ParseFieldMap).
	Fields map[string]string
	// DateOrder says how publication dates like 03/04/2017 are read.
	DateOrder DateOrder
	// Stdin is read for the path "-", in Format: "txt", "json", "jsonl",
	// "csv" or "tsv".
	Stdin io.Reader
	// Format, when set, is also the format of every file named in the
	// paths given to Walk, whatever its name says, as Encoding is its
	// encoding; a zip archive named stays one, and the files found in
	// folders and zip archives are read by their names.
	Format string
	// Progress, when set, is told how many bytes of the input files have
	// been read since its last call (of a zip archive: its compressed
	// members, as each is done; of a skipped file: its size).
	Progress func(n int64)
	// FileRead, when set, is called as each file, or member of a zip
	// archive, starts to be read (not for those skipped or refused).
	FileRead func()
	// FilesFound, when set, is told how many files Walk will read in a
	// zip inside a zip that InputSize could not count (compressed: it
	// counts no member it would have to unpack), when that zip is opened.
	FilesFound func(n int)
	// Known, when set, tells whether an article with this URL is already
	// stored. A record whose URL it knows is passed on as an Item with
	// Present set, without the cleaning and checking of its text: what
	// makes running the same import again fast. It is called from several
	// goroutines at once.
	Known func(url string) bool
}

// InputSize returns the bytes Walk will read for paths, for a progress
// bar: the sizes of the files, folders walked as Walk walks them, and how
// many files of a kind it reads there are, a zip archive's members each
// one (those Options.FileRead is called for, but for any a zip archive
// refuses), and those of the zips inside that are stored uncompressed;
// Options.FilesFound tells those of the others.
func InputSize(paths []string) (total int64, files int) {
	for _, p := range paths {
		root := walkRoot(p)
		filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if name != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := d.Info(); err == nil && info.Mode().IsRegular() {
				total += info.Size()
				files += readableFiles(name, name == root)
			}
			return nil
		})
	}
	return total, files
}

// readableFiles is how many files Walk reads in the file name: one, the
// members of a zip archive, or none.
func readableFiles(name string, explicit bool) int {
	switch kind := kindOf(name); {
	case kind == kindZip:
		f, err := os.Open(name)
		if err != nil {
			return 0
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return 0
		}
		zr, err := zip.NewReader(f, info.Size())
		if err != nil {
			return 0
		}
		return zipFiles(zr, f, false)
	case kind != kindUnknown && (explicit || !isDocFile(name)):
		return 1
	}
	return 0
}

// zipFiles is how many members of zr, read from r, Walk reads as files:
// nested says zr is itself inside a zip. A zip inside (not refused for
// its size) is counted through only when it is stored uncompressed, its
// list of members then read where it lies in r, without a byte of the
// members. A compressed one would have to be unpacked whole to reach its
// list, kept at its end: a second unpacking of every such zip, in full,
// only to count, where Walk unpacks each once to read it. Walk tells
// their members through Options.FilesFound instead, when it opens them:
// the count of files to read then grows as the import goes.
func zipFiles(zr *zip.Reader, r io.ReaderAt, nested bool) int {
	n := 0
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || hiddenPath(f.Name) || isDocFile(f.Name) {
			continue
		}
		switch kindOf(f.Name) {
		case kindUnknown:
		case kindZip:
			if nested || f.UncompressedSize64 > MaxNestedZip || !countedAhead(f) {
				continue // refused, or told by FilesFound
			}
			off, err := f.DataOffset()
			if err != nil {
				continue
			}
			size := int64(f.UncompressedSize64)
			if inner, err := zip.NewReader(io.NewSectionReader(r, off, size), size); err == nil {
				n += zipFiles(inner, nil, true)
			}
		default:
			n++
		}
	}
	return n
}

// countedAhead says whether InputSize counts the members of f, a zip
// inside a zip: when it is stored as it is, so that its list of members
// can be read without unpacking it.
func countedAhead(f *zip.File) bool {
	return f.Method == zip.Store && f.CompressedSize64 == f.UncompressedSize64
}

// countingReader tells Options.Progress what passes through it.
type countingReader struct {
	r        io.Reader
	progress func(int64)
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.progress(int64(n))
	return n, err
}

func (w *walker) progress(n int64) {
	if w.opts.Progress != nil {
		w.opts.Progress(n)
	}
}

// Formats are the values of Options.Format.
var Formats = []string{"txt", "json", "jsonl", "csv", "tsv"}

// Walk reads every path in turn, files and folders (recursively, hidden
// files skipped, in lexical order; a path named is followed when it is a
// symbolic link, and the links inside a folder are skipped, each with a
// Skipped problem) and zip archives, and calls emit for each article and
// each problem, in input order. It stops early when emit returns an error
// or ctx is done, and returns that error. Problems with the input are
// emitted, never returned: one bad file does not stop the walk. A file
// read in another encoding than UTF-8 gets a notice naming the encoding.
func Walk(ctx context.Context, paths []string, opts Options, emit func(Item) error) error {
	w := walker{ctx: ctx, emit: emit, opts: opts}
	for _, p := range paths {
		if err := w.path(p); err != nil {
			return err
		}
	}
	return nil
}

// stdinName is what standard input (the path "-") is called in notices,
// rejections and the origin of its articles, as people say it.
const stdinName = "standard input"

type walker struct {
	ctx  context.Context
	emit func(Item) error
	opts Options
	// zipCounted is what progress was told of the zip being read.
	zipCounted int64
	// zipLimits, when set (by tests), replaces defaultZipLimits.
	zipLimits *zipLimits
	// nested is true while the members of a zip inside a zip are read.
	nested bool
	// tellFound says to tell Options.FilesFound the files of the zip
	// inside a zip about to be opened.
	tellFound bool
	// recent keeps the last bytes of the CSV file being read as UTF-8;
	// recentRing is its memory, kept for the next file.
	recent     *recentBytes
	recentRing []byte
	// recentErr is notUTF8 of the first such row of the file: judging
	// the ring again for every row made a file of many such rows crawl.
	recentErr error
}

// problem emits p. A CSV row rejected as not UTF-8 gets the code page its
// bytes look like (notUTF8); a damaged zip member is said to be, whatever
// the reader of its format was reading.
func (w *walker) problem(p *Problem) error {
	if p.Err == ErrEncoding && w.recent != nil {
		if w.recentErr == nil {
			w.recentErr = notUTF8(w.recent.bytes())
		}
		p.Err = w.recentErr
	}
	if d := damage(p.Err); d != nil {
		p.Err = d // not "header: ..." or the like
	}
	return w.emit(Item{Problem: p})
}

func (w *walker) path(p string) error {
	if p == "-" {
		kind := kindOf("stdin." + w.opts.Format)
		if w.opts.Stdin == nil || kind == kindUnknown || kind == kindZip {
			return w.problem(&Problem{File: stdinName, Err: fmt.Errorf("name its format with --format: %s", strings.Join(Formats, ", "))})
		}
		return w.read(stdinName, kind, false, w.opts.Stdin)
	}
	info, err := os.Stat(p)
	if err != nil {
		return w.problem(&Problem{File: p, Err: plainPathError(err)})
	}
	if !info.IsDir() {
		return w.file(p, true)
	}
	root := walkRoot(p)
	return filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return w.problem(&Problem{File: name, Err: plainPathError(err)})
		}
		if name != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Followed, a link could lead back up the tree, or out of it
			// to what was not meant, or import a file twice.
			return w.problem(&Problem{File: filepath.ToSlash(name), Severity: Skipped, Err: errSymlink})
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return w.file(name, false)
	})
}

// errSymlink is why a symbolic link met in a folder is skipped.
var errSymlink = errors.New("skipped: a symbolic link, not followed: name its target to import it")

// walkRoot is what filepath.WalkDir is to walk for the folder p: p, or, when
// p is a symbolic link, p and a separator, which WalkDir follows (it
// follows no link, not even its root).
func walkRoot(p string) string {
	if info, err := os.Lstat(p); err == nil && info.Mode()&fs.ModeSymlink != 0 && !os.IsPathSeparator(p[len(p)-1]) {
		return p + string(filepath.Separator)
	}
	return p
}

// plainPathError drops the operation and path from an *fs.PathError: the
// Problem already names the file.
func plainPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// file reads one file; explicit is true when the user named it, so that an
// unknown type is a rejection rather than a skip.
func (w *walker) file(name string, explicit bool) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	display := filepath.ToSlash(name)
	kind := kindOf(name)
	byName := true
	if explicit && w.opts.Format != "" && kind != kindZip {
		kind, byName = kindOf("named."+w.opts.Format), false
	}
	if !explicit && isDocFile(name) {
		kind = kindUnknown // a folder's README is not an article
	}
	if kind == kindUnknown {
		if info, err := os.Stat(name); err == nil {
			w.progress(info.Size())
		}
		return w.unknown(display, explicit)
	}
	f, err := os.Open(name)
	if err != nil {
		return w.problem(&Problem{File: display, Err: plainPathError(err)})
	}
	defer f.Close()
	if kind == kindZip {
		info, err := f.Stat()
		if err != nil {
			return w.problem(&Problem{File: display, Err: err})
		}
		err = w.zip(display, f, info.Size())
		w.progress(info.Size() - w.zipCounted)
		w.zipCounted = 0
		return err
	}
	r := streamed(f)
	if w.opts.Progress != nil {
		r = countingReader{r, w.opts.Progress}
	}
	return w.read(display, kind, byName, r)
}

func (w *walker) unknown(name string, explicit bool) error {
	if explicit {
		return w.problem(&Problem{File: name, Err: fmt.Errorf("%w: arshif reads .txt, .json, .jsonl, .ndjson, .csv, .tsv and .zip", ErrUnknownType)})
	}
	return w.problem(&Problem{File: name, Severity: Skipped, Err: fmt.Errorf("skipped: not an article file")})
}

// zip reads the members of a zip archive as the files of a folder, in
// memory: nothing is unpacked to disk. A member that could be part of a
// zip bomb is refused before a byte of it is read, with the reason, and
// the others are read: one whose compressed data overlaps another's, one
// that declares more than MaxZipEntry uncompressed, one that expands more
// than MaxZipRatio times its compressed size, one that would take what is
// read from the archive past MaxZipTotal. The declared sizes bound what is
// read, since archive/zip fails a member that gives more than it declares.
func (w *walker) zip(name string, r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return w.problem(&Problem{File: name, Err: zipError(r, size, err)})
	}
	if w.tellFound {
		w.opts.FilesFound(zipFiles(zr, r, true))
	}
	limits := defaultZipLimits
	if w.zipLimits != nil {
		limits = *w.zipLimits
	}
	shared := overlapping(zr.File, size)
	var total uint64 // uncompressed bytes read from the archive
	for _, f := range zr.File {
		inner := name + "/" + f.Name
		if f.FileInfo().IsDir() || hiddenPath(f.Name) {
			continue
		}
		kind := kindOf(f.Name)
		if isDocFile(f.Name) {
			kind = kindUnknown
		}
		if kind == kindUnknown {
			if err := w.unknown(inner, false); err != nil {
				return err
			}
			continue
		}
		if kind == kindZip && (w.nested || f.UncompressedSize64 > MaxNestedZip) {
			why := "a zip inside a zip inside a zip: unpack the outer ones first"
			if !w.nested {
				why = fmt.Sprintf("a zip inside a zip, over %s: unpack the outer one first", sizeString(MaxNestedZip))
			}
			if err := w.problem(&Problem{File: inner, Err: errors.New(why)}); err != nil {
				return err
			}
			continue
		}
		if err := limits.check(f, shared[f], total); err != nil {
			if err := w.problem(&Problem{File: inner, Err: err}); err != nil {
				return err
			}
			continue
		}
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if f.Flags&0x1 != 0 {
			if err := w.problem(&Problem{File: inner, Err: errors.New("encrypted with a password, which arshif cannot read: unpack the archive with its password first")}); err != nil {
				return err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			if err := w.problem(&Problem{File: inner, Err: memberError(err)}); err != nil {
				return err
			}
			continue
		}
		counted := &byteCount{r: memberReader{rc}}
		told := w.zipCounted
		if kind == kindZip {
			err = w.nestedZip(inner, counted, !countedAhead(f))
		} else {
			err = w.read(inner, kind, true, counted)
		}
		rc.Close()
		total += counted.n
		// A zip inside told progress of its own members already.
		if rest := int64(f.CompressedSize64) - (w.zipCounted - told); rest > 0 {
			w.progress(rest)
			w.zipCounted += rest
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// nestedZip reads the zip archive name, a member of the zip being read,
// from r: whole into memory (MaxNestedZip bounds it), then its members as
// those of the outer one, with the same limits. found says to tell
// Options.FilesFound how many files it holds, which InputSize did not
// count.
func (w *walker) nestedZip(name string, r io.Reader, found bool) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return w.problem(&Problem{File: name, Err: err})
	}
	w.nested = true
	w.tellFound = found && w.opts.FilesFound != nil
	defer func() { w.nested, w.tellFound = false, false }()
	return w.zip(name, bytes.NewReader(data), int64(len(data)))
}

// zipError says in plain words why zip.NewReader could not read the zip
// archive r of size bytes: cut short (it starts as a zip does, and the
// list of its members, kept at its end, is not there), damaged, or not a
// zip at all.
func zipError(r io.ReaderAt, size int64, err error) error {
	if !errors.Is(err, zip.ErrFormat) {
		return fmt.Errorf("the zip archive cannot be read: %w", err)
	}
	if size == 0 {
		return ErrEmpty
	}
	start := make([]byte, 4)
	if _, err := r.ReadAt(start, 0); err != nil || string(start) != "PK\x03\x04" {
		return errors.New("not a zip archive, whatever its name says")
	}
	// The end of central directory record is in the last 64 KiB and 22
	// bytes, after the archive's comment.
	tail := make([]byte, min(size, 22+65535))
	if _, err := r.ReadAt(tail, size-int64(len(tail))); err == nil && !bytes.Contains(tail, []byte("PK\x05\x06")) {
		return errors.New("the zip archive ends early: it was probably not copied or downloaded whole (the list of its members, kept at its end, is missing)")
	}
	return errors.New("the zip archive is damaged: the list of its members cannot be read")
}

// memberReader reads a member of a zip archive, its errors said in plain
// words (memberError).
type memberReader struct{ r io.Reader }

func (m memberReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	if err != nil && err != io.EOF {
		err = memberError(err)
	}
	return n, err
}

// damagedMember is why a member of a zip archive cannot be read whole.
type damagedMember struct{ why string }

func (d *damagedMember) Error() string {
	return "this member of the zip archive is damaged: " + d.why
}

// memberError turns what archive/zip and compress/flate say of a member
// they cannot read into a damagedMember.
func memberError(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.As(err, &corrupt):
		return &damagedMember{"its compressed data is corrupt"}
	case errors.Is(err, zip.ErrChecksum):
		return &damagedMember{"its data does not match the checksum the archive gives for it"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &damagedMember{"its compressed data ends early"}
	case errors.Is(err, zip.ErrFormat):
		return &damagedMember{"its header is not a zip member's"}
	case errors.Is(err, zip.ErrAlgorithm):
		return errors.New("compressed in a way arshif cannot read (it reads members stored or deflated): unpack the archive with another tool")
	}
	return err
}

// damage returns err when it is a damagedMember (reported as it is, not
// as what the reader of the format makes of it), or nil.
// decodeError is why a JSON decoder stopped at byte offset: a damaged
// zip member, a record over MaxRecord (the rest of the file is not read),
// or invalid JSON, after which the rest of the file is not read either
// when stops says so.
func decodeError(err error, offset int64, stops bool) error {
	if d := damage(err); d != nil {
		return d
	}
	if errors.Is(err, errTooLong) {
		return fmt.Errorf("%w: the rest of the file is not read", err)
	}
	if stops {
		return fmt.Errorf("%w at byte %d: %v; the rest of the file is not read", ErrJSON, offset, err)
	}
	return fmt.Errorf("%w at byte %d: %v", ErrJSON, offset, err)
}

func damage(err error) error {
	var d *damagedMember
	if errors.As(err, &d) {
		return d
	}
	return nil
}

// check tells why member f of a zip archive must not be read, or returns
// nil; sharedWith names the member whose compressed data f's overlaps, and
// read is what was read from the archive so far.
func (l zipLimits) check(f *zip.File, sharedWith string, read uint64) error {
	size, packed := f.UncompressedSize64, f.CompressedSize64
	switch {
	case sharedWith != "":
		return fmt.Errorf("its compressed data overlaps that of %s, as in a zip bomb: not read", sharedWith)
	case size > l.entry:
		return fmt.Errorf("declares %s uncompressed, over the limit of %s for one member: not read", sizeString(size), sizeString(l.entry))
	case size > l.ratioFloor && packed < size/l.ratio:
		return fmt.Errorf("expands to %s from %s, %d times its size, over the limit of %d times, as a zip bomb does: not read",
			sizeString(size), sizeString(packed), size/max(packed, 1), l.ratio)
	case size > l.total || read > l.total-size:
		return fmt.Errorf("declares %s uncompressed, which would take what is read from the archive to %s, over the limit of %s for one archive: not read",
			sizeString(size), sizeString(read+size), sizeString(l.total))
	}
	return nil
}

// overlapping finds the members of a zip archive of size bytes whose
// compressed data overlaps that of a member before them in the file, and
// maps each to that member's name. Archivers never write this; zip bombs
// do, to expand the same bytes once for every member.
func overlapping(files []*zip.File, size int64) map[*zip.File]string {
	type span struct {
		f          *zip.File
		start, end int64
	}
	var spans []span
	for _, f := range files {
		start, err := f.DataOffset()
		if err != nil || f.CompressedSize64 == 0 || start >= size {
			continue // nothing to share; Open reports a broken header
		}
		end := size
		if f.CompressedSize64 < uint64(size-start) {
			end = start + int64(f.CompressedSize64)
		}
		spans = append(spans, span{f, start, end})
	}
	slices.SortStableFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	shared := map[*zip.File]string{}
	var reach span // the furthest any span so far ends, and whose it is
	for _, s := range spans {
		switch {
		case s.start < reach.end:
			shared[s.f] = reach.f.Name
			reach.end = max(reach.end, s.end)
		case s.end > reach.end:
			reach = s
		}
	}
	return shared
}

// byteCount counts the bytes read through it.
type byteCount struct {
	r io.Reader
	n uint64
}

func (c *byteCount) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += uint64(n)
	return n, err
}

// sizeString writes a number of bytes for people: 512 B, 24.0 MiB, 1.0 TiB.
func sizeString(n uint64) string {
	if n < 1<<10 {
		return fmt.Sprintf("%d B", n)
	}
	unit, prefix := uint64(1<<10), 0
	for n/unit >= 1<<10 && prefix < 5 {
		unit <<= 10
		prefix++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(unit), "KMGTPE"[prefix])
}

func hiddenPath(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") || part == "__MACOSX" {
			return true
		}
	}
	return false
}

// isDocFile reports whether a file met in a folder or archive describes
// the collection rather than being an article: README, LICENSE and the like.
func isDocFile(name string) bool {
	base := strings.ToUpper(path.Base(filepath.ToSlash(name)))
	base = strings.TrimSuffix(base, path.Ext(base))
	switch base {
	case "README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "AUTHORS", "NOTICE":
		return true
	}
	return false
}

type fileKind int

const (
	kindUnknown fileKind = iota
	kindText
	kindJSON
	kindJSONL
	kindCSV
	kindTSV
	kindZip
)

func kindOf(name string) fileKind {
	switch strings.ToLower(path.Ext(filepath.ToSlash(name))) {
	case ".txt", ".text":
		return kindText
	case ".json":
		return kindJSON
	case ".jsonl", ".ndjson":
		return kindJSONL
	case ".csv":
		return kindCSV
	case ".tsv", ".tab":
		return kindTSV
	case ".zip":
		return kindZip
	}
	return kindUnknown
}

// read reads one file of kind; byName says its kind is what its name says,
// which for a .txt file its first bytes may contradict (textKind).
func (w *walker) read(name string, kind fileKind, byName bool, r io.Reader) error {
	if w.opts.FileRead != nil {
		w.opts.FileRead()
	}
	br := bufio.NewReaderSize(r, sniffSize)
	r = br
	e := w.opts.Encoding
	if e == nil {
		var how string
		if r, e, how = sniffEncoding(br); e != nil {
			if err := w.problem(&Problem{File: name, Severity: Notice, Err: fmt.Errorf("not UTF-8: read as %s", how)}); err != nil {
				return err
			}
		}
	}
	// UTF-8 named by --encoding is read as UTF-8 found by sniffing is:
	// a record whose bytes are not UTF-8 is rejected, not given U+FFFD.
	if e != nil && e != unicode.UTF8 {
		r = transform.NewReader(r, e.NewDecoder())
	}
	if kind == kindText && byName {
		tb, ok := r.(*bufio.Reader)
		if !ok {
			tb = bufio.NewReaderSize(r, sniffSize)
			r = tb
		}
		head, err := tb.Peek(sniffSize)
		kind = w.textKind(head, err != nil)
	}
	switch kind {
	case kindText:
		return w.text(name, r)
	case kindJSON:
		return w.json(name, r)
	case kindJSONL:
		return w.jsonl(name, r)
	}
	if e == nil {
		// A row that is not UTF-8 is judged by the bytes read around it.
		if w.recentRing == nil {
			w.recentRing = make([]byte, recentSize)
		}
		w.recent = &recentBytes{r: r, ring: w.recentRing}
		r = w.recent
		defer func() { w.recent, w.recentErr = nil, nil }()
	}
	if kind == kindTSV {
		return w.csv(name, r, '\t')
	}
	return w.csv(name, r, 0)
}

// recentSize is how many of the bytes last read of a CSV file are kept to
// judge a row that is not UTF-8: the row and what the readers above have
// read ahead of it (64 KiB), for rows up to 960 KiB.
const recentSize = 1 << 20

// textKind tells what a .txt file whose first bytes are head (all of it
// when whole) holds, as people save other things under that name: JSON
// (its first line, after a byte-order mark and white space, starts an
// array or an object and holds nothing that is not JSON), JSON Lines (its
// first line is a record, and the next one not blank starts an object), a
// table separated by tabs whose header names a title or a body column, as
// the CSV reader reads a header (Excel saves a sheet as "Unicode Text" so,
// in UTF-16), or else the seed layout, whose second line is blank.
func (w *walker) textKind(head []byte, whole bool) fileKind {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	first, rest, complete := bytes.Cut(head, []byte("\n"))
	complete = complete || whole
	first = bytes.TrimRight(first, " \t\r")
	if len(head) > 0 && (head[0] == '[' || head[0] == '{') {
		next := bytes.TrimLeft(rest, " \t\r\n")
		if complete && head[0] == '{' && len(next) > 0 && next[0] == '{' && w.isRecord(first) {
			return kindJSONL
		}
		if jsonFirstLine(head, len(first)) {
			return kindJSON
		}
		return kindText
	}
	second, _, _ := bytes.Cut(rest, []byte("\n"))
	if !complete || bytes.IndexByte(first, '\t') < 0 || len(bytes.TrimSpace(second)) == 0 {
		return kindText
	}
	cr := csv.NewReader(bytes.NewReader(first))
	cr.Comma, cr.LazyQuotes = '\t', true
	header, err := cr.Read()
	if err != nil {
		return kindText
	}
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.ToLower(strings.TrimSpace(h))
	}
	if knownColumns(names, w.opts.Fields) {
		return kindTSV
	}
	return kindText
}

// jsonFirstLine reports whether the JSON tokens of data are valid up to
// the end of its first line, lineEnd bytes in: what a file of JSON broken
// further on still is, and a first line such as "[Video] Floods" is not.
func jsonFirstLine(data []byte, lineEnd int) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		var se *json.SyntaxError
		switch {
		case err == nil:
			if dec.InputOffset() > int64(lineEnd) {
				return true
			}
		case errors.As(err, &se):
			return se.Offset > int64(lineEnd)
		default:
			return true // the end of data, within a value or not
		}
	}
}

func (w *walker) text(name string, r io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(r, MaxTextFile+1))
	if err != nil {
		return w.problem(&Problem{File: name, Err: err})
	}
	if len(data) > MaxTextFile {
		return w.problem(&Problem{File: name, Err: fmt.Errorf("too large for one article (over %d MiB)", MaxTextFile>>20)})
	}
	a, err := Text(name, data)
	if err != nil {
		p := &Problem{File: name, Err: err}
		var le *lineError
		if errors.As(err, &le) {
			p.Line, p.Err = le.line, le.err
		}
		if p.Err == ErrEncoding {
			p.Err = notUTF8(data)
		}
		return w.problem(p)
	}
	if a.Title == "" && a.Body == "" {
		return w.problem(&Problem{File: name, Err: ErrNoText})
	}
	return w.emit(Item{Article: a, File: name})
}

// record turns one JSON object into an article and emits it with its
// notices; at is the Problem's place (a line or a record number).
func (w *walker) record(at Problem, origin string, obj map[string]json.RawMessage) error {
	return w.emitAll(w.recordItems(at, origin, obj, false))
}

// jsonRecord is record for a JSON record (jsonRecordItems).
func (w *walker) jsonRecord(at Problem, origin string, obj map[string]json.RawMessage) error {
	return w.emitAll(w.jsonRecordItems(at, origin, obj, false))
}

func (w *walker) emitAll(items []Item) error {
	for _, it := range items {
		if err := w.emit(it); err != nil {
			return err
		}
	}
	return nil
}

// jsonRecordItems is recordItems for a JSON record, all of whose keys are
// there (a CSV row leaves out its empty cells): one rejected for naming
// neither a title nor a body is told the keys it has (noTextKeys).
func (w *walker) jsonRecordItems(at Problem, origin string, obj map[string]json.RawMessage, valid bool) []Item {
	items := w.recordItems(at, origin, obj, valid)
	if last := items[len(items)-1].Problem; last != nil && last.Err == ErrNoText {
		if err := noTextKeys(lowerKeys(obj), w.opts.Fields); err != nil {
			last.Err = err
		}
	}
	return items
}

// recordItems is what one record gives: its notices, then the article or
// the reason it is rejected; valid says its values are known to be UTF-8.
// It only reads w, so workers may call it at once.
func (w *walker) recordItems(at Problem, origin string, obj map[string]json.RawMessage, valid bool) []Item {
	if !valid && !validUTF8(obj) {
		values := make([][]byte, 0, len(obj))
		for _, v := range obj {
			values = append(values, v)
		}
		at.Err = notUTF8(values...)
		return []Item{{Problem: &at}}
	}
	lower := lowerKeys(obj)
	asked := "" // the URL Known said is not stored
	if w.opts.Known != nil {
		if u := recordURL(lower, w.opts.Fields); u != "" {
			if w.opts.Known(u) {
				return []Item{{Present: u}}
			}
			asked = u
		}
	}
	a, notices, err := record(lower, w.opts)
	items := make([]Item, 0, len(notices)+1)
	for _, n := range notices {
		p := at
		p.Severity, p.Err = Notice, n
		items = append(items, Item{Problem: &p})
	}
	if err != nil {
		p := at
		p.Err = err
		return append(items, Item{Problem: &p})
	}
	if a.Origin == "" {
		a.Origin = origin
	}
	return append(items, Item{Article: a, File: at.File, Unstored: asked != "" && asked == a.URL})
}

// json reads a JSON array of objects, as a stream, or objects one after
// the other (jsonObjects).
func (w *walker) json(name string, r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := firstByte(br)
	switch {
	case err == io.EOF:
		return w.problem(&Problem{File: name, Err: ErrEmpty})
	case err != nil:
		return w.problem(&Problem{File: name, Err: err})
	case first == '{':
		return w.jsonObjects(name, br)
	case first != '[':
		return w.problem(&Problem{File: name, Err: fmt.Errorf("%w: expected an array or an object, found %q", ErrJSON, first)})
	}
	lim := &recordLimit{r: br}
	dec := json.NewDecoder(lim)
	lim.next(0)
	if _, err := dec.Token(); err != nil {
		return w.problem(&Problem{File: name, Err: cmp.Or(damage(err), fmt.Errorf("%w: %v", ErrJSON, err))})
	}
	if complete, err := w.jsonArray(name, "", dec, lim, nil); err != nil || !complete {
		return err
	}
	if _, err := dec.Token(); err != nil {
		return w.problem(&Problem{File: name, Err: cmp.Or(damage(err), fmt.Errorf("%w at byte %d: %v", ErrJSON, dec.InputOffset(), err))})
	}
	return nil
}

// jsonArray reads the records of an array whose '[' dec has just read, up
// to its ']' (not read), as a stream, and says whether it got there: a
// broken record ends the file. first, when set, is its first element,
// already read. Records of an array under a key of an object are named
// file#key/n (under is "key/").
func (w *walker) jsonArray(name, under string, dec *json.Decoder, lim *recordLimit, first json.RawMessage) (complete bool, err error) {
	origin := func(n int) string { return fmt.Sprintf("%s#%s%d", name, under, n) }
	// This goroutine splits the array into records; workers read them.
	split := func(submit func(job) bool) error {
		for n := 1; ; n++ {
			at := Problem{File: name, Record: n, List: under}
			raw := first
			if n > 1 || raw == nil {
				raw = nil // a new one: the workers still read the last
				lim.next(dec.InputOffset())
				if !dec.More() {
					complete = true
					return nil
				}
				if err := dec.Decode(&raw); err != nil {
					at.Err = decodeError(err, dec.InputOffset(), true)
					submit(job{problem: &at})
					return nil
				}
			}
			if !submit(job{at: at, data: raw}) {
				return nil
			}
		}
	}
	parse := func(j *job) {
		obj, valid, err := decodeObject(j.data)
		if err != nil {
			at := j.at
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				at.Err = fmt.Errorf("%w: expected an object, found %s", ErrShape, te.Value)
			} else {
				at.Err = fmt.Errorf("%w: %v", ErrJSON, err)
			}
			j.items = []Item{{Problem: &at}}
			return
		}
		j.items = w.jsonRecordItems(j.at, origin(j.at.Record), obj, valid)
	}
	err = w.ordered(split, parse)
	return complete, err
}

// wrapperKeys name the field under which an object holds its records
// ({"status": "ok", "articles": [...]}, as news APIs and exports write
// them), in lower case.
var wrapperKeys = []string{"articles", "items", "data", "results", "records", "entries", "posts", "docs", "documents", "news", "stories", "rows"}

// jsonObjects reads one or more top-level objects one after the other.
// Each is a record, unless it holds a list of records under one of the
// wrapperKeys (a list whose first element has a title or a body): those
// are its records, read as a stream as a top-level array is, and its
// other fields are left.
func (w *walker) jsonObjects(name string, r io.Reader) error {
	lim := &recordLimit{r: r}
	dec := json.NewDecoder(lim)
	dec.UseNumber() // a number under a wrapper key is kept as written
	for n := 1; ; n++ {
		lim.next(dec.InputOffset())
		at := Problem{File: name, Record: n}
		fail := func(err error) error {
			at.Err = decodeError(err, dec.InputOffset(), false)
			return w.problem(&at)
		}
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fail(err)
		}
		if tok != json.Delim('{') {
			return fail(fmt.Errorf("expected an object, found %v", tok))
		}
		obj := map[string]json.RawMessage{}
		wrapped := false
		emptyList := "" // a wrapper key whose list is empty
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return fail(err)
			}
			key, _ := tok.(string)
			// An object with a title or a body of its own is an
			// article: its lists are its fields.
			if !slices.Contains(wrapperKeys, strings.ToLower(key)) || w.isRecordObject(obj) {
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return fail(err)
				}
				obj[key] = raw
				continue
			}
			value, records, err := wrappedArray(dec, w.isRecord)
			if err != nil {
				return fail(err)
			}
			if string(value) == "[]" {
				emptyList = key
			}
			if !records {
				obj[key] = value
				continue
			}
			wrapped = true
			under := key + "/"
			if n > 1 {
				under = fmt.Sprintf("%d/%s/", n, key)
			}
			complete, err := w.jsonArray(name, under, dec, lim, value)
			if err != nil || !complete {
				return err
			}
			if _, err := dec.Token(); err != nil { // the array's ]
				return fail(err)
			}
			lim.next(dec.InputOffset())
		}
		if _, err := dec.Token(); err != nil { // the object's }
			return fail(err)
		}
		if wrapped {
			continue
		}
		if emptyList != "" && !w.isRecordObject(obj) {
			at.Severity, at.Err = Notice, fmt.Errorf("its %q list is empty: no article in it", emptyList)
			if err := w.problem(&at); err != nil {
				return err
			}
			continue
		}
		// {"data": {...}}: the one field holds the record.
		if len(obj) == 1 {
			for key, v := range obj {
				if inner, err := decodeObjectOnly(v); err == nil && slices.Contains(wrapperKeys, strings.ToLower(key)) {
					obj = inner
				}
			}
		}
		origin := name
		if n > 1 || dec.More() {
			origin = fmt.Sprintf("%s#%d", name, n)
		}
		if err := w.jsonRecord(at, origin, obj); err != nil {
			return err
		}
	}
}

// decodeObjectOnly decodes v when it is a JSON object.
func decodeObjectOnly(v json.RawMessage) (map[string]json.RawMessage, error) {
	if t := bytes.TrimLeft(v, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return nil, fmt.Errorf("not an object")
	}
	var obj map[string]json.RawMessage
	err := json.Unmarshal(v, &obj)
	return obj, err
}

// isRecord reports whether raw is an object with a field that names an
// article's title or body (by the spellings Record knows, or --map's).
func (w *walker) isRecord(raw json.RawMessage) bool {
	obj, err := decodeObjectOnly(raw)
	return err == nil && w.isRecordObject(obj)
}

func (w *walker) isRecordObject(obj map[string]json.RawMessage) bool {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, strings.ToLower(k))
	}
	return knownColumns(keys, w.opts.Fields)
}

// wrappedArray reads the value of a wrapper key: when it is an array whose
// first element isRecord, records is true, dec is left after that element
// and value is the element; otherwise value is the whole value, read.
func wrappedArray(dec *json.Decoder, isRecord func(json.RawMessage) bool) (value json.RawMessage, records bool, err error) {
	var raw json.RawMessage
	tok, err := dec.Token()
	if err != nil {
		return nil, false, err
	}
	switch tok {
	case json.Delim('['):
	case json.Delim('{'):
		// An object, its { read: its members are read back into one.
		members := map[string]json.RawMessage{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, false, err
			}
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return nil, false, err
			}
			key, _ := k.(string)
			members[key] = v
		}
		if _, err := dec.Token(); err != nil {
			return nil, false, err
		}
		value, err = json.Marshal(members)
		return value, false, err
	default:
		value, err = json.Marshal(tok)
		return value, false, err
	}
	if !dec.More() {
		_, err := dec.Token()
		return json.RawMessage("[]"), false, err
	}
	if err := dec.Decode(&raw); err != nil {
		return nil, false, err
	}
	if isRecord(raw) {
		return raw, true, nil
	}
	elems := []json.RawMessage{raw}
	for dec.More() {
		var e json.RawMessage
		if err := dec.Decode(&e); err != nil {
			return nil, false, err
		}
		elems = append(elems, e)
	}
	if _, err := dec.Token(); err != nil {
		return nil, false, err
	}
	value, err = json.Marshal(elems)
	return value, false, err
}

// jsonl reads one JSON object a line; a broken line is reported and the
// next line read.
func (w *walker) jsonl(name string, r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	empty := true
	split := func(submit func(job) bool) error {
		for line := 1; ; line++ {
			data, tooLong, err := readLine(br, MaxRecord)
			if err != nil && err != io.EOF {
				// The line read is cut where the error came: it is not
				// read as one.
				empty = false
				submit(job{problem: &Problem{File: name, Line: line, Err: err}})
				return nil
			}
			if tooLong {
				empty = false
				if !submit(job{problem: &Problem{File: name, Line: line, Err: fmt.Errorf("line longer than %d MiB: not read", MaxRecord>>20)}}) {
					return nil
				}
			} else if len(bytes.TrimSpace(data)) > 0 {
				empty = false
				if !submit(job{at: Problem{File: name, Line: line}, data: data}) {
					return nil
				}
			}
			if err == io.EOF {
				return nil
			}
		}
	}
	parse := func(j *job) {
		obj, valid, err := decodeObject(j.data)
		if err != nil {
			at := j.at
			at.Err = jsonLineError(err)
			j.items = []Item{{Problem: &at}}
			return
		}
		j.items = w.jsonRecordItems(j.at, fmt.Sprintf("%s:%d", j.at.File, j.at.Line), obj, valid)
	}
	if err := w.ordered(split, parse); err != nil {
		return err
	}
	if empty {
		return w.problem(&Problem{File: name, Err: ErrEmpty})
	}
	return nil
}

// readLine reads one line (its newline included), holding at most max
// bytes: a longer line is read to its end and dropped, and tooLong set.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err != bufio.ErrBufferFull {
			return line, tooLong, err
		}
	}
}

func jsonLineError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%w: expected an object, found %s", ErrShape, te.Value)
	}
	return fmt.Errorf("%w: %v", ErrJSON, err)
}

// firstByte returns the first byte that is not white space or a BOM,
// leaving it unread.
func firstByte(br *bufio.Reader) (byte, error) {
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	for {
		c, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c, br.UnreadByte()
		}
	}
}
