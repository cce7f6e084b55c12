package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"arshif/export"
	"arshif/store"
)

var exportFormats = []string{"csv", "json", "jsonl"}

type exportOptions struct {
	query  store.Query
	format string
	out    string
	csv    export.CSVOptions
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write matching articles (all by default) to CSV, JSON or JSON Lines",
		ArgsUsage: "[WORDS...]",
		Description: `Takes the same words and filters as query and writes every match, in the
same order (by relevance with words, --sort date for newest first; newest
first without words), to standard output or to --out FILE (written whole or
not at all).
Columns and JSON keys: ` + strings.Join(export.Fields, ", ") + `.
For Excel, add --bom so that Arabic opens correctly; a text longer than an
Excel cell holds (32,767 characters) is then cut to end with …, and the
articles cut are named (the JSON formats keep every text whole). Cells that
begin with = + - @ are prefixed with ' so that a spreadsheet does not run
them as formulas; --raw keeps every cell as it is.

EXAMPLES:
   arshif export --tag الرقة --bom --out raqqa.csv
   arshif export --format jsonl --out backup.jsonl`,
		Flags: append(filterFlags(),
			&cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Usage: "write at most `N` articles (0: all)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "csv", Usage: "`FORMAT`: " + strings.Join(exportFormats, ", ")},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output (which - names too)"},
			&cli.BoolFlag{Name: "bom", Usage: "start CSV with a UTF-8 byte-order mark and cut texts to what a cell holds (for Excel)"},
			&cli.BoolFlag{Name: "raw", Usage: "keep every cell as it is: neither neutralise cells that look like spreadsheet formulas nor cut long texts"},
		),
		Action: interruptible(func(c *cli.Context) error {
			q, _, err := queryFromFlags(c)
			if err != nil {
				return err
			}
			opts := exportOptions{
				query:  q,
				format: c.String("format"),
				out:    c.String("out"),
				csv:    export.CSVOptions{BOM: c.Bool("bom"), Raw: c.Bool("raw")},
			}
			if opts.out == "-" {
				opts.out = ""
			}
			if opts.csv.BOM && !opts.csv.Raw {
				opts.csv.CellLimit = export.ExcelCellLimit
			}
			if !slices.Contains(exportFormats, opts.format) {
				return usagef("--format %q: choose one of %s", opts.format, strings.Join(exportFormats, ", "))
			}
			if info, err := os.Stat(opts.out); opts.out != "" && err == nil {
				// Refused before any work: the export would fail only at
				// the end, when its file cannot take the folder's place.
				if info.IsDir() {
					return usagef("--out %s is a folder: name a file to write, as in --out %s", opts.out, filepath.Join(opts.out, "export."+opts.format))
				}
				// The export, renamed over it, would replace every article.
				if path, err := archivePath(c); err == nil {
					if archive, err := os.Stat(path); err == nil && os.SameFile(info, archive) {
						return usagef("--out %s is the archive itself: name another file, as in --out export.%s", opts.out, opts.format)
					}
				}
			}
			db, err := openArchive(c, true)
			if err != nil {
				return err
			}
			defer db.Close()
			warnStale(db, q, false, c.App.ErrWriter)
			return runExport(c.Context, db, opts, c.App.Writer, c.App.ErrWriter)
		}),
	}
}

