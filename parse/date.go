package parse

import (
	"fmt"
	"strings"
	"time"

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

// Date reads a publication date from metadata. It understands ISO 8601 and
// RFC 3339 with or without a time and offset, "YYYY-MM-DD hh:mm:ss", and
// RFC 2822/1123 ("Sun, 18 Feb 2018 21:35:43 +0400", "... GMT"). The result
// is as precise as the text: a date alone stays a date.
func Date(s string) (article.Timestamp, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
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
	return article.Timestamp{}, fmt.Errorf("date %q: not a date arshif understands", s)
}

// Period reads a day, month or year ("2017-10-17", "2017-10", "2017") and
// returns its first and last day.
func Period(s string) (first, last time.Time, err error) {
	s = strings.TrimSpace(s)
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
	return time.Time{}, time.Time{}, fmt.Errorf("%q is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", s)
}
