package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"arshif/store"
)

// Exit codes: a documented contract, listed in --help and the README.
const (
	exitOK          = 0   // everything worked
	exitError       = 1   // the command failed
	exitUsage       = 2   // the command line is wrong
	exitRejected    = 3   // some input was rejected; the rest was imported
	exitBusy        = 4   // another arshif process holds the archive
	exitInterrupted = 130 // stopped by Ctrl-C; what was committed is kept
)

const exitCodesHelp = `EXIT STATUS:
   0    everything worked
   1    the command failed (a message says why)
   2    the command line is wrong (unknown flag, bad value)
   3    some input was rejected; everything else was imported
   4    the archive is busy: another arshif process is using it
   130  interrupted (Ctrl-C); everything committed before is kept`

// usageError is a mistake on the command line. help is the command to
// read about it and topic what that help explains; empty, arshif --help
// and usage.
type usageError struct {
	err         error
	help, topic string
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...)}
}

// queryUsagef is a mistake in the query language, which arshif query
// --help documents (arshif --help does not).
func queryUsagef(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...), help: "arshif query --help", topic: "the query language"}
}

// errRejected reports that some input was rejected; the details were
// already printed.
var errRejected = errors.New("some input was rejected")

// errReported is a failure whose details were already printed (show
// names each id not in the archive as it goes): it exits 1 with nothing
// more said. Joined to context.Canceled, it is an interruption the
// command told of itself (an export, where it stopped): it exits 130 with
// nothing more said.
var errReported = errors.New("the command failed")

// exitCode maps an error to the exit-code table.
func exitCode(err error) int {
	var usage usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &usage):
		return exitUsage
	case errors.Is(err, errRejected):
		return exitRejected
	case errors.Is(err, store.ErrBusy):
		return exitBusy
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	return exitError
}

// report prints err for a person and returns its exit code.
func report(stderr io.Writer, err error) int {
	code := exitCode(err)
	switch code {
	case exitOK:
	case exitError:
		if !errors.Is(err, errReported) {
			fmt.Fprintf(stderr, "arshif: %v\n", err)
		}
	case exitInterrupted:
		// A command that said where it stopped (export) has said all.
		if !errors.Is(err, errReported) {
			fmt.Fprintln(stderr, "arshif: interrupted; everything committed before is kept")
		}
	case exitUsage:
		fmt.Fprintf(stderr, "arshif: %v\n", err)
		var usage usageError
		errors.As(err, &usage)
		help, topic := "arshif --help", "usage"
		if usage.help != "" {
			help, topic = usage.help, usage.topic
		}
		// A message that already names the help to read says all.
		if !strings.Contains(err.Error(), help) {
			fmt.Fprintf(stderr, "Run '%s' for %s.\n", help, topic)
		}
	default:
		fmt.Fprintf(stderr, "arshif: %v\n", err)
	}
	return code
}
