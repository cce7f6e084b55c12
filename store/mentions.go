package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"arshif/analyze"
	"arshif/article"
)

// The dates articles mention (analyze.Mentions, resolved against the
// publication day) are facet terms of the full-text index, like tags and
// sources: mentionTermPrefix + a period, "D" + YYYYMMDD, "M" + YYYYMM,
// "Y" + YYYY or, for a day and month of unknown year, "P" + MMDD. Written
// with the segments, they are appended, merged, edited and checked with
// the rest of the index.
const mentionTermPrefix = "\x01m"

// bucketMentions held the same periods, a key a period and article
// (period + 8-byte id), in archives whose index is older (analysis
// revision 2). They are still read there until Reindex drops the bucket.
var bucketMentions = []byte("mentions")

// dropLeftoverMentions removes a mentions bucket that an index of this
// build's analysis does not need (buckets ignores it).
func dropLeftoverMentions(tx *bolt.Tx) error {
	if tx.Bucket(bucketMentions) == nil || string(tx.Bucket(bucketMeta).Get(metaAnalyzer)) != analyze.Version() {
		return nil
	}
	return tx.DeleteBucket(bucketMentions)
}

// periodKey is the period a mention names, as in its facet term.
func periodKey(m analyze.Mention) string {
	var b []byte
	switch {
	case m.Year == 0:
		b = appendDigits(append(b, 'P'), m.Month, 2)
		b = appendDigits(b, m.Day, 2)
	case m.Month == 0:
		b = appendDigits(append(b, 'Y'), m.Year, 4)
	case m.Day == 0:
		b = appendDigits(append(b, 'M'), m.Year, 4)
		b = appendDigits(b, m.Month, 2)
	default:
		b = appendDigits(append(b, 'D'), m.Year, 4)
		b = appendDigits(b, m.Month, 2)
		b = appendDigits(b, m.Day, 2)
	}
	return string(b)
}

