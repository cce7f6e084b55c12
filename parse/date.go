package parse

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"arshif/analyze"
	"arshif/article"
)

// dateLayouts are the publication-date forms read from metadata, each with
// the precision it carries.
var dateLayouts = []struct {
	layout      string
	clock, zone bool
}{
	{time.RFC3339Nano, true, true},
	{"2006-01-02T15:04:05.999999999Z0700", true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{"2006-01-02 15:04:05Z07:00", true, true},
	{"2006-01-02 15:04:05 -0700", true, true},
	{"2006-01-02 15:04:05 -0700 MST", true, true},
	{time.RFC1123Z, true, true},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true, true},
	{"2 Jan 2006 15:04:05 -0700", true, true},
	{time.RFC1123, true, true},
	{"Mon, 2 Jan 2006 15:04:05 MST", true, true},
	{"2006-01-02T15:04:05.999999999", true, false},
	{"2006-01-02T15:04", true, false},
	{"2006-01-02 15:04:05.999999999", true, false},
	{"2006-01-02 15:04", true, false},
	{"2006-01-02", false, false},
}

// DateOrder says how a numeric date whose first two numbers could each be
// the day or the month (03/04/2017) is read.
type DateOrder int

// Ways to read an ambiguous numeric date.
const (
	// EitherOrder reads only dates that are not ambiguous (17/10/2017,
	// 10/17/2017, 5/5/2017) and reports the others.
	EitherOrder DateOrder = iota
	// DayFirst reads 03/04/2017 as 3 April (most of the world).
	DayFirst
	// MonthFirst reads 03/04/2017 as 4 March (the United States).
	MonthFirst
)

// Date reads a publication date from metadata: DateIn with EitherOrder.
func Date(s string) (article.Timestamp, error) { return DateIn(s, EitherOrder) }

