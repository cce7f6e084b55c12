package parse

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// manyRows is at least n bytes of rows made by row, each ending in a newline.
func manyRows(n int, row func(i int) string) string {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		b.WriteString(row(i) + "\n")
	}
	return b.String()
}

// TestLateEncoding: a file whose first 100 KB are ASCII is read in the
// code page of the bytes after them, as a short one is.
func TestLateEncoding(t *testing.T) {
	dir := t.TempDir()
	csvRows := "title,body\n" + manyRows(100<<10, func(i int) string { return fmt.Sprintf("Row %d,Plain body %d.", i, i) })
	jsonRows := manyRows(100<<10, func(i int) string { return fmt.Sprintf(`{"title":"t%d","body":"b%d"}`, i, i) })
	files := []string{
		writeFile(t, dir, "late.csv", []byte(csvRows+"Price,It cost \xa35m at the caf\xe9.\n")),
		writeFile(t, dir, "late.tsv", []byte(strings.ReplaceAll(csvRows, ",", "\t")+"\xc7\xe1\xd1\xde\xc9\t\xe4\xd5 \xda\xd1\xc8\xed\n")),
		writeFile(t, dir, "late.jsonl", []byte(jsonRows+"{\"title\":\"\xc7\xe1\xd1\xde\xc9\",\"body\":\"\xe4\xd5 \xda\xd1\xc8\xed\"}\n")),
		writeFile(t, dir, "late.json", []byte("["+strings.ReplaceAll(jsonRows, "}\n", "},\n")+"{\"title\":\"Price\",\"body\":\"It cost \xa35m at the caf\xe9.\"}]")),
		writeFile(t, dir, "late.txt", []byte("Title\n\n"+strings.Repeat("word ", 20<<10)+"\nIt cost \xa35m at the caf\xe9.")),
	}
	var got []string
	w := walker{}
	w.ctx = t.Context()
	w.emit = func(it Item) error {
		switch {
		case it.Problem != nil:
			got = append(got, strings.TrimPrefix(it.Problem.Error(), dir+"/"))
		case strings.Contains(it.Article.Body, "£") || strings.Contains(it.Article.Title, "الرقة"):
			body := it.Article.Body
			got = append(got, it.Article.Title+" | "+body[strings.LastIndex(body, "\n")+1:])
		}
		return nil
	}
	for _, f := range files {
		if err := w.path(f); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"late.csv: not UTF-8: read as Windows-1252 (Western European)",
		"Price | It cost £5m at the café.",
		"late.tsv: not UTF-8: read as Windows-1256 (Arabic)",
		"الرقة | نص عربي",
		"late.jsonl: not UTF-8: read as Windows-1256 (Arabic)",
		"الرقة | نص عربي",
		"late.json: not UTF-8: read as Windows-1252 (Western European)",
		"Price | It cost £5m at the café.",
		"late.txt: not UTF-8: read as Windows-1252 (Western European)",
		"Title | It cost £5m at the café.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNotUTF8Hint: a record that is not UTF-8 in a file read as UTF-8
// (its start is UTF-8, or ASCII past sniffLimit) is rejected with the
// --encoding its bytes look like.
func TestNotUTF8Hint(t *testing.T) {
	dir := t.TempDir()
	arabic := manyRows(20<<10, func(i int) string {
		return fmt.Sprintf("الرقة %d,نص عربي بترميز يونيكود %d", i, i)
	})
	lines := strings.Count(arabic, "\n")
	far := manyRows(sniffLimit+sniffSize, func(i int) string { return fmt.Sprintf(`{"title":"t%d"}`, i) })
	files := []string{
		writeFile(t, dir, "mixed.csv", []byte("title,body\n"+arabic+"\xc7\xe1\xd1\xde\xc9,\xe4\xd5 \xda\xd1\xc8\xed \xde\xcf\xed\xe3\nLast,row\n")),
		writeFile(t, dir, "mixed.tsv", []byte("title\tbody\n"+strings.ReplaceAll(arabic, ",", "\t")+"Price\tIt cost \xa35m at the caf\xe9.\n")),
		writeFile(t, dir, "far.jsonl", []byte(far+"{\"title\":\"\xc7\xe1\xd1\xde\xc9\",\"body\":\"\xe4\xd5 \xda\xd1\xc8\xed\"}\n")),
		writeFile(t, dir, "mixed.txt", []byte("عنوان\n\nنص عربي طويل بترميز يونيكود، "+strings.Repeat("ثم نص آخر ", 50)+"\nIt cost \xa35m.")),
	}
	got := walkAll(t, walker{}, dir, files...)
	var problems []string
	for _, g := range got {
		if strings.Contains(g, "not valid UTF-8") {
			problems = append(problems, g)
		}
	}
	const read = "not valid UTF-8 text (the file was read as UTF-8): its bytes look like "
	arabicHint := read + "Windows-1256 (Arabic); if the file is in that encoding, import it with --encoding windows-1256"
	westernHint := read + "Windows-1252 (Western European); if the file is in that encoding, import it with --encoding windows-1252"
	want := []string{
		fmt.Sprintf("mixed.csv:%d: %s", lines+2, arabicHint),
		fmt.Sprintf("mixed.tsv:%d: %s", lines+2, westernHint),
		fmt.Sprintf("far.jsonl:%d: %s", strings.Count(far, "\n")+1, arabicHint),
		"mixed.txt:4: " + westernHint,
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	if n := len(got) - len(problems); n != lines+1+lines+strings.Count(far, "\n") {
		t.Errorf("%d articles read, want %d", n, lines+1+lines+strings.Count(far, "\n"))
	}
}

// countReads counts the bytes read through it.
type countReads struct {
	r io.Reader
	n int
}

func (c *countReads) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestSniffEncodingBounded: sniffing a file that starts in ASCII reads a
// bounded part of it ahead, and what is read from it after is the file.
func TestSniffEncodingBounded(t *testing.T) {
	big := bytes.Repeat([]byte("ascii "), 2*sniffLimit/6)
	for _, tt := range []struct {
		name     string
		data     []byte
		encoding string
		ahead    int // bytes read ahead at most
	}{
		{"ASCII past the limit", append(bytes.Clone(big), "\xe9"...), "", sniffLimit + 2*sniffSize},
		{"Latin-1 at 100 KB", append(append(bytes.Clone(big[:100<<10]), "caf\xe9 "...), big...), "Windows-1252 (Western European)", 100<<10 + 3*sniffSize},
		{"short", []byte("caf\xe9"), "Windows-1252 (Western European)", 4},
		{"ASCII only, short", big[:200<<10], "", 200 << 10},
	} {
		in := &countReads{r: bytes.NewReader(tt.data)}
		r, _, name := sniffEncoding(bufio.NewReaderSize(in, sniffSize))
		if name != tt.encoding {
			t.Errorf("%s: encoding %q, want %q", tt.name, name, tt.encoding)
		}
		if in.n > tt.ahead {
			t.Errorf("%s: %d bytes read ahead, want at most %d", tt.name, in.n, tt.ahead)
		}
		if all, err := io.ReadAll(r); err != nil || !bytes.Equal(all, tt.data) {
			t.Errorf("%s: read back %d bytes (%v), want the %d of the file", tt.name, len(all), err, len(tt.data))
		}
	}
}

func TestRecentBytes(t *testing.T) {
	var data []byte
	for i := range 1000 {
		data = append(data, byte(i), byte(i>>8))
	}
	for _, chunk := range []int{1, 3, 7, 10, 11, 64} {
		rb := &recentBytes{r: &chunked{data: data, n: chunk}, ring: make([]byte, 10)}
		if _, err := io.ReadAll(rb); err != nil {
			t.Fatal(err)
		}
		if got, want := rb.bytes(), data[len(data)-10:]; !bytes.Equal(got, want) {
			t.Errorf("chunks of %d: kept %v, want %v", chunk, got, want)
		}
	}
	rb := &recentBytes{r: bytes.NewReader([]byte("abc")), ring: make([]byte, 10)}
	io.ReadAll(rb)
	if got := string(rb.bytes()); got != "abc" {
		t.Errorf("kept %q, want abc", got)
	}
}

// chunked gives data n bytes a Read.
type chunked struct {
	data []byte
	n    int
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.n)], c.data)
	c.data = c.data[n:]
	return n, nil
}
