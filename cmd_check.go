package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"arshif/store"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "verify the archive file and its indexes",
		Description: `Reads every page of the archive and every article, and verifies that the
tag, source, date and identity indexes and the search index agree with the
articles. A search index built by another version of arshif is not
compared (check says so): 'arshif reindex' rebuilds it. After an
interrupted reindex the index is incomplete: check fails (exit status 1)
until 'arshif reindex' has finished it.

EXAMPLES:
   arshif check
   arshif check && arshif backup /media/usb/archive.db`,
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
			if db.ReindexUnfinished() {
				// Not damage, but searches miss articles: a script that
				// checks before it relies on the archive must not go on.
				return fmt.Errorf("%s: %s, sound, but a reindex was interrupted: the search index holds %d of them and searches miss the others; run 'arshif reindex' to finish it",
					db.Path(), plural(s.Articles, "article"), s.Indexed)
			}
			if db.StaleIndex() {
				fmt.Fprintf(c.App.Writer, "%s: %s, sound; the search index was built by another version of arshif and not checked: run 'arshif reindex'\n", db.Path(), plural(s.Articles, "article"))
				return nil
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
query and the editing commands say so). The articles are not touched. An
interrupted reindex leaves the index incomplete (check, query and the
editing commands say so) and goes on where it stopped when run again.

EXAMPLES:
   arshif reindex
   arshif --db old-archive.db reindex`,
		Action: interruptible(func(c *cli.Context) error {
			db, err := editArchive(c)
			if err != nil {
				return err
			}
			defer db.Close()
			var indexed, total int
			started := false
			err = db.Reindex(c.Context, func(done, all int) {
				indexed, total, started = done, all, true
				if isTerminal(c.App.ErrWriter) {
					fmt.Fprintf(c.App.ErrWriter, "\rindexed %d of %d articles", done, total)
				}
			})
			if isTerminal(c.App.ErrWriter) {
				fmt.Fprintln(c.App.ErrWriter)
			}
			if errors.Is(err, context.Canceled) && !started {
				fmt.Fprintln(c.App.ErrWriter, "arshif: reindex stopped before it began: the archive is as it was")
			} else if errors.Is(err, context.Canceled) {
				fmt.Fprintf(c.App.ErrWriter, "arshif: reindex stopped after %d of %d articles; run 'arshif reindex' again to finish it\n", indexed, total)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "%s: search index rebuilt\n", db.Path())
			return nil
		}),
	}
}

func backupCommand() *cli.Command {
	return &cli.Command{
		Name:      "backup",
		Usage:     "copy the archive to a file, while queries go on using it",
		ArgsUsage: "FILE",
		Description: `Writes a consistent copy of the archive (queries, exports and other
readers may go on meanwhile), whole or not at all, readable by its owner
only. An import or an edit holds the archive alone while it runs: backup
then says the archive is busy, and can be run when it is done.

EXAMPLES:
   arshif backup /media/usb/archive-2017-11-09.db`,
		Action: interruptible(func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("backup: name one file to write")
			}
			if info, err := os.Stat(c.Args().First()); err == nil && info.IsDir() {
				return usagef("backup: %s is a folder: name a file to write, as in %s", c.Args().First(), filepath.Join(c.Args().First(), "archive-backup.db"))
			}
			db, err := openArchive(c, true)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.Backup(c.Context, c.Args().First()); err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "%s copied to %s\n", db.Path(), c.Args().First())
			return nil
		}),
	}
}

func compactCommand() *cli.Command {
	return &cli.Command{
		Name:  "compact",
		Usage: "shrink the archive file to what it holds",
		Description: `After deletes, reindexing and large imports the file keeps space it no
longer uses. compact writes a fresh copy, checks it, and puts it in place.

EXAMPLES:
   arshif compact
   arshif --db /media/usb/news.db compact`,
		Action: interruptible(func(c *cli.Context) error {
			path, err := archivePath(c)
			if err != nil {
				return err
			}
			before, after, err := store.Compact(c.Context, path, lockTimeout)
			if err != nil {
				return err
			}
			if after == before {
				fmt.Fprintf(c.App.ErrWriter, "%s: %s, already compact: kept as it was\n", path, humanBytes(before))
				return nil
			}
			fmt.Fprintf(c.App.ErrWriter, "%s: %s, was %s\n", path, humanBytes(after), humanBytes(before))
			return nil
		}),
	}
}
