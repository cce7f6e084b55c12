package parse

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// zipMember is a member of a zip archive made by makeZip. With declared
// set, its data is written deflated as it is and its header claims
// declared bytes uncompressed: a lie archive/zip only finds out on reading.
type zipMember struct {
	name     string
	data     []byte
	declared uint64
	stored   bool // not compressed
}

func makeZip(t *testing.T, members ...zipMember) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		if m.declared == 0 {
			method := zip.Deflate
			if m.stored {
				method = zip.Store
			}
			f, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: method})
			if err != nil {
				t.Fatal(err)
			}
			f.Write(m.data)
			continue
		}
		packed := deflate(t, m.data)
		f, err := zw.CreateRaw(&zip.FileHeader{Name: m.name, Method: zip.Deflate,
			CompressedSize64: uint64(len(packed)), UncompressedSize64: m.declared})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(packed)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func deflate(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	fw.Write(data)
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withCopies adds to the central directory of a zip archive (without
// comment or zip64 records) an entry for each name, a copy of the first
// entry's: each of them is the first member's bytes, as in a zip bomb.
func withCopies(t *testing.T, data []byte, names ...string) []byte {
	t.Helper()
	le := binary.LittleEndian
	eocd := data[len(data)-22:]
	if le.Uint32(eocd) != 0x06054b50 {
		t.Fatal("withCopies: no end of central directory where expected")
	}
	count, size, off := le.Uint16(eocd[10:]), le.Uint32(eocd[12:]), le.Uint32(eocd[16:])
	first := data[off:]
	nameLen := int(le.Uint16(first[28:]))
	rest := first[46+nameLen : 46+nameLen+int(le.Uint16(first[30:]))+int(le.Uint16(first[32:]))]
	dir := bytes.Clone(data[off : off+size])
	for _, name := range names {
		entry := bytes.Clone(first[:46])
		le.PutUint16(entry[28:], uint16(len(name)))
		entry = append(append(entry, name...), rest...)
		dir = append(dir, entry...)
	}
	end := bytes.Clone(eocd)
	le.PutUint16(end[8:], count+uint16(len(names)))
	le.PutUint16(end[10:], count+uint16(len(names)))
	le.PutUint32(end[12:], uint32(len(dir)))
	return append(append(bytes.Clone(data[:off]), dir...), end...)
}

func TestZipBomb(t *testing.T) {
	dir := t.TempDir()
	records := bytes.Repeat([]byte(`{"title":"x","body":"y"}`+"\n"), 100_000)
	honest := makeZip(t,
		zipMember{name: "kernel.jsonl", data: records},
		zipMember{name: "article.txt", data: []byte("Title\n\nBody.")},
	)
	files := []string{
		writeFile(t, dir, "ratio.zip", honest),
		writeFile(t, dir, "overlap.zip", withCopies(t, makeZip(t, zipMember{name: "a.txt", data: []byte("Shared\n\nBody.")}), "b.txt", "c.txt")),
		writeFile(t, dir, "declared.zip", makeZip(t,
			zipMember{name: "huge.jsonl", data: []byte(`{"title":"x"}`), declared: 1 << 40},
			zipMember{name: "after.txt", data: []byte("After\n\nBody.")},
		)),
	}
	// How well flate packs the kernel is up to the Go release.
	zr, err := zip.NewReader(bytes.NewReader(honest), int64(len(honest)))
	if err != nil {
		t.Fatal(err)
	}
	kernel := zr.File[0]
	got := walkAll(t, walker{}, dir, files...)
	want := []string{
		fmt.Sprintf("ratio.zip/kernel.jsonl: expands to 2.4 MiB from %s, %d times its size, over the limit of 100 times, as a zip bomb does: not read",
			sizeString(kernel.CompressedSize64), kernel.UncompressedSize64/kernel.CompressedSize64),
		"ratio.zip/article.txt | Title | Body.",
		"overlap.zip/a.txt | Shared | Body.",
		"overlap.zip/b.txt: its compressed data overlaps that of a.txt, as in a zip bomb: not read",
		"overlap.zip/c.txt: its compressed data overlaps that of a.txt, as in a zip bomb: not read",
		"declared.zip/huge.jsonl: declares 1.0 TiB uncompressed, over the limit of 4.0 GiB for one member: not read",
		"declared.zip/after.txt | After | Body.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNestedZip: the zips of a zipped folder of zips are read as folders
// (SaudiNewsNet's daily zips, zipped again), and counted by InputSize; a
// zip inside over MaxNestedZip, and a third level, are refused.
func TestNestedZip(t *testing.T) {
	dir := t.TempDir()
	day := makeZip(t,
		zipMember{name: "2015-07-21.json", data: []byte(`[{"title":"Day one","content":"Body one."},{"title":"Day two","content":"Body two."}]`)},
		zipMember{name: "deeper.zip", data: makeZip(t, zipMember{name: "x.txt", data: []byte("X\n\nBody.")})},
	)
	f := writeFile(t, dir, "dataset.zip", makeZip(t,
		zipMember{name: "dataset/2015-07-21.zip", data: day},
		zipMember{name: "dataset/huge.zip", data: []byte("PK"), declared: MaxNestedZip + 1},
		zipMember{name: "dataset/after.txt", data: []byte("After\n\nBody.")},
	))
	got := walkAll(t, walker{}, dir, f)
	want := []string{
		"dataset.zip/dataset/2015-07-21.zip/2015-07-21.json#1 | Day one | Body one.",
		"dataset.zip/dataset/2015-07-21.zip/2015-07-21.json#2 | Day two | Body two.",
		"dataset.zip/dataset/2015-07-21.zip/deeper.zip: a zip inside a zip inside a zip: unpack the outer ones first",
		"dataset.zip/dataset/huge.zip: a zip inside a zip, over 64.0 MiB: unpack the outer one first",
		"dataset.zip/dataset/after.txt | After | Body.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNestedZipFiles: the files to read counted before an import reach
// into a zip inside a zip stored uncompressed, through its list of members
// alone; those of a compressed one, which would have to be unpacked to be
// counted, are told as it is opened, before any of them is read. Either
// way the files read end equal to the files counted.
func TestNestedZipFiles(t *testing.T) {
	dir := t.TempDir()
	txt := func(title string) []byte { return []byte(title + "\n\nBody.") }
	deeper := makeZip(t, zipMember{name: "x.txt", data: txt("X")})
	stored := makeZip(t,
		zipMember{name: "s/1.txt", data: txt("S1")},
		zipMember{name: "s/2.txt", data: txt("S2")},
		zipMember{name: "s/README.md", data: txt("not an article")},
		zipMember{name: "s/deeper.zip", data: deeper}, // a third level: refused
	)
	packed := makeZip(t,
		zipMember{name: "p/1.json", data: []byte(`[{"title":"P1","content":"Body."}]`)},
		zipMember{name: "p/2.txt", data: txt("P2")},
		zipMember{name: "p/3.txt", data: txt("P3")},
	)
	name := writeFile(t, dir, "dataset.zip", makeZip(t,
		zipMember{name: "stored.zip", data: stored, stored: true},
		zipMember{name: "packed.zip", data: packed},
		zipMember{name: "after.txt", data: txt("After")},
	))
	if _, files := InputSize([]string{name}); files != 3 {
		t.Errorf("InputSize counted %d files, want 3: after.txt and the 2 of stored.zip", files)
	}
	_, total := InputSize([]string{name})
	read, articles := 0, 0
	var found []int
	opts := Options{
		FileRead: func() {
			if read++; read > total {
				t.Errorf("file %d read of %d counted", read, total)
			}
		},
		FilesFound: func(n int) { found = append(found, n); total += n },
	}
	if err := Walk(context.Background(), []string{name}, opts, func(it Item) error {
		if it.Article != nil {
			articles++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(found, []int{3}) || read != 6 || total != 6 || articles != 6 {
		t.Errorf("FilesFound told %v; %d files read of %d counted, %d articles; want [3], 6 of 6, 6", found, read, total, articles)
	}
}

func TestZipTotal(t *testing.T) {
	dir := t.TempDir()
	article := func(title string, size int) []byte {
		return []byte(title + "\n\n" + strings.Repeat("word ", size/5))
	}
	name := writeFile(t, dir, "many.zip", makeZip(t,
		zipMember{name: "1.txt", data: article("One", 4000)},
		zipMember{name: "2.txt", data: article("Two", 4000)},
		zipMember{name: "3.txt", data: article("Three", 4000)},
		zipMember{name: "4.txt", data: article("Four", 1000)},
	))
	w := walker{zipLimits: &zipLimits{entry: 1 << 20, total: 10_000, ratio: MaxZipRatio, ratioFloor: ZipRatioFloor}}
	var got []string
	for _, s := range walkAll(t, w, dir, name) {
		got = append(got, strings.Split(s, " | ")[0])
	}
	want := []string{
		"many.zip/1.txt",
		"many.zip/2.txt",
		"many.zip/3.txt: declares 3.9 KiB uncompressed, which would take what is read from the archive to 11.7 KiB, over the limit of 9.8 KiB for one archive: not read",
		"many.zip/4.txt",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestJSONRecordLimit(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", MaxRecord)
	files := []string{
		writeFile(t, dir, "array.json", []byte(`[{"title":"first"},{"title":"`+long+`"},{"title":"never read"}]`)),
		writeFile(t, dir, "objects.json", []byte(`{"title":"first"} {"title":"`+long+`"} {"title":"never read"}`)),
	}
	got := walkAll(t, walker{}, dir, files...)
	want := []string{
		"array.json#1 | first | ",
		"array.json: record 2: longer than 16 MiB: the rest of the file is not read",
		"objects.json#1 | first | ",
		"objects.json: record 2: longer than 16 MiB: the rest of the file is not read",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestJSONWrapped: an object that holds its records under "articles",
// "items", "data" ... gives them, read as an array is; an article with a
// field of such a name stays an article.
func TestJSONWrapped(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		writeFile(t, dir, "newsapi.json", []byte(`{"status":"ok","totalResults":2,"articles":[
			{"source":{"id":null,"name":"Reuters"},"title":"One","description":"d","content":"First."},
			{"source":{"id":"bbc","name":"BBC"},"title":"Two","content":"Second."}]}`)),
		writeFile(t, dir, "data.json", []byte(`{"data":{"title":"Inside","body":"One under data."}}`)),
		writeFile(t, dir, "article.json", []byte(`{"title":"An article","body":"Its fields.","data":1508198400,"items":["a","b"],"results":{"n":1}}`)),
		writeFile(t, dir, "empty.json", []byte(`{"results":[]}`)),
		writeFile(t, dir, "pages.json", []byte(`{"items":[{"title":"P1","body":"b1"}]} {"items":[{"title":"P2","body":"b2"},{"title":""}]}`)),
		// A list of what is not articles, or an empty one, is a field.
		writeFile(t, dir, "scores.json", []byte(`{"title":"Flood","body":"Rain.","results":[{"team":"A","score":2}],"items":[]}`)),
		// So is a list of articles in an article.
		writeFile(t, dir, "related.json", []byte(`{"title":"Main","body":"Its text.","items":[{"title":"Related","body":"Another."}]}`)),
	}
	got := walkAll(t, walker{}, dir, files...)
	want := []string{
		"newsapi.json#articles/1 | One | First.",
		"newsapi.json#articles/2 | Two | Second.",
		"data.json | Inside | One under data.",
		"article.json | An article | Its fields.",
		`empty.json: record 1: its "results" list is empty: no article in it`,
		"pages.json#items/1 | P1 | b1",
		"pages.json#2/items/1 | P2 | b2",
		"pages.json: record 2/items/2: neither title nor body",
		"scores.json | Flood | Rain.",
		"related.json | Main | Its text.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSizeString(t *testing.T) {
	for n, want := range map[uint64]string{
		0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 24 << 20: "24.0 MiB",
		MaxZipEntry: "4.0 GiB", 1 << 40: "1.0 TiB", 1<<64 - 1: "16.0 EiB",
	} {
		if got := sizeString(n); got != want {
			t.Errorf("sizeString(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestKnownURLs(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := 1; i <= 200; i++ {
		lines = append(lines, fmt.Sprintf(`{"title":"t%d","content":"b%d","Link":" http://x/%d "}`, i, i, i))
	}
	lines[9] = `{"title":"","content":"","url":"http://x/10"}` // known: not read further
	lines[10] = `{"title":"","content":"","url":"http://x/new"}`
	lines[11] = `{"title":"no url","content":"c"}`
	name := writeFile(t, dir, "a.jsonl", []byte(strings.Join(lines, "\n")))
	w := walker{opts: Options{Known: func(url string) bool {
		return url != "http://x/new" && strings.HasSuffix(url, "0")
	}}}
	got := walkAll(t, w, dir, name)
	want := []string{}
	for i := 1; i <= 200; i++ {
		switch {
		case i == 11:
			want = append(want, "a.jsonl:11: neither title nor body")
		case i == 12:
			want = append(want, "a.jsonl:12 | no url | c")
		case i%10 == 0:
			want = append(want, fmt.Sprintf("present: http://x/%d", i))
		default:
			want = append(want, fmt.Sprintf("a.jsonl:%d | t%d | b%d", i, i, i))
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUnstoredURLs(t *testing.T) {
	dir := t.TempDir()
	name := writeFile(t, dir, "a.jsonl", []byte(strings.Join([]string{
		`{"title":"asked","content":"b","url":" http://x/1 "}`,
		`{"title":"no url","content":"b"}`,
		`{"title":"known","content":"b","url":"http://x/2"}`,
	}, "\n")))
	opts := Options{Known: func(url string) bool { return url == "http://x/2" }}
	var got []string
	collect := func(it Item) error {
		if it.Article != nil {
			got = append(got, fmt.Sprintf("%s unstored=%v", it.Article.Title, it.Unstored))
		}
		return nil
	}
	if err := Walk(context.Background(), []string{name}, opts, collect); err != nil {
		t.Fatal(err)
	}
	want := []string{"asked unstored=true", "no url unstored=false"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with Known: got %q, want %q", got, want)
	}
	// Without Known nothing was asked, so nothing is said to be unstored.
	got = nil
	if err := Walk(context.Background(), []string{name}, Options{}, collect); err != nil {
		t.Fatal(err)
	}
	want = []string{"asked unstored=false", "no url unstored=false", "known unstored=false"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("without Known: got %q, want %q", got, want)
	}
}

// TestWalkSymlinks: a folder named through a symbolic link is walked; the
// links inside a folder are skipped, each named, loops included; a file
// named through a link is read.
func TestWalkSymlinks(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "real")
	writeFile(t, dir, "other.txt", []byte("Other\n\nBody."))
	if err := os.MkdirAll(filepath.Join(folder, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, folder, "a.txt", []byte("A\n\nBody a."))
	writeFile(t, folder, "sub/b.txt", []byte("B\n\nBody b."))
	for link, target := range map[string]string{
		"linktree":          "real",
		"filelink.txt":      "other.txt",
		"real/link.txt":     "../other.txt",
		"real/sub/loop":     ".",
		"real/broken.txt":   "nowhere.txt",
		"real/.hidden-link": "..",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	got := walkAll(t, walker{}, dir, filepath.Join(dir, "linktree"), filepath.Join(dir, "filelink.txt"))
	skipped := ": skipped: a symbolic link, not followed: name its target to import it"
	want := []string{
		"linktree/a.txt | A | Body a.",
		"linktree/broken.txt" + skipped,
		"linktree/link.txt" + skipped,
		"linktree/sub/b.txt | B | Body b.",
		"linktree/sub/loop" + skipped,
		"filelink.txt | Other | Body.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, files := InputSize([]string{filepath.Join(dir, "linktree")}); got != int64(len("A\n\nBody a.")+len("B\n\nBody b.")) || files != 2 {
		t.Errorf("InputSize through a link: %d bytes in %d files, want %d in 2", got, files, len("A\n\nBody a.")+len("B\n\nBody b."))
	}
}

// TestTextKinds: a .txt file holding JSON, JSON Lines or a table separated
// by tabs with a header (Excel's "Unicode Text") is read as such; the seed
// layout, whatever its title starts with, stays one article.
func TestTextKinds(t *testing.T) {
	dir := t.TempDir()
	var excel []byte // UTF-16 LE with its byte-order mark, CRLF
	for _, r := range "\ufefftitle\tbody\tdate\r\nالرقة\tنص عربي\t2017-10-17\r\nSecond\t\"A body\twith a tab\"\t\r\n" {
		excel = append(excel, byte(r), byte(r>>8))
	}
	files := []string{
		writeFile(t, dir, "excel.txt", excel),
		writeFile(t, dir, "array.txt", []byte("\ufeff  [{\"title\":\"One\",\"body\":\"b1\"},\n {\"title\":\"Two\",\"body\":\"b2\"}]\n")),
		writeFile(t, dir, "pretty.txt", []byte("{\n  \"title\": \"Pretty\",\n  \"body\": \"An object.\"\n}\n")),
		writeFile(t, dir, "broken.txt", []byte("[{\"title\":\"One\",\"body\":\"b1\"},\n {\"title\":\"Two\" \"body\":\"b2\"}]\n")),
		writeFile(t, dir, "lines.txt", []byte("{\"title\":\"L1\",\"body\":\"b\"}\n\n{broken\n{\"title\":\"L4\",\"body\":\"b\"}\n")),
		writeFile(t, dir, "video.txt", []byte("[Video] Floods in the north\n\nThe body.")),
		writeFile(t, dir, "brace.txt", []byte("{Update} Floods\n\nThe body.")),
		writeFile(t, dir, "tab.txt", []byte("Full\ttext\n\nThe body.")),
		writeFile(t, dir, "columns.txt", []byte("a\tb\n1\t2\n")),
		writeFile(t, dir, "in.zip", makeZip(t, zipMember{name: "feed.txt", data: []byte(`[{"title":"Zipped","body":"z"}]`)})),
	}
	got := walkAll(t, walker{}, dir, files...)
	want := []string{
		"excel.txt: not UTF-8: read as UTF-16 (little-endian)",
		"excel.txt:2 | الرقة | نص عربي",
		"excel.txt:3 | Second | A body with a tab",
		"array.txt#1 | One | b1",
		"array.txt#2 | Two | b2",
		"pretty.txt | Pretty | An object.",
		"broken.txt#1 | One | b1",
		"broken.txt: record 2: invalid JSON at byte 29: invalid character '\"' after object key:value pair; the rest of the file is not read",
		"lines.txt:1 | L1 | b",
		"lines.txt:3: invalid JSON: invalid character 'b' looking for beginning of object key string",
		"lines.txt:4 | L4 | b",
		"video.txt | [Video] Floods in the north | The body.",
		"brace.txt | {Update} Floods | The body.",
		"tab.txt | Full text | The body.",
		"columns.txt | a b | 1 2",
		"in.zip/feed.txt#1 | Zipped | z",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// rawMember is a member of a zip archive written by rawZip as it is:
// compressed data, sizes, checksum and flags as given.
type rawMember struct {
	name         string
	method       uint16
	flags        uint16
	data         []byte // as stored in the archive
	crc          uint32
	uncompressed uint64
}

func rawZip(t *testing.T, members ...rawMember) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		f, err := zw.CreateRaw(&zip.FileHeader{Name: m.name, Method: m.method, Flags: m.flags, CRC32: m.crc,
			CompressedSize64: uint64(len(m.data)), UncompressedSize64: m.uncompressed})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(m.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDamagedZip: a zip archive cut short, damaged or not a zip at all,
// and members whose data is corrupt, cut or does not match its checksum,
// are each named with the reason in plain words; the good members beside
// them are read.
func TestDamagedZip(t *testing.T) {
	dir := t.TempDir()
	good := []byte("Good\n\nA good article.")
	lines := []byte(`{"title":"L1","body":"b"}` + "\n" + `{"title":"L2","body":"b"}` + "\n")
	cut := deflate(t, bytes.Repeat(lines, 50))
	whole := makeZip(t, zipMember{name: "one.txt", data: good}, zipMember{name: "two.txt", data: good})
	damagedDir := bytes.Clone(whole)
	damagedDir[bytes.LastIndex(damagedDir, []byte("PK\x01\x02"))+1] = 'X' // a central directory entry's signature
	files := []string{
		writeFile(t, dir, "cut.zip", whole[:len(whole)*2/3]),
		writeFile(t, dir, "directory.zip", damagedDir),
		writeFile(t, dir, "text.zip", []byte("Not a zip\n\nbut text.")),
		writeFile(t, dir, "members.zip", rawZip(t,
			rawMember{name: "sport/12.txt", method: zip.Deflate, data: []byte("\x07garbage"), uncompressed: 100},
			rawMember{name: "feed.json", method: zip.Deflate, data: []byte("\x07garbage"), uncompressed: 100},
			rawMember{name: "table.csv", method: zip.Deflate, data: []byte("\x07garbage"), uncompressed: 100},
			rawMember{name: "cut.jsonl", method: zip.Deflate, data: cut[:len(cut)/2], uncompressed: uint64(50 * len(lines))},
			rawMember{name: "checksum.txt", method: zip.Store, data: good, crc: 1, uncompressed: uint64(len(good))},
			rawMember{name: "secret.txt", method: zip.Store, flags: 1, data: good, uncompressed: uint64(len(good))},
			rawMember{name: "good.txt", method: zip.Store, data: good, crc: crc32.ChecksumIEEE(good), uncompressed: uint64(len(good))},
		)),
	}
	var got []string
	for _, s := range walkAll(t, walker{}, dir, files...) {
		if !strings.HasPrefix(s, "members.zip/cut.jsonl:") || !strings.Contains(s, " | L") {
			got = append(got, s)
		}
	}
	want := []string{
		"cut.zip: the zip archive ends early: it was probably not copied or downloaded whole (the list of its members, kept at its end, is missing)",
		"directory.zip: the zip archive is damaged: the list of its members cannot be read",
		"text.zip: not a zip archive, whatever its name says",
		"members.zip/sport/12.txt: this member of the zip archive is damaged: its compressed data is corrupt",
		"members.zip/feed.json: this member of the zip archive is damaged: its compressed data is corrupt",
		"members.zip/table.csv:1: this member of the zip archive is damaged: its compressed data is corrupt",
		fmt.Sprintf("members.zip/cut.jsonl:%d: this member of the zip archive is damaged: its compressed data ends early", 1+strings.Count(string(inflatePrefix(t, cut[:len(cut)/2])), "\n")),
		"members.zip/checksum.txt: this member of the zip archive is damaged: its data does not match the checksum the archive gives for it",
		"members.zip/secret.txt: encrypted with a password, which arshif cannot read: unpack the archive with its password first",
		"members.zip/good.txt | Good | A good article.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// inflatePrefix is what the start of a deflate stream inflates to.
func inflatePrefix(t *testing.T, packed []byte) []byte {
	t.Helper()
	out, _ := io.ReadAll(flate.NewReader(bytes.NewReader(packed)))
	return out
}
