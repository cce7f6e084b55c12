package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"arshif/export"
	"arshif/parse"
	"arshif/store"
)

// filterFlags are the conditions shared by query and export.
func filterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "tag", Aliases: []string{"t"}, Usage: "only articles with `TAG` (repeatable: all must match)"},
		&cli.StringFlag{Name: "source", Aliases: []string{"s"}, Usage: "only articles from `SOURCE`"},
		&cli.StringFlag{Name: "from", Usage: "published on or after `DATE` (2017, 2017-10 or 2017-10-17)"},
		&cli.StringFlag{Name: "to", Usage: "published on or before `DATE` (2017, 2017-10 or 2017-10-17)"},
		&cli.BoolFlag{Name: "undated", Usage: "only articles with no publication date"},
		&cli.IntFlag{Name: "offset", Usage: "skip the first `N` results"},
		&cli.StringFlag{Name: "sort", Value: "relevance", Usage: "order of a word search: relevance or date (newest first)"},
	}
}

// queryFromFlags turns the filter flags and the words into a store query.
func queryFromFlags(c *cli.Context) (store.Query, *compiledQuery, error) {
	cq, err := compileQuery(c.Args().Slice())
	if err != nil {
		return store.Query{}, nil, err
	}
	q := store.Query{
		Match:   cq.match,
		Tags:    c.StringSlice("tag"),
		Source:  c.String("source"),
		Undated: c.Bool("undated"),
		Offset:  c.Int("offset"),
		Limit:   c.Int("limit"),
	}
	if s := c.String("from"); s != "" {
		first, _, err := parse.Period(s)
		if err != nil {
			return q, nil, usagef("--from: %v", err)
		}
		q.From = first
	}
	if s := c.String("to"); s != "" {
		_, last, err := parse.Period(s)
		if err != nil {
			return q, nil, usagef("--to: %v", err)
		}
		q.To = last
	}
	switch s := c.String("sort"); s {
	case "relevance", "":
	case "date":
		q.ByDate = true
	default:
		return q, nil, usagef("--sort %q: choose relevance or date", s)
	}
	switch {
	case q.Undated && (!q.From.IsZero() || !q.To.IsZero()):
		return q, nil, usagef("--undated cannot be combined with --from or --to: undated articles have no date to compare")
	case !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From):
		return q, nil, usagef("--to %s is before --from %s", c.String("to"), c.String("from"))
	case q.Offset < 0 || q.Limit < 0:
		return q, nil, usagef("--limit and --offset cannot be negative")
	}
	return q, cq, nil
}

type queryOptions struct {
	query  store.Query
	marks  func(word string) bool
	format string
	count  bool
}

var queryFormats = []string{"table", "json", "jsonl", "csv", "ids"}

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Aliases:   []string{"search"},
		Usage:     "find articles by words, tags, source and dates",
		ArgsUsage: "[WORDS...]",
		Description: `Finds articles by their words, whatever the spelling: Arabic variants
match (أ إ آ ا, ى ي, ة ه, harakat, tatweel, Arabic-Indic digits), and so do the
article and clitics (الانتخابات, والانتخابات, انتخابات), common suffixes, and
case, accents and word endings in English and French. The most relevant
articles come first (--sort date for newest first); without words, newest
first. Flags may come before or after the words; after "--" everything is a
word.

QUERY LANGUAGE:
   داعش سوريا           both words (AND is implied)
   الرقة OR دير         either word; OR binds tighter than AND
   -سوريا, NOT سوريا    without that word
   "وزارة الصحة"        the words next to each other («» and “” work too)
   انتخاب*              words that start with it
   (a OR b) c           grouping
   title:الرقة          in the title only; tag:سوريا and source:alriyadh
                        filter like --tag and --source
   =الرقة               exactly as written, no spelling variants

EXAMPLES:
   arshif query داعش --tag سوريا
   arshif query '"وزارة الصحة" -كورونا' --from 2015-08
   arshif query --tag واشنطن --from 2017 --to 2017-10
   arshif query الرقة --format csv --limit 0 > raqqa.csv
   arshif query --undated --count`,
		Flags: append(filterFlags(),
			&cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Value: 20, Usage: "show at most `N` results (0: all)"},
			&cli.BoolFlag{Name: "count", Aliases: []string{"c"}, Usage: "print only the number of matching articles"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: " + strings.Join(queryFormats, ", ")},
		),
		Action: func(c *cli.Context) error {
			q, cq, err := queryFromFlags(c)
			if err != nil {
				return err
			}
			opts := queryOptions{query: q, marks: cq.marks, format: c.String("format"), count: c.Bool("count")}
			if !slices.Contains(queryFormats, opts.format) {
				return usagef("--format %q: choose one of %s", opts.format, strings.Join(queryFormats, ", "))
			}
			db, err := openArchive(c, true)
			if err != nil {
				return err
			}
			defer db.Close()
			return runQuery(c.Context, db, opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

func runQuery(ctx context.Context, db *store.DB, opts queryOptions, stdout, stderr io.Writer) error {
	if opts.count {
		n, err := db.Count(ctx, opts.query)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(stdout, n)
		return err
	}
	var enc export.Encoder
	switch opts.format {
	case "table":
		enc = export.NewTable(stdout, export.TableOptions{Match: opts.marks, Bold: useColor(stdout)})
	case "ids":
		enc = export.NewIDs(stdout)
	default:
		var err error
		if enc, err = newEncoder(opts.format, stdout, export.CSVOptions{}); err != nil {
			return err
		}
	}
	shown := 0
	total, err := db.Find(ctx, opts.query, func(h store.Hit) error {
		shown++
		return enc.Encode(h.Article)
	})
	if cerr := enc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if opts.format == "table" {
		switch {
		case total == 0:
			fmt.Fprintln(stderr, "No article matches.")
		case shown < total:
			first := opts.query.Offset + 1
			fmt.Fprintf(stderr, "Showing %d–%d of %d; use --limit and --offset for more.\n", first, first+shown-1, total)
		default:
			fmt.Fprintf(stderr, "%s.\n", plural(total, "article"))
		}
	}
	return nil
}

// newEncoder returns the encoder of a data format.
func newEncoder(format string, w io.Writer, csvOpts export.CSVOptions) (export.Encoder, error) {
	switch format {
	case "csv":
		return export.NewCSV(w, csvOpts), nil
	case "json":
		return export.NewJSON(w), nil
	case "jsonl":
		return export.NewJSONL(w), nil
	}
	return nil, usagef("format %q: choose csv, json or jsonl", format)
}
