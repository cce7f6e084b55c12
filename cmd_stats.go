package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"arshif/store"
)

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count what the archive holds",
		Description: `Counts the articles, sources and tags, gives the range of publication
dates, the articles undated and those naming no source, the articles in
each language, and the size of the file.

EXAMPLES:
   arshif stats
   arshif --db news.db stats --format json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "`FORMAT`: text or json"},
		},
		Action: func(c *cli.Context) error {
			format := c.String("format")
			if format != "text" && format != "json" {
				return usagef("--format %q: choose text or json", format)
			}
			db, err := openArchive(c, true)
			if err != nil {
				return err
			}
			defer db.Close()
			return runStats(c.Context, db, format, c.App.Writer)
		},
	}
}

func runStats(ctx context.Context, db *store.DB, format string, stdout io.Writer) error {
	s, err := db.Stats(ctx)
	if err != nil {
		return err
	}
	// An index of an older arshif holds no languages: left out then.
	stale := db.StaleIndex()
	var langs []store.Count
	if !stale {
		f, err := db.Facets(ctx, store.Query{}, []string{store.FacetLang})
		if err != nil {
			return err
		}
		langs = f[store.FacetLang]
	}
	first, last := "", ""
	if !s.First.IsZero() {
		first, last = s.First.Format("2006-01-02"), s.Last.Format("2006-01-02")
	}
	if format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		out := map[string]any{
			"archive": db.Path(), "articles": s.Articles, "sources": s.Sources, "tags": s.Tags,
			"first_date": first, "last_date": last, "undated": s.Undated, "no_source": s.NoSource, "file_size": s.FileSize,
		}
		switch {
		case db.ReindexUnfinished():
			// What the text says: languages not counted, and why.
			out["index"] = map[string]any{"reindex_unfinished": true, "indexed": s.Indexed}
		case stale:
			out["index"] = map[string]any{"stale": true}
		default:
			byLang := map[string]int{}
			for _, c := range langs {
				byLang[c.Name] = c.Count
			}
			out["languages"] = byLang
		}
		return enc.Encode(out)
	}
	dates := "none dated"
	if first != "" {
		dates = first + " to " + last
	}
	_, err = fmt.Fprintf(stdout, "archive:   %s (%s)\narticles:  %d\nsources:   %d\ntags:      %d\ndates:     %s\nundated:   %d\nno source: %d\n",
		db.Path(), humanBytes(s.FileSize), s.Articles, s.Sources, s.Tags, dates, s.Undated, s.NoSource)
	if err != nil {
		return err
	}
	if db.ReindexUnfinished() {
		_, err = fmt.Fprintf(stdout, "languages: not counted: a reindex was interrupted and the search index holds %d of the articles; run 'arshif reindex' to finish it\n", s.Indexed)
		return err
	}
	if stale {
		_, err = fmt.Fprintln(stdout, "languages: not counted: another version of arshif built the search index; run 'arshif reindex'")
		return err
	}
	if len(langs) == 0 {
		return nil // an empty archive
	}
	parts := make([]string, len(langs))
	for i, c := range langs {
		parts[i] = fmt.Sprintf("%s %d", c.Name, c.Count)
	}
	_, err = fmt.Fprintf(stdout, "languages: %s\n", strings.Join(parts, ", "))
	return err
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
