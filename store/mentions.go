package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"arshif/analyze"
	"arshif/article"
)

// bucketMentions indexes the dates articles mention (analyze.Mentions):
// one key a period and article, "D" + YYYYMMDD, "M" + YYYYMM, "Y" + YYYY or,
// for a day and month of unknown year, "P" + MMDD; then the 8-byte id.
var bucketMentions = []byte("mentions")

// mentionPeriods returns the distinct periods an article's text mentions,
// as the keys of the mentions index without the id, resolved against its
// publication day.
func mentionPeriods(a *article.Article) []string {
	day := a.Published.DayUTC()
	// Title and body apart: no mention spans both, and no copy is made.
	return periodsOf(append(analyze.Mentions(a.Title, day), analyze.Mentions(a.Body, day)...))
}

// periodsOf returns the periods of mentions, each once, in order.
func periodsOf(mentions []analyze.Mention) []string {
	var keys []string
	for _, m := range mentions {
		var k string
		switch {
		case m.Year == 0:
			k = fmt.Sprintf("P%02d%02d", m.Month, m.Day)
		case m.Month == 0:
			k = fmt.Sprintf("Y%04d", m.Year)
		case m.Day == 0:
			k = fmt.Sprintf("M%04d%02d", m.Year, m.Month)
		default:
			k = fmt.Sprintf("D%04d%02d%02d", m.Year, m.Month, m.Day)
		}
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

func mentionKey(period string, id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte(period), id)
}

// putMentions adds an article's periods to the index.
func putMentions(b bucketSet, id uint64, periods []string) error {
	for _, p := range periods {
		if err := b.mentions.Put(mentionKey(p, id), nil); err != nil {
			return err
		}
	}
	return nil
}

// deleteMentions removes an article's periods from the index.
func deleteMentions(b bucketSet, id uint64, periods []string) error {
	for _, p := range periods {
		if err := b.mentions.Delete(mentionKey(p, id)); err != nil {
			return err
		}
	}
	return nil
}

// mentionIDs returns the articles that mention a period lying within
// [from, to] (days, inclusive; a zero bound is open): a day in it, a month
// or year wholly in it, or a day and month of unknown year that falls in
// it in some year.
func mentionIDs(b bucketSet, from, to time.Time) map[string]struct{} {
	ids := map[string]struct{}{}
	if b.mentions == nil {
		return ids
	}
	if from.IsZero() {
		from = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if to.IsZero() {
		to = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	c := b.mentions.Cursor()
	// scan adds the ids of keys of kind in [low, high] (periods as written).
	scan := func(kind byte, low, high string, keep func(period string) bool) {
		start := append([]byte{kind}, low...)
		for k, _ := c.Seek(start); k != nil && k[0] == kind && len(k) > 9; k, _ = c.Next() {
			period := string(k[1 : len(k)-8])
			if period > high {
				break
			}
			if keep == nil || keep(period) {
				ids[string(k[len(k)-8:])] = struct{}{}
			}
		}
	}
	scan('D', from.Format("20060102"), to.Format("20060102"), nil)
	scan('M', from.Format("200601"), to.Format("200601"), func(p string) bool {
		first, _ := time.Parse("200601", p)
		return !first.Before(from) && !first.AddDate(0, 1, -1).After(to)
	})
	scan('Y', from.Format("2006"), to.Format("2006"), func(p string) bool {
		first, _ := time.Parse("2006", p)
		return !first.Before(from) && !first.AddDate(1, 0, -1).After(to)
	})
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
	})
	return ids
}

// checkMentions compares the index of mentioned dates with want, the
// fingerprint of what the articles' texts give (checkIndex), when that is
// complete: otherwise the search index's problems, already reported, leave
// nothing to compare with (reindex rebuilds both).
func checkMentions(b bucketSet, want mentionSum, complete bool, report func(format string, args ...any)) error {
	if b.mentions == nil {
		report("the index of mentioned dates is missing: run 'arshif reindex'")
		return nil
	}
	if !complete {
		return nil
	}
	var got mentionSum
	err := b.mentions.ForEach(func(k, _ []byte) error {
		got.add(k)
		return nil
	})
	if got != want {
		report("the index of mentioned dates does not match the texts: %d entries, the texts give %d", got.n, want.n)
	}
	return err
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
		if b.mentions == nil {
			return nil
		}
		var allowed map[string]struct{}
		if q.Match != nil || len(q.Tags) > 0 || q.Source != "" || !q.From.IsZero() || !q.To.IsZero() || q.Undated || q.Mentioned {
			s, err := newSearcher(ctx, b)
			if err != nil {
				return err
			}
			ids, err := s.matchingIDs(b, &q)
			if err != nil {
				return err
			}
			allowed = make(map[string]struct{}, len(ids))
			for _, id := range ids {
				allowed[string(idKey(id))] = struct{}{}
			}
		}
		seen := map[string]map[string]struct{}{} // label -> ids
		err := b.mentions.ForEach(func(k, _ []byte) error {
			if len(k) < 9 {
				return nil
			}
			id, period := string(k[len(k)-8:]), string(k[1:len(k)-8])
			if allowed != nil {
				if _, in := allowed[id]; !in {
					return nil
				}
			}
			var label string
			switch {
			case k[0] == 'P':
				label = "no year"
			case len(period) < width:
				return nil // a year is not in a month, a month not in a day
			case width == 4:
				label = period[:4]
			case width == 6:
				label = period[:4] + "-" + period[4:6]
			default:
				label = period[:4] + "-" + period[4:6] + "-" + period[6:8]
			}
			if seen[label] == nil {
				seen[label] = map[string]struct{}{}
			}
			seen[label][id] = struct{}{}
			return nil
		})
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
		return err
	})
	return out, err
}
