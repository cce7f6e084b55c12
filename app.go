package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"arshif/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// printVersion prints the version, and for a build without one the commit
// the binary was built from, as Go recorded it: read only for --version.
func printVersion(c *cli.Context) {
	bi, _ := debug.ReadBuildInfo()
	fmt.Fprintf(c.App.Writer, "%s version %s\n", c.App.Name, versionOf(version, bi))
}

// versionOf is v, or with v "dev" and VCS facts in bi, "dev (commit
// 1579966ab0c1, 2026-12-06T19:13:49Z, with uncommitted changes)".
func versionOf(v string, bi *debug.BuildInfo) string {
	if v != "dev" || bi == nil {
		return v
	}
	var rev, at, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(len(s.Value), 12)]
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return v
	}
	v += " (commit " + rev
	if at != "" {
		v += ", " + at
	}
	if modified == "true" {
		v += ", with uncommitted changes"
	}
	return v + ")"
}

// lockTimeout is how long a command waits for another arshif process to
// release the archive before it says the archive is busy.
const lockTimeout = time.Second

// run is the whole program: it parses args, runs the command and returns
// the exit code. main and the tests call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	args, err := normalizeArgs(app, args)
	if err == nil {
		err = app.RunContext(ctx, args)
	}
	return report(stderr, err)
}

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:    "arshif",
		Usage:   "keep, search and export a news archive offline",
		Version: version,
		Description: `arshif keeps articles in one file (the archive, arshif.db unless --db or
ARSHIF_DB names another) and never uses the network.

EXAMPLES:
   arshif import articles/ dump.json feed.jsonl
   arshif query داعش --tag سوريا --from 2017-10
   arshif export --tag الرقة --format csv --bom --out raqqa.csv

` + exitCodesHelp,
		Writer:    stdout,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Value: "arshif.db", EnvVars: []string{"ARSHIF_DB"}, Usage: "the archive `FILE`"},
		},
		Commands: []*cli.Command{
			importCommand(),
			queryCommand(),
			exportCommand(),
			showCommand(),
			tagCommand(),
			dateCommand(),
			deleteCommand(),
			tagsCommand(),
			datesCommand(),
			statsCommand(),
			checkCommand(),
			reindexCommand(),
			backupCommand(),
			compactCommand(),
		},
		// urfave/cli must never exit the process itself: deferred Close
		// calls have to run, and run maps errors to exit codes.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err: err}
		},
		HideHelpCommand:      true,
		EnableBashCompletion: false,
		// Never shown; set so that urfave/cli does not look up and stat
		// the executable at every start to fill it in.
		Compiled: time.Unix(0, 0),
	}
	app.Flags = namedOnce(app.Flags)
	globalFlagsNamedOnce()
	for _, c := range app.Commands {
		c.OnUsageError = app.OnUsageError
		c.Flags = namedOnce(c.Flags)
	}
	return app
}

// namedOnce gives each flag a Names method that returns a list made once.
// urfave/cli's own runs a regular expression over every name each time it
// is called, and to find which flags were set it calls Names of every flag
// for every flag: with query's thirty flags that was a tenth of a date
// query's time. The names are the flag's name and aliases (urfave/cli
// would cut them at a comma or space, which no arshif flag has:
// TestFlagNames). The wrappers are pointers: urfave/cli compares flags.
func namedOnce(flags []cli.Flag) []cli.Flag {
	for i, f := range flags {
		switch f := f.(type) {
		case *cli.BoolFlag:
			flags[i] = &boolFlag{f, flagNames(f.Name, f.Aliases)}
		case *cli.IntFlag:
			flags[i] = &intFlag{f, flagNames(f.Name, f.Aliases)}
		case *cli.StringFlag:
			flags[i] = &stringFlag{f, flagNames(f.Name, f.Aliases)}
		case *cli.StringSliceFlag:
			flags[i] = &stringSliceFlag{f, flagNames(f.Name, f.Aliases)}
		case *cli.GenericFlag:
			flags[i] = &genericFlag{f, flagNames(f.Name, f.Aliases)}
		}
	}
	return flags
}

// globalFlagsNamedOnce does namedOnce for urfave/cli's own help and
// version flags, package variables: once, whatever the number of apps.
var globalFlagsNamedOnce = sync.OnceFunc(func() {
	cli.HelpFlag = namedOnce([]cli.Flag{cli.HelpFlag})[0]
	cli.VersionFlag = namedOnce([]cli.Flag{cli.VersionFlag})[0]
	cli.VersionPrinter = printVersion
})

func flagNames(name string, aliases []string) []string {
	return append([]string{name}, aliases...)
}

type (
	boolFlag struct {
		*cli.BoolFlag
		names []string
	}
	intFlag struct {
		*cli.IntFlag
		names []string
	}
	stringFlag struct {
		*cli.StringFlag
		names []string
	}
	stringSliceFlag struct {
		*cli.StringSliceFlag
		names []string
	}
	genericFlag struct {
		*cli.GenericFlag
		names []string
	}
)

