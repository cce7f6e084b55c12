package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"arshif/article"
	"arshif/parse"
	"arshif/store"
)

// importBatch is how many articles one write transaction commits.
const importBatch = 1000

type importOptions struct {
	paths  []string
	walk   parse.Options
	dryRun bool
	report io.Writer // rejections and notices as JSON Lines, or nil
	bar    bool      // show a progress bar on stderr
	source string
	tags   []string
	// folderTags: the folders an article's file is in, below the path
	// named, become its tags (folderTags).
	folderTags bool
	date       article.Timestamp
	quiet      bool
}

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "add articles from files, folders and zip archives",
		ArgsUsage: "PATH...",
		Description: `Reads .txt files in the plain layout (title line, blank line, body; #hashtags
become tags; a .txt holding JSON, JSON Lines or a table separated by tabs with
a header row, as Excel's "Unicode Text", is read as that), .json (an array of
objects, or one object), .jsonl/.ndjson, .csv/.tsv with a header row, and
folders and .zip archives of them (a symbolic link inside a folder is skipped
with a note; name its target). Text is read as UTF-8, as UTF-16 when it starts
with a byte-order mark, and otherwise as Windows-1256 (Arabic) or Windows-1252
(Western), whichever fits, with a notice; --encoding decides instead. A
record's language field (lang, language, locale, inLanguage: fr, fr-FR or
French) is the article's language; without one, it is told from the text. An
article already in the archive (same URL, or without a URL the same title and
body) is not added again.

EXAMPLES:
   arshif import scraped/
   arshif import --source "AFP" --tag سوريا wires.jsonl
   arshif import --date 2017-11-09 000_6ddd29a30fd94c1d.txt`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "source", Usage: "`NAME` of the outlet, for articles that do not name one"},
			// Not a StringSliceFlag, which cuts a value at its commas: a
			// tag may hold one (Washington, D.C.), and several are given
			// by repeating --tag.
			&cli.GenericFlag{Name: "tag", Value: &repeatedValues{}, Usage: "add `TAG` to every article, commas and all (repeat --tag for several)"},
			&cli.BoolFlag{Name: "folder-tags", Usage: "tag each article with the folders its file is in inside the folders and zip archives named (news/sport/1.txt from news: sport)"},
			&cli.StringFlag{Name: "date", Usage: "publication `DATE` for articles that have none (2017-11-09, ...)"},
			&cli.BoolFlag{Name: "day-first", Usage: "read numeric dates like 03/04/2017 as day/month (3 April)"},
			&cli.BoolFlag{Name: "month-first", Usage: "read numeric dates like 03/04/2017 as month/day (4 March)"},
			&cli.StringFlag{Name: "encoding", Usage: "read every file as `NAME` (utf-8, utf-16le, windows-1256, windows-1252, ...) instead of telling each file's encoding from its bytes"},
			&cli.StringFlag{Name: "format", Usage: "`FORMAT` of standard input (the path -, which needs it) and of the files named, whatever their names say (not of folders and zip archives): " + strings.Join(parse.Formats, ", ")},
			&cli.StringFlag{Name: "map", Usage: "name record keys by hand: `FIELD=KEY,...` (fields: " + strings.Join(parse.Fields, ", ") + ")"},
			&cli.BoolFlag{Name: "dry-run", Usage: "read and check everything and count what is new, write nothing"},
			&cli.StringFlag{Name: "report", Usage: "write every rejection and notice to `FILE` as JSON Lines"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only rejections"},
		},
		Action: interruptible(func(c *cli.Context) error {
			defer governMemory()()
			opts := importOptions{
				paths:      c.Args().Slice(),
				source:     parse.CleanLine(c.String("source")),
				folderTags: c.Bool("folder-tags"),
				quiet:      c.Bool("quiet"),
			}
			if len(opts.paths) == 0 {
				return usagef("import: name at least one file or folder")
			}
			for _, t := range *c.Generic("tag").(*repeatedValues) {
				if t = parse.CleanLine(t); t != "" {
					opts.tags = append(opts.tags, t)
				}
			}
			opts.walk.Stdin, opts.walk.Format = os.Stdin, strings.ToLower(c.String("format"))
			if err := checkFormat(opts.walk.Format, opts.paths); err != nil {
				return err
			}
			if m := c.String("map"); m != "" {
				fields, err := parse.ParseFieldMap(m)
				if err != nil {
					return usagef("--map: %v", err)
				}
				opts.walk.Fields = fields
			}
			opts.dryRun = c.Bool("dry-run")
			opts.bar = !opts.quiet && isTerminal(c.App.ErrWriter)
			if name := c.String("encoding"); name != "" {
				e, err := parse.Encoding(name)
				if err != nil {
					return usagef("--encoding: %v", err)
				}
				opts.walk.Encoding = e
			}
			switch {
			case c.Bool("day-first") && c.Bool("month-first"):
				return usagef("--day-first and --month-first: choose one")
			case c.Bool("day-first"):
				opts.walk.DateOrder = parse.DayFirst
			case c.Bool("month-first"):
				opts.walk.DateOrder = parse.MonthFirst
			}
			if d := c.String("date"); d != "" {
				ts, err := parse.DateIn(d, opts.walk.DateOrder)
				if err != nil {
					return usagef("--date: %v", err)
				}
				opts.date = ts
			}
			if name := c.String("report"); name != "" {
				f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
				if err != nil {
					return fmt.Errorf("--report: %w", err)
				}
				defer f.Close()
				w := bufio.NewWriter(f)
				defer w.Flush()
				opts.report = w
			}
			// A dry run reads the archive, when there is one, to tell
			// what is in it already.
			db, err := openArchive(c, opts.dryRun)
			if opts.dryRun && errors.Is(err, store.ErrNoArchive) {
				db, err = nil, nil
			}
			if err != nil {
				return err
			}
			if db != nil {
				defer db.Close()
				// Records whose URL is stored are not read further.
				opts.walk.Known = db.HasURL
			}
			return runImport(c.Context, db, opts, c.App.ErrWriter)
		}),
	}
}

