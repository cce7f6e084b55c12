package article

import (
	"testing"
	"time"
)

// DayUTC is the day in the timestamp's own zone, not UTC's.
func TestDayUTC(t *testing.T) {
	riyadh := time.FixedZone("+03", 3*3600)
	tests := []struct {
		ts   Timestamp
		want time.Time
	}{
		{Timestamp{}, time.Time{}},
		{Timestamp{Time: time.Date(2017, 11, 9, 0, 0, 0, 0, time.UTC)}, time.Date(2017, 11, 9, 0, 0, 0, 0, time.UTC)},
		// 01:30 on the 10th in Riyadh is still the 9th in UTC.
		{Timestamp{Time: time.Date(2017, 11, 10, 1, 30, 0, 0, riyadh), Clock: true, Zone: true}, time.Date(2017, 11, 10, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := tt.ts.DayUTC(); !got.Equal(tt.want) || got.Location() != time.UTC && !got.IsZero() {
			t.Errorf("%v.DayUTC() = %v, want %v", tt.ts, got, tt.want)
		}
	}
}