// DateIn reads a publication date from metadata. It understands ISO 8601
// and RFC 3339 with or without a time and offset, "YYYY-MM-DD hh:mm:ss",
// RFC 2822/1123 ("Sun, 18 Feb 2018 21:35:43 +0400", "... GMT"), numeric
// dates (d/m/yyyy, d-m-yyyy, d.m.yyyy, yyyy/m/d, with a time or not; order
// says which of an ambiguous day and month comes first), Unix time in
// seconds or milliseconds, and dates with the month's name in English,
// French or Arabic ("18 February 2018", "February 18, 2018", "18 février
// 2018", "الثلاثاء ١٥ أيلول/سبتمبر ٢٠١٧"). The result is as precise as the
// text: a date alone stays a date; a date without an offset is the day as
// written, whatever the zone.
func DateIn(s string, order DateOrder) (article.Timestamp, error) {
	s = strings.TrimSpace(s)
	// The layouts that start with the year need "YYYY-MM-DD" and the
	// others cannot take it: time.Parse is only tried where it may match
	// (each failure costs an error value).
	iso := len(s) >= 10 && s[4] == '-' && s[7] == '-'
	for _, l := range dateLayouts {
		if strings.HasPrefix(l.layout, "2006-") != iso || iso && len(l.layout) > 10 && len(s) > 10 && l.layout[10] != s[10] {
			continue
		}
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if strings.Contains(l.layout, "MST") && !strings.Contains(l.layout, "-07") {
			// Go gives an unknown zone name a zero offset: only names
			// that really mean UTC are trusted.
			if name, _ := t.Zone(); name != "UTC" && name != "GMT" && name != "UT" {
				return article.Timestamp{}, fmt.Errorf("date %q: unknown time zone %q", s, name)
			}
		}
		if !l.zone {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		return article.Timestamp{Time: t, Clock: l.clock, Zone: l.zone}, nil
	}
	folded := analyze.Fold(s) // Arabic-Indic digits become ASCII, letters lower case
	if ts, ok := unixDate(folded); ok {
		return ts, nil
	}
	if ts, ok, err := numericDate(folded, order); ok {
		if err != nil {
			return article.Timestamp{}, fmt.Errorf("date %q: %w", s, err)
		}
		return ts, nil
	}
	if ts, ok, err := namedDate(folded); ok {
		if err != nil {
			return article.Timestamp{}, fmt.Errorf("date %q: %w", s, err)
		}
		return ts, nil
	}
	if len(folded) == 4 && allDigits(folded) {
		return article.Timestamp{}, fmt.Errorf("date %q: a year alone: not a day arshif can file the article under", s)
	}
	return article.Timestamp{}, fmt.Errorf("date %q: not a date arshif understands", s)
}

// unixDate reads Unix time: 9 or 10 digits are seconds (1973 to 2286), 12
// or 13 milliseconds. The instant is known, so the day is that of UTC.
func unixDate(s string) (article.Timestamp, bool) {
	if !allDigits(s) {
		return article.Timestamp{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return article.Timestamp{}, false
	}
	var t time.Time
	switch len(s) {
	case 9, 10:
		t = time.Unix(n, 0)
	case 12, 13:
		t = time.UnixMilli(n)
	default:
		return article.Timestamp{}, false
	}
	return article.Timestamp{Time: t.UTC(), Clock: true, Zone: true}, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// numericDate reads d/m/yyyy, d-m-yyyy, d.m.yyyy and yyyy/m/d, each with
// an optional time (hh:mm or hh:mm:ss). ok is false when s is not of that
// shape; err says why a date of that shape cannot be read.
func numericDate(s string, order DateOrder) (ts article.Timestamp, ok bool, err error) {
	datePart, timePart, _ := strings.Cut(s, " ")
	var sep byte
	for _, c := range []byte{'/', '-', '.'} {
		if strings.Count(datePart, string(c)) == 2 {
			sep = c
		}
	}
	if sep == 0 {
		return ts, false, nil
	}
	parts := strings.Split(datePart, string(sep))
	var nums [3]int
	for i, p := range parts {
		if !allDigits(p) || len(p) > 4 {
			return ts, false, nil
		}
		nums[i], _ = strconv.Atoi(p)
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4 && len(parts[2]) <= 2:
		y, m, d = nums[0], nums[1], nums[2]
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		y = nums[2]
		a, b := nums[0], nums[1]
		switch {
		case a > 12 || a == b:
			d, m = a, b
		case b > 12:
			m, d = a, b
		case order == DayFirst:
			d, m = a, b
		case order == MonthFirst:
			m, d = a, b
		default:
			return ts, true, fmt.Errorf("%d and %d could each be the day or the month: say which with --day-first or --month-first", a, b)
		}
	default:
		return ts, false, nil
	}
	hour, minute, second, clock, terr := clockTime(strings.TrimSpace(timePart))
	if terr != nil {
		return ts, false, nil
	}
	t, err := calendarDate(y, m, d, hour, minute, second)
	if err != nil {
		return ts, true, err
	}
	return article.Timestamp{Time: t, Clock: clock}, true, nil
}

// clockTime reads "", "hh:mm" or "hh:mm:ss".
func clockTime(s string) (hour, minute, second int, clock bool, err error) {
	if s == "" {
		return 0, 0, 0, false, nil
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false, fmt.Errorf("not a time")
	}
	var v [3]int
	for i, p := range parts {
		if !allDigits(p) || len(p) > 2 {
			return 0, 0, 0, false, fmt.Errorf("not a time")
		}
		v[i], _ = strconv.Atoi(p)
	}
	if v[0] > 23 || v[1] > 59 || v[2] > 59 {
		return 0, 0, 0, false, fmt.Errorf("not a time")
	}
	return v[0], v[1], v[2], true, nil
}

// calendarDate returns the day as a UTC time, or an error when there is no
// such day (31 April).
func calendarDate(y, m, d, hour, minute, second int) (time.Time, error) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1 {
		return time.Time{}, fmt.Errorf("no such day")
	}
	t := time.Date(y, time.Month(m), d, hour, minute, second, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, fmt.Errorf("no such day")
	}
	return t, nil
}

// dateFillers are words a date with a month name may hold beside the day,
// month, year and time: "le 18 février", "the 18th of February", "18
// February 2018 at 10:00", "٢٠١٥م" (م: of the Common Era).
var dateFillers = map[string]bool{"le": true, "the": true, "of": true, "at": true, "a": true, "م": true, "في": true}

// namedDate reads a date with the month's name (see DateIn), s folded.
func namedDate(s string) (ts article.Timestamp, ok bool, err error) {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == '،' || r == '/' || r == '(' || r == ')' || r == '-' || r == '\t'
	})
	day, mon, year := 0, 0, 0
	var hour, minute, second int
	clock := false
	for i := 0; i < len(words); i++ {
		w := strings.TrimSuffix(words[i], ".")
		if m, n := analyze.MonthAt(words, i); m > 0 {
			if mon != 0 && mon != m {
				return ts, true, fmt.Errorf("two months")
			}
			mon = m
			i += n - 1
			continue
		}
		if analyze.IsWeekday(w) || dateFillers[w] {
			continue
		}
		if strings.HasSuffix(w, "ه") && allDigits(strings.TrimSuffix(w, "ه")) || w == "ه" || w == "هـ" {
			return ts, true, fmt.Errorf("a Hijri date: only Gregorian dates are read")
		}
		w = strings.TrimSuffix(w, "م") // ٢٠١٥م
		for _, suffix := range []string{"st", "nd", "rd", "th", "er"} {
			if t := strings.TrimSuffix(w, suffix); t != w && allDigits(t) && len(t) <= 2 {
				w = t
			}
		}
		switch {
		case allDigits(w) && len(w) <= 2 && day == 0:
			day, _ = strconv.Atoi(w)
		case allDigits(w) && len(w) == 4 && year == 0:
			year, _ = strconv.Atoi(w)
		case strings.Contains(w, ":") && !clock:
			var terr error
			if hour, minute, second, clock, terr = clockTime(w); terr != nil {
				return ts, false, nil
			}
		default:
			return ts, false, nil // a word that is not part of a date
		}
	}
	if mon == 0 {
		return ts, false, nil
	}
	switch {
	case day == 0 && year == 0:
		return ts, true, fmt.Errorf("a month alone: not a day arshif can file the article under")
	case day == 0:
		return ts, true, fmt.Errorf("a month and a year without a day: not a day arshif can file the article under")
	case year == 0:
		return ts, true, fmt.Errorf("a day and a month without a year: not a day arshif can file the article under")
	}
	t, err := calendarDate(year, mon, day, hour, minute, second)
	if err != nil {
		return ts, true, err
	}
	return article.Timestamp{Time: t, Clock: clock}, true, nil
}

// Period reads a day, month or year ("2017-10-17", "2017-10", "2017") and
// returns its first and last day.
func Period(s string) (first, last time.Time, err error) {
	typed := strings.TrimSpace(s)
	// Arabic-Indic and Persian digits: ٢٠١٧-١٠ is 2017-10.
	s = analyze.Fold(typed)
	for _, p := range []struct {
		layout              string
		years, months, days int
	}{
		{"2006-01-02", 0, 0, 1},
		{"2006-01", 0, 1, 0},
		{"2006", 1, 0, 0},
	} {
		if t, err := time.Parse(p.layout, s); err == nil {
			return t, t.AddDate(p.years, p.months, p.days-1), nil
		}
	}
	return time.Time{}, time.Time{}, fmt.Errorf("%q is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", typed)
}
