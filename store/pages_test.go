package store

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// rssFile returns the process's resident file-backed memory, in KiB.
func rssFile(t *testing.T) int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "RssFile:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Skip("no RssFile")
	return 0
}

func TestReleasePages(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("RssFile is Linux's")
	}
	db, err := Open(filepath.Join(t.TempDir(), "r.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Add(context.Background(), benchArticles(3000)); err != nil {
		t.Fatal(err)
	}
	read := func() {
		db.bolt.View(func(tx *bolt.Tx) error {
			sum := 0
			return tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
				return b.ForEach(func(k, v []byte) error {
					for _, c := range v {
						sum += int(c)
					}
					return nil
				})
			})
		})
	}
	read()
	before := rssFile(t)
	db.releasePages()
	after := rssFile(t)
	t.Logf("RssFile %d KiB after reading the archive, %d KiB after releasePages", before, after)
	if before-after < 1024 {
		t.Errorf("releasePages freed %d KiB of %d", before-after, before)
	}
}
