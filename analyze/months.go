package analyze

import (
	"strings"
	"sync"
	"time"
)

// monthNames maps month names, folded (analyze.Fold: no hamza on alef,
// ى as ي, ة as ه, lower case, no accents), to their number: English and
// French names and abbreviations, and the three Arabic families, Levantine
// (كانون الثاني … كانون الأول), Egyptian and Gulf (يناير … ديسمبر) and
// Maghrebi (جانفي … ديسمبر), with the spellings the corpora use.
var monthNames map[string]int

// weekdayNames are the day names a date may start with, folded.
var weekdayNames map[string]bool

// MonthAt returns the number of the month named by the folded words
// starting at words[i] (one word, or two: كانون الثاني, تشرين الأول) and
// how many words the name takes, or 0.
func MonthAt(words []string, i int) (int, int) {
	loadWords()
	return month(words, i)
}

// IsWeekday reports whether a folded word names a day of the week.
func IsWeekday(w string) bool {
	loadWords()
	return weekdayNames[w]
}

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

// loadWords makes the word tables of dates (month and weekday names, the
// words around a mention) the first time one is needed: building them
// folds some hundreds of words, which a query that reads no dates should
// not pay for at every start.
var loadWords = sync.OnceFunc(func() {
	monthNames = func() map[string]int {
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
	weekdayNames = func() map[string]bool {
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
	wTen = Fold("عشر")
	wTheYear = Fold("العام")
	wDay = Fold("يوم")
	wToday = Fold("اليوم")
	wYesterday = Fold("أمس")
	wNeed = Fold("الحاجة")
	wFirst = Fold("الأول")
	wFirst2 = Fold("أول")
	wCorresponding = Fold("الموافق")
	hijriMonths = foldedSet("محرم", "صفر", "ربيع", "جمادى", "جمادي", "رجب", "شعبان", "رمضان", "شوال", "ذو", "ذي")
	yearCues = foldedSet("عام", "لعام", "العام", "سنة", "لسنة", "عامي", "in", "en", "since", "depuis")
	pastWords = foldedSet("الماضي", "الماضيه", "المنصرم", "المنصرمه", "last", "dernier", "derniere")
	nextWords = foldedSet("المقبل", "المقبله", "القادم", "القادمه", "next", "prochain", "prochaine")
	thisMonth = foldedSet("الجاري", "الحالي")
	dayConnect = foldedSet("من", "ال", "of", "de")
	rangeWords = foldedSet("الى", "حتى", "au", "to", "through", "until")
	notYearNext = foldedSet("شخص", "شخصا", "اشخاص", "ريال", "ريالا", "دولار", "دولارا", "نقطه", "مليون",
		"الف", "طن", "كيلو", "متر", "euros", "euro", "people", "points", "dollars", "ans", "عاما", "سنه", "سنوات", "هكتار", "جنيه", "درهم", "دينار", "ليره")
	notYearPrev = foldedSet("القرار", "رقم", "الرقم", "الساعه", "رقمه", "القانون", "المرسوم", "no")
	ordinals = func() map[string]int {
		m := map[string]int{}
		for i, w := range []string{"الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
			"الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر", "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرين"} {
			m[Fold(w)] = i + 1
		}
		return m
	}()
	weekdayNumbers = func() map[string]time.Weekday {
		m := map[string]time.Weekday{}
		for d, names := range [7][]string{
			{"الاحد", "الأحد", "sunday", "dimanche"},
			{"الاثنين", "الإثنين", "monday", "lundi"},
			{"الثلاثاء", "tuesday", "mardi"},
			{"الاربعاء", "الأربعاء", "wednesday", "mercredi"},
			{"الخميس", "thursday", "jeudi"},
			{"الجمعة", "friday", "vendredi"},
			{"السبت", "saturday", "samedi"},
		} {
			for _, n := range names {
				m[Fold(n)] = time.Weekday(d)
			}
		}
		return m
	}()
	ambiguousMonth = foldedSet("ماي", "may", "mar", "mars", "اب")
	twoWordMonths = foldedSet("كانون", "تشرين")
	starters = func() map[string]bool {
		m := map[string]bool{}
		add := func(w string) {
			m[w] = true
			for _, c := range []string{"و", "ب", "ل", "ف"} {
				m[c+w] = true
			}
		}
		for w := range monthNames {
			first, _, _ := strings.Cut(w, " ")
			add(first)
		}
		for w := range weekdayNumbers {
			add(w)
		}
		for w := range ordinals {
			first, _, _ := strings.Cut(w, " ")
			add(first)
		}
		for _, w := range []string{wDay, wToday, wYesterday, "امس", wFirst2, "today", "yesterday", "hier", "avant-hier", "aujourd'hui", "aujourd’hui", "last", "next"} {
			add(w)
		}
		return m
	}()
})
