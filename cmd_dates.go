package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"arshif/store"
)

// dateUnits are what arshif dates counts by, with the layout of a period.
var dateUnits = map[string]string{
	store.FacetYear:  "2006",
	store.FacetMonth: "2006-01",
	store.FacetDay:   "2006-01-02",
}

func datesCommand() *cli.Command {
	return &cli.Command{
		Name:      "dates",
		Usage:     "count articles by year, month or day of publication, as a chart",
		ArgsUsage: "[WORDS...]",
		Description: `Counts the whole archive, or the articles that match the words and filters
(as query takes them), in time order; periods with no article are listed
with 0, and undated articles come last. --mentioned counts the dates the
texts mention instead (an article once a period; day-months of unknown
year under "no year"), with the empty periods listed the same way from
100 years, months or days before the archive's first publication date to
as many after its last: a period mentioned further off (a year 1) is
listed in its place without the empty ones that lead to it.

EXAMPLES:
   arshif dates --by year
   arshif dates --mentioned --by year
   arshif dates داعش --tag سوريا --by month
   arshif dates --from 2015-08 --to 2015-08 --by day --format csv`,
		Flags: append(conditionFlags(),
			&cli.StringFlag{Name: "by", Value: store.FacetMonth, Usage: "count by `UNIT`: year, month or day"},
			&cli.BoolFlag{Name: "mentioned", Usage: "count the dates the articles mention, not their publication dates"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "`FORMAT`: table (a chart), csv or json"},
		),
		Action: func(c *cli.Context) error {
			unit, format := c.String("by"), c.String("format")
			if _, ok := dateUnits[unit]; !ok {
				return usagef("--by %q: choose year, month or day", unit)
			}
			if format != "table" && format != "csv" && format != "json" {
				return usagef("--format %q: choose table, csv or json", format)
			}
			q, _, err := queryFromFlags(c)
			if err != nil {
				return err
			}
			db, err := openArchive(c, true)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := resolveNames(c.Context, db, &q); err != nil {
				return err
			}
			warnStale(db, q, c.Bool("mentioned"), c.App.ErrWriter)
			var counts []store.Count
			if c.Bool("mentioned") {
				if counts, err = db.MentionCounts(c.Context, q, unit); err != nil {
					return err
				}
				near, err := nearPublished(c.Context, db, dateUnits[unit], unit)
				if err != nil {
					return err
				}
				counts = fillPeriods(counts, dateUnits[unit], unit, q.MentionFrom, q.MentionTo, near)
			} else {
				facets, err := db.Facets(c.Context, q, []string{unit})
				if err != nil {
					return err
				}
				counts = fillPeriods(facets[unit], dateUnits[unit], unit, q.From, q.To, anyPeriod)
			}
			switch format {
			case "csv":
				return writeDatesCSV(c.App.Writer, counts)
			case "json":
				return writeDatesJSON(c.App.Writer, counts)
			}
			return writeDatesChart(c.App.Writer, counts)
		},
	}
}

// mentionMargin is how many periods (years, months or days) before the
// archive's first publication date and after its last the empty periods
// of dates --mentioned are listed: a text may mention a date centuries
// from the others (a coin of the year 1), and the empty years between
// would bury the chart.
const mentionMargin = 100

// nearPublished reports whether a period is among those the archive's
// articles were published in (what dates shows for the whole archive),
// widened by mentionMargin periods on each side. With no article dated,
// none is.
func nearPublished(ctx context.Context, db *store.DB, layout, unit string) (func(time.Time) bool, error) {
	first, last, err := db.PublishedRange(ctx)
	if err != nil {
		return nil, err
	}
	if first.IsZero() {
		return func(time.Time) bool { return false }, nil
	}
	lo := step(periodStart(first, layout), unit, -mentionMargin)
	hi := step(periodStart(last, layout), unit, mentionMargin)
	return func(t time.Time) bool { return !t.Before(lo) && !t.After(hi) }, nil
}

// anyPeriod lets every period counted widen the range of fillPeriods.
func anyPeriod(time.Time) bool { return true }

