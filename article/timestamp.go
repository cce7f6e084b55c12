package article

import (
	"fmt"
	"time"
)

// Timestamp is a publication time exactly as precise as its source gave it:
// a day, a day and a time of day, or a day, time and UTC offset. arshif
// never invents the parts a source left out.
type Timestamp struct {
	// Time holds the instant. Without an offset its wall clock is kept in
	// UTC and means local time somewhere unknown.
	Time time.Time
	// Clock reports whether the source gave a time of day.
	Clock bool
	// Zone reports whether the source gave a UTC offset.
	Zone bool
}

// Layouts of the canonical forms, from least to most precise.
const (
	dayLayout   = "2006-01-02"
	clockLayout = "2006-01-02T15:04:05"
)

// IsZero reports whether no time is known.
func (t Timestamp) IsZero() bool { return t.Time.IsZero() }

// Day returns the calendar day of the timestamp in its own zone, as
// YYYY-MM-DD.
func (t Timestamp) Day() string { return t.Time.Format(dayLayout) }

// DayUTC returns the calendar day of the timestamp in its own zone as
// midnight UTC, or the zero time when none is known: the day a text's
// relative dates ("yesterday", "Monday") resolve against.
func (t Timestamp) DayUTC() time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.Time.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// String returns the canonical form: "2006-01-02", "2006-01-02T15:04:05"
// or RFC 3339 with the offset, depending on precision; "" when zero.
func (t Timestamp) String() string {
	switch {
	case t.IsZero():
		return ""
	case !t.Clock:
		return t.Time.Format(dayLayout)
	case !t.Zone:
		return t.Time.Format(clockLayout)
	}
	return t.Time.Format(time.RFC3339)
}

// ParseTimestamp reads the canonical form written by String.
func ParseTimestamp(s string) (Timestamp, error) {
	if s == "" {
		return Timestamp{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Timestamp{Time: t, Clock: true, Zone: true}, nil
	}
	if t, err := time.Parse(clockLayout, s); err == nil {
		return Timestamp{Time: t, Clock: true}, nil
	}
	if t, err := time.Parse(dayLayout, s); err == nil {
		return Timestamp{Time: t}, nil
	}
	return Timestamp{}, fmt.Errorf("not a canonical timestamp: %q", s)
}
