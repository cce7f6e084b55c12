package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"arshif/article"
	"arshif/parse"
	"arshif/store"
)

// parseIDs reads article ids.
func parseIDs(args []string) ([]uint64, error) {
	ids := make([]uint64, 0, len(args))
	for _, s := range args {
		id, err := parseID(s)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// parseID reads an article id as query and show print it ("12" or "#12").
func parseID(s string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, usagef("%q is not an article id (ids are the numbers query prints)", s)
	}
	return id, nil
}

func tagCommand() *cli.Command {
	return &cli.Command{
		Name:      "tag",
		Usage:     "add or remove tags of an article",
		ArgsUsage: "ID +TAG... -TAG...",
		Description: `+TAG adds a tag, -TAG removes one (whatever its spelling variant). Tags
with spaces go in quotes; a tag written as a hashtag names the tag an import
makes of it (+#التحالف_الدولي and +التحالف_الدولي add التحالف الدولي, unless
a tag is spelled with the _). A tag the article has already, or lacks, is
named on standard error and changes nothing.

EXAMPLES:
   arshif tag 12 +الرقة +"قوات سوريا الديمقراطية" -سوريا
   arshif tag 12 +#البيت_الأبيض`,
		Action: interruptible(func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) < 2 {
				return usagef("tag: name an article id and at least one +tag or -tag")
			}
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			var add, remove []string
			for _, a := range args[1:] {
				tag := parse.CleanLine(a[min(1, len(a)):])
				switch {
				case tag == "":
					return usagef("tag: %q names no tag", a)
				case strings.HasPrefix(a, "+"):
					add = append(add, tag)
				case strings.HasPrefix(a, "-"):
					remove = append(remove, tag)
				default:
					return usagef("tag: %q: write +%s to add it or -%s to remove it", a, a, a)
				}
			}
			db, err := editArchive(c)
			if err != nil {
				return err
			}
			defer db.Close()
			for _, tags := range [][]string{add, remove} {
				for i, t := range tags {
					if tags[i], err = resolveTag(c.Context, db, t); err != nil {
						return err
					}
				}
			}
			// Compared as read: +#ريف_حلب -ريف_حلب name one tag.
			for _, t := range add {
				if slices.Contains(remove, t) {
					return usagef("tag: %q is both to add and to remove: name it once", t)
				}
			}
			art, err := db.Retag(c.Context, id, add, remove)
			if err != nil {
				return err
			}
			for _, t := range art.Had {
				fmt.Fprintf(c.App.ErrWriter, "#%d already has the tag %q: nothing to add\n", art.ID, t)
			}
			for _, t := range art.Lacked {
				fmt.Fprintf(c.App.ErrWriter, "#%d has no tag %q: nothing to remove\n", art.ID, t)
			}
			fmt.Fprintf(c.App.Writer, "#%d tags: %s\n", art.ID, strings.Join(art.Tags, ", "))
			return nil
		}),
	}
}

func deleteCommand() *cli.Command {
	return &cli.Command{
		Name:      "delete",
		Usage:     "remove articles from the archive",
		ArgsUsage: "ID...",
		Description: `Removes the articles and every trace of them in the indexes. Nothing is
deleted if one of the ids is not in the archive. Importing a deleted
article again adds it back.

EXAMPLES:
   arshif delete 12 13`,
		Action: interruptible(func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("delete: name at least one article id")
			}
			ids, err := parseIDs(c.Args().Slice())
			if err != nil {
				return err
			}
			// "5 5" and "5 #5" name one article: it is counted once.
			slices.Sort(ids)
			ids = slices.Compact(ids)
			db, err := editArchive(c)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.Delete(c.Context, ids); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return fmt.Errorf("%w; nothing was deleted", err)
				}
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "%s deleted\n", plural(len(ids), "article"))
			return nil
		}),
	}
}

func dateCommand() *cli.Command {
	return &cli.Command{
		Name:      "date",
		Usage:     "set or clear the publication date of an article",
		ArgsUsage: "ID DATE",
		Description: `DATE is any form import reads (2017-11-09, 9/11/2017 with --day-first,
"9 تشرين الثاني 2017", 2017-11-09T10:00:00+03:00, ...); --clear makes the
article undated.

EXAMPLES:
   arshif date 1 2017-11-09
   arshif date 12 --clear`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "clear", Usage: "make the article undated"},
			&cli.BoolFlag{Name: "day-first", Usage: "read 03/04/2017 as 3 April"},
			&cli.BoolFlag{Name: "month-first", Usage: "read 03/04/2017 as 4 March"},
		},
		Action: interruptible(func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) != 2 && !(len(args) == 1 && c.Bool("clear")) || len(args) == 2 && c.Bool("clear") {
				return usagef("date: name an article id and a date, or an id and --clear")
			}
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			var published article.Timestamp
			if !c.Bool("clear") {
				order := parse.EitherOrder
				switch {
				case c.Bool("day-first") && c.Bool("month-first"):
					return usagef("--day-first and --month-first: choose one")
				case c.Bool("day-first"):
					order = parse.DayFirst
				case c.Bool("month-first"):
					order = parse.MonthFirst
				}
				if published, err = parse.DateIn(args[1], order); err != nil {
					return usagef("date: %v", err)
				}
			}
			db, err := editArchive(c)
			if err != nil {
				return err
			}
			defer db.Close()
			art, err := db.SetPublished(c.Context, id, published)
			if err != nil {
				return err
			}
			if art.Published.IsZero() {
				fmt.Fprintf(c.App.Writer, "#%d undated\n", art.ID)
			} else {
				fmt.Fprintf(c.App.Writer, "#%d published %s\n", art.ID, art.Published)
			}
			return nil
		}),
	}
}
