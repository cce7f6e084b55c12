// Command interleave times commands as fresh processes, one run of each in
// turn (A B C A B C ...), so that they share the machine's drift, and
// prints each one's median with its quartiles in milliseconds. It is how
// bench/RESULTS.md compares arshif and sqlite3 started the same way.
//
//	go run ./bench/interleave [-n 400] COMMAND...
//
// A COMMAND is split on spaces. "IN:FILE COMMAND" gives COMMAND FILE on its
// standard input; "SH:TEXT" runs sh -c TEXT, as the shared harness runs
// the commands of a cli: peer. Standard output is discarded. Five rounds
// before the n timed ones warm the page cache.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 400, "timed runs of each command")
	flag.Parse()
	cmds := flag.Args()
	if len(cmds) == 0 {
		log.Fatal("usage: interleave [-n N] COMMAND...")
	}
	times := make([][]float64, len(cmds))
	for round := 0; round < *n+5; round++ {
		for i, c := range cmds {
			d, err := run(c)
			if err != nil {
				log.Fatalf("%s: %v", c, err)
			}
			if round >= 5 {
				times[i] = append(times[i], d.Seconds()*1000)
			}
		}
	}
	for i, c := range cmds {
		t := times[i]
		slices.Sort(t)
		fmt.Printf("%6.2f ms (p25 %5.2f, p75 %5.2f)  %s\n", t[len(t)/2], t[len(t)/4], t[3*len(t)/4], c)
	}
}

// run starts c and waits for it, and returns how long that took.
func run(c string) (time.Duration, error) {
	var stdin *os.File
	args := strings.Fields(c)
	switch {
	case strings.HasPrefix(c, "SH:"):
		args = []string{"sh", "-c", strings.TrimPrefix(c, "SH:")}
	case strings.HasPrefix(c, "IN:"):
		name, rest, _ := strings.Cut(strings.TrimPrefix(c, "IN:"), " ")
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		stdin, args = f, strings.Fields(rest)
	}
	cmd := exec.Command(args[0], args[1:]...)
	if stdin != nil {
		cmd.Stdin = stdin
	}
	start := time.Now()
	err := cmd.Run()
	return time.Since(start), err
}
