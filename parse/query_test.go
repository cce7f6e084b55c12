package parse

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Helpers to write expected query trees briefly.
func qterm(pos int, text string) *Term { return &Term{Text: text, Pos: pos} }

func qphrase(pos int, words ...string) *Phrase { return &Phrase{Words: words, Pos: pos} }

func qand(nodes ...Node) *And { return &And{Nodes: nodes} }

func qor(nodes ...Node) *Or { return &Or{Nodes: nodes} }

func qnot(n Node) *Not { return &Not{Node: n} }

var queryTests = []struct {
	name string
	in   string
	want Node
}{
	// Words and AND.
	{"one word", "داعش", qterm(1, "داعش")},
	{"two words", "داعش سوريا", qand(qterm(1, "داعش"), qterm(6, "سوريا"))},
	{"english words", "Raqqa  coalition", qand(qterm(1, "Raqqa"), qterm(8, "coalition"))},
	{"spaces around", "  الرقة\t", qterm(3, "الرقة")},
	{"AND keyword", "a AND b", qand(qterm(1, "a"), qterm(7, "b"))},
	{"AND arabic", "داعش AND سوريا", qand(qterm(1, "داعش"), qterm(10, "سوريا"))},
	{"lower case keywords are words", "a or b and not c", qand(qterm(1, "a"), qterm(3, "or"), qterm(6, "b"), qterm(8, "and"), qterm(12, "not"), qterm(16, "c"))},
	{"harakat count as runes", "مُحَمَّد x", qand(qterm(1, "مُحَمَّد"), qterm(10, "x"))},

	// OR and its precedence.
	{"OR binds tighter", "الرقة OR دير الزور", qand(qor(qterm(1, "الرقة"), qterm(10, "دير")), qterm(14, "الزور"))},
	{"OR after a word", "a b OR c", qand(qterm(1, "a"), qor(qterm(3, "b"), qterm(8, "c")))},
	{"OR of three", "a OR b OR c", qor(qterm(1, "a"), qterm(6, "b"), qterm(11, "c"))},
	{"OR with AND", "a AND b OR c", qand(qterm(1, "a"), qor(qterm(7, "b"), qterm(12, "c")))},
	{"OR of phrases", `"البيت الأبيض" OR واشنطن`, qor(qphrase(1, "البيت", "الأبيض"), qterm(19, "واشنطن"))},

	// Negation.
	{"minus", `"وزارة الصحة" -السعودية`, qand(qphrase(1, "وزارة", "الصحة"), qnot(qterm(16, "السعودية")))},
	{"NOT", "(a OR b) NOT c", qand(qor(qterm(2, "a"), qterm(7, "b")), qnot(qterm(14, "c")))},
	{"NOT binds tighter than OR", "NOT a OR b c", qand(qor(qnot(qterm(5, "a")), qterm(10, "b")), qterm(12, "c"))},
	{"minus phrase", `-"x y" z`, qand(qnot(qphrase(2, "x", "y")), qterm(8, "z"))},
	{"minus group", "-(a b) c", qand(qnot(qand(qterm(3, "a"), qterm(5, "b"))), qterm(8, "c"))},
	{"NOT group", "c NOT (a OR b)", qand(qterm(1, "c"), qnot(qor(qterm(8, "a"), qterm(13, "b"))))},
	{"minus field", "-title:x y", qand(qnot(&Term{Field: "title", Text: "x", Pos: 2}), qterm(10, "y"))},
	{"negative inside a group", "c (a OR -b)", qand(qterm(1, "c"), qor(qterm(4, "a"), qnot(qterm(10, "b"))))},
	{"double minus cancels", "--x", qterm(3, "x")},
	{"NOT minus cancels", "NOT -x", qterm(6, "x")},
	{"hyphen inside a word", "covid-19", qterm(1, "covid-19")},
	{"hyphen at the end", "x- y", qand(qterm(1, "x-"), qterm(4, "y"))},
	{"minus arabic", "سوريا -داعش", qand(qterm(1, "سوريا"), qnot(qterm(8, "داعش")))},

	// Only negations: every article but those.
	{"only a minus", "-السعودية", qnot(qterm(2, "السعودية"))},
	{"only minuses", "-a -b", qand(qnot(qterm(2, "a")), qnot(qterm(5, "b")))},
	{"only NOT", "NOT a", qnot(qterm(5, "a"))},
	{"minus group alone", "-(a b)", qnot(qand(qterm(3, "a"), qterm(5, "b")))},
	{"minus in an OR", "-a OR b", qor(qnot(qterm(2, "a")), qterm(7, "b"))},
	{"NOT NOT minus", "NOT NOT -x", qnot(qterm(10, "x"))},

	// Phrases.
	{"phrase", `"وزارة الصحة"`, qphrase(1, "وزارة", "الصحة")},
	{"phrase of one word", `"كلمة"`, qphrase(1, "كلمة")},
	{"phrase spaces", "\"a   b\tc \"", qphrase(1, "a", "b", "c")},
	{"guillemets", "«وزارة الصحة» سوريا", qand(qphrase(1, "وزارة", "الصحة"), qterm(15, "سوريا"))},
	{"curly quotes", "“White House” x", qand(qphrase(1, "White", "House"), qterm(15, "x"))},
	{"quote inside guillemets", `«a "b» c`, qand(qphrase(1, "a", `"b`), qterm(8, "c"))},
	{"phrase keeps operators", `"a OR (b) -c*"`, qphrase(1, "a", "OR", "(b)", "-c*")},
	{"word then phrase", `ab"cd"`, qand(qterm(1, "ab"), qphrase(3, "cd"))},
	{"phrase then word", `"ab"cd`, qand(qphrase(1, "ab"), qterm(5, "cd"))},

	// Prefixes.
	{"prefix", "انتخاب*", &Term{Text: "انتخاب", Prefix: true, Pos: 1}},
	{"prefix english", "elect* x", qand(&Term{Text: "elect", Prefix: true, Pos: 1}, qterm(8, "x"))},
	{"two stars", "x**", &Term{Text: "x", Prefix: true, Pos: 1}},
	{"star inside", "a*b*", &Term{Text: "a*b", Prefix: true, Pos: 1}},
	{"star first", "*a", qterm(1, "*a")},

	// Groups.
	{"group", "(a OR b) c", qand(qor(qterm(2, "a"), qterm(7, "b")), qterm(10, "c"))},
	{"group of one", "(a)", qterm(2, "a")},
	{"nested And merged", "(a b) c", qand(qterm(2, "a"), qterm(4, "b"), qterm(7, "c"))},
	{"AND group merged", "a AND (b c)", qand(qterm(1, "a"), qterm(8, "b"), qterm(10, "c"))},
	{"nested Or merged", "(a OR b) OR c", qor(qterm(2, "a"), qterm(7, "b"), qterm(13, "c"))},
	{"And inside Or", "(a b) OR c", qor(qand(qterm(2, "a"), qterm(4, "b")), qterm(10, "c"))},
	{"word touching parentheses", "foo(bar)", qand(qterm(1, "foo"), qterm(5, "bar"))},
	{"arabic group", "(الرقة OR دير) الزور", qand(qor(qterm(2, "الرقة"), qterm(11, "دير")), qterm(16, "الزور"))},

	// Fields.
	{"title", "title:التحالف", &Term{Field: "title", Text: "التحالف", Pos: 1}},
	{"tag phrase", `tag:"البيت الأبيض"`, &Phrase{Field: "tag", Words: []string{"البيت", "الأبيض"}, Pos: 1}},
	{"tag word", "داعش tag:سوريا", qand(qterm(1, "داعش"), &Term{Field: "tag", Text: "سوريا", Pos: 6})},
	{"source", "source:alriyadh", &Term{Field: "source", Text: "alriyadh", Pos: 1}},
	{"lang", "LANG:fr", &Term{Field: "lang", Text: "fr", Pos: 1}},
	{"title phrase", `title:"a phrase"`, &Phrase{Field: "title", Words: []string{"a", "phrase"}, Pos: 1}},
	{"field in guillemets", "tag:«البيت الأبيض»", &Phrase{Field: "tag", Words: []string{"البيت", "الأبيض"}, Pos: 1}},
	{"field name case", "Title:x TAG:y", qand(&Term{Field: "title", Text: "x", Pos: 1}, &Term{Field: "tag", Text: "y", Pos: 9})},
	{"field prefix", "title:انتخاب*", &Term{Field: "title", Text: "انتخاب", Prefix: true, Pos: 1}},
	{"time is a word", "10:30", qterm(1, "10:30")},
	{"url is a word", "http://x", qterm(1, "http://x")},
	{"other colon word", "author:x", qterm(1, "author:x")},
	{"field then colon word", "title:10:30", &Term{Field: "title", Text: "10:30", Pos: 1}},
	{"field twice", "title:title:x", &Term{Field: "title", Text: "title:x", Pos: 1}},
	{"field of keyword", "title:OR", &Term{Field: "title", Text: "OR", Pos: 1}},

	// Exact forms.
	{"exact", "=الرقة", &Term{Text: "الرقة", Exact: true, Pos: 1}},
	{"exact phrase", `="وزارة الصحة"`, &Phrase{Words: []string{"وزارة", "الصحة"}, Exact: true, Pos: 1}},
	{"field exact", "title:=word", &Term{Field: "title", Text: "word", Exact: true, Pos: 1}},
	{"field exact phrase", `title:="a b"`, &Phrase{Field: "title", Words: []string{"a", "b"}, Exact: true, Pos: 1}},
	{"exact prefix", "=انتخاب*", &Term{Text: "انتخاب", Exact: true, Prefix: true, Pos: 1}},
	{"exact before field", "=title:x", &Term{Text: "title:x", Exact: true, Pos: 1}},
	{"exact keyword", "=AND", &Term{Text: "AND", Exact: true, Pos: 1}},
	{"prefix keyword", "OR*", &Term{Text: "OR", Prefix: true, Pos: 1}},
	{"minus exact", "x -=y", qand(qterm(1, "x"), qnot(&Term{Text: "y", Exact: true, Pos: 4}))},
	{"equals inside", "a=b", qterm(1, "a=b")},

	// Direction marks are ignored.
	{"mark before", "\u200fالرقة", qterm(2, "الرقة")},
	{"mark after minus", "x -\u200fالرقة", qand(qterm(1, "x"), qnot(qterm(5, "الرقة")))},
	{"mark in phrase", "\"\u200fa \u200f b\u200e\"", qphrase(1, "a", "b")},

	// Empty queries.
	{"empty", "", nil},
	{"spaces", " \t\n ", nil},
	{"only marks", "\u200f \u200e", nil},
}

