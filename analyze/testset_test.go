package analyze

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
)

// The recall/precision test set: ../testdata/analysis/README.md describes it.
const (
	groupsFile = "../testdata/analysis/groups.txt"
	pairsFile  = "../testdata/analysis/pairs.txt"
	minGroups  = 50
	minPairs   = 30
)

// testEntry is one line of groups.txt or pairs.txt.
type testEntry struct {
	line      int
	text      string   // the line as written, for messages
	spellings []string // two or more
	lang      Lang
	known     bool // a known failure: the line starts with "!"
}

// readTestSet parses a file of the test set: one entry per line, spellings
// separated by "|", an optional comment after "  #" (where "lang=fr" selects
// French), "#" lines are comments and a leading "!" marks a known failure.
func readTestSet(t *testing.T, path string) []testEntry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var entries []testEntry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e := testEntry{line: n, text: line, lang: English}
		body, comment, _ := strings.Cut(line, "  #")
		if strings.Contains(comment, "lang=fr") {
			e.lang = French
		}
		body = strings.TrimSpace(body)
		if rest, ok := strings.CutPrefix(body, "!"); ok {
			e.known, body = true, rest
		}
		for _, s := range strings.Split(body, "|") {
			if s = strings.TrimSpace(s); s == "" {
				t.Fatalf("%s:%d: empty spelling in %q", path, n, line)
			}
			e.spellings = append(e.spellings, s)
		}
		if len(e.spellings) < 2 {
			t.Fatalf("%s:%d: want at least two spellings separated by \" | \": %q", path, n, line)
		}
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return entries
}

// isPhrase reports whether a spelling is a hashtag or a phrase, compared as
// its whole sequence of terms rather than as one term.
func isPhrase(s string) bool { return strings.ContainsAny(s, "_ ") }

// analyser gives the terms of one spelling.
type analyser func(spelling string, lang Lang) []string

func lightTerms(az *Analyzer) analyser {
	return func(s string, lang Lang) []string {
		var out []string
		az.Tokens(s, lang, 0, func(tok Token) { out = append(out, tok.Term) })
		return out
	}
}

// snowballTerms analyses Arabic-script words with the Snowball Arabic
// stemmer on their folded form (or, if !fold, on the word as written,
// since that stemmer does its own normalisation and knows ة and ى),
// everything else with the analyzer.
func snowballTerms(az *Analyzer, fold bool) analyser {
	return func(s string, lang Lang) []string {
		var out []string
		for _, w := range Words(s) {
			if !isArabicWord(w) {
				az.Tokens(w, lang, 0, func(tok Token) { out = append(out, tok.Term) })
				continue
			}
			if fold {
				w = Fold(w)
			}
			env := snowballstem.NewEnv(w)
			arabic.Stem(env)
			out = append(out, env.Current())
		}
		return out
	}
}

// isArabicWord reports whether the first letter of w is in the Arabic script.
func isArabicWord(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return unicode.Is(unicode.Arabic, r)
		}
	}
	return false
}

// hasArabic reports whether a spelling of e has an Arabic-script word.
func hasArabic(e testEntry) bool {
	for _, s := range e.spellings {
		for _, w := range Words(s) {
			if isArabicWord(w) {
				return true
			}
		}
	}
	return false
}

// analyse returns the terms of every spelling of e, joined by spaces, and
// a complaint if a single word did not give exactly one term.
func analyse(e testEntry, fn analyser) (terms []string, malformed string) {
	for _, s := range e.spellings {
		ts := fn(s, e.lang)
		if len(ts) == 0 || !isPhrase(s) && len(ts) != 1 {
			malformed = s
		}
		terms = append(terms, strings.Join(ts, " "))
	}
	return terms, malformed
}

// groupMet reports whether all spellings of a group give the same terms.
func groupMet(e testEntry, fn analyser) (ok bool, terms []string, malformed string) {
	terms, malformed = analyse(e, fn)
	for _, t := range terms[1:] {
		if t != terms[0] {
			return false, terms, malformed
		}
	}
	return malformed == "", terms, malformed
}

// pairApart reports whether all words of a pair give different terms.
func pairApart(e testEntry, fn analyser) (ok bool, terms []string, malformed string) {
	terms, malformed = analyse(e, fn)
	for i := range terms {
		for j := i + 1; j < len(terms); j++ {
			if terms[i] == terms[j] {
				return false, terms, malformed
			}
		}
	}
	return malformed == "", terms, malformed
}

