package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"arshif/article"
)

// benchArticles makes n distinct articles of about 3 KB of Arabic text,
// the size of a SaudiNewsNet article.
func benchArticles(n int) []*article.Article {
	body := strings.Repeat("قوات سوريا الديمقراطية في مدينة الرقة بدعم من التحالف الدولي. ", 50)
	out := make([]*article.Article, n)
	for i := range out {
		out[i] = &article.Article{
			Title:     fmt.Sprintf("خبر رقم %d", i),
			Body:      body,
			Source:    []string{"alriyadh", "okaz", "sabq"}[i%3],
			Tags:      []string{"سوريا"},
			URL:       fmt.Sprintf("http://example.org/%d", i),
			Published: day(fmt.Sprintf("2015-07-%02d", 1+i%28)),
		}
	}
	return out
}

func BenchmarkAdd(b *testing.B) {
	ctx := context.Background()
	arts := benchArticles(1000)
	b.SetBytes(int64(len(arts[0].Body)) * int64(len(arts)))
	for b.Loop() {
		b.StopTimer()
		db, err := Open(filepath.Join(b.TempDir(), "b.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := db.Add(ctx, arts); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

func BenchmarkFind(b *testing.B) {
	ctx := context.Background()
	db, err := Open(filepath.Join(b.TempDir(), "b.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for i := 0; i < 10; i++ {
		arts := benchArticles(1000)
		for j, a := range arts {
			a.URL = fmt.Sprintf("http://example.org/%d/%d", i, j)
		}
		if _, err := db.Add(ctx, arts); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []struct {
		name string
		q    Query
	}{
		{"source", Query{Sources: []string{"okaz"}, Limit: 20}},
		{"date-week", Query{From: day("2015-07-01").Time, To: day("2015-07-07").Time, Limit: 20}},
		{"word", Query{Match: &MatchTerm{Terms: []string{"رقه"}}, Limit: 20}},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.Count(ctx, q.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// snnSample reads the SaudiNewsNet records of testdata, n times over (each
// copy with URLs of its own): real Arabic text, as varied as 120 articles.
func snnSample(b *testing.B, n int) []*article.Article {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "sample", "saudinewsnet-sample.json"))
	if err != nil {
		b.Fatal(err)
	}
	var recs []struct{ Source, URL, Title, Author, Content, Date_extracted string }
	if err := json.Unmarshal(data, &recs); err != nil {
		b.Fatal(err)
	}
	var out []*article.Article
	for i := range n {
		for _, r := range recs {
			out = append(out, &article.Article{Title: r.Title, Body: r.Content, Source: r.Source, Author: r.Author,
				URL: fmt.Sprintf("%s?copy=%d", r.URL, i), Published: day(r.Date_extracted[:10])})
		}
	}
	return out
}

// BenchmarkDelete deletes every third article of 3,000 (SaudiNewsNet's
// text), in one call: each segment's lists lose a third of their postings.
func BenchmarkDelete(b *testing.B) {
	ctx := context.Background()
	arts := snnSample(b, 25)
	var ids []uint64
	for b.Loop() {
		b.StopTimer()
		db, err := Open(filepath.Join(b.TempDir(), "b.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(arts); i += 1000 {
			if _, err := db.Add(ctx, arts[i:min(i+1000, len(arts))]); err != nil {
				b.Fatal(err)
			}
		}
		ids = ids[:0]
		for id := uint64(1); id <= uint64(len(arts)); id += 3 {
			ids = append(ids, id)
		}
		b.StartTimer()
		if err := db.Delete(ctx, ids); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