func runExport(ctx context.Context, db *store.DB, opts exportOptions, stdout, stderr io.Writer) error {
	if err := resolveNames(ctx, db, &opts.query); err != nil {
		return err
	}
	var cut []uint64 // articles whose text the CSV holds cut
	write := func(w io.Writer) (int, error) {
		enc, err := newEncoder(opts.format, w, opts.csv)
		if err != nil {
			return 0, err
		}
		n := 0 // articles encoded whole
		if _, err := db.Find(ctx, opts.query, func(h store.Hit) error {
			if err := enc.Encode(h.Article); err != nil {
				return err
			}
			n++
			return nil
		}); err != nil {
			// Not closed: an export cut short keeps no end (a JSON
			// array no closing bracket) that would make it look whole,
			// but ends after its last whole article.
			if errors.Is(err, context.Canceled) {
				if ferr := enc.Flush(); ferr != nil {
					return n, ferr
				}
			}
			return n, err
		}
		if err := enc.Close(); err != nil {
			return n, err
		}
		if c, ok := enc.(interface{ Cut() []uint64 }); ok {
			cut = c.Cut()
		}
		return n, nil
	}
	if opts.out == "" {
		n, err := write(stdout)
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "arshif: export stopped after %s: the output ends there, unfinished\n", plural(n, "article"))
			return errors.Join(err, errReported)
		}
		if err == nil {
			noteCut(stderr, cut)
		}
		return err
	}
	n, err := writeOut(opts.out, write)
	if errors.Is(err, context.Canceled) {
		target, terr := store.WriteTarget(opts.out)
		switch _, serr := os.Stat(target); {
		case terr == nil && inPlace(target, opts.out):
			fmt.Fprintf(stderr, "arshif: export stopped after %s: what it wrote to %s ends there, unfinished\n", plural(n, "article"), opts.out)
		case serr != nil:
			fmt.Fprintf(stderr, "arshif: export stopped: %s was not written\n", opts.out)
		default:
			fmt.Fprintf(stderr, "arshif: export stopped: %s was left as it was\n", opts.out)
		}
		return errors.Join(err, errReported)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s written to %s\n", plural(n, "article"), opts.out)
	noteCut(stderr, cut)
	return nil
}

// writeOut writes the file --out names: a device or a named pipe
// (/dev/stdout, /dev/null, a FIFO) as it is, since a file renamed over
// it would take its place; any other through writeFileAtomic, in the
// folder of the file a symbolic link names, which stays a link (one that
// names nothing yet has its file created, as a shell's > does).
func writeOut(name string, write func(io.Writer) (int, error)) (int, error) {
	target, err := store.WriteTarget(name)
	if err != nil {
		return 0, fmt.Errorf("write %w", err)
	}
	if !inPlace(target, name) {
		return writeFileAtomic(target, write)
	}
	// A device, a pipe, or a stream such as /dev/stdout (which, redirected
	// to a file, leads to it: a file renamed over it would lose what the
	// file held, where >> appends) is written into as it is.
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return 0, writeErr(name, err)
	}
	n, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, writeErr(name, err) // n: what an interruption left written
	}
	return n, nil
}

// inPlace reports whether writeOut writes into name (target is the file
// it names) as it is, rather than through a temporary file renamed over
// it: a device, a pipe, or a stream of the process.
func inPlace(target, name string) bool {
	info, err := os.Stat(target)
	return err == nil && (!info.Mode().IsRegular() || isStream(name))
}

// writeErr is the error of writing name, without the path a file's own
// error carries: name again, or the name of a temporary file, which
// would only puzzle.
func writeErr(name string, err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		err = pe.Err
	}
	return fmt.Errorf("write %s: %w", name, err)
}

// writeFileAtomic writes name through a temporary file in the same folder,
// renamed over name only when everything was written: an export is whole
// or absent, never half-written. The file is readable by its owner only.
func writeFileAtomic(name string, write func(io.Writer) (int, error)) (int, error) {
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("write %s: there is no folder %s", name, dir)
		}
		return 0, writeErr(name, err)
	}
	n, err := write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, writeErr(name, err)
	}
	return n, nil
}

// noteCut tells which articles a CSV for Excel holds cut.
func noteCut(stderr io.Writer, ids []uint64) {
	if len(ids) == 0 {
		return
	}
	list := make([]string, 0, min(len(ids), 10))
	for _, id := range ids[:min(len(ids), 10)] {
		list = append(list, strconv.FormatUint(id, 10))
	}
	more := ""
	if len(ids) > 10 {
		more = ", …"
	}
	fmt.Fprintf(stderr, "arshif: notice: %s longer than an Excel cell holds (%d characters), cut to end with …: %s%s (JSON keeps every text whole)\n",
		plural(len(ids), "text"), export.ExcelCellLimit, strings.Join(list, ", "), more)
}

// isStream reports whether name is one of the names of a process's own
// streams (/dev/stdout, /dev/fd/1, /proc/self/fd/1 ...), which stand for
// whatever the stream is.
func isStream(name string) bool {
	name = filepath.ToSlash(filepath.Clean(name))
	switch dir, _ := path.Split(name); {
	case name == "/dev/stdout", name == "/dev/stderr", dir == "/dev/fd/":
		return true
	case strings.HasPrefix(dir, "/proc/") && strings.HasSuffix(dir, "/fd/"):
		return true // /proc/self/fd/1, /proc/PID/fd/1
	}
	return false
}
