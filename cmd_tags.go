package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"arshif/store"
)

func tagsCommand() *cli.Command {
	return &cli.Command{
		Name:  "tags",
		Usage: "list tags with their number of articles, most used first",
		Description: `Lists every tag in the archive with the number of articles that carry it,
most used first.

EXAMPLES:
   arshif tags -n 10
   arshif tags --format json > tags.json`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Usage: "list at most `N` tags (0: all)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "`FORMAT`: table or json"},
		},
		Action: func(c *cli.Context) error {
			format := c.String("format")
			if format != "table" && format != "json" {
				return usagef("--format %q: choose table or json", format)
			}
			db, err := openArchive(c, true)
			if err != nil {
				return err
			}
			defer db.Close()
			return runTags(c.Context, db, c.Int("limit"), format, c.App.Writer)
		},
	}
}

func runTags(ctx context.Context, db *store.DB, limit int, format string, stdout io.Writer) error {
	tags, err := db.Tags(ctx)
	if err != nil {
		return err
	}
	if limit > 0 && len(tags) > limit {
		tags = tags[:limit]
	}
	if format == "json" {
		type tagJSON struct {
			Tag   string `json:"tag"`
			Count int    `json:"count"`
		}
		out := make([]tagJSON, len(tags))
		for i, t := range tags {
			out[i] = tagJSON{t.Name, t.Count}
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	for _, t := range tags {
		if _, err := fmt.Fprintf(stdout, "%7d  %s\n", t.Count, t.Name); err != nil {
			return err
		}
	}
	return nil
}
