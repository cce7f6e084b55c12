package analyze

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Mention is a date the text of an article refers to: a day, a month or a
// year; or, when the text gives a day and month without a year and the
// article has no publication date, a partial date (Year 0).
type Mention struct {
	// Start and End are the byte offsets of the words it comes from.
	Start, End int
	// Month and Day are 0 for a year, Day for a month.
	Year, Month, Day int
}

// String writes the mention as 2017-09-15, 2017-09, 2014 or --09-15.
func (m Mention) String() string {
	switch {
	case m.Year == 0:
		return fmt.Sprintf("--%02d-%02d", m.Month, m.Day)
	case m.Month == 0:
		return fmt.Sprintf("%04d", m.Year)
	case m.Day == 0:
		return fmt.Sprintf("%04d-%02d", m.Year, m.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", m.Year, m.Month, m.Day)
}

// A token is a word, a number or a punctuation mark of the text.
type token struct {
	start, end int
	isWord     bool // a run of letters (extractor.word folds it)
	num        int  // for numbers
	digits     int  // for numbers: how many digits; 0 for other tokens
	punct      rune // for punctuation
	spaceAfter bool // white space follows
}

func (t token) isNum() bool { return t.digits > 0 }

// quickFold is Fold for a word: lower-case ASCII words and Arabic words
// with nothing to fold are returned as they are (most words of a text);
// the others foldInto can fold are folded by it, and the rest by Fold.
func quickFold(w string) string {
	ascii, arabic, upper := true, true, false
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			arabic = false
			upper = upper || 'A' <= c && c <= 'Z'
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(w[i:])
		// Arabic letters that Fold leaves: not أ إ آ (0x622-0x625 but
		// ؤ 0x624), ى (0x649), ة (0x629), nor marks and tatweel.
		if r < 0x621 || r > 0x64a || r == 0x622 || r == 0x623 || r == 0x625 || r == 0x629 || r == 0x649 || r == 0x640 {
			arabic = false
		}
		i += size
	}
	switch {
	case ascii && !upper, arabic:
		return w
	case ascii:
		return strings.ToLower(w)
	}
	var buf [64]byte
	if n, ok := foldInto(&buf, w); ok {
		return string(buf[:n])
	}
	return Fold(w)
}

// tokenize splits text into words, numbers (ASCII, Arabic-Indic or Persian
// digits) and punctuation marks, with their byte offsets.
func tokenize(toks []token, text string) []token {
	i := 0
	for i < len(text) {
		r, size := decodeRune(text, i)
		switch {
		case digitValue(r) >= 0:
			t := token{start: i}
			for i < len(text) {
				r, size := decodeRune(text, i)
				d := digitValue(r)
				if d < 0 {
					break
				}
				if t.digits < 9 {
					t.num = t.num*10 + d
				}
				t.digits++
				i += size
			}
			t.end = i
			toks = append(toks, t)
		case isWordRune(r): // a letter or mark (digits are above)
			t := token{start: i}
			for i < len(text) {
				r, size := decodeRune(text, i)
				if !(isWordRune(r) || r == '\'' || r == '’') || digitValue(r) >= 0 {
					break
				}
				i += size
			}
			t.end = i
			t.isWord = true
			toks = append(toks, t)
		case unicode.IsSpace(r): // no space is a word rune or a digit
			if len(toks) > 0 {
				toks[len(toks)-1].spaceAfter = true
			}
			i += size
		default:
			toks = append(toks, token{start: i, end: i + size, punct: r})
			i += size
		}
	}
	return toks
}

// digitValue returns the value of an ASCII, Arabic-Indic or Persian digit,
// or -1.
func digitValue(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case '٠' <= r && r <= '٩':
		return int(r - '٠')
	case '۰' <= r && r <= '۹':
		return int(r - '۰')
	}
	return -1
}

// Folded words the extractor compares with (loadWords makes them).
var (
	wTen, wTheYear, wDay, wToday, wYesterday, wNeed, wFirst, wFirst2, wCorresponding string
)

// Words of the extractor, folded (loadWords makes them).
var (
	hijriMonths map[string]bool
	yearCues    map[string]bool
	pastWords   map[string]bool
	nextWords   map[string]bool
	thisMonth   map[string]bool
	dayConnect  map[string]bool
	rangeWords  map[string]bool
	notYearNext map[string]bool
	notYearPrev map[string]bool
	ordinals    map[string]int
)

func foldedSet(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[Fold(w)] = true
	}
	return m
}

