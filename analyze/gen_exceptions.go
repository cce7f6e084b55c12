//go:build ignore

// gen_exceptions writes clitic_exceptions.txt: folded words whose first
// letter (و ب ل ك ف) is part of the word, not a clitic, learnt from
// SaudiNewsNet (see cliticExceptions in arabic.go).
//
//	go run gen_exceptions.go ../../shared/corpora/saudinewsnet > clitic_exceptions.txt
package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"arshif/analyze"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: go run gen_exceptions.go SAUDINEWSNET_DIR")
	}
	zips, err := filepath.Glob(filepath.Join(os.Args[1], "*.zip"))
	if err != nil || len(zips) == 0 {
		log.Fatalf("no zip files in %s", os.Args[1])
	}
	counts := map[string]int{}
	for _, z := range zips {
		zr, err := zip.OpenReader(z)
		if err != nil {
			log.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				log.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				log.Fatal(err)
			}
			var recs []struct{ Title, Content string }
			if err := json.Unmarshal(data, &recs); err != nil {
				log.Fatalf("%s: %v", f.Name, err)
			}
			for _, r := range recs {
				for _, w := range analyze.Words(r.Title + " " + r.Content) {
					counts[analyze.Fold(w)]++
				}
			}
		}
		zr.Close()
	}
	var words []string
	for w, n := range counts {
		if !analyze.HasClitic(w) || utf8.RuneCountInString(w) < 4 || n < 3 {
			continue
		}
		_, size := utf8.DecodeRuneInString(w)
		rest := w[size:]
		// The letter is the word's own when the word without it is rare,
		// or when the word itself takes the article (البلديه: a clitic
		// never follows ال).
		if counts[rest]*4 < n || counts["ال"+w]*10 >= n {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	fmt.Println(strings.Join(words, "\n"))
}