// fillPeriods puts counts (by period in layout; other names, such as
// "undated", last) in time order with every period between the first and
// the last, 0 where none was counted; from and to, when set, widen the
// range to the periods they fall in. Counted periods that within refuses
// do not widen it: they are listed in their place, without the empty
// periods that lead to them.
func fillPeriods(counts []store.Count, layout, unit string, from, to time.Time, within func(time.Time) bool) []store.Count {
	byName := map[string]int{}
	var periods []time.Time
	var first, last time.Time
	widen := func(t time.Time) {
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	var others []store.Count
	for _, c := range counts {
		t, err := time.Parse(layout, c.Name)
		if err != nil {
			others = append(others, c)
			continue
		}
		byName[c.Name] = c.Count
		periods = append(periods, t)
		if within(t) {
			widen(t)
		}
	}
	for _, bound := range []time.Time{from, to} {
		if !bound.IsZero() {
			widen(periodStart(bound, layout))
		}
	}
	slices.SortFunc(periods, time.Time.Compare)
	var out []store.Count
	outside := func(keep func(time.Time) bool) {
		for _, t := range periods {
			if keep(t) {
				name := t.Format(layout)
				out = append(out, store.Count{Name: name, Count: byName[name]})
			}
		}
	}
	if first.IsZero() {
		outside(func(time.Time) bool { return true })
		return append(out, others...)
	}
	outside(func(t time.Time) bool { return t.Before(first) })
	for t := first; !t.After(last); t = step(t, unit, 1) {
		name := t.Format(layout)
		out = append(out, store.Count{Name: name, Count: byName[name]})
	}
	outside(func(t time.Time) bool { return t.After(last) })
	return append(out, others...)
}

// periodStart is the start of the period in layout that t falls in.
func periodStart(t time.Time, layout string) time.Time {
	p, _ := time.Parse(layout, t.Format(layout))
	return p
}

// step moves t by n periods of unit.
func step(t time.Time, unit string, n int) time.Time {
	switch unit {
	case store.FacetYear:
		return t.AddDate(n, 0, 0)
	case store.FacetMonth:
		return t.AddDate(0, n, 0)
	}
	return t.AddDate(0, 0, n)
}

// chartWidth is the length of the longest bar.
const chartWidth = 40

// writeDatesChart draws one bar a period, the longest chartWidth blocks,
// in eighths of a block.
func writeDatesChart(w io.Writer, counts []store.Count) error {
	if len(counts) == 0 {
		_, err := fmt.Fprintln(w, "no articles")
		return err
	}
	most, nameWidth, countWidth := 0, 0, 0
	for _, c := range counts {
		most = max(most, c.Count)
		nameWidth = max(nameWidth, len(c.Name))
		countWidth = max(countWidth, len(fmt.Sprint(c.Count)))
	}
	var b strings.Builder
	for _, c := range counts {
		fmt.Fprintf(&b, "%-*s  %*d", nameWidth, c.Name, countWidth, c.Count)
		if s := bar(int64(c.Count), int64(most), chartWidth); s != "" {
			b.WriteString("  " + s)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// bar is n of most as a bar of at most width blocks; any n above 0 shows
// at least an eighth.
func bar(n, most int64, width int) string {
	if n <= 0 || most <= 0 {
		return ""
	}
	eighths := max(1, (n*int64(width)*8+most/2)/most)
	partial := []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}
	return strings.Repeat("█", int(eighths/8)) + partial[eighths%8]
}

func writeDatesCSV(w io.Writer, counts []store.Count) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // as export writes CSV (RFC 4180)
	cw.Write([]string{"period", "articles"})
	for _, c := range counts {
		cw.Write([]string{c.Name, fmt.Sprint(c.Count)})
	}
	cw.Flush()
	return cw.Error()
}

func writeDatesJSON(w io.Writer, counts []store.Count) error {
	type row struct {
		Period   *string `json:"period"` // null for undated articles
		Articles int     `json:"articles"`
	}
	rows := make([]row, len(counts))
	for i, c := range counts {
		rows[i].Articles = c.Count
		if c.Name != "undated" {
			rows[i].Period = &counts[i].Name
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}
