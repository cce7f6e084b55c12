package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "verify the archive file and its indexes",
		Description: `Reads every page of the archive and every article, and verifies that the
tag, source, date and identity indexes agree with the articles.`,
		Action: func(c *cli.Context) error {
			db, err := openArchive(c, true)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.Check(c.Context); err != nil {
				return fmt.Errorf("%s is damaged:\n%w", db.Path(), err)
			}
			s, err := db.Stats(c.Context)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "%s: %s, all indexes agree\n", db.Path(), plural(s.Articles, "article"))
			return nil
		},
	}
}

func reindexCommand() *cli.Command {
	return &cli.Command{
		Name:  "reindex",
		Usage: "rebuild the search index from the stored articles",
		Description: `Needed when the archive was indexed by another version of arshif (check,
query and the editing commands say so). The articles are not touched; an
interrupted reindex starts over when run again.`,
		Action: func(c *cli.Context) error {
			db, err := openArchive(c, false)
			if err != nil {
				return err
			}
			defer db.Close()
			err = db.Reindex(c.Context, func(done, total int) {
				if isTerminal(c.App.ErrWriter) {
					fmt.Fprintf(c.App.ErrWriter, "\rindexed %d of %d articles", done, total)
				}
			})
			if isTerminal(c.App.ErrWriter) {
				fmt.Fprintln(c.App.ErrWriter)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "%s: search index rebuilt\n", db.Path())
			return nil
		},
	}
}