// weekdayNumbers maps folded weekday names (without a clitic) to Go's
// weekday.
var weekdayNumbers map[string]time.Weekday

// lookup finds w, or w without a one-letter clitic (و ب ل ف), in m.
func lookup[V any](m map[string]V, w string) (V, bool) {
	if v, ok := m[w]; ok {
		return v, true
	}
	for _, c := range []string{"و", "ب", "ل", "ف"} {
		if rest, ok := strings.CutPrefix(w, c); ok && len(rest) > 2 {
			if v, ok := m[rest]; ok {
				return v, true
			}
		}
	}
	var zero V
	return zero, false
}

// extractor holds the state of one Mentions call.
type extractor struct {
	text      string
	toks      []token
	published time.Time // zero when the article has none
	used      []bool    // tokens already part of a mention
	folded    []*string // words folded so far (see word)
	out       []Mention
	hint      []span // the analyzer's words of text, or none
}

// extractors keeps extractors for reuse: their slices, a token a word of
// the text, are most of what Mentions allocates.
var extractors = sync.Pool{New: func() any { return new(extractor) }}

// Mentions returns the dates text refers to, in order: days and months
// named with their month (in English, French or any of the three Arabic
// families, double forms such as أيلول/سبتمبر counting once), numeric
// dates, years, and, given the publication date, relative days (today,
// yesterday, a weekday, "last Monday"), which resolve against it. A day and
// month without a year is the latest such day not after publication, or a
// partial date when the article has none. Hijri dates are not read.
func Mentions(text string, published time.Time) []Mention {
	return MentionsHinted(text, published, Hint{})
}

// MentionsHinted is Mentions with what an Analyzer learnt of text's words
// (Analyzer.Hint, just after its Tokens on text): the same mentions, found
// sooner.
func MentionsHinted(text string, published time.Time, h Hint) []Mention {
	loadWords()
	e := extractors.Get().(*extractor)
	defer func() {
		if cap(e.toks) <= 1<<16 { // an article, not a book: keep for reuse
			e.text, e.out = "", nil
			clear(e.folded) // they point into the text
			extractors.Put(e)
		}
	}()
	*e = extractor{text: text, toks: tokenize(e.toks[:0], text), published: published,
		used: e.used[:0], folded: e.folded[:0], hint: h.words}
	e.used = append(e.used, make([]bool, len(e.toks))...)
	e.folded = append(e.folded, make([]*string, len(e.toks))...)
	// The forms a mention takes, tried in this order at each token.
	readers := []func(i int) int{e.dayMonth, e.monthFirst, e.numeric, e.relative, e.year}
	for i := 0; i < len(e.toks); i++ {
		// A mention starts with a number or a word of starters: most
		// words are neither.
		if e.used[i] || !e.toks[i].isNum() && !e.isStarter(i) {
			continue
		}
		for _, read := range readers {
			if n := read(i); n > 0 {
				i += n - 1
				break
			}
		}
	}
	return e.out
}

func (e *extractor) tok(i int) token {
	if i < 0 || i >= len(e.toks) {
		return token{start: -1}
	}
	return e.toks[i]
}

// word returns token i folded, or "" when it is not a word. Words are
// folded when first asked for: most never are.
func (e *extractor) word(i int) string {
	if i < 0 || i >= len(e.toks) || !e.toks[i].isWord {
		return ""
	}
	if e.folded[i] == nil {
		w := quickFold(e.text[e.toks[i].start:e.toks[i].end])
		e.folded[i] = &w
	}
	return *e.folded[i]
}

// isStarter reports whether token i is a word a mention can start with,
// folding it on the stack when it can.
func (e *extractor) isStarter(i int) bool {
	t := e.toks[i]
	if !t.isWord {
		return false
	}
	// The analyzer's words are runs of letters, marks and digits: one
	// with the same ends as the token is the same word, and the analyzer
	// has told whether it is a starter. (Where they differ, a token with
	// an apostrophe or next to digits, the word is looked at here.)
	// isStarter is asked of the tokens in order: the hint is walked once.
	for len(e.hint) > 0 && e.hint[0].start < t.start {
		e.hint = e.hint[1:]
	}
	if len(e.hint) > 0 && e.hint[0].start == t.start && e.hint[0].end == t.end {
		return e.hint[0].starter
	}
	return starterWord(e.text[t.start:t.end])
}

// starterWord reports whether a mention may start with the word w.
func starterWord(w string) bool {
	loadWords()
	var buf [64]byte
	if n, ok := foldInto(&buf, w); ok {
		return starters[string(buf[:n])] // no allocation for the lookup
	}
	return starter(quickFold(w))
}

