package store

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"

	"arshif/article"
)

// Record formats: the first byte of an article record.
const (
	// recordFormat1 is the fields as they are.
	recordFormat1 = 1
	// recordZstd is a format-1 record (without its first byte)
	// compressed with zstd. Written until November 2026, still read.
	recordZstd = 2
	// recordS2 is a format-1 record (without its first byte) compressed
	// with S2 (klauspost/compress/s2, a faster Snappy) in its better
	// mode: on SaudiNewsNet it makes records half their size where zstd
	// made them 0.39, but compresses three times and decompresses about
	// five times as fast, which import, export and snippets feel more
	// than the file does.
	recordS2 = 3
	// recordS2Lang is recordS2 with one more string after imported_at:
	// the language the article's record declares. Only articles that
	// declare one are written so; an older arshif refuses such a record
	// (an unknown format) where it would read a recordS2 one without its
	// language, index it by its text and drop the language at its next
	// edit.
	recordS2Lang = 4
)

// The zstd decoder is safe for concurrent DecodeAll; one serves the whole
// process, decoding one record at a time.
var (
	zstdDecoder = sync.OnceValue(func() *zstd.Decoder {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
		if err != nil {
			panic(err)
		}
		return d
	})
)

// encodeArticle returns the stored form of an article: compressed.
func encodeArticle(a *article.Article) []byte {
	// The plain record and the compressor's output are made in buffers
	// kept for the next article; only the compressed record is new.
	bufs := recordBuffers.Get().(*recordBuffer)
	plain := appendPlain(bufs.plain[:0], a)
	n := s2.MaxEncodedLen(len(plain) - 1)
	if cap(bufs.enc) < n {
		bufs.enc = make([]byte, n)
	}
	enc := s2.EncodeBetter(bufs.enc[:n], plain[1:])
	out := make([]byte, 1+len(enc))
	out[0] = recordS2
	if a.Lang != "" {
		out[0] = recordS2Lang
	}
	copy(out[1:], enc)
	if cap(plain) <= 1<<20 { // an article, not a book
		bufs.plain = plain
		recordBuffers.Put(bufs)
	}
	return out
}

type recordBuffer struct{ plain, enc []byte }

var recordBuffers = sync.Pool{New: func() any { return new(recordBuffer) }}

func encodePlain(a *article.Article) []byte { return appendPlain(nil, a) }

// appendPlain appends the article's plain record to b: format 1, and the
// declared language after it when there is one (recordS2Lang).
func appendPlain(b []byte, a *article.Article) []byte {
	n := 64 + len(a.Title) + len(a.Body) + len(a.Source) + len(a.URL) + len(a.Author) + len(a.Hash) + len(a.Origin) + len(a.Lang)
	for _, t := range a.Tags {
		n += len(t) + 2
	}
	b = slices.Grow(b, n)
	b = append(b, recordFormat1)
	for _, s := range []string{a.Title, a.Body, a.Source, a.URL, a.Author, a.Published.String(), a.Hash, a.Origin} {
		b = appendString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Tags)))
	for _, t := range a.Tags {
		b = appendString(b, t)
	}
	var nanos int64
	if !a.ImportedAt.IsZero() {
		nanos = a.ImportedAt.UnixNano()
	}
	b = binary.AppendVarint(b, nanos)
	if a.Lang != "" {
		b = appendString(b, a.Lang)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decodeArticle decodes a record; the strings are copies, safe to keep
// after the transaction.
func decodeArticle(id uint64, data []byte) (*article.Article, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("article %d: %w: empty record", id, errCorrupt)
	}
	format := data[0]
	data, _, err := plainRecord(id, data, nil)
	if err != nil {
		return nil, err
	}
	d := decoder{data: data}
	a := &article.Article{ID: id}
	var published string
	for _, p := range []*string{&a.Title, &a.Body, &a.Source, &a.URL, &a.Author, &published, &a.Hash, &a.Origin} {
		*p = d.string()
	}
	if n := d.uvarint(); n > 0 && d.err == nil {
		if n > uint64(len(d.data)) {
			d.err = errCorrupt
		} else {
			a.Tags = make([]string, n)
			for i := range a.Tags {
				a.Tags[i] = d.string()
			}
		}
	}
	nanos := d.varint()
	if format == recordS2Lang {
		if a.Lang = d.string(); a.Lang == "" && d.err == nil {
			d.err = errCorrupt
		}
	}
	if d.err != nil {
		return nil, fmt.Errorf("article %d: %w", id, d.err)
	}
	if nanos != 0 {
		a.ImportedAt = time.Unix(0, nanos).UTC()
	}
	ts, err := article.ParseTimestamp(published)
	if err != nil {
		return nil, fmt.Errorf("article %d: %w: %v", id, errCorrupt, err)
	}
	a.Published = ts
	return a, nil
}

type decoder struct {
	data []byte
	err  error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) string() string { return string(d.bytes()) }

// bytes is string without the copy: the bytes are the record's.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.data)) {
		d.err = errCorrupt
		return nil
	}
	b := d.data[:n]
	d.data = d.data[n:]
	return b
}

// plainRecord returns the fields of a record (data, not empty), which a
// compressed record is decompressed into buf for, and buf, grown if need
// be, to be used again. A record of format 1 is its own fields: data's
// bytes, never written.
func plainRecord(id uint64, data, buf []byte) (plain, out []byte, err error) {
	switch data[0] {
	case recordFormat1:
		return data[1:], buf, nil
	case recordS2, recordS2Lang:
		n, err := s2.DecodedLen(data[1:])
		if err == nil {
			if cap(buf) < n {
				buf = make([]byte, n)
			}
			plain, err = s2.Decode(buf[:n], data[1:])
		}
		if err != nil {
			return nil, buf, fmt.Errorf("article %d: %w: %v", id, errCorrupt, err)
		}
		return plain, buf, nil
	case recordZstd:
		if plain, err = zstdDecoder().DecodeAll(data[1:], buf[:0]); err != nil {
			return nil, buf, fmt.Errorf("article %d: %w: %v", id, errCorrupt, err)
		}
		return plain, plain, nil
	}
	return nil, buf, fmt.Errorf("article %d: %w: unknown format %d", id, errCorrupt, data[0])
}

// recordIdentity returns the identity key of a stored article (identity)
// from its record, decompressed into buf, which it returns to be used
// again: what convertIdents needs of each article, without the copies of
// decodeArticle.
func recordIdentity(id uint64, data, buf []byte) (key, out []byte, err error) {
	if len(data) == 0 {
		return nil, buf, fmt.Errorf("article %d: %w: empty record", id, errCorrupt)
	}
	plain, buf, err := plainRecord(id, data, buf)
	if err != nil {
		return nil, buf, err
	}
	d := decoder{data: plain}
	d.bytes() // title
	d.bytes() // body
	d.bytes() // source
	url := d.bytes()
	d.bytes() // author
	d.bytes() // published
	hash := d.bytes()
	if d.err != nil {
		return nil, buf, fmt.Errorf("article %d: %w", id, d.err)
	}
	return identity(&article.Article{URL: string(url), Hash: string(hash)}), buf, nil
}
