package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"arshif/analyze"
	"arshif/article"
	"arshif/export"
	"arshif/store"
)

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "print whole articles",
		ArgsUsage: "ID...",
		Description: `Prints each article: title, details, then the body paragraph by paragraph.

EXAMPLES:
   arshif show 12
   arshif show 12 13 --format json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "`FORMAT`: text, json, jsonl"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("show: name at least one article id")
			}
			ids, err := parseIDs(c.Args().Slice())
			if err != nil {
				return err
			}
			format := c.String("format")
			if format != "text" && format != "json" && format != "jsonl" {
				return usagef("--format %q: choose text, json or jsonl", format)
			}
			db, err := openArchive(c, true)
			if err != nil {
				return err
			}
			defer db.Close()
			return runShow(c.Context, db, ids, format, c.App.Writer)
		},
	}
}

// writeMentions lists the dates the article's text mentions, each with
// the words it comes from, resolved against its publication day.
func writeMentions(w io.Writer, a *article.Article) {
	var day time.Time
	if a.Dated() {
		y, m, d := a.Published.Time.Date() // the day in the article's own zone
		day = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	text := a.Title + "\n\n" + a.Body
	label := "mentions:"
	for _, m := range analyze.Mentions(text, day) {
		fmt.Fprintf(w, "%-10s %-10s %s\n", label, m, text[m.Start:m.End])
		label = ""
	}
}

func runShow(ctx context.Context, db *store.DB, ids []uint64, format string, stdout io.Writer) error {
	var enc export.Encoder
	if format != "text" {
		var err error
		if enc, err = newEncoder(format, stdout, export.CSVOptions{}); err != nil {
			return err
		}
	}
	for i, id := range ids {
		a, err := db.Get(ctx, id)
		if err != nil {
			return err
		}
		if enc != nil {
			if err := enc.Encode(a); err != nil {
				return err
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(stdout, "\n"+strings.Repeat("─", 40))
		}
		published := "undated"
		if a.Dated() {
			published = a.Published.String()
		}
		fmt.Fprintf(stdout, "%s\n\n", a.Title)
		for _, f := range [][2]string{
			{"id", strconv.FormatUint(a.ID, 10)},
			{"published", published},
			{"source", a.Source},
			{"author", a.Author},
			{"url", a.URL},
			{"tags", strings.Join(a.Tags, ", ")},
			{"origin", a.Origin},
			{"imported", a.ImportedAt.Format(time.RFC3339)},
		} {
			if f[1] != "" {
				fmt.Fprintf(stdout, "%-10s %s\n", f[0]+":", f[1])
			}
		}
		writeMentions(stdout, a)
		for _, p := range a.Paragraphs() {
			fmt.Fprintf(stdout, "\n%s\n", p)
		}
	}
	if enc != nil {
		return enc.Close()
	}
	return nil
}