// checkFormat refuses a --format that is not one, standard input without
// one, and one given with a folder or a zip archive, whose files are read
// by their names: it would say nothing of them.
func checkFormat(format string, paths []string) error {
	formats := strings.Join(parse.Formats, ", ")
	if format == "" {
		if slices.Contains(paths, "-") {
			return usagef("import -: name the format of standard input with --format: %s", formats)
		}
		return nil
	}
	if !slices.Contains(parse.Formats, format) {
		return usagef("--format %q: choose one of %s", format, formats)
	}
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			return usagef("--format %s: %s is a folder, whose files are read by their names: name the files, or leave out --format", format, p)
		}
		if strings.EqualFold(filepath.Ext(p), ".zip") {
			return usagef("--format %s: %s is a zip archive, whose files are read by their names: leave out --format", format, p)
		}
	}
	return nil
}

// walkedBatch is a batch of articles the walker read, with what it
// found of them: unstored[i] when the archive was asked about articles[i]'s
// URL and has none.
type walkedBatch struct {
	articles []*article.Article
	unstored []bool
	read     int64 // bytes of input read when the batch was full (for the bar)
}

func newWalkedBatch() walkedBatch {
	return walkedBatch{
		articles: make([]*article.Article, 0, importBatch),
		unstored: make([]bool, 0, importBatch),
	}
}

// importTally counts what an import did.
type importTally struct {
	imported, present, rejected, notices, skipped int
	// repeated counts, in a dry run, the articles not in the archive that
	// came earlier in the input: an import counts them in present, as it
	// will have stored them by then.
	repeated int
	bar      *progress
}

