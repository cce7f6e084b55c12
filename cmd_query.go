package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"arshif/analyze"
	"arshif/article"
	"arshif/export"
	"arshif/parse"
	"arshif/store"
)

// filterFlags are the conditions and the order shared by query and
// export.
func filterFlags() []cli.Flag {
	return append(conditionFlags(),
		&cli.IntFlag{Name: "offset", Usage: "skip the first `N` results"},
		&cli.StringFlag{Name: "sort", Value: "relevance", Usage: "order of a word search: relevance or date (newest first)"},
	)
}

// conditionFlags are the conditions an article must meet, beside words.
func conditionFlags() []cli.Flag {
	return []cli.Flag{
		&cli.GenericFlag{Name: "tag", Aliases: []string{"t"}, Value: &repeatedValues{}, Usage: "only articles with `TAG` (repeatable, or a,b: all must match)"},
		&cli.GenericFlag{Name: "source", Aliases: []string{"s"}, Value: &repeatedValues{}, Usage: "only articles from `SOURCE` (repeatable, or sabq,okaz: any may match)"},
		&cli.StringSliceFlag{Name: "lang", Aliases: []string{"l"}, Usage: "only articles in `LANGUAGE`: a code (ar, en, fr ...), a name (Arabic), or und for those whose language is not clear (repeatable: any may match)"},
		&cli.StringFlag{Name: "from", Usage: "published on or after `DATE` (2017, 2017-10 or 2017-10-17)"},
		&cli.StringFlag{Name: "to", Usage: "published on or before `DATE` (2017, 2017-10 or 2017-10-17)"},
		&cli.StringFlag{Name: "before", Usage: "published before `DATE`, that day excluded (instead of --to)"},
		&cli.BoolFlag{Name: "undated", Usage: "only articles with no publication date"},
		&cli.StringFlag{Name: "mentions", Usage: "only articles whose text mentions a date in `PERIOD` (2017, 2017-10 or 2017-10-17)"},
		&cli.StringFlag{Name: "mentioned-from", Usage: "only articles that mention a date on or after `DATE`"},
		&cli.StringFlag{Name: "mentioned-to", Usage: "only articles that mention a date on or before `DATE`"},
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
		Tags:    *c.Generic("tag").(*repeatedValues),
		Sources: *c.Generic("source").(*repeatedValues),
		Undated: c.Bool("undated"),
		Offset:  c.Int("offset"),
		Limit:   c.Int("limit"),
	}
	if q.Langs, err = langCodes(c.StringSlice("lang")); err != nil {
		return q, nil, err
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
	if s := c.String("before"); s != "" {
		if c.IsSet("to") {
			return q, nil, usagef("--before and --to both end the range: give one")
		}
		first, _, err := parse.Period(s)
		if err != nil {
			return q, nil, usagef("--before: %v", err)
		}
		q.To = first.AddDate(0, 0, -1)
	}
	if s := c.String("mentions"); s != "" {
		if c.IsSet("mentioned-from") || c.IsSet("mentioned-to") {
			return q, nil, usagef("--mentions names a whole period: give it, or --mentioned-from/--mentioned-to")
		}
		first, last, err := parse.Period(s)
		if err != nil {
			return q, nil, usagef("--mentions: %v", err)
		}
		q.Mentioned, q.MentionFrom, q.MentionTo = true, first, last
	}
	if s := c.String("mentioned-from"); s != "" {
		first, _, err := parse.Period(s)
		if err != nil {
			return q, nil, usagef("--mentioned-from: %v", err)
		}
		q.Mentioned, q.MentionFrom = true, first
	}
	if s := c.String("mentioned-to"); s != "" {
		_, last, err := parse.Period(s)
		if err != nil {
			return q, nil, usagef("--mentioned-to: %v", err)
		}
		q.Mentioned, q.MentionTo = true, last
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

// warnStale says when q (or a count by language or of mentioned dates,
// with byIndex) needs the search index and it is not this build's whole
// index: another version of arshif built it, or a reindex was
// interrupted.
func warnStale(db *store.DB, q store.Query, byIndex bool, stderr io.Writer) {
	needs := q.Match != nil || len(q.Langs) > 0 || byIndex
	switch {
	case db.ReindexUnfinished() && (needs || q.Mentioned):
		fmt.Fprintln(stderr, "arshif: a reindex was interrupted and the search index holds only some of the articles: results may be missing; run 'arshif reindex' to finish it")
	case db.StaleIndex() && needs:
		fmt.Fprintln(stderr, "arshif: the search index was built by another version of arshif; run 'arshif reindex' for exact results")
	}
}

// languagesHelp lists the languages for --help, written out rather than
// made from analyze.Languages at every start (TestLanguagesHelp compares
// the two).
const languagesHelp = `LANGUAGES (--lang, lang:, --facet lang):
   An article's language is the one its record gives (lang, language,
   locale ...), or else is told from its text when it is imported: the
   script, then the letters or the commonest words of each language.
   ar Arabic, fa Persian, ur Urdu, en English, fr French, es Spanish,
   de German, it Italian, pt Portuguese, nl Dutch, tr Turkish, ru Russian,
   uk Ukrainian, bg Bulgarian, sr Serbian, el Greek, he Hebrew, hy Armenian,
   ka Georgian, hi Hindi, bn Bengali, ta Tamil, th Thai, am Amharic,
   zh Chinese, ja Japanese, ko Korean
   und: not clear (no letters, names only, too few words).`

// langCodes reads the values of --lang: codes of any form (ar, ara, arb,
// ar-SA, AR) or English names (Arabic) of the languages analyze.Language
// tells apart, or und; a value may list several, separated by commas.
func langCodes(values []string) ([]string, error) {
	var codes []string
	if len(values) > 0 && strings.Trim(strings.Join(values, ""), ", ") == "" {
		return nil, usagef("--lang names no language")
	}
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			code, ok := analyze.LanguageCode(s)
			if !ok {
				known := make([]string, len(analyze.Languages))
				for i, l := range analyze.Languages {
					known[i] = l.Code
				}
				return nil, usagef("--lang %q: not a language arshif tells apart; give one of %s, or %s for articles whose language is not clear",
					s, strings.Join(known, " "), analyze.Und)
			}
			if !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
	}
	return codes, nil
}

type queryOptions struct {
	query  store.Query
	marks  func(word string) bool
	format string
	count  bool
	facets []string
}

var facetKinds = []string{store.FacetTag, store.FacetSource, store.FacetYear, store.FacetLang}

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
   -سوريا, NOT سوريا    without that word; alone, every article but those
   "وزارة الصحة"        the words next to each other («» and “” work too)
   انتخاب*              words that start with it
   (a OR b) c           grouping
   title:الرقة          in the title only; tag:سوريا, source:alriyadh and
                        lang:fr filter like --tag, --source and --lang
   =الرقة               exactly as written, no spelling variants

` + languagesHelp + `

EXAMPLES:
   arshif query داعش --tag سوريا
   arshif query '"وزارة الصحة" -كورونا' --from 2015-08
   arshif query --tag واشنطن --from 2017 --to 2017-10
   arshif query الرقة --format csv --limit 0 > raqqa.csv
   arshif query --undated --count
   arshif query Raqqa --lang en --facet source`,
		Flags: append(filterFlags(),
			&cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Value: 20, Usage: "show at most `N` results (0: all)"},
			&cli.BoolFlag{Name: "count", Aliases: []string{"c"}, Usage: "print only the number of matching articles"},
			&cli.StringSliceFlag{Name: "facet", Usage: "also count all matches by `KIND`: tag, source, year or lang (repeatable)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: " + strings.Join(queryFormats, ", ")},
		),
		Action: func(c *cli.Context) error {
			q, cq, err := queryFromFlags(c)
			if err != nil {
				return err
			}
			opts := queryOptions{query: q, marks: cq.marks, format: c.String("format"), count: c.Bool("count"), facets: c.StringSlice("facet")}
			for _, f := range opts.facets {
				if !slices.Contains(facetKinds, f) {
					return usagef("--facet %q: choose %s", f, strings.Join(facetKinds, ", "))
				}
			}
			if len(opts.facets) > 0 && opts.format != "table" && opts.format != "json" {
				return usagef("--facet goes with --format table or json")
			}
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
	if err := resolveNames(ctx, db, &opts.query); err != nil {
		return err
	}
	warnStale(db, opts.query, slices.Contains(opts.facets, store.FacetLang), stderr)
	if opts.count {
		n, err := db.Count(ctx, opts.query)
		if err != nil || len(opts.facets) == 0 {
			if err == nil {
				_, err = fmt.Fprintln(stdout, n)
			}
			return err
		}
		// The number, then the counts by each kind asked for.
		facets, err := db.Facets(ctx, opts.query, opts.facets)
		if err != nil {
			return err
		}
		if opts.format == "json" {
			enc := json.NewEncoder(stdout)
			enc.SetEscapeHTML(false) // names with & as written, as without --count
			return enc.Encode(map[string]any{"count": n, "facets": facetsJSON(opts.facets, facets)})
		}
		w := bufio.NewWriter(stdout)
		fmt.Fprintln(w, n)
		if err := writeFacetTables(w, opts.facets, facets); err != nil {
			return err
		}
		return w.Flush()
	}
	var facets map[string][]store.Count
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	var encode func(store.Hit) error
	var finish func() error
	switch opts.format {
	case "table":
		enc := export.NewTable(w, export.TableOptions{Match: opts.marks, Bold: useColor(stdout)})
		encode = func(h store.Hit) error { return enc.Encode(h.Article) }
		finish = func() error {
			if err := enc.Close(); err != nil {
				return err
			}
			return writeFacetTables(w, opts.facets, facets)
		}
	case "ids", "csv":
		enc := export.Encoder(export.NewIDs(w))
		if opts.format == "csv" {
			enc = export.NewCSV(w, export.CSVOptions{})
		} else {
			opts.query.IDsOnly, opts.query.NoTotal = true, true
		}
		encode = func(h store.Hit) error { return enc.Encode(h.Article) }
		finish = enc.Close
	case "jsonl":
		enc := export.NewJSONL(w)
		encode = func(h store.Hit) error { return enc.EncodeValue(newHitJSON(h, opts.marks)) }
		finish = enc.Close
	case "json":
		enc := export.NewJSON(w)
		encode = func(h store.Hit) error { return enc.EncodeValue(newHitJSON(h, opts.marks)) }
		finish = func() error {
			err := enc.Close()
			if facets != nil {
				w.WriteString("}\n")
			}
			return err
		}
	}
	onFacets := func(f map[string][]store.Count) error {
		facets = f
		if opts.format != "json" {
			return nil
		}
		// An object: the facets, then the results as a stream.
		w.WriteString(`{"facets":`)
		fe := json.NewEncoder(w)
		fe.SetEscapeHTML(false)
		if err := fe.Encode(facetsJSON(opts.facets, facets)); err != nil {
			return err
		}
		_, err := w.WriteString(`,"results":`)
		return err
	}
	shown := 0
	total, err := db.FindFacets(ctx, opts.query, opts.facets, onFacets, func(h store.Hit) error {
		shown++
		return encode(h)
	})
	if ferr := finish(); err == nil {
		err = ferr
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return err
	}
	if opts.format == "table" {
		switch {
		case total == 0:
			fmt.Fprintln(stderr, "No article matches.")
		case shown == 0:
			verb := "match"
			if total == 1 {
				verb = "matches"
			}
			fmt.Fprintf(stderr, "Only %s %s; --offset %d leaves nothing to show.\n", plural(total, "article"), verb, opts.query.Offset)
		case shown < total:
			first := opts.query.Offset + 1
			last := first + shown - 1
			more := "; use --limit and --offset for more"
			if last >= total {
				more = ""
			}
			fmt.Fprintf(stderr, "Showing %d–%d of %d%s.\n", first, last, total, more)
		default:
			fmt.Fprintf(stderr, "%s.\n", plural(total, "article"))
		}
	}
	return nil
}

// hitJSON is a search result in JSON: the article's documented fields,
// its relevance, and the snippet with the character (code point) ranges
// of the matched words.
type hitJSON struct {
	article.JSON
	Score      float64  `json:"score"`
	Snippet    string   `json:"snippet"`
	Highlights [][2]int `json:"highlights"`
}

func newHitJSON(h store.Hit, marks func(string) bool) hitJSON {
	snippet, spans := analyze.Snippet(h.Body, marks, 160)
	j := hitJSON{JSON: export.JSONOf(h.Article), Score: math.Round(h.Score*1000) / 1000, Snippet: snippet, Highlights: [][2]int{}}
	for _, sp := range spans {
		start := utf8.RuneCountInString(snippet[:sp.Start])
		j.Highlights = append(j.Highlights, [2]int{start, start + utf8.RuneCountInString(snippet[sp.Start:sp.End])})
	}
	return j
}

// facetsJSON keeps the order asked for.
func facetsJSON(kinds []string, facets map[string][]store.Count) map[string][]map[string]any {
	out := map[string][]map[string]any{}
	for _, k := range kinds {
		list := []map[string]any{}
		for _, c := range facets[k] {
			list = append(list, map[string]any{"name": c.Name, "count": c.Count})
		}
		out[k] = list
	}
	return out
}

// writeFacetTables prints each facet as a small table after the results.
func writeFacetTables(w io.Writer, kinds []string, facets map[string][]store.Count) error {
	for _, k := range kinds {
		fmt.Fprintf(w, "── by %s ──\n", k)
		for _, c := range facets[k] {
			fmt.Fprintf(w, "%7d  %s\n", c.Count, c.Name)
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
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
