package main

import (
	"bytes"
	"context"
	"io"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

func TestNormalizeArgs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"arshif query داعش --tag سوريا", "arshif query --tag سوريا -- داعش"},
		{"arshif query --db x.db داعش", "arshif --db x.db query -- داعش"},
		{"arshif --db x.db query --limit=5 a b --count", "arshif --db x.db query --limit=5 --count -- a b"},
		{"arshif query a -x -5 --", "arshif query -- a -x -5"},
		{"arshif query -- --tag a", "arshif query -- --tag a"},
		{"arshif query a --nosuch 3", "arshif query --nosuch -- a 3"},
		{"arshif import seed.txt --tag t --quiet --db=a.db", "arshif --db=a.db import --tag t --quiet -- seed.txt"},
		{"arshif query -n 3 a", "arshif query -n 3 -- a"},
		{"arshif --help", "arshif --help"},
		{"arshif stats", "arshif stats"},
	}
	app := newApp(nil, nil)
	for _, tt := range tests {
		got, err := normalizeArgs(app, strings.Fields(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if want := strings.Fields(tt.want); !reflect.DeepEqual(got, want) {
			t.Errorf("normalizeArgs(%s)\n got %q\nwant %q", tt.in, got, want)
		}
	}
	if _, err := normalizeArgs(app, []string{"arshif", "nosuch"}); exitCode(err) != exitUsage {
		t.Errorf("unknown command: %v", err)
	}
}

// Every flag's names are made once (namedOnce), and they are the names
// urfave/cli would give it.
func TestFlagNames(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	check := func(where string, flags []cli.Flag) {
		for _, f := range flags {
			var lib []string
			switch f := f.(type) {
			case *boolFlag:
				lib = f.BoolFlag.Names()
			case *intFlag:
				lib = f.IntFlag.Names()
			case *stringFlag:
				lib = f.StringFlag.Names()
			case *stringSliceFlag:
				lib = f.StringSliceFlag.Names()
			case *genericFlag:
				lib = f.GenericFlag.Names()
			default:
				t.Errorf("%s: flag %v of type %T: namedOnce does not know it", where, f.Names(), f)
				continue
			}
			if !reflect.DeepEqual(f.Names(), lib) {
				t.Errorf("%s: names %q, urfave/cli says %q", where, f.Names(), lib)
			}
		}
	}
	check("arshif", app.Flags)
	check("help and version", []cli.Flag{cli.HelpFlag, cli.VersionFlag})
	for _, c := range app.Commands {
		check(c.Name, c.Flags)
	}
}

func TestFolderTags(t *testing.T) {
	tests := []struct {
		file  string
		paths []string
		want  []string
	}{
		{"news/sport/1.txt", []string{"news"}, []string{"sport"}},
		{"news/sport/1.txt", []string{"news/"}, []string{"sport"}},
		{"news/sport/1.txt", []string{"./news"}, []string{"sport"}},
		{"news/1.txt", []string{"news"}, nil},
		{"news/2017.zip/politics/2.txt", []string{"news"}, []string{"2017", "politics"}},
		{"bbc-news.zip/bbc/tech/009.txt", []string{"bbc-news.zip"}, []string{"bbc", "tech"}},
		{"news/feeds/wire.jsonl", []string{"news"}, []string{"feeds"}},
		{"wire.jsonl", []string{"wire.jsonl"}, nil},
		{"standard input", []string{"-"}, nil},
		// The folder "." names its files from itself.
		{"sport/1.txt", []string{"."}, []string{"sport"}},
		{"sport/1.txt", []string{"./"}, []string{"sport"}},
		{"1.txt", []string{"."}, nil},
		{"/data/news/sport/1.txt", []string{"/data/news"}, []string{"sport"}},
		{"/srv/x/1.txt", []string{"/"}, []string{"srv", "x"}},
		// The longest path named that holds the file is the one it came from.
		{"news/local/sport/1.txt", []string{"news", "news/local"}, []string{"sport"}},
		{"news/local/sport/1.txt", []string{".", "news"}, []string{"local", "sport"}},
		{"newsroom/x/1.txt", []string{"news"}, nil},
	}
	for _, tt := range tests {
		if got := folderTags(tt.file, tt.paths); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("folderTags(%q, %q) = %q, want %q", tt.file, tt.paths, got, tt.want)
		}
	}
}

// On Windows the paths named have backslashes; the walker names files with
// forward slashes.
func TestFolderTagsWindows(t *testing.T) {
	if runtime.GOOS != "windows" {
		t.Skip("Windows paths")
	}
	tests := []struct {
		file  string
		paths []string
		want  []string
	}{
		{"C:/data/news/sport/1.txt", []string{`C:\data\news`}, []string{"sport"}},
		{"C:/data/news/sport/1.txt", []string{`C:\data\news\`}, []string{"sport"}},
		{"C:/data/bbc.zip/bbc/tech/1.txt", []string{`C:\data\bbc.zip`}, []string{"bbc", "tech"}},
		{"news/sport/1.txt", []string{`.\news`}, []string{"sport"}},
	}
	for _, tt := range tests {
		if got := folderTags(tt.file, tt.paths); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("folderTags(%q, %q) = %q, want %q", tt.file, tt.paths, got, tt.want)
		}
	}
}

func TestVersionOf(t *testing.T) {
	vcs := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "1579966c898e0123456789abcdef0123456789ab"},
		{Key: "vcs.time", Value: "2026-12-06T19:13:49Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, c := range []struct {
		v    string
		bi   *debug.BuildInfo
		want string
	}{
		{"dev", vcs, "dev (commit 1579966c898e, 2026-12-06T19:13:49Z, with uncommitted changes)"},
		{"dev", &debug.BuildInfo{Settings: vcs.Settings[:3]}, "dev (commit 1579966c898e, 2026-12-06T19:13:49Z)"},
		{"dev", &debug.BuildInfo{}, "dev"}, // built with -buildvcs=false, or by go test
		{"dev", nil, "dev"},
		{"1.2.0", vcs, "1.2.0"}, // set with -ldflags -X
	} {
		if got := versionOf(c.v, c.bi); got != c.want {
			t.Errorf("versionOf(%q) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestHelpExamples checks that every command's --help ends its
// description with examples of that command.
func TestHelpExamples(t *testing.T) {
	for _, c := range newApp(io.Discard, io.Discard).Commands {
		var out bytes.Buffer
		if code := run(context.Background(), []string{"arshif", c.Name, "--help"}, &out, io.Discard); code != exitOK {
			t.Errorf("arshif %s --help: exit status %d", c.Name, code)
			continue
		}
		_, examples, ok := strings.Cut(out.String(), "EXAMPLES:\n")
		if !ok {
			t.Errorf("arshif %s --help has no EXAMPLES section", c.Name)
			continue
		}
		examples, _, _ = strings.Cut(examples, "\n\n")
		for _, line := range strings.Split(examples, "\n") {
			if words := strings.Fields(line); len(words) < 2 || words[0] != "arshif" || !slices.Contains(words, c.Name) {
				t.Errorf("arshif %s --help: example %q is not an arshif %s command", c.Name, line, c.Name)
			}
		}
	}
}