// foldInto writes Fold(w) into buf for the words it can fold without
// Fold: ASCII letters (lower-cased) and the basic Arabic letters with
// harakat and tatweel (dropped), hamza'd alefs, alef maqsura and ta
// marbuta (folded). ok is false for any other word, or a longer one.
func foldInto(buf *[64]byte, w string) (n int, ok bool) {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if n >= len(buf) {
				return 0, false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			} else if c < 'a' || c > 'z' {
				return 0, false
			}
			buf[n] = c
			n++
			i++
			continue
		}
		r, size := decodeRune(w, i)
		i += size
		switch {
		case r >= 0x64b && r <= 0x652 || r == 0x640 || r == 0x670:
			continue // harakat, tatweel, superscript alef
		case r == 0x622 || r == 0x623 || r == 0x625 || r == 0x671:
			r = 'ا'
		case r == 0x649:
			r = 'ي'
		case r == 0x629:
			r = 'ه'
		case r < 0x621 || r > 0x64a:
			return 0, false
		}
		if n+2 > len(buf) {
			return 0, false
		}
		buf[n], buf[n+1] = 0xc0|byte(r>>6), 0x80|byte(r&0x3f) // 0x621-0x64a take two bytes
		n += 2
	}
	return n, n > 0
}

func (e *extractor) emit(from, to int, y, m, d int) {
	for k := from; k < to && k < len(e.toks); k++ {
		e.used[k] = true
	}
	e.out = append(e.out, Mention{Start: e.toks[from].start, End: e.toks[to-1].end, Year: y, Month: m, Day: d})
}

// monthAt reads a month name at i, with a double form after it (أيلول/
// سبتمبر, آب (أغسطس), إبريل نيسان, حزيران - يونيو), and returns the month
// and the tokens it takes.
func (e *extractor) monthAt(i int) (int, int) {
	w := e.word(i)
	if w == "" {
		return 0, 0
	}
	m, n := e.monthName(i)
	if m == 0 {
		return 0, 0
	}
	j := i + n
	// A second name of the same month.
	k := j
	open := false
	if p := e.tok(k).punct; p == '/' || p == '-' || p == '(' || p == '–' {
		open = p == '('
		k++
	}
	if m2, n2 := e.monthName(k); m2 == m {
		j = k + n2
		if open && e.tok(j).punct == ')' {
			j++
		}
	} else if v, ok := lookup(monthNames, e.word(k)); ok && v == m {
		j = k + 1
		if open && e.tok(j).punct == ')' {
			j++
		}
	}
	if j == i+n && ambiguousMonth[w] {
		// "may", "mars", "اب" are words too: a month only beside a day
		// or a year.
		if !e.tok(i-1).isNum() && !dayConnect[e.word(i-1)] && !e.tok(j).isNum() && !e.tok(j+1).isNum() {
			return 0, 0
		}
	}
	return m, j - i
}

// ambiguousMonth are month names that are also common words.
var ambiguousMonth map[string]bool

// monthName reads a month name of one or two words at i (كانون الثاني),
// with a one-letter clitic (وأغسطس), or a French or English abbreviation
// with its dot.
func (e *extractor) monthName(i int) (int, int) {
	w := e.word(i)
	if w == "" {
		return 0, 0
	}
	if first, ok := lookup(twoWordMonths, w); ok && first {
		base := w
		if !twoWordMonths[w] { // وكانون: without its clitic
			for _, c := range []string{"و", "ب", "ل", "ف"} {
				if rest, ok := strings.CutPrefix(w, c); ok && twoWordMonths[rest] {
					base = rest
				}
			}
		}
		if m, ok := monthNames[base+" "+e.word(i+1)]; ok {
			return m, 2
		}
	}
	if m, ok := lookup(monthNames, w); ok {
		return m, 1
	}
	return 0, 0
}

// starters are the words a mention can start with, with and without a
// one-letter clitic: month and weekday names, ordinal days, and the words
// of relative days.
var starters map[string]bool

func starter(w string) bool { return w != "" && starters[w] }

// twoWordMonths are the first words of two-word month names.
var twoWordMonths map[string]bool

