package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"arshif/article"
)

const recordFormat1 = 1

var errCorrupt = errors.New("corrupt article record")

func encodeArticle(a *article.Article) []byte {
	n := 64 + len(a.Title) + len(a.Body) + len(a.Source) + len(a.URL) + len(a.Author) + len(a.Hash) + len(a.Origin)
	for _, t := range a.Tags {
		n += len(t) + 2
	}
	b := make([]byte, 0, n)
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
	return binary.AppendVarint(b, nanos)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decodeArticle decodes a record; the strings are copies, safe to keep
// after the transaction.
func decodeArticle(id uint64, data []byte) (*article.Article, error) {
	if len(data) == 0 || data[0] != recordFormat1 {
		return nil, fmt.Errorf("article %d: %w: unknown format", id, errCorrupt)
	}
	d := decoder{data: data[1:]}
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

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.data)) {
		d.err = errCorrupt
		return ""
	}
	s := string(d.data[:n])
	d.data = d.data[n:]
	return s
}
