package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
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
year under "no year").

EXAMPLES:
   arshif dates --by year
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
			if err := resolveNames(db, &q); err != nil {
				return err
			}
			warnStale(db, q, c.Bool("mentioned"), c.App.ErrWriter)
			var counts []store.Count
			if c.Bool("mentioned") {
				if counts, err = db.MentionCounts(c.Context, q, unit); err != nil {
					return err
				}
				// Texts mention dates centuries apart: the gaps are filled
				// only within a range asked for.
				if q.Mentioned {
					counts = fillPeriods(counts, dateUnits[unit], unit, q.MentionFrom, q.MentionTo)
				}
			} else {
				facets, err := db.Facets(c.Context, q, []string{unit})
				if err != nil {
					return err
				}
				counts = fillPeriods(facets[unit], dateUnits[unit], unit, q.From, q.To)
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

// fillPeriods puts counts (by period in layout; other names, such as
// "undated", last) in time order with every period between the first and
// the last, 0 where no article was published; from and to, when set, widen
// the range to the periods they fall in.
func fillPeriods(counts []store.Count, layout, unit string, from, to time.Time) []store.Count {
	byName := map[string]int{}
	var first, last time.Time
	var others []store.Count
	for _, c := range counts {
		byName[c.Name] = c.Count
		t, err := time.Parse(layout, c.Name)
		if err != nil {
			others = append(others, c)
			continue
		}
		{
			if first.IsZero() || t.Before(first) {
				first = t
			}
			if t.After(last) {
				last = t
			}
		}
	}
	for _, bound := range []time.Time{from, to} {
		if bound.IsZero() {
			continue
		}
		t, _ := time.Parse(layout, bound.Format(layout)) // the start of its period
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	var out []store.Count
	for t := first; !first.IsZero() && !t.After(last); {
		name := t.Format(layout)
		out = append(out, store.Count{Name: name, Count: byName[name]})
		switch unit {
		case store.FacetYear:
			t = t.AddDate(1, 0, 0)
		case store.FacetMonth:
			t = t.AddDate(0, 1, 0)
		default:
			t = t.AddDate(0, 0, 1)
		}
	}
	return append(out, others...)
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
		if s := bar(c.Count, most); s != "" {
			b.WriteString("  " + s)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// bar is n of most as a bar of at most chartWidth blocks; any n above 0
// shows at least an eighth.
func bar(n, most int) string {
	if n <= 0 || most <= 0 {
		return ""
	}
	eighths := max(1, (n*chartWidth*8+most/2)/most)
	partial := []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}
	return strings.Repeat("█", eighths/8) + partial[eighths%8]
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