// yearAt reads a year after a date at i: "2014", "عام 2014", "2015م",
// ", 2001"; it returns the year, the tokens it takes, and whether the
// year is Hijri (then the whole date is not read).
func (e *extractor) yearAt(i int) (year, n int, hijri bool) {
	k := i
	if e.tok(k).punct == ',' {
		k++
	}
	if e.word(k) == "من" && yearCues[e.word(k+1)] {
		k += 2
	} else if yearCues[e.word(k)] {
		k++
	}
	t := e.tok(k)
	if !t.isNum() || t.digits != 4 {
		return 0, 0, false
	}
	k++
	if w := e.word(k); w == "ه" || w == "هـ" {
		return t.num, k + 1 - i, true
	}
	if e.word(k) == "م" {
		k++
	}
	return t.num, k - i, false
}

// dayAt reads a day at i: 1 to 31, or an ordinal word (الرابع), or 1er.
func (e *extractor) dayAt(i int) (day, n int) {
	t := e.tok(i)
	if t.isNum() && t.digits <= 2 && t.num >= 1 && t.num <= 31 {
		n = 1
		if w := e.word(i + 1); !t.spaceAfter && (w == "er" || w == "st" || w == "nd" || w == "rd" || w == "th" || w == "e") {
			n = 2
		}
		return t.num, n
	}
	w := e.word(i)
	if w != "" && e.word(i+1) == wTen {
		if d, ok := ordinals[w+" "+wTen]; ok {
			return d, 2
		}
	}
	if d, ok := ordinals[w]; ok {
		return d, 1
	}
	return 0, 0
}

// dayMonth reads DAY [من] MONTH [YEAR] [modifier], with a range before it
// (3-5 December, 7 إلى 11 جوان, du 4 au 8 juillet).
func (e *extractor) dayMonth(i int) int {
	d, n := e.dayAt(i)
	if d == 0 {
		return 0
	}
	j := i + n
	if dayConnect[e.word(j)] || e.tok(j).punct == '-' {
		j++
	}
	m, mn := e.monthAt(j)
	if m == 0 {
		return 0
	}
	if !e.tok(i).isNum() && e.word(i+n) != "من" && e.word(i+n) != "de" {
		return 0 // an ordinal needs من: الرابع من أيار
	}
	j += mn
	y, yn, hijri := e.yearAt(j)
	if hijri {
		e.markUsed(i, j+yn)
		return j + yn - i
	}
	j += yn
	end := j
	var rel string
	switch w := e.word(j); {
	case y != 0:
	case pastWords[w]:
		rel, end = "past", j+1
	case nextWords[w]:
		rel, end = "next", j+1
	case thisMonth[w]:
		rel, end = "this", j+1
	case w == wTheYear && pastWords[e.word(j+1)]:
		rel, end = "lastyear", j+2
	}
	if y == 0 {
		y = e.resolveYear(m, d, rel)
	}
	// A range before the day: 7 إلى 11, 3-5, du 4 au 8.
	if k := i - 1; k >= 1 && (rangeWords[e.word(k)] || e.tok(k).punct == '-') && !e.used[k-1] {
		if d0, _ := e.dayAt(k - 1); d0 > 0 && d0 < d && e.tok(k-1).isNum() {
			e.emit(k-1, k, y, m, d0)
		}
	}
	e.emit(i, end, y, m, d)
	return end - i
}

// resolveYear gives a day and month without a year its year: the latest
// such day not after publication (strictly before with rel "past", after
// with "next"), the publication year with "this", the year before with
// "lastyear"; 0 (a partial date) without a publication date.
func (e *extractor) resolveYear(m, d int, rel string) int {
	if e.published.IsZero() {
		return 0
	}
	p := e.published
	y := p.Year()
	switch rel {
	case "this":
		return y
	case "lastyear":
		return y - 1
	case "next":
		if time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).After(p) {
			return y
		}
		return y + 1
	case "past":
		if time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Before(p) {
			return y
		}
		return y - 1
	}
	if !time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).After(p) {
		return y
	}
	return y - 1
}

func (e *extractor) markUsed(from, to int) {
	for k := from; k < to && k < len(e.toks); k++ {
		e.used[k] = true
	}
}

