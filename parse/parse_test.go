package parse

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"arshif/article"
)

const seedPath = "../testdata/seed/000_6ddd29a30fd94c1d.txt"

func TestSeed(t *testing.T) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Text("seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "التحالف: أكثر من 400 مقاتل أميركي يعودون من الرقة"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
	paras := a.Paragraphs()
	if len(paras) != 14 {
		t.Errorf("got %d paragraphs, want 14:\n%s", len(paras), strings.Join(paras, "\n---\n"))
	}
	if want := "#التحالف_الدولي بقيادة #واشنطن أن أكثر من 400 مقاتل من قوات مشاة #البحرية_الأميركية سيعودون قريباً إلى بلادهم بعد دعمهم قوات سوريا الديمقراطية في طرد تنظيم #داعش من مدينة #الرقة في شمال سوريا."; paras[0] != want {
		t.Errorf("first paragraph = %q, want %q", paras[0], want)
	}
	if want := "وأوضح التحالف أنه \"لن يتم إرسال وحدة بديلة\"."; paras[3] != want {
		t.Errorf("fourth paragraph = %q, want %q", paras[3], want)
	}
	for i, p := range paras {
		if strings.Contains(p, "., ") {
			t.Errorf("paragraph %d still holds a joint: %q", i+1, p)
		}
	}
	wantTags := []string{"التحالف الدولي", "واشنطن", "البحرية الأميركية", "داعش", "الرقة", "سوريا", "تركيا", "البيت الأبيض"}
	if !reflect.DeepEqual(a.Tags, wantTags) {
		t.Errorf("tags = %q, want %q", a.Tags, wantTags)
	}
	if a.Published.IsZero() == false {
		t.Errorf("seed has no date, got %v", a.Published)
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"blank lines", "One.\n\nTwo\nwrapped.\n\n\nThree.", []string{"One.", "Two wrapped.", "Three."}},
		{"lines", "One.\nTwo.\r\nThree.", []string{"One.", "Two.", "Three."}},
		{"joined", "First one., Second one., Third.", []string{"First one.", "Second one.", "Third."}},
		{"joined by other spaces", "One.,\u00a0 Two.,\tThree . , four.,, five.,", []string{"One.", "Two.", "Three . , four.,, five.,"}},
		{"joined after a split", "Alpha., Beta.,\nR-Mich., next., y. ,z", []string{"Alpha.", "Beta.,", "R-Mich., next.", "y. ,z"}},
		{"abbreviations", "In the U.S., Britain etc., and Mr., no split.", []string{"In the U.S., Britain etc., and Mr., no split."}},
		{"company and party abbreviations", "PayPerAction LLC., Leadplex and Warner Bros., HBO; Rep. Fred Upton, R-Mich., an 18-term moderate", []string{"PayPerAction LLC., Leadplex and Warner Bros., HBO; Rep. Fred Upton, R-Mich., an 18-term moderate"}},
		{"party letter needs its own word", "in Sochi-Mich., Next", []string{"in Sochi-Mich.", "Next"}},
		{"single letter", "Plan B., then C.", []string{"Plan B., then C."}},
		{"controls", "a\x00b\x07c\tdone", []string{"abc done"}},
		{"leading blank", "\n\nOnly.\nTwo.", []string{"Only.", "Two."}},
		{"empty", " \n \n", nil},
	}
	for _, tt := range tests {
		if got := referenceParagraphs(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: referenceParagraphs(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
		if got, want := CleanBody(tt.in), strings.Join(tt.want, article.ParagraphSep); got != want {
			t.Errorf("%s: CleanBody(%q) = %q, want %q", tt.name, tt.in, got, want)
		}
	}
}

// referenceParagraphs is what CleanBody does, written plainly, one step
// after the other: the fuzzer compares the two.
func referenceParagraphs(s string) []string {
	s = strings.TrimSpace(cleanControl(s))
	var blocks []string
	lines := strings.Split(s, "\n")
	if slices.ContainsFunc(lines, func(l string) bool { return strings.TrimSpace(l) == "" }) && s != "" {
		var cur []string
		for _, line := range append(lines, "") {
			if strings.TrimSpace(line) != "" {
				cur = append(cur, line)
			} else if len(cur) > 0 {
				blocks = append(blocks, strings.Join(cur, " "))
				cur = nil
			}
		}
	} else {
		blocks = lines
	}
	var paras []string
	for _, b := range blocks {
		line := cleanLine(b)
		start := 0
		for i := 0; i+2 < len(line); i++ {
			if line[i] == '.' && line[i+1] == ',' && line[i+2] == ' ' && !abbreviationBefore(line[start:i]) {
				paras = append(paras, cleanLine(line[start:i+1]))
				start = i + 2
			}
		}
		if p := cleanLine(line[start:]); p != "" {
			paras = append(paras, p)
		}
	}
	return paras
}

func FuzzCleanBody(f *testing.F) {
	f.Add("First., Second.\n\nThird")
	f.Add("a\r\nb\x00c")
	f.Add("One paragraph.\n\nTwo, and #tags.")
	f.Add("\r\n\ufeff text \u0085")
	f.Add("A., B.,\nR-Mich., x., y. ,z.,\u00a0w")
	f.Fuzz(func(t *testing.T, s string) {
		once := CleanBody(s)
		if want := strings.Join(referenceParagraphs(s), article.ParagraphSep); once != want {
			t.Errorf("CleanBody(%q) = %q, the reference makes %q", s, once, want)
		}
		if twice := CleanBody(once); twice != once {
			t.Errorf("CleanBody is not idempotent: %q -> %q -> %q", s, once, twice)
		}
		if i := controlAt(once); i >= 0 || strings.Contains(once, "\r") {
			t.Errorf("control character kept: %q", once)
		}
	})
}

func TestTidyBody(t *testing.T) {
	tidy := []string{"", "one line", "فقرة أولى.\n\nفقرة ثانية", "U.S. and etc. stay"}
	untidy := []string{" lead", "trail ", "two  spaces", "a\nb", "a\n\n\nb", "a\n\n", "\n\na",
		"tab\there", "nbsp\u00a0here", "em\u2003space",
		"joined., paragraphs", "cr\r", "nul\x00"}
	for _, s := range tidy {
		if !tidyBody(s) {
			t.Errorf("tidyBody(%q) = false", s)
		}
		if got := CleanBody(s); got != s {
			t.Errorf("CleanBody(%q) = %q", s, got)
		}
	}
	for _, s := range untidy {
		if tidyBody(s) {
			t.Errorf("tidyBody(%q) = true", s)
		}
	}
}

func TestHashtags(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"#التحالف_الدولي بقيادة #واشنطن", []string{"التحالف الدولي", "واشنطن"}},
		{"#a_b_ and #a_b again", []string{"a b"}},
		{"see http://x.org/#frag and &#1234; and a#b", nil},
		{"#2017 is a number, (#Syria) is a tag", []string{"Syria"}},
		{"#", nil},
		// CSS colours left in scraped text are not tags; words of hex
		// letters in prose are.
		{"zbackground: #FFFFFF; color: #7b7a7a; from(#eee), to(#f8f8f8); border: 1px #ccc", nil},
		{"seriesColors:['#449EC0', '#E5983C'] and a #fff text", nil},
		{"Colour #A1B2C3, #Election_2017 and #cafe culture, #beef", []string{"Election 2017", "cafe", "beef"}},
		{"background:#abcdef", nil},
		{".box { zborder-left: #abc; color: #beef }", nil},
		// Planes and codes in prose are tags.
		{"Emirates takes its 100th #A380 and Egypt buys #F16 jets; #B52 bombers fly. Breaking: #Beef", []string{"A380", "F16", "B52", "Beef"}},
	}
	for _, tt := range tests {
		if got := Hashtags(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Hashtags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHashtagTag(t *testing.T) {
	for in, want := range map[string]string{
		"#التحالف_الدولي": "التحالف الدولي",
		"التحالف_الدولي":  "التحالف الدولي",
		" #Syria ":        "Syria",
		"world news":      "world news",
		"__a__b_":         "a b",
	} {
		if got := HashtagTag(in); got != want {
			t.Errorf("HashtagTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		in, want string
		day      string
	}{
		{"2015-07-21 02:51:32", "2015-07-21T02:51:32", "2015-07-21"},
		{"2022-09-23", "2022-09-23", "2022-09-23"},
		{"2017-10-17T23:30:00+03:00", "2017-10-17T23:30:00+03:00", "2017-10-17"},
		{"2017-10-17T23:30:00Z", "2017-10-17T23:30:00Z", "2017-10-17"},
		{"2017-10-17T23:30:00.123-05:00", "2017-10-17T23:30:00-05:00", "2017-10-17"},
		{"2017-10-17T23:30", "2017-10-17T23:30:00", "2017-10-17"},
		{"Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18T21:35:43+04:00", "2018-02-18"},
		{"Sun, 18 Feb 2018 21:35:43 GMT", "2018-02-18T21:35:43Z", "2018-02-18"},
	}
	for _, tt := range tests {
		got, err := Date(tt.in)
		if err != nil {
			t.Errorf("Date(%q): %v", tt.in, err)
			continue
		}
		if got.String() != tt.want || got.Day() != tt.day {
			t.Errorf("Date(%q) = %s (day %s), want %s (day %s)", tt.in, got, got.Day(), tt.want, tt.day)
		}
		back, err := article.ParseTimestamp(got.String())
		if err != nil || back.String() != got.String() {
			t.Errorf("round trip of %s: %s, %v", got, back, err)
		}
	}
	for _, bad := range []string{"yesterday", "2017-13-01", "Sun, 18 Feb 2018 21:35:43 XYZ", ""} {
		if got, err := Date(bad); err == nil {
			t.Errorf("Date(%q) = %s, want an error", bad, got)
		}
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"2017", "2017-01-01", "2017-12-31"},
		{"2016-02", "2016-02-01", "2016-02-29"},
		{"2017-10-17", "2017-10-17", "2017-10-17"},
		{"٢٠١٧-١٠", "2017-10-01", "2017-10-31"},
		{"۲۰۱۵", "2015-01-01", "2015-12-31"},
	}
	for _, tt := range tests {
		first, last, err := Period(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := first.Format("2006-01-02") + " " + last.Format("2006-01-02"); got != tt.first+" "+tt.last {
			t.Errorf("Period(%q) = %s, want %s %s", tt.in, got, tt.first, tt.last)
		}
	}
	if _, _, err := Period("17/10/2017"); err == nil {
		t.Error("Period accepted 17/10/2017")
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", `[{"headline":"H1","content":"B1","link":"http://x/1","authors":["A","B"],"category":"POLITICS","date":"2022-09-23"},
		{"title":"","content":""}, "not an object", {"title":"H3","published":"someday"}]`)
	write("b.jsonl", "{\"title\":\"L1\"}\n{broken\n\n{\"title\":\"L4\",\"tags\":\"x, y\"}\n")
	write("sub/c.txt", "Title C\n\nBody #tag_one.")
	write("sub/.hidden.txt", "Hidden\n\nbody")
	write("sub/notes.md", "# not an article")
	write("sub/README.TXT", "About this collection\n\nNot an article.")
	write("empty.txt", "  \n")
	write("bin.txt", "\x89PNG\x00\x00")

	var got []string
	err := Walk(context.Background(), []string{dir}, Options{}, func(it Item) error {
		if it.Article != nil {
			a := it.Article
			got = append(got, strings.Join([]string{"A", strings.TrimPrefix(a.Origin, filepath.ToSlash(dir)+"/"), a.Title, a.Body, a.URL, a.Author, strings.Join(a.Tags, "|"), a.Published.String()}, " ; "))
		} else {
			p := it.Problem
			p.File = strings.TrimPrefix(p.File, filepath.ToSlash(dir)+"/")
			got = append(got, []string{"R", "N", "S"}[p.Severity]+" "+p.Error())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"A ; a.json#1 ; H1 ; B1 ; http://x/1 ; A, B ; POLITICS ; 2022-09-23",
		"R a.json: record 2: neither title nor body",
		"R a.json: record 3: wrong shape: expected an object, found string",
		`N a.json: record 4: date "someday": not a date arshif understands; the article is kept undated`,
		"A ; a.json#4 ; H3 ;  ;  ;  ;  ; ",
		"A ; b.jsonl:1 ; L1 ;  ;  ;  ;  ; ",
		"R b.jsonl:2: invalid JSON: invalid character 'b' looking for beginning of object key string",
		"A ; b.jsonl:4 ; L4 ;  ;  ;  ; x|y ; ",
		"R bin.txt: binary file, not text",
		"R empty.txt: empty file",
		"S sub/README.TXT: skipped: not an article file",
		"A ; sub/c.txt ; Title C ; Body #tag_one. ;  ;  ; tag one ; ",
		"S sub/notes.md: skipped: not an article file",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Walk gave\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWalkExplicitUnknown(t *testing.T) {
	name := filepath.Join(t.TempDir(), "data.xls")
	os.WriteFile(name, []byte("a,b\n"), 0o644)
	var problems []*Problem
	Walk(context.Background(), []string{name, filepath.Join(t.TempDir(), "missing.txt")}, Options{}, func(it Item) error {
		problems = append(problems, it.Problem)
		return nil
	})
	if len(problems) != 2 || !errors.Is(problems[0], ErrUnknownType) || problems[0].Severity != Rejected {
		t.Fatalf("problems = %v", problems)
	}
	if !errors.Is(problems[1], os.ErrNotExist) {
		t.Errorf("missing file: %v", problems[1])
	}
}

func FuzzText(f *testing.F) {
	data, _ := os.ReadFile(seedPath)
	f.Add(data)
	f.Add([]byte("Title\n\nBody #tag.\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Text("f.txt", data)
		if err != nil {
			return
		}
		if strings.ContainsAny(a.Title, "\n\r\x00") {
			t.Errorf("title holds a line break or NUL: %q", a.Title)
		}
		if CleanBody(a.Body) != a.Body {
			t.Errorf("body is not in clean form: %q", a.Body)
		}
	})
}

// FuzzJSON feeds the JSON, JSON Lines and CSV readers the same bytes.
func FuzzJSON(f *testing.F) {
	f.Add([]byte(`[{"title":"a","content":"b","tags":["x"],"date":"2017-10-17"}, 1, {}]`))
	f.Add([]byte(`{"headline":"h","authors":["a","b"]}`))
	f.Add([]byte("title;body\r\n\"a;b\";\"c\nd\"\r\n"))
	f.Add([]byte("title,body\nA,\"open\nB,b\nC,\"c\"\nD,5\",d\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w := walker{ctx: context.Background(), emit: func(it Item) error {
			if it.Article != nil && it.Article.Title == "" && it.Article.Body == "" {
				t.Errorf("an article with neither title nor body: %+v", it.Article)
			}
			if it.Problem != nil && it.Problem.Error() == "" {
				t.Error("a problem without a message")
			}
			return nil
		}}
		w.json("f.json", bytes.NewReader(data))
		w.jsonl("f.jsonl", bytes.NewReader(data))
		w.csv("f.csv", bytes.NewReader(data), 0)
	})
}

func FuzzDate(f *testing.F) {
	f.Add("2017-10-17T23:30:00+03:00")
	f.Add("Sun, 18 Feb 2018 21:35:43 GMT")
	f.Fuzz(func(t *testing.T, s string) {
		ts, err := Date(s)
		if err != nil {
			return
		}
		back, err := article.ParseTimestamp(ts.String())
		if err != nil || back.String() != ts.String() || back.Day() != ts.Day() {
			t.Errorf("Date(%q) = %s does not round-trip: %s, %v", s, ts, back, err)
		}
	})
}

func TestJSONLinesEdges(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "edges.jsonl")
	long := `{"title":"` + strings.Repeat("x", MaxRecord) + `"}`
	content := "\ufeff{\"title\":\"first\"}\n" + // a byte-order mark before line 1
		"{\"title\":\"\xc7\xe1\xd1\xde\xc9\"}\n" + // Windows-1256, not UTF-8
		long + "\n" +
		"{\"title\":\"last\"}\n"
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	Walk(context.Background(), []string{name}, Options{}, func(it Item) error {
		if it.Article != nil {
			got = append(got, it.Article.Title)
		} else {
			got = append(got, strings.TrimPrefix(it.Problem.Error(), filepath.ToSlash(dir)+"/"))
		}
		return nil
	})
	want := []string{"first", "edges.jsonl:2: not valid UTF-8 text (the file was read as UTF-8): its bytes look like Windows-1256 (Arabic); if the file is in that encoding, import it with --encoding windows-1256", "edges.jsonl:3: line longer than 16 MiB: not read", "last"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestCSV(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	files := []string{
		// Excel in an Arabic or French locale: BOM, semicolons, CRLF, a
		// quoted field with a line break, a doubled quote and a separator.
		write("excel.csv", "\ufeffHeadline;Content;Category;Date\r\n"+
			"\"الرقة\";\"سطر أول\r\n\r\nسطر ثان; مع \"\"اقتباس\"\"\";سوريا;2017-10-17\r\n"+
			"قصير;نص;;\r\n"+
			"ناقص;سطر\r\n"+
			"\"مفتوح;نص\r\n"),
		write("wire.tsv", "title\tbody\turl\nOne\tText one.\thttp://x/1\n"),
		write("noheader.csv", "a,b\n1,2\n"),
		write("empty.csv", ""),
	}
	var got []string
	Walk(context.Background(), files, Options{}, func(it Item) error {
		if a := it.Article; a != nil {
			got = append(got, strings.Join([]string{strings.TrimPrefix(a.Origin, filepath.ToSlash(dir)+"/"), a.Title, a.Body, strings.Join(a.Tags, "|"), a.Published.String(), a.URL}, " ; "))
		} else {
			got = append(got, strings.TrimPrefix(it.Problem.Error(), filepath.ToSlash(dir)+"/"))
		}
		return nil
	})
	want := []string{
		`excel.csv:2 ; الرقة ; سطر أول` + "\n\n" + `سطر ثان; مع "اقتباس" ; سوريا ; 2017-10-17 ; `,
		"excel.csv:5 ; قصير ; نص ;  ;  ; ",
		"excel.csv:6: wrong shape: 2 fields, the header has 4",
		`excel.csv:7: invalid CSV: extraneous or missing " in quoted-field`,
		"wire.tsv:2 ; One ; Text one. ;  ;  ; http://x/1",
		"noheader.csv:1: wrong shape: the header names no title or body column (found a, b); name them with --map title=COLUMN,body=COLUMN",
		"empty.csv: empty file",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSniffDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"title,body\n":         ',',
		"title;body;\"a,b,c\"": ';',
		"title\tbody\n":        '\t',
		"title|body|x\n":       '|',
		"title\n":              ',',
	} {
		if got := sniffDelimiter([]byte(in)); got != want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEncodings(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	utf16le := []byte{0xff, 0xfe}
	for _, r := range "عنوان\n\nنص عربي" {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	files := []string{
		// "الرقة" in Windows-1256.
		write("cp1256.txt", []byte("\xc7\xe1\xd1\xde\xc9\n\n\xe4\xd5 \xda\xd1\xc8\xed")),
		// BBC sport/199.txt has a bare Latin-1 pound sign.
		write("latin1.txt", []byte("Price\n\nIt cost \xa35m.")),
		write("utf16.txt", utf16le),
		write("cp1256.jsonl", []byte("{\"title\":\"\xc7\xe1\xd1\xde\xc9\"}\n")),
	}
	var got []string
	Walk(context.Background(), files, Options{}, func(it Item) error {
		if a := it.Article; a != nil {
			got = append(got, a.Title+" / "+a.Body)
		} else {
			got = append(got, strings.TrimPrefix(it.Problem.Error(), filepath.ToSlash(dir)+"/"))
		}
		return nil
	})
	want := []string{
		"cp1256.txt: not UTF-8: read as Windows-1256 (Arabic)", "الرقة / نص عربي",
		"latin1.txt: not UTF-8: read as Windows-1252 (Western European)", "Price / It cost £5m.",
		"utf16.txt: not UTF-8: read as UTF-16 (little-endian)", "عنوان / نص عربي",
		"cp1256.jsonl: not UTF-8: read as Windows-1256 (Arabic)", "الرقة / ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Forced, the encoding is not guessed.
	e, err := Encoding("windows-1252")
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	Walk(context.Background(), files[:1], Options{Encoding: e}, func(it Item) error {
		if it.Article != nil {
			got = append(got, it.Article.Title)
		}
		return nil
	})
	if want := []string{"ÇáÑÞÉ"}; !reflect.DeepEqual(got, want) {
		t.Errorf("forced windows-1252: %q, want %q", got, want)
	}
	if _, err := Encoding("klingon"); err == nil {
		t.Error("an unknown encoding was accepted")
	}

	// Forced UTF-8 is not a decoder that hides bad bytes as U+FFFD: the
	// record that has them is rejected, as when UTF-8 is sniffed.
	if e, err = Encoding("utf-8"); err != nil {
		t.Fatal(err)
	}
	mixed := writeFile(t, dir, "mixed.jsonl", []byte("{\"title\":\"ok\",\"body\":\"fine\"}\n{\"title\":\"caf\xe9\",\"body\":\"bad\"}\n"))
	got = nil
	Walk(context.Background(), []string{mixed}, Options{Encoding: e}, func(it Item) error {
		if it.Article != nil {
			got = append(got, it.Article.Title)
		} else if it.Problem != nil {
			got = append(got, strings.TrimPrefix(it.Problem.Error(), filepath.ToSlash(dir)+"/"))
		}
		return nil
	})
	if len(got) != 2 || got[0] != "ok" || !strings.HasPrefix(got[1], "mixed.jsonl:2: not valid UTF-8 text") {
		t.Errorf("forced utf-8: %q", got)
	}
}

func TestIsSpace(t *testing.T) {
	for r := rune(0); r < 0x3100; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v", r, isSpace(r))
		}
	}
}