func runImport(ctx context.Context, db *store.DB, opts importOptions, stderr io.Writer) error {
	var tally importTally
	if opts.bar {
		size, files := parse.InputSize(opts.paths)
		tally.bar = newProgress(stderr, size, files)
		opts.walk.Progress = tally.bar.Read
		opts.walk.FileRead = tally.bar.FileRead
		opts.walk.FilesFound = tally.bar.FilesFound
	}
	// The walker reads and parses while the store analyses and writes the
	// previous batch: two stages, one batch apart.
	walkCtx, stopWalk := context.WithCancel(ctx)
	defer stopWalk()
	batches := make(chan walkedBatch, 1)
	walkDone := make(chan error, 1)
	known := 0 // records the walker found present by their URL
	go func() {
		defer close(batches)
		batch := newWalkedBatch()
		send := func() error {
			if tally.bar != nil {
				batch.read = tally.bar.ReadSoFar()
			}
			select {
			case batches <- batch:
				batch = newWalkedBatch()
				return nil
			case <-walkCtx.Done():
				return walkCtx.Err()
			}
		}
		err := parse.Walk(walkCtx, opts.paths, opts.walk, func(it parse.Item) error {
			if it.Present != "" {
				known++ // this goroutine's own count: commit counts present too
				return nil
			}
			if p := it.Problem; p != nil {
				tally.problem(p, opts.quiet, stderr)
				return writeReport(opts.report, p)
			}
			a := it.Article
			if a.Source == "" {
				a.Source = opts.source
			}
			if a.Published.IsZero() {
				a.Published = opts.date
			}
			a.AddTags(opts.tags...)
			if opts.folderTags {
				a.AddTags(folderTags(it.File, opts.paths)...)
			}
			batch.articles = append(batch.articles, a)
			batch.unstored = append(batch.unstored, it.Unstored)
			if len(batch.articles) == importBatch {
				return send()
			}
			return nil
		})
		if len(batch.articles) > 0 {
			// Whole articles read before an interruption are kept too.
			if tally.bar != nil {
				batch.read = tally.bar.ReadSoFar()
			}
			batches <- batch
		}
		walkDone <- err
	}()
	// A third stage: the store prepares (analyses and compresses) a batch
	// while the one before it commits.
	var addErr error
	var pending *store.Batch
	var pendingRead int64 // walkedBatch.read of pending
	commit := func() {
		if pending == nil || addErr != nil {
			return
		}
		results, err := db.Commit(context.WithoutCancel(ctx), pending)
		pending = nil
		if err != nil {
			addErr = err
			stopWalk()
			return
		}
		for _, r := range results {
			if r.Duplicate {
				tally.present++
			} else {
				tally.imported++
			}
		}
		if tally.bar != nil {
			tally.bar.Status(fmt.Sprintf("%s imported, %s already there", thousands(tally.imported), thousands(tally.present)))
			tally.bar.Committed(pendingRead)
		}
	}
	presence := store.NewPresence(db) // of a dry run
	var finishMerges func() error
	if !opts.dryRun {
		// Merges run beside the next batches' analysis instead of
		// holding the writer (db.Close stops them if we return early).
		finishMerges = db.MergeBehind()
	}
	for batch := range batches {
		if addErr != nil {
			continue // drain, so that the walker can finish
		}
		if opts.dryRun {
			present, err := presence.Present(context.WithoutCancel(ctx), batch.articles) // read whole, as Prepare reads
			if err != nil {
				addErr = err
				stopWalk()
				continue
			}
			for _, f := range present {
				switch f {
				case store.Stored:
					tally.present++
				case store.Repeated:
					tally.repeated++
				default:
					tally.imported++
				}
			}
			if tally.bar != nil {
				tally.bar.Committed(batch.read)
			}
			continue
		}
		type prepResult struct {
			b   *store.Batch
			err error
		}
		prepDone := make(chan prepResult, 1)
		go func() {
			// Whole articles read before an interruption are kept too.
			b, err := db.PrepareChecked(context.WithoutCancel(ctx), batch.articles, batch.unstored)
			prepDone <- prepResult{b, err}
		}()
		commit()
		r := <-prepDone
		if r.err != nil && addErr == nil {
			addErr = r.err
			stopWalk()
		}
		pending, pendingRead = r.b, batch.read
	}
	commit()
	if finishMerges != nil && addErr == nil {
		addErr = finishMerges()
	}
	err := <-walkDone
	tally.present += known
	if tally.bar != nil {
		tally.bar.Clear() // the summary takes its line
	}
	if addErr != nil {
		return addErr
	}
	if errors.Is(err, context.Canceled) && opts.dryRun {
		fmt.Fprintf(stderr, "arshif: dry run stopped after %s new, %d already in the archive and %d repeated in the input; nothing was written\n", plural(tally.imported, "article"), tally.present, tally.repeated)
		return err
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "arshif: stopped after %d new articles; run the same import again to finish it\n", tally.imported)
		return err
	}
	if err != nil {
		return err
	}
	if !opts.quiet && opts.dryRun {
		fmt.Fprintf(stderr, "dry run, nothing written: %s new, %d already in the archive, %d repeated in the input, %d rejected, %s", plural(tally.imported, "article"), tally.present, tally.repeated, tally.rejected, plural(tally.notices, "notice"))
		if tally.skipped > 0 {
			fmt.Fprintf(stderr, ", %s skipped", plural(tally.skipped, "file"))
		}
		fmt.Fprintln(stderr)
	} else if !opts.quiet {
		fmt.Fprintf(stderr, "%s imported, %d already in the archive, %d rejected", plural(tally.imported, "article"), tally.present, tally.rejected)
		if tally.notices > 0 {
			fmt.Fprintf(stderr, ", %s", plural(tally.notices, "notice"))
		}
		if tally.skipped > 0 {
			fmt.Fprintf(stderr, ", %s skipped", plural(tally.skipped, "file"))
		}
		fmt.Fprintf(stderr, " (%s)\n", db.Path())
	}
	if tally.rejected > 0 {
		return fmt.Errorf("%s rejected: %w", plural(tally.rejected, "input"), errRejected)
	}
	return nil
}

