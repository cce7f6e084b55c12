package analyze

import (
	"strings"
)

// monthNames maps month names, folded (analyze.Fold: no hamza on alef,
// ى as ي, ة as ه, lower case, no accents), to their number: English and
// French names and abbreviations, and the three Arabic families, Levantine
// (كانون الثاني … كانون الأول), Egyptian and Gulf (يناير … ديسمبر) and
// Maghrebi (جانفي … ديسمبر), with the spellings the corpora use.
var monthNames = func() map[string]int {
	names := [12][]string{
		{"january", "jan", "janvier", "janv", "كانون الثاني", "كانون ثان", "يناير", "جانفي", "ينير"},
		{"february", "feb", "fevrier", "fevr", "fev", "شباط", "فبراير", "فيفري", "فبرير"},
		{"march", "mar", "mars", "آذار", "اذار", "مارس"},
		{"april", "apr", "avril", "avr", "نيسان", "أبريل", "ابريل", "إبريل", "أفريل", "افريل", "ابريل"},
		{"may", "mai", "أيار", "ايار", "مايو", "ماي"},
		{"june", "jun", "juin", "حزيران", "يونيو", "يونيه", "جوان", "يونيه"},
		{"july", "jul", "juillet", "juil", "تموز", "يوليو", "يوليه", "جويلية", "يوليوز"},
		{"august", "aug", "aout", "آب", "اب", "أغسطس", "اغسطس", "أوت", "اوت", "غشت"},
		{"september", "sep", "sept", "septembre", "أيلول", "ايلول", "سبتمبر", "شتنبر"},
		{"october", "oct", "octobre", "تشرين الأول", "تشرين الاول", "أكتوبر", "اكتوبر"},
		{"november", "nov", "novembre", "تشرين الثاني", "نوفمبر", "نونبر"},
		{"december", "dec", "decembre", "كانون الأول", "كانون الاول", "ديسمبر", "دجنبر"},
	}
	m := map[string]int{}
	for i, list := range names {
		for _, name := range list {
			m[Fold(name)] = i + 1
		}
	}
	return m
}()

// weekdayNames are the day names a date may start with, folded.
var weekdayNames = func() map[string]bool {
	m := map[string]bool{}
	for _, name := range []string{
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
		"الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد",
		"اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت", "أحد",
	} {
		m[Fold(name)] = true
	}
	return m
}()

// MonthAt returns the number of the month named by the folded words
// starting at words[i] (one word, or two: كانون الثاني, تشرين الأول) and
// how many words the name takes, or 0.
func MonthAt(words []string, i int) (int, int) { return month(words, i) }

// IsWeekday reports whether a folded word names a day of the week.
func IsWeekday(w string) bool { return weekdayNames[w] }

func month(words []string, i int) (int, int) {
	if i+1 < len(words) {
		if m, ok := monthNames[words[i]+" "+words[i+1]]; ok {
			return m, 2
		}
	}
	if m, ok := monthNames[words[i]]; ok {
		return m, 1
	}
	// A French or English name with its dot ("janv.", "Sept.").
	if m, ok := monthNames[strings.TrimSuffix(words[i], ".")]; ok {
		return m, 1
	}
	return 0, 0
}