// monthFirst reads MONTH DAY[, YEAR] (June 6, 1944; Feb. 24; Sept. 17-23)
// in Latin script, and MONTH YEAR (يونيو 2013, juillet 2017) in any.
func (e *extractor) monthFirst(i int) int {
	m, mn := e.monthAt(i)
	if m == 0 {
		return 0
	}
	j := i + mn
	if e.tok(j).punct == '.' {
		j++
	}
	latin := e.word(i) != "" && e.word(i)[0] < 0x80
	if d, dn := e.dayAt(j); latin && d > 0 && e.tok(j).isNum() {
		k := j + dn
		// Sept. 17-23: a range.
		var d2 int
		if e.tok(k).punct == '-' {
			if d2, _ = e.dayAt(k + 1); d2 > d {
				k += 2
			} else {
				d2 = 0
			}
		}
		y, yn, hijri := e.yearAt(k)
		if hijri {
			return 0
		}
		if y == 0 {
			y = e.resolveYear(m, d, "")
		}
		e.emit(i, k+yn, y, m, d)
		if d2 > 0 {
			e.out = append(e.out, Mention{Start: e.toks[i].start, End: e.toks[k-1].end, Year: y, Month: m, Day: d2})
		}
		return k + yn - i
	}
	k := j
	if e.word(k) == "من" && yearCues[e.word(k+1)] {
		k += 2
	} else if yearCues[e.word(k)] && e.word(k) != "in" {
		k++
	}
	// Between August and November 2001: the first month takes the year of
	// the second.
	if w := e.word(k); w == "and" || w == "to" || w == "et" || w == "au" || w == "و" || rangeWords[w] || e.tok(k).punct == '-' {
		if m2, n2 := e.monthAt(k + 1); m2 > 0 {
			if t := e.tok(k + 1 + n2); t.isNum() && t.digits == 4 {
				e.emit(i, j, t.num, m, 0)
				return j - i
			}
		}
	}
	if t := e.tok(k); t.isNum() && t.digits == 4 {
		if w := e.word(k + 1); w == "ه" {
			return 0
		}
		end := k + 1
		if e.word(end) == "م" {
			end++
		}
		e.emit(i, end, t.num, m, 0)
		return end - i
	}
	return 0
}

// numeric reads d/m/yyyy, day first; Hijri years (1300-1500) are left.
func (e *extractor) numeric(i int) int {
	a, s1, b, s2, c := e.tok(i), e.tok(i+1), e.tok(i+2), e.tok(i+3), e.tok(i+4)
	if !(a.isNum() && b.isNum() && c.isNum() && s1.punct == '/' && s2.punct == '/') {
		return 0
	}
	if c.digits != 4 || c.num < 1600 || a.num < 1 || a.num > 31 || b.num < 1 || b.num > 12 {
		e.markUsed(i, i+5) // 1431/5/18, 3/10/1436هـ: not Gregorian
		return 5
	}
	e.emit(i, i+5, c.num, b.num, a.num)
	return 5
}