// showTerms pairs every spelling with its terms for a message.
func showTerms(e testEntry, terms []string) string {
	var b strings.Builder
	for i, s := range e.spellings {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s + " → " + strings.ReplaceAll(terms[i], " ", "+"))
		if terms[i] == "" {
			b.WriteString("(no term)")
		}
	}
	return b.String()
}

// checkTestSet runs the light analyzer over entries with check and enforces
// the known-failure markers.
func checkTestSet(t *testing.T, path string, entries []testEntry, minEntries int,
	check func(testEntry, analyser) (bool, []string, string), want string) {
	t.Helper()
	if len(entries) < minEntries {
		t.Errorf("%s: %d entries, want at least %d", path, len(entries), minEntries)
	}
	fn := lightTerms(NewAnalyzer())
	known := 0
	for _, e := range entries {
		ok, terms, malformed := check(e, fn)
		if e.known {
			known++
		}
		switch {
		case malformed != "":
			t.Errorf("%s:%d: %q is a single word but does not give exactly one term: %s",
				path, e.line, malformed, showTerms(e, terms))
		case e.known && ok:
			t.Errorf("%s:%d: known failure now passes (%s): remove the leading \"!\": %s",
				path, e.line, want, showTerms(e, terms))
		case e.known:
			t.Logf("%s:%d: known failure: %s", path, e.line, showTerms(e, terms))
		case !ok:
			t.Errorf("%s:%d: want %s: %s", path, e.line, want, showTerms(e, terms))
		}
	}
	t.Logf("%s: %d entries, %d known failures", path, len(entries), known)
}

// TestRecallGroups checks that the spellings of every group of
// groups.txt meet: the same single term (or the same terms, for hashtags
// and phrases).
func TestRecallGroups(t *testing.T) {
	checkTestSet(t, groupsFile, readTestSet(t, groupsFile), minGroups, groupMet, "all spellings to give the same term")
}

// TestPrecisionPairs checks that the two words of every pair of pairs.txt
// keep different terms.
func TestPrecisionPairs(t *testing.T) {
	checkTestSet(t, pairsFile, readTestSet(t, pairsFile), minPairs, pairApart, "different terms")
}

// TestCompareSnowballArabic does not fail: it logs how many groups and
// pairs (known failures included) the light stemmer and the Snowball Arabic
// stemmer satisfy, and the entries where they disagree.
func TestCompareSnowballArabic(t *testing.T) {
	light := lightTerms(NewAnalyzer())
	snow, snowRaw := snowballTerms(NewAnalyzer(), true), snowballTerms(NewAnalyzer(), false)
	for _, set := range []struct {
		path  string
		check func(testEntry, analyser) (bool, []string, string)
		what  string
	}{
		{groupsFile, groupMet, "groups met"},
		{pairsFile, pairApart, "pairs kept apart"},
	} {
		entries := readTestSet(t, set.path)
		// [0] all entries, [1] those with an Arabic-script spelling.
		var nAll, nLight, nSnow, nRaw [2]int
		for _, e := range entries {
			okL, _, _ := set.check(e, light)
			okS, termsS, _ := set.check(e, snow)
			okR, _, _ := set.check(e, snowRaw)
			for i := range 2 {
				if i == 1 && !hasArabic(e) {
					continue
				}
				nAll[i]++
				if okL {
					nLight[i]++
				}
				if okS {
					nSnow[i]++
				}
				if okR {
					nRaw[i]++
				}
			}
			if okL != okS {
				t.Logf("%s:%d: light %v, snowball %v: %s", set.path, e.line, okL, okS, showTerms(e, termsS))
			}
		}
		t.Logf("%s: %s: light %d/%d, snowball Arabic %d/%d (Arabic entries only: light %d/%d, snowball %d/%d)",
			set.path, set.what, nLight[0], nAll[0], nSnow[0], nAll[0], nLight[1], nAll[1], nSnow[1], nAll[1])
		t.Logf("%s: %s: snowball Arabic on unfolded words %d/%d (Arabic entries only: %d/%d)",
			set.path, set.what, nRaw[0], nAll[0], nRaw[1], nAll[1])
	}
}