func (f *boolFlag) Names() []string        { return f.names }
func (f *intFlag) Names() []string         { return f.names }
func (f *stringFlag) Names() []string      { return f.names }
func (f *stringSliceFlag) Names() []string { return f.names }
func (f *genericFlag) Names() []string     { return f.names }

// normalizeArgs lets flags come anywhere, as people type them
// ("arshif query داعش --tag سوريا", "arshif query --db x.db داعش"):
// urfave/cli v2 stops reading flags at the first word. It moves --db to
// the global position and the command's own flags before its words,
// which it puts after "--" so that a word starting with "-" stays a word.
// A "--" typed by the user ends the flags as usual.
func normalizeArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	global := []string{args[0]}
	i := 1
	for ; i < len(args) && isFlag(args[i]) && args[i] != "--"; i++ {
		global = append(global, args[i])
		if name, inline := flagName(args[i]); !inline && takesValue(app.Flags, name) && i+1 < len(args) {
			i++
			global = append(global, args[i])
		}
	}
	if i == len(args) || args[i] == "--" {
		return args, nil
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return nil, usagef("%q is not an arshif command", args[i])
	}
	name := args[i]
	var flags, words []string
	for i++; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			words = append(words, args[i+1:]...)
			break
		}
		if !isFlag(a) {
			words = append(words, a)
			continue
		}
		fname, inline := flagName(a)
		target := &flags
		switch {
		case fname == "db":
			target = &global
		case strings.HasPrefix(a, "--") || hasFlag(cmd.Flags, fname) || fname == "h" || fname == "help":
		default:
			words = append(words, a) // "-word": a word, not a flag
			continue
		}
		*target = append(*target, a)
		if !inline && (fname == "db" || takesValue(cmd.Flags, fname)) && i+1 < len(args) {
			i++
			*target = append(*target, args[i])
		}
	}
	out := append(global, name)
	out = append(out, flags...)
	if len(words) > 0 {
		out = append(append(out, "--"), words...)
	}
	return out, nil
}

// isFlag reports whether a looks like a flag: a dash and a letter ("-5"
// and "-" are words).
func isFlag(a string) bool {
	if len(a) < 2 || a[0] != '-' {
		return false
	}
	c := strings.TrimLeft(a, "-")
	return c == "" || !(c[0] >= '0' && c[0] <= '9')
}

// flagName returns the name of a flag argument and whether its value is
// inline ("--limit=5").
func flagName(a string) (string, bool) {
	name := strings.TrimLeft(a, "-")
	name, _, inline := strings.Cut(name, "=")
	return name, inline
}

func hasFlag(flags []cli.Flag, name string) bool {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return false
}

func takesValue(flags []cli.Flag, name string) bool {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				v, ok := f.(interface{ TakesValue() bool })
				return ok && v.TakesValue()
			}
		}
	}
	return false
}

// openArchive opens the archive named by --db: read-only commands share
// it, writers take it alone; either gives up after lockTimeout. A writer
// creates it when it does not exist: import.
func openArchive(c *cli.Context, readOnly bool) (*store.DB, error) {
	return openWith(c, store.Options{ReadOnly: readOnly, Timeout: lockTimeout})
}

// editArchive opens the archive named by --db to change what it holds
// (tag, date, delete, reindex): one that does not exist is refused as a
// query refuses it, not created empty.
func editArchive(c *cli.Context) (*store.DB, error) {
	return openWith(c, store.Options{MustExist: true, Timeout: lockTimeout})
}

func openWith(c *cli.Context, opts store.Options) (*store.DB, error) {
	path, err := archivePath(c)
	if err != nil {
		return nil, err
	}
	return store.Open(path, opts)
}

// archivePath is the archive file --db or ARSHIF_DB names; an empty name
// is refused rather than opened as "".
func archivePath(c *cli.Context) (string, error) {
	path := c.String("db")
	if path != "" {
		return path, nil
	}
	if v, ok := os.LookupEnv("ARSHIF_DB"); ok && v == "" {
		return "", usagef("--db or ARSHIF_DB is empty: name the archive file, as in --db news.db")
	}
	return "", usagef("--db is empty: name the archive file, as in --db news.db")
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// useColor reports whether to mark text with terminal attributes on w.
func useColor(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// interruptible wraps the action of a command that writes (to the archive
// or to a file): while it runs, Ctrl-C or SIGTERM cancels c.Context, so the
// command stops at a safe point (an import after the current batch, an
// export removing its half-written file) and exits 130. Commands that only
// read keep the default behaviour, which loses nothing: registering the
// handler starts a thread of its own, about half a millisecond of start-up
// that a date query, a few milliseconds in all, would feel.
func interruptible(action cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
		defer stop()
		c.Context = ctx
		return action(c)
	}
}