func TestParseQuery(t *testing.T) {
	for _, tt := range queryTests {
		got, err := ParseQuery(tt.in)
		if err != nil {
			t.Errorf("%s: ParseQuery(%q) error: %v", tt.name, tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: ParseQuery(%q)\n got %s\nwant %s", tt.name, tt.in, dumpQuery(got), dumpQuery(tt.want))
		}
	}
}

// dumpQuery shows a tree with every field, for failure messages.
func dumpQuery(n Node) string {
	switch n := n.(type) {
	case *Term:
		return fmt.Sprintf("%+v", *n)
	case *Phrase:
		return fmt.Sprintf("%+v", *n)
	case *And:
		return "And(" + dumpQueries(n.Nodes) + ")"
	case *Or:
		return "Or(" + dumpQueries(n.Nodes) + ")"
	case *Not:
		return "Not(" + dumpQuery(n.Node) + ")"
	case nil:
		return "nil"
	}
	return "?"
}

func dumpQueries(nodes []Node) string {
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		parts[i] = dumpQuery(n)
	}
	return strings.Join(parts, ", ")
}

func TestQueryString(t *testing.T) {
	tests := []struct{ in, want string }{
		{`(a OR b) -"x y" title:=w tag:"two words" pre*`, `(a OR b) -"x y" title:=w tag:"two words" pre*`},
		{"a  AND   b", "a b"},
		{"a OR b c", "(a OR b) c"},
		{"a b OR c", "a (b OR c)"},
		{"(a b) OR c", "(a b) OR c"},
		{"c NOT (a OR b)", "c -(a OR b)"},
		{"c NOT (a b)", "c -(a b)"},
		{"NOT a b", "-a b"},
		{"--x", "x"},
		{"x**", "x*"},
		{"Title:X", "title:X"},
		{"«وزارة الصحة»", `"وزارة الصحة"`},
		{`«a "b»`, `«a "b»`},
		{`“a "b »c”`, `“a "b »c”`},
		{`"a   b"`, `"a b"`},
		{"الرقة OR دير الزور", "(الرقة OR دير) الزور"},
		{"source:alriyadh =الرقة انتخاب*", "source:alriyadh =الرقة انتخاب*"},
		{"-title:=\"a b\" x", `-title:="a b" x`},
		{"\u200fالرقة", "الرقة"},
	}
	for _, tt := range tests {
		n, err := ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q) error: %v", tt.in, err)
			continue
		}
		if got := n.String(); got != tt.want {
			t.Errorf("ParseQuery(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// zeroPos clears the positions in a tree, which String does not keep.
func zeroPos(n Node) {
	switch n := n.(type) {
	case *Term:
		n.Pos = 0
	case *Phrase:
		n.Pos = 0
	case *And:
		for _, c := range n.Nodes {
			zeroPos(c)
		}
	case *Or:
		for _, c := range n.Nodes {
			zeroPos(c)
		}
	case *Not:
		zeroPos(n.Node)
	}
}

func TestQueryRoundTrip(t *testing.T) {
	inputs := []string{
		`(a OR b) -"x y" title:=w tag:"two words" pre*`,
		"NOT (a OR b) OR c d",
		"-(a OR -b) c",
		"-(-a b) c",
		"-a -b",
		"-(a b)",
		"x (-a OR b)",
		"a (b OR (c d) OR -e) f",
		"-AND* x",
		"x -=AND",
		"tag:title:x",
		"title:==x",
		"=title:x",
		"x -tag:«a \"b»",
		"a:b :c d:",
		"x -“a \"b »c”",
	}
	for _, tt := range queryTests {
		inputs = append(inputs, tt.in)
	}
	for _, in := range inputs {
		n, err := ParseQuery(in)
		if err != nil {
			t.Errorf("ParseQuery(%q) error: %v", in, err)
			continue
		}
		if n == nil {
			continue
		}
		s := n.String()
		back, err := ParseQuery(s)
		if err != nil {
			t.Errorf("ParseQuery(%q) = %q, which does not parse: %v", in, s, err)
			continue
		}
		zeroPos(n)
		zeroPos(back)
		if !reflect.DeepEqual(n, back) {
			t.Errorf("ParseQuery(%q) = %q, which parses to another tree:\n got %s\nwant %s", in, s, dumpQuery(back), dumpQuery(n))
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	deep := strings.Repeat("(", maxQueryDepth) + "a" + strings.Repeat(")", maxQueryDepth)
	tests := []struct {
		in  string
		pos int
		msg string
	}{
		// Phrases.
		{`"وزارة الصحة`, 1, `unterminated phrase: add a closing "`},
		{`الرقة "دير`, 7, `unterminated phrase: add a closing "`},
		{`"a" "b`, 5, `unterminated phrase: add a closing "`},
		{"تنظيم «الدولة", 7, "unterminated phrase: add a closing »"},
		{"x “b", 3, "unterminated phrase: add a closing ”"},
		{`"a»`, 1, `unterminated phrase: add a closing "`},
		{`""`, 1, "empty phrase: put words between the quotes"},
		{`الرقة "  "`, 7, "empty phrase: put words between the quotes"},
		{"«»", 1, "empty phrase: put words between the quotes"},
		{"\"\u200f\"", 1, "empty phrase: put words between the quotes"},
		{"الدولة»", 7, "» closes a phrase that was not opened: add « before it"},
		{"a ”", 3, "” closes a phrase that was not opened: add “ before it"},

		// Prefixes.
		{"*", 1, "* needs the start of a word before it, as in انتخاب*"},
		{"a **", 3, "* needs the start of a word before it, as in انتخاب*"},
		{"title:*", 7, "* needs the start of a word before it, as in انتخاب*"},
		{"x =*", 4, "* needs the start of a word before it, as in انتخاب*"},
		{`"a b"*`, 6, "* needs the start of a word before it, as in انتخاب*"},

		// Parentheses.
		{"(a", 1, "unclosed (: add a closing )"},
		{"(", 1, "unclosed (: add a closing )"},
		{"((a)", 1, "unclosed (: add a closing )"},
		{"سوريا (الرقة", 7, "unclosed (: add a closing )"},
		{"(الرقة OR دير", 1, "unclosed (: add a closing )"},
		{"a)", 2, "unmatched ): no ( before it"},
		{")", 1, "unmatched ): no ( before it"},
		{"(a))", 4, "unmatched ): no ( before it"},
		{"الرقة) سوريا", 6, "unmatched ): no ( before it"},
		{"()", 1, "empty parentheses: put words between them"},
		{"a ( )", 3, "empty parentheses: put words between them"},
		{"x -()", 4, "empty parentheses: put words between them"},
		{deep, maxQueryDepth + 1, "query nested too deeply: more than 100 levels"},
		{strings.Repeat("NOT ", maxQueryDepth) + "a", 4*maxQueryDepth + 1, "query nested too deeply: more than 100 levels"},

		// Fields.
		{"title:(a OR b)", 7, "a field applies to a word or a phrase, not a group"},
		{"-tag:(a)", 6, "a field applies to a word or a phrase, not a group"},
		{"title:", 1, "title: needs a word or a phrase right after it"},
		{"وزارة title:", 7, "title: needs a word or a phrase right after it"},
		{"source: alriyadh", 1, "source: needs a word or a phrase right after it"},
		{"x tag:)", 3, "tag: needs a word or a phrase right after it"},
		{"title:-x", 7, "to leave a word out, put the - before title:, as in -title:x"},
		{"title:=-الرقة", 8, "to leave a word out, put the - before title:=, as in -title:=الرقة"},

		// Exact forms.
		{"=", 1, "= needs a word or a phrase right after it"},
		{"الرقة = x", 7, "= needs a word or a phrase right after it"},
		{"=(a)", 2, "= applies to a word or a phrase, not a group"},
		{"=-x", 2, "to leave a word out, put the - before =, as in -=x"},

		// Negation.
		{"-", 1, "- needs a word, phrase or group right after it"},
		{"a - b", 3, "- needs a word, phrase or group right after it"},
		{"(a -)", 4, "- needs a word, phrase or group right after it"},
		{"x --", 4, "- needs a word, phrase or group right after it"},
		{"-AND x", 2, "AND is an operator: - cannot leave it out (write it in lower case or in quotes to search for the word)"},
		{"x --NOT", 5, "NOT is an operator: - cannot leave it out (write it in lower case or in quotes to search for the word)"},
		{"a NOT", 3, "NOT needs a word, phrase or group after it"},
		{"NOT OR a", 1, "NOT needs a word, phrase or group after it"},
		{"(NOT) a", 2, "NOT needs a word, phrase or group after it"},

		// AND and OR.
		{"a OR", 3, "OR needs a word, phrase or group on each side"},
		{"داعش OR", 6, "OR needs a word, phrase or group on each side"},
		{"OR a", 1, "OR needs a word, phrase or group on each side"},
		{"a OR OR b", 3, "OR needs a word, phrase or group on each side"},
		{"(OR a)", 2, "OR needs a word, phrase or group on each side"},
		{"(a OR)", 4, "OR needs a word, phrase or group on each side"},
		{"a AND", 3, "AND needs a word, phrase or group on each side"},
		{"AND a", 1, "AND needs a word, phrase or group on each side"},
		{"a AND OR b", 3, "AND needs a word, phrase or group on each side"},
		{"a OR AND b", 3, "OR needs a word, phrase or group on each side"},
		{"سوريا AND", 7, "AND needs a word, phrase or group on each side"},

		// Encoding.
		{"ab\xffc", 3, "not valid UTF-8 text"},
		{"الرقة \xff", 7, "not valid UTF-8 text"},
	}
	for _, tt := range tests {
		n, err := ParseQuery(tt.in)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("ParseQuery(%q) = %v, %v; want a *QueryError at %d", tt.in, n, err, tt.pos)
			continue
		}
		if n != nil {
			t.Errorf("ParseQuery(%q) returned a tree with its error: %s", tt.in, n)
		}
		if qe.Pos != tt.pos || qe.Msg != tt.msg || qe.Query != tt.in {
			t.Errorf("ParseQuery(%q) error at %d %q (query %q), want at %d %q", tt.in, qe.Pos, qe.Msg, qe.Query, tt.pos, tt.msg)
		}
	}
	if _, err := ParseQuery(strings.Repeat("(", maxQueryDepth-1) + "a" + strings.Repeat(")", maxQueryDepth-1)); err != nil {
		t.Errorf("%d levels of parentheses: %v", maxQueryDepth-1, err)
	}
}

func TestQueryError(t *testing.T) {
	_, err := ParseQuery(`الرقة "دير`)
	if !errors.Is(err, ErrQuery) {
		t.Errorf("error %v does not wrap ErrQuery", err)
	}
	if got, want := err.Error(), `query: position 7: unterminated phrase: add a closing "`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	tests := []struct {
		in, want string
	}{
		{`الرقة "دير`, "الرقة \"دير\n      ^"},
		{"a\t)", "a )\n  ^"},
		{"a OR", "a OR\n  ^"},
		{"title:", "title:\n^"},
		{"مُحَمَّد )", "مُحَمَّد )\n     ^"},
		{"a\nb (", "a b (\n    ^"},
		{"中文 )", "中文 )\n     ^"},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.in)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("ParseQuery(%q) = %v, want a *QueryError", tt.in, err)
			continue
		}
		if got := qe.Caret(); got != tt.want {
			t.Errorf("Caret() for %q =\n%s\nwant\n%s", tt.in, got, tt.want)
		}
	}
	end := &QueryError{Query: "ab", Pos: 3, Msg: "x"}
	if got, want := end.Caret(), "ab\n  ^"; got != want {
		t.Errorf("Caret() at the end = %q, want %q", got, want)
	}
}

// checkQueryTree reports what breaks the promises ParseQuery makes about
// its trees.
func checkQueryTree(n Node) string {
	switch n := n.(type) {
	case *Term:
		if n.Text == "" || strings.HasSuffix(n.Text, "*") || n.Pos < 1 {
			return "bad term " + dumpQuery(n)
		}
	case *Phrase:
		if len(n.Words) == 0 || n.Pos < 1 {
			return "bad phrase " + dumpQuery(n)
		}
		for _, w := range n.Words {
			if w == "" || strings.IndexFunc(w, unicode.IsSpace) >= 0 {
				return "bad phrase word in " + dumpQuery(n)
			}
		}
	case *And:
		if len(n.Nodes) < 2 {
			return "And of fewer than two"
		}
		for _, c := range n.Nodes {
			if _, ok := c.(*And); ok {
				return "And inside And"
			}
			if msg := checkQueryTree(c); msg != "" {
				return msg
			}
		}
	case *Or:
		if len(n.Nodes) < 2 {
			return "Or of fewer than two"
		}
		for _, c := range n.Nodes {
			if _, ok := c.(*Or); ok {
				return "Or inside Or"
			}
			if msg := checkQueryTree(c); msg != "" {
				return msg
			}
		}
	case *Not:
		if _, ok := n.Node.(*Not); ok {
			return "Not inside Not"
		}
		return checkQueryTree(n.Node)
	default:
		return "unknown node"
	}
	return ""
}

func FuzzParseQuery(f *testing.F) {
	for _, tt := range queryTests {
		f.Add(tt.in)
	}
	f.Add(`(a OR b) -"x y" title:=w tag:"two words" pre*`)
	f.Add(`الرقة "دير`)
	f.Add("title:(a OR b)")
	f.Add("-AND x")
	f.Add("ab\xffc")
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseQuery(s)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || !errors.Is(err, ErrQuery) {
				t.Fatalf("ParseQuery(%q) error %v is not a *QueryError", s, err)
			}
			if runes := utf8.RuneCountInString(s); qe.Pos < 1 || qe.Pos > runes+1 {
				t.Errorf("ParseQuery(%q) error at %d, outside 1..%d", s, qe.Pos, runes+1)
			}
			if n != nil || qe.Msg == "" {
				t.Errorf("ParseQuery(%q) = %v, %v", s, n, err)
			}
			qe.Caret()
			return
		}
		if n == nil {
			if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) && !ignoredRune(r) }) >= 0 {
				t.Errorf("ParseQuery(%q) = nil, nil", s)
			}
			return
		}
		if msg := checkQueryTree(n); msg != "" {
			t.Errorf("ParseQuery(%q) = %s: %s", s, dumpQuery(n), msg)
		}
		out := n.String()
		back, err := ParseQuery(out)
		if err != nil {
			t.Fatalf("ParseQuery(%q) = %q, which does not parse: %v", s, out, err)
		}
		if again := back.String(); again != out {
			t.Errorf("ParseQuery(%q) = %q, which parses back to %q", s, out, again)
		}
		zeroPos(n)
		zeroPos(back)
		if !reflect.DeepEqual(n, back) {
			t.Errorf("ParseQuery(%q) = %q, which parses to another tree:\n got %s\nwant %s", s, out, dumpQuery(back), dumpQuery(n))
		}
	})
}
