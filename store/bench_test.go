package store

import (
	"context"
	"fmt"
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
		{"source", Query{Source: "okaz", Limit: 20}},
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
