package parse

import (
	"strings"
	"testing"
)

func TestDateForms(t *testing.T) {
	tests := []struct {
		in    string
		order DateOrder
		want  string // the Timestamp, or "error: " and part of the message
	}{
		// ISO 8601 and RFC 3339
		{"2017-10-17", EitherOrder, "2017-10-17"},
		{"2017-10-17T09:00:00+03:00", EitherOrder, "2017-10-17T09:00:00+03:00"},
		{"2017-10-17T09:00:00Z", EitherOrder, "2017-10-17T09:00:00Z"},
		{"2017-10-17T09:00", EitherOrder, "2017-10-17T09:00:00"},
		{"2015-07-21 02:51:32", EitherOrder, "2015-07-21T02:51:32"},
		// RFC 2822 / 1123
		{"Sun, 18 Feb 2018 21:35:43 +0400", EitherOrder, "2018-02-18T21:35:43+04:00"},
		{"Sun, 18 Feb 2018 21:35:43 GMT", EitherOrder, "2018-02-18T21:35:43Z"},
		{"18 Feb 2018 21:35:43 -0500", EitherOrder, "2018-02-18T21:35:43-05:00"},
		// numeric, day or month first
		{"17/10/2017", EitherOrder, "2017-10-17"},
		{"10/17/2017", EitherOrder, "2017-10-17"},
		{"17-10-2017", EitherOrder, "2017-10-17"},
		{"17.10.2017 09:30", EitherOrder, "2017-10-17T09:30:00"},
		{"5/5/2017", EitherOrder, "2017-05-05"},
		{"2017/10/17", EitherOrder, "2017-10-17"},
		{"03/04/2017", DayFirst, "2017-04-03"},
		{"03/04/2017", MonthFirst, "2017-03-04"},
		{"03/04/2017 23:05:09", DayFirst, "2017-04-03T23:05:09"},
		{"03/04/2017", EitherOrder, "error: --day-first or --month-first"},
		{"31/04/2017", EitherOrder, "error: no such day"},
		{"٢٠/١٠/٢٠١٧", EitherOrder, "2017-10-20"},
		// Unix time
		{"1510185600", EitherOrder, "2017-11-09T00:00:00Z"},
		{"1510185600000", EitherOrder, "2017-11-09T00:00:00Z"},
		// month names: English, French, Arabic (three families), digits of both kinds
		{"18 February 2018", EitherOrder, "2018-02-18"},
		{"February 18, 2018", EitherOrder, "2018-02-18"},
		{"Feb. 18th, 2018 10:15", EitherOrder, "2018-02-18T10:15:00"},
		{"Sunday, 18 February 2018", EitherOrder, "2018-02-18"},
		{"18 février 2018", EitherOrder, "2018-02-18"},
		{"le 1er août 2015", EitherOrder, "2015-08-01"},
		{"21 يوليو 2015", EitherOrder, "2015-07-21"},
		{"الثلاثاء 21 يوليو 2015", EitherOrder, "2015-07-21"},
		{"١٥ أيلول/سبتمبر ٢٠١٧", EitherOrder, "2017-09-15"},
		{"17 تشرين الأول 2017", EitherOrder, "2017-10-17"},
		{"9 كانون الثاني 2016", EitherOrder, "2016-01-09"},
		{"5 جويلية 2015", EitherOrder, "2015-07-05"},
		{"12 أوت 2015", EitherOrder, "2015-08-12"},
		{"الأحد 2 أغسطس 2015م", EitherOrder, "2015-08-02"},
		{"١ اغسطس ٢٠١٥ ١٠:٣٠", EitherOrder, "2015-08-01T10:30:00"},
		// not dates, or not enough of one
		{"yesterday", EitherOrder, "error: not a date"},
		{"July 2015", EitherOrder, "error: a month and a year without a day"},
		{"17 July", EitherOrder, "error: a day and a month without a year"},
		{"July", EitherOrder, "error: a month alone"},
		{"2015", EitherOrder, "error: a year alone"},
		{"٢٠١٥", EitherOrder, "error: a year alone"},
		{"15 شوال 1436هـ", EitherOrder, "error: not a date"},
		{"الخميس 23 رمضان 1436 هـ", EitherOrder, "error: not a date"},
		{"1436/10/15 هـ", EitherOrder, "error: not a date"},
		{"5 أيلول/أكتوبر 2017", EitherOrder, "error: two months"},
		{"12345", EitherOrder, "error: not a date"},
	}
	for _, tt := range tests {
		got, err := DateIn(tt.in, tt.order)
		if want, isErr := strings.CutPrefix(tt.want, "error: "); isErr {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("DateIn(%q, %d) = %s, %v; want an error with %q", tt.in, tt.order, got, err, want)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("DateIn(%q, %d) = %s, %v; want %s", tt.in, tt.order, got, err, tt.want)
		}
	}
}
