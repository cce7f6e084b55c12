package analyze

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// corpusTexts returns the titles and bodies of the first SaudiNewsNet zips,
// or skips the benchmark when the corpora are not there.
func corpusTexts(b *testing.B, zips int) []string {
	dir := filepath.Join("..", "..", "shared", "corpora", "saudinewsnet")
	if d := os.Getenv("ARSHIF_CORPORA"); d != "" {
		dir = filepath.Join(d, "saudinewsnet")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.zip"))
	if len(files) == 0 {
		b.Skip("no SaudiNewsNet corpus in " + dir)
	}
	var texts []string
	for _, name := range files[:min(zips, len(files))] {
		zr, err := zip.OpenReader(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				b.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				b.Fatal(err)
			}
			var recs []struct{ Title, Content string }
			if err := json.Unmarshal(data, &recs); err != nil {
				b.Fatal(err)
			}
			for _, r := range recs {
				texts = append(texts, r.Title, r.Content)
			}
		}
		zr.Close()
	}
	return texts
}

// BenchmarkTokensCorpus analyses the text of about 5,000 SaudiNewsNet
// articles with one analyzer, as one import worker does.
func BenchmarkTokensCorpus(b *testing.B) {
	texts := corpusTexts(b, 4)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		az := NewAnalyzer()
		for _, t := range texts {
			az.Tokens(t, English, 0, func(Token) {})
		}
	}
}