// relative reads today, yesterday and weekdays, resolved against the
// publication date.
func (e *extractor) relative(i int) int {
	w := e.word(i)
	if w == "" {
		return 0
	}
	j := i
	if w == wDay {
		j++
		w = e.word(j)
	}
	offset, n := 0, 0
	switch {
	case w == wToday || w == "today" || w == "aujourd'hui" || w == "aujourd’hui":
		if _, ok := weekdayNumbers[e.word(j+1)]; !ok && strings.HasPrefix(e.word(j+1), "ال") {
			return 0 // اليوم الوطني, اليوم التالي
		}
		offset, n = 0, 1
	case w == wYesterday || w == "امس" || w == "yesterday" || w == "hier":
		if e.word(j+1) == wNeed {
			return 0
		}
		offset, n = -1, 1
		if e.word(j+1) == wFirst {
			offset, n = -2, 2
		}
	case w == wFirst2 && e.word(j+1) == "من" && e.word(j+2) == wYesterday:
		offset, n = -2, 3
	case w == "avant-hier":
		offset, n = -2, 1
	}
	if n > 0 {
		end := j + n
		// اليوم الاثنين, أمس (السبت): one mention.
		k := end
		if e.tok(k).punct == '(' {
			k++
		}
		if _, ok := lookup(weekdayNumbers, e.word(k)); ok {
			end = k + 1
			if e.tok(end).punct == ')' {
				end++
			}
		}
		if e.published.IsZero() {
			e.markUsed(i, end)
			return end - i
		}
		d := e.published.AddDate(0, 0, offset)
		e.emit(i, end, d.Year(), int(d.Month()), d.Day())
		return end - i
	}
	wd, ok := lookup(weekdayNumbers, w)
	if !ok {
		return 0
	}
	if first := e.text[e.toks[j].start]; w[0] < 0x80 && !isFrenchDay(w) && 'a' <= first && first <= 'z' {
		return 0 // an English weekday is written with a capital
	}
	end := j + 1
	// A weekday before a date belongs to it: الخميس 23 رمضان, Friday, 25
	// February, يوم الخميس الماضي 30 يوليو.
	k := end
	if pastWords[e.word(k)] || nextWords[e.word(k)] {
		if d, dn := e.dayAt(k + 1); d > 0 {
			if m, _ := e.monthAt(k + 1 + dn); m > 0 {
				k++
			}
		}
	}
	if e.tok(k).punct == ',' {
		k++
	}
	if e.word(k) == wCorresponding {
		k++
	}
	if d, dn := e.dayAt(k); d > 0 {
		if hm, _ := lookup(hijriMonths, e.word(k+dn)); hm {
			e.markUsed(i, k+dn+1)
			return k + dn + 1 - i
		}
		if m, _ := e.monthAt(k + dn); m > 0 {
			if n := e.dayMonth(k); n > 0 {
				e.markUsed(i, k)
				return k + n - i
			}
		}
		if e.numeric(k) > 0 {
			e.markUsed(i, k)
			return k + 5 - i
		}
	}
	rel := ""
	switch nw := e.word(end); {
	case pastWords[nw]:
		rel, end = "past", end+1
	case nextWords[nw]:
		rel, end = "next", end+1
	}
	if rel == "" && i > 0 && (e.word(i-1) == "last" || e.word(i-1) == "next") {
		rel = e.word(i - 1)
		if rel == "last" {
			rel = "past"
		}
		i--
	}
	if e.published.IsZero() {
		e.markUsed(i, end)
		return end - i
	}
	p := e.published
	diff := (int(p.Weekday()) - int(wd) + 7) % 7 // days back to the latest such day
	var d time.Time
	switch rel {
	case "past":
		if diff == 0 {
			diff = 7
		}
		d = p.AddDate(0, 0, -diff)
	case "next":
		ahead := (int(wd) - int(p.Weekday()) + 7) % 7
		if ahead == 0 {
			ahead = 7
		}
		d = p.AddDate(0, 0, ahead)
	default:
		d = p.AddDate(0, 0, -diff)
	}
	e.emit(i, end, d.Year(), int(d.Month()), d.Day())
	return end - i
}

func isFrenchDay(w string) bool {
	switch w {
	case "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche":
		return true
	}
	return false
}

// year reads a four-digit year, with its span (2015/2016, 2006/07,
// 2007-13); numbers that count, measure or name things are left.
func (e *extractor) year(i int) int {
	t := e.tok(i)
	if !t.isNum() || t.digits != 4 || t.num < 1800 || t.num > 2100 {
		return 0
	}
	prev, next := e.tok(i-1), e.tok(i+1)
	// Part of a larger number: 4,365,980 or 2.015 or 1 500.
	if (prev.punct == ',' || prev.punct == '.') && !prev.spaceAfter && e.tok(i-2).isNum() ||
		(next.punct == ',' || next.punct == '.' || next.punct == ':') && !t.spaceAfter && e.tok(i+2).isNum() && !next.spaceAfter {
		return 0
	}
	if notYearPrev[e.word(i-1)] || prev.punct == '$' || prev.punct == '#' {
		return 0
	}
	nw := e.word(i + 1)
	if w := nw; w == "ه" || w == "هـ" {
		return 0
	}
	if _, ok := lookup(notYearNext, nw); ok {
		return 0
	}
	if nw == "" && next.punct == '/' && e.tok(i+2).isNum() && e.tok(i+2).digits == 4 && e.tok(i+2).num >= 1300 && e.tok(i+2).num < 1500 {
		// 2015/1436: the Gregorian year of a pair.
		e.emit(i, i+1, t.num, 0, 0)
		e.markUsed(i, i+3)
		return 3
	}
	end := i + 1
	if nw == "م" {
		end++
	}
	start := i
	if yearCues[e.word(i-1)] && !e.used[i-1] {
		start = i - 1 // the words include the cue: العام 2014, in 2014
	}
	e.emit(start, end, t.num, 0, 0)
	// The other end of a span.
	if p := e.tok(end).punct; p == '/' || p == '-' || p == '–' {
		if u := e.tok(end + 1); u.isNum() && (u.digits == 4 && u.num > t.num && u.num <= 2100 || u.digits == 2) {
			y2 := u.num
			if u.digits == 2 {
				y2 = t.num/100*100 + u.num
			}
			if y2 > t.num {
				e.emit(end+1, end+2, y2, 0, 0)
				return end + 2 - i
			}
		}
	}
	return end - i
}
