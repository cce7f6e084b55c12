package main

import (
	"context"
	"errors"
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
An id not in the archive is named on standard error, the other articles are
still shown, in the order asked, and the exit status is 1.

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
			return runShow(c.Context, db, ids, format, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// writeMentions lists the dates the article's text mentions, each with
// the words it comes from, resolved against its publication day.
func writeMentions(w io.Writer, a *article.Article) {
	label := "mentions:"
	for _, m := range mentionsOf(a) {
		fmt.Fprintf(w, "%-10s %-10s %s\n", label, m.Date, m.Text)
		label = ""
	}
}

// mentionJSON is a date the text mentions: as in query --mentions
// (2017-09-15, 2017-09, 2014, or --09-15 for a day of a year not known),
// and the words it comes from.
type mentionJSON struct {
	Date string `json:"date"`
	Text string `json:"text"`
}

// shownJSON is an article as show writes it in JSON: its documented
// fields and the dates its text mentions, as the index has them.
type shownJSON struct {
	article.JSON
	Mentions []mentionJSON `json:"mentions"`
}

// mentionsOf returns the dates the article's title and body mention,
// resolved against its publication day, as the index of mentions has them
// (title and body read apart).
func mentionsOf(a *article.Article) []mentionJSON {
	day := a.Published.DayUTC()
	out := []mentionJSON{}
	for _, text := range []string{a.Title, a.Body} {
		for _, m := range analyze.Mentions(text, day) {
			out = append(out, mentionJSON{Date: m.String(), Text: text[m.Start:m.End]})
		}
	}
	return out
}

// runShow writes the articles in the order of ids. An id not in the
// archive is named on stderr and the others are still written; the error
// is then errReported.
func runShow(ctx context.Context, db *store.DB, ids []uint64, format string, stdout, stderr io.Writer) error {
	var enc interface {
		EncodeValue(any) error
		Close() error
	}
	switch format {
	case "json":
		enc = export.NewJSON(stdout)
	case "jsonl":
		enc = export.NewJSONL(stdout)
	}
	shown, missing := 0, 0
	for _, id := range ids {
		a, err := db.Get(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintf(stderr, "arshif: %v\n", err)
			missing++
			continue
		}
		if err != nil {
			return err
		}
		if enc != nil {
			if err := enc.EncodeValue(shownJSON{JSON: export.JSONOf(a), Mentions: mentionsOf(a)}); err != nil {
				return err
			}
			continue
		}
		if shown > 0 {
			fmt.Fprintln(stdout, "\n"+strings.Repeat("─", 40))
		}
		shown++
		published := "undated"
		if a.Dated() {
			published = a.Published.String()
		}
		fmt.Fprintf(stdout, "%s\n\n", a.Title)
		for _, f := range [][2]string{
			{"id", strconv.FormatUint(a.ID, 10)},
			{"published", published},
			{"language", analyze.LanguageOf(a.Lang, a.Title, a.Body)},
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
		if err := enc.Close(); err != nil {
			return err
		}
	}
	if missing > 0 {
		return errReported
	}
	return nil
}