// writeReport adds a problem to the --report file: one JSON object a line
// with file, line or record, severity and reason.
func writeReport(w io.Writer, p *parse.Problem) error {
	if w == nil {
		return nil
	}
	entry := struct {
		File     string `json:"file"`
		Line     int    `json:"line,omitempty"`
		Record   int    `json:"record,omitempty"`
		List     string `json:"list,omitempty"`
		Severity string `json:"severity"`
		Reason   string `json:"reason"`
	}{p.File, p.Line, p.Record, strings.TrimSuffix(p.List, "/"), []string{"rejected", "notice", "skipped"}[p.Severity], p.Err.Error()}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(entry)
}

// problem reports a problem with the input and counts it.
func (t *importTally) problem(p *parse.Problem, quiet bool, stderr io.Writer) {
	if t.bar != nil {
		t.bar.Clear() // the message takes the bar's line; it comes back
	}
	switch p.Severity {
	case parse.Rejected:
		t.rejected++
		fmt.Fprintf(stderr, "arshif: rejected: %v\n", p)
	case parse.Notice:
		t.notices++
		if !quiet {
			fmt.Fprintf(stderr, "arshif: notice: %v\n", p)
		}
	case parse.Skipped:
		t.skipped++
		if !quiet {
			fmt.Fprintf(stderr, "arshif: %v\n", p)
		}
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// folderTags returns the names of the folders file (as the walker names
// it: forward slashes) is in, below the path named on the command line that
// it came from: a zip archive counts as a folder named without its .zip.
// From the path news, news/sport/1.txt gives sport, and
// news/2017.zip/politics/2.txt gives 2017 and politics; a file named
// itself gives none.
func folderTags(file string, paths []string) []string {
	rel := ""
	best := -1
	for _, p := range paths {
		root := filepath.ToSlash(filepath.Clean(p))
		switch {
		case root == "." && best < 0 && !strings.HasPrefix(file, "../") && !strings.HasPrefix(file, "/"):
			rel, best = file, 0 // the folder named ".": files are named from it
		case len(root) > best && len(file) > len(root) && strings.HasPrefix(file, root) &&
			(file[len(root)] == '/' || strings.HasSuffix(root, "/")):
			rel, best = strings.TrimPrefix(file[len(root):], "/"), len(root)
		}
	}
	parts := strings.Split(rel, "/")
	if rel == "" || len(parts) < 2 {
		return nil
	}
	var tags []string
	for _, dir := range parts[:len(parts)-1] {
		if ext := filepath.Ext(dir); strings.EqualFold(ext, ".zip") {
			dir = dir[:len(dir)-len(ext)]
		}
		if t := parse.CleanLine(dir); t != "" && t != "." {
			tags = append(tags, t)
		}
	}
	return tags
}
