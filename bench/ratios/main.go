// Command ratios reads the harness's results (snnbench's results.jsonl) and
// prints, for each query of one label and mode, arshif's median beside the
// fastest of SQLite FTS5 (in-process and shell) and Bleve, with the paired
// ratio: per round, arshif's time over the fastest peer's time in that
// round, then the median of those ratios. Rounds are what the harness
// interleaved, so the ratio holds on a noisy machine.
//
//	go run ./bench/ratios -results /tmp/arshif-bench/results.jsonl -label 310k -mode process
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
)

type record struct {
	Kind    string    `json:"kind"`
	Label   string    `json:"label"`
	Peer    string    `json:"peer"`
	Mode    string    `json:"mode"`
	Query   string    `json:"query"`
	Samples []float64 `json:"samples_ms"`
	Median  float64   `json:"median_ms"`
}

var (
	queries = []string{"term", "and", "phrase", "date-week", "source+term", "count"}
	rivals  = []string{"sqlite", "sqlite3cli", "bleve"}
)

func main() {
	results := flag.String("results", "", "snnbench results.jsonl")
	label := flag.String("label", "310k", "corpus label")
	mode := flag.String("mode", "process", "inproc or process")
	flag.Parse()
	f, err := os.Open(*results)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	// The last record of each peer and query wins: a results file may hold
	// several runs.
	byQuery := map[string]map[string]record{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r record
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.Kind != "query" || r.Label != *label || r.Mode != *mode {
			continue
		}
		peer := r.Peer
		if strings.HasPrefix(peer, "cli:") {
			peer = "arshif"
		}
		if byQuery[r.Query] == nil {
			byQuery[r.Query] = map[string]record{}
		}
		byQuery[r.Query][peer] = r
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("| query | arshif median | fastest FTS5/Bleve (median) | paired ratio | rounds |\n|---|---|---|---|---|\n")
	for _, q := range queries {
		recs := byQuery[q]
		a, ok := recs["arshif"]
		if !ok {
			continue
		}
		best, bestMedian := "", 0.0
		for _, p := range rivals {
			if r, ok := recs[p]; ok && (best == "" || r.Median < bestMedian) {
				best, bestMedian = p, r.Median
			}
		}
		var ratios []float64
		for i := range a.Samples {
			fastest := 0.0
			for _, p := range rivals {
				if r, ok := recs[p]; ok && i < len(r.Samples) && (fastest == 0 || r.Samples[i] < fastest) {
					fastest = r.Samples[i]
				}
			}
			if fastest > 0 {
				ratios = append(ratios, a.Samples[i]/fastest)
			}
		}
		fmt.Printf("| %s | %.2f ms | %s %.2f ms | ×%.2f | %d |\n", q, a.Median, best, bestMedian, median(ratios), len(ratios))
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if n := len(xs); n%2 == 1 {
		return xs[n/2]
	} else {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
}