// appendDigits appends n in decimal, zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	var d [20]byte
	s := strconv.AppendInt(d[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// mentionTerms returns the facet terms of the periods an article's text
// mentions, read the plain way (analyze.Mentions), each once, in order.
func mentionTerms(a *article.Article) []string {
	day := a.Published.DayUTC()
	var terms []string
	// Title and body apart: no mention spans both, and no copy is made.
	for _, m := range append(analyze.Mentions(a.Title, day), analyze.Mentions(a.Body, day)...) {
		if t := mentionTermPrefix + periodKey(m); !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	return terms
}

// eachMention calls fn with the period and article of every mention whose
// period is of kind ('D', 'M', 'Y' or 'P') and within [low, high] as
// written (low and high without the kind), in no particular order: from
// the index's facet terms, or in an archive of revision 2 from its
// mentions bucket.
func eachMention(b bucketSet, segs []segReader, kind byte, low, high string, fn func(period string, id uint64)) error {
	if b.mentions != nil {
		c := b.mentions.Cursor()
		for k, _ := c.Seek(append([]byte{kind}, low...)); k != nil && k[0] == kind && len(k) > 9; k, _ = c.Next() {
			period := string(k[1 : len(k)-8])
			if period > high {
				break
			}
			fn(period, binary.BigEndian.Uint64(k[len(k)-8:]))
		}
		return nil
	}
	prefix := mentionTermPrefix + string(kind)
	for _, sr := range segs {
		c := sr.cursor()
		for k, v := c.seek([]byte(prefix + low)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, v = c.next() {
			period := string(k[len(prefix):])
			if period > high {
				break
			}
			err := forEachDoc(v, func(id uint64, _, _ uint32) { fn(period, id) })
			if err != nil {
				return fmt.Errorf("mentioned period %s: %w", period, err)
			}
		}
		if c.err != nil {
			return c.err
		}
	}
	return nil
}

// mentionIDs returns the articles that mention a period lying within
// [from, to] (days, inclusive; a zero bound is open): a day in it, a month
// or year wholly in it, or a day and month of unknown year that falls in
// it in some year.
func mentionIDs(b bucketSet, segs []segReader, from, to time.Time) (map[uint64]struct{}, error) {
	ids := map[uint64]struct{}{}
	if from.IsZero() {
		from = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if to.IsZero() {
		to = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	// scan adds the articles of the periods of kind in [low, high] that keep
	// keeps (all with keep nil).
	scan := func(kind byte, low, high string, keep func(period string) bool) error {
		return eachMention(b, segs, kind, low, high, func(period string, id uint64) {
			if keep == nil || keep(period) {
				ids[id] = struct{}{}
			}
		})
	}
	err := errors.Join(
		scan('D', from.Format("20060102"), to.Format("20060102"), nil),
		scan('M', from.Format("200601"), to.Format("200601"), func(p string) bool {
			first, _ := time.Parse("200601", p)
			return !first.Before(from) && !first.AddDate(0, 1, -1).After(to)
		}),
		scan('Y', from.Format("2006"), to.Format("2006"), func(p string) bool {
			first, _ := time.Parse("2006", p)
			return !first.Before(from) && !first.AddDate(1, 0, -1).After(to)
		}),
		scan('P', "0000", "9999", func(p string) bool {
			if to.Sub(from) >= 366*24*time.Hour {
				return true
			}
			for y := from.Year(); y <= to.Year(); y++ {
				d, err := time.Parse("20060102", fmt.Sprintf("%04d%s", y, p))
				if err == nil && !d.Before(from) && !d.After(to) {
					return true
				}
			}
			return false
		}),
	)
	return ids, err
}

// MentionCounts counts the articles matching q (all of them) by the
// periods their texts mention, by year, month or day (FacetYear,
// FacetMonth, FacetDay), in time order. A month mentioned counts in its
// year, a day in its month and year; days and months whose year is unknown
// count under "no year".
func (db *DB) MentionCounts(ctx context.Context, q Query, unit string) ([]Count, error) {
	width := map[string]int{FacetYear: 4, FacetMonth: 6, FacetDay: 8}[unit]
	if width == 0 {
		return nil, fmt.Errorf("unknown unit %q", unit)
	}
	var out []Count
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := buckets(tx)
		s, err := newSearcher(ctx, b)
		if err != nil {
			return err
		}
		var allowed map[uint64]struct{}
		if q.Match != nil || q.filtered() {
			ids, err := s.matchingIDs(b, &q)
			if err != nil {
				return err
			}
			allowed = make(map[uint64]struct{}, len(ids))
			for _, id := range ids {
				allowed[id] = struct{}{}
			}
		}
		seen := map[string]map[uint64]struct{}{} // label -> ids
		for _, kind := range []byte("DMYP") {
			err := eachMention(b, s.segs, kind, "", "\xff", func(period string, id uint64) {
				if allowed != nil {
					if _, in := allowed[id]; !in {
						return
					}
				}
				var label string
				switch {
				case kind == 'P':
					label = "no year"
				case len(period) < width:
					return // a year is not in a month, a month not in a day
				case width == 4:
					label = period[:4]
				case width == 6:
					label = period[:4] + "-" + period[4:6]
				default:
					label = period[:4] + "-" + period[4:6] + "-" + period[6:8]
				}
				if seen[label] == nil {
					seen[label] = map[uint64]struct{}{}
				}
				seen[label][id] = struct{}{}
			})
			if err != nil {
				return err
			}
		}
		for label, ids := range seen {
			out = append(out, Count{Name: label, Count: len(ids)})
		}
		slices.SortFunc(out, func(a, b Count) int {
			if (a.Name == "no year") != (b.Name == "no year") {
				if a.Name == "no year" {
					return 1
				}
				return -1
			}
			return strings.Compare(a.Name, b.Name)
		})
		return nil
	})
	return out, err
}
