package parse

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrQuery is wrapped by every *QueryError, so that callers can test for
// a malformed query with errors.Is.
var ErrQuery = errors.New("malformed query")

// maxQueryDepth bounds how deeply groups and negations may nest.
const maxQueryDepth = 100

// Node is a parsed query: *Term, *Phrase, *And, *Or or *Not. String gives
// the query back in canonical form, which ParseQuery reads into the same
// tree.
type Node interface{ String() string }

// Term is one word to find.
type Term struct {
	Field  string // "", "title", "tag", "source" or "lang"
	Text   string // as typed, without the field, the = and the *
	Prefix bool   // typed with a trailing *: matches words starting with Text
	Exact  bool   // typed with a leading =: the unnormalised form is wanted
	Pos    int    // 1-based rune position where the term starts in the query
}

// Phrase is words to find next to each other, in order.
type Phrase struct {
	Field string
	Words []string // split on white space, as typed
	Exact bool
	Pos   int // 1-based rune position where the phrase (or its field) starts
}

// And matches what all its nodes match. It holds two or more nodes.
type And struct{ Nodes []Node }

// Or matches what any of its nodes matches. It holds two or more nodes.
type Or struct{ Nodes []Node }

// Not matches what its node does not match.
type Not struct{ Node Node }

// String gives the term as it is typed: [field:][=]text[*].
func (t *Term) String() string {
	var b strings.Builder
	if t.Field != "" {
		b.WriteString(t.Field)
		b.WriteByte(':')
	}
	if t.Exact {
		b.WriteByte('=')
	}
	b.WriteString(t.Text)
	if t.Prefix {
		b.WriteByte('*')
	}
	return b.String()
}

// String gives the phrase as it is typed: [field:][="]words["], with
// « » or “ ” in place of "" when a word holds a ".
func (p *Phrase) String() string {
	var b strings.Builder
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteByte(':')
	}
	if p.Exact {
		b.WriteByte('=')
	}
	words := strings.Join(p.Words, " ")
	open, close := `"`, `"`
	switch {
	case !strings.Contains(words, `"`):
	case !strings.Contains(words, "»"):
		open, close = "«", "»"
	default:
		open, close = "“", "”"
	}
	b.WriteString(open)
	b.WriteString(words)
	b.WriteString(close)
	return b.String()
}

// String gives the nodes separated by spaces; groups are in parentheses.
func (a *And) String() string {
	parts := make([]string, len(a.Nodes))
	for i, n := range a.Nodes {
		parts[i] = groupString(n)
	}
	return strings.Join(parts, " ")
}

// String gives the nodes separated by OR; an And among them is in
// parentheses.
func (o *Or) String() string {
	parts := make([]string, len(o.Nodes))
	for i, n := range o.Nodes {
		parts[i] = groupString(n)
	}
	return strings.Join(parts, " OR ")
}

// String gives the node with a - in front.
func (n *Not) String() string { return "-" + groupString(n.Node) }

// groupString gives n, in parentheses if it is an And or an Or.
func groupString(n Node) string {
	switch n.(type) {
	case *And, *Or:
		return "(" + n.String() + ")"
	case nil:
		return ""
	}
	return n.String()
}

// QueryError is a malformed query, with the 1-based rune position of the
// problem.
type QueryError struct {
	Query string
	Pos   int
	Msg   string
}

// Error gives the position and the problem, as in
// `query: position 7: unterminated phrase: add a closing "`.
func (e *QueryError) Error() string {
	return fmt.Sprintf("query: position %d: %s", e.Pos, e.Msg)
}

// Unwrap returns ErrQuery.
func (e *QueryError) Unwrap() error { return ErrQuery }

// Caret returns the query on one line and, on the next, a caret under the
// error position, for terminals. White space and control characters are
// shown as spaces; combining marks (Arabic vowel signs) and invisible
// formatting characters take no column, East Asian wide characters two.
// The caret counts columns in the order the query was typed, so a terminal
// that lays right-to-left text out from the right may show it elsewhere.
func (e *QueryError) Caret() string {
	var line strings.Builder
	col, i := 0, 0
	for _, r := range e.Query {
		i++
		w := runeWidth(r)
		if i < e.Pos {
			col += w
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			r = ' '
		}
		line.WriteRune(r)
	}
	return line.String() + "\n" + strings.Repeat(" ", col) + "^"
}

// runeWidth is the number of terminal columns r takes.
func runeWidth(r rune) int {
	switch {
	case unicode.IsSpace(r) || unicode.IsControl(r):
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff,
		r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1f64f,
		r >= 0x1f900 && r <= 0x1f9ff, r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}

// ParseQuery parses a query as a journalist types it. An empty or
// all-space query returns (nil, nil).
//
// The language:
//
//   - Words separated by white space must all match: داعش سوريا. The
//     upper-case keyword AND may stand between them and means the same.
//   - OR (upper case) between two operands matches either. OR binds
//     tighter than AND, as in Google: `a b OR c` is a AND (b OR c), and
//     `a OR b OR c` is one Or of three. Lower-case and, or, not are words.
//   - -word or NOT word leaves out what the following operand (a word, a
//     phrase or a group) matches: "وزارة الصحة" -السعودية. The - counts
//     only at the start of a word (covid-19 is one word) and must touch
//     the operand; -(a b) and -"a b" negate a group and a phrase. NOT binds
//     tighter than OR: NOT a OR b is (NOT a) OR b. Two negations cancel.
//   - "exact phrase" finds the words in this order. « » and “ ” may be
//     used in place of "" (« and “ open, » and ” close).
//   - prefix* finds words starting with prefix: انتخاب*.
//   - ( ) group: (الرقة OR دير) الزور.
//   - title:word, tag:word, source:word and title:"a phrase", tag:"two
//     words" look in one field only; lang:ar asks for a language. The field names are not case
//     sensitive; any other word with a colon (10:30, http://x) is an
//     ordinary word. A field applies to a word or a phrase, not a group.
//   - =word and ="a phrase" ask for the exact, unnormalised form; a field
//     comes first: title:=word.
//
// The words of a query are separated by white space; (, ), ", «, », “ and
// ” also end a word. Invisible direction marks (U+200E, U+200F, U+061C,
// U+202A–U+202E, U+2066–U+2069) and U+FEFF are ignored wherever they are.
//
// A query of negations only, as -a or -a -b, asks for everything but what
// they match (within whatever else narrows the search: a source, dates).
// The syntax is all this function checks.
//
// A malformed query gives a *QueryError (which wraps ErrQuery) with the
// 1-based position, counted in characters (runes), of the problem.
// A single word gives a *Term, not an And of one; And and Or always hold
// two or more nodes, and an And or an Or in parentheses inside another of
// the same kind is merged into it.
func ParseQuery(s string) (Node, error) {
	if !utf8.ValidString(s) {
		pos := 1
		for i := 0; i < len(s); pos++ {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		return nil, &QueryError{Query: s, Pos: pos, Msg: "not valid UTF-8 text"}
	}
	toks, err := lexQuery(s)
	if err != nil {
		return nil, err
	}
	if len(toks) == 1 {
		return nil, nil
	}
	p := &queryParser{query: s, toks: toks}
	n, err := p.and()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind == tokRParen {
		return nil, p.errorf(t.pos, "unmatched ): no ( before it")
	}
	return n, nil
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokWord
	tokPhrase
	tokLParen
	tokRParen
)

// queryToken is one token of a query.
type queryToken struct {
	kind  tokKind
	pos   int      // 1-based rune position of its first rune
	glued bool     // no white space between it and the token before
	text  []rune   // tokWord: the word, without ignored runes
	at    []int    // tokWord: the position of each rune of text
	words []string // tokPhrase: the words
}

// keyword returns the operator a word token is ("AND", "OR", "NOT"), or "".
func (t queryToken) keyword() string {
	if t.kind != tokWord {
		return ""
	}
	switch s := string(t.text); s {
	case "AND", "OR", "NOT":
		return s
	}
	return ""
}

// ignoredRune reports whether r is an invisible direction mark, skipped
// wherever it is in a query.
func ignoredRune(r rune) bool {
	switch {
	case r == 0x200e, r == 0x200f, r == 0x061c, r == 0xfeff,
		r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// closingQuote returns the quote that closes a phrase opened with r, or 0
// if r does not open a phrase.
func closingQuote(r rune) rune {
	switch r {
	case '"':
		return '"'
	case '«':
		return '»'
	case '“':
		return '”'
	}
	return 0
}

// endsWord reports whether r ends a word.
func endsWord(r rune) bool {
	switch r {
	case '(', ')', '"', '«', '»', '“', '”':
		return true
	}
	return unicode.IsSpace(r)
}

// lexQuery splits s into tokens, the last one tokEOF.
func lexQuery(s string) ([]queryToken, error) {
	rs := []rune(s)
	var toks []queryToken
	glued := false
	for i := 0; i < len(rs); {
		r := rs[i]
		pos := i + 1
		switch {
		case unicode.IsSpace(r):
			glued = false
			i++
			continue
		case ignoredRune(r):
			i++
			continue
		case r == '(' || r == ')':
			kind := tokLParen
			if r == ')' {
				kind = tokRParen
			}
			toks = append(toks, queryToken{kind: kind, pos: pos, glued: glued})
			i++
		case r == '»' || r == '”':
			open := '«'
			if r == '”' {
				open = '“'
			}
			return nil, &QueryError{Query: s, Pos: pos, Msg: fmt.Sprintf("%c closes a phrase that was not opened: add %c before it", r, open)}
		case closingQuote(r) != 0:
			end := closingQuote(r)
			j := i + 1
			for j < len(rs) && rs[j] != end {
				j++
			}
			if j == len(rs) {
				return nil, &QueryError{Query: s, Pos: pos, Msg: fmt.Sprintf("unterminated phrase: add a closing %c", end)}
			}
			words := strings.FieldsFunc(string(rs[i+1:j]), unicode.IsSpace)
			n := 0
			for _, w := range words {
				if w = strings.Map(dropIgnored, w); w != "" {
					words[n] = w
					n++
				}
			}
			if n == 0 {
				return nil, &QueryError{Query: s, Pos: pos, Msg: "empty phrase: put words between the quotes"}
			}
			toks = append(toks, queryToken{kind: tokPhrase, pos: pos, glued: glued, words: words[:n]})
			i = j + 1
		default:
			t := queryToken{kind: tokWord, pos: pos, glued: glued}
			for ; i < len(rs) && !endsWord(rs[i]); i++ {
				if !ignoredRune(rs[i]) {
					t.text = append(t.text, rs[i])
					t.at = append(t.at, i+1)
				}
			}
			toks = append(toks, t)
		}
		glued = true
	}
	return append(toks, queryToken{kind: tokEOF, pos: len(rs) + 1, glued: glued}), nil
}

// dropIgnored is for strings.Map: it drops the runes ignoredRune reports.
func dropIgnored(r rune) rune {
	if ignoredRune(r) {
		return -1
	}
	return r
}

// queryParser is a recursive-descent parser over the tokens of a query:
//
//	query   = and EOF
//	and     = or { [ "AND" ] or }
//	or      = unary { "OR" unary }
//	unary   = ( "NOT" | "-" ) unary | primary
//	primary = term | phrase | "(" and ")"
type queryParser struct {
	query string
	toks  []queryToken
	next  int
	depth int
}

func (p *queryParser) peek() queryToken { return p.toks[p.next] }

func (p *queryParser) take() queryToken {
	t := p.toks[p.next]
	if t.kind != tokEOF {
		p.next++
	}
	return t
}

func (p *queryParser) errorf(pos int, format string, args ...any) error {
	return &QueryError{Query: p.query, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// and parses operands up to a ) or the end, joined by AND or by nothing.
func (p *queryParser) and() (Node, error) {
	n, err := p.or(nil)
	if err != nil {
		return nil, err
	}
	nodes := []Node{n}
	for {
		t := p.peek()
		if t.kind == tokEOF || t.kind == tokRParen {
			break
		}
		var op *queryToken
		if t.keyword() == "AND" {
			p.take()
			op = &t
		}
		n, err := p.or(op)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	return newAnd(nodes), nil
}

// or parses operands joined by OR. op is the operator before them, if any.
func (p *queryParser) or(op *queryToken) (Node, error) {
	n, err := p.unary(op)
	if err != nil {
		return nil, err
	}
	nodes := []Node{n}
	for p.peek().keyword() == "OR" {
		t := p.take()
		n, err := p.unary(&t)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	return newOr(nodes), nil
}

// unary parses one operand, with the NOTs before it. op is the operator
// before it (AND, OR, NOT or nil), to blame if the operand is missing.
func (p *queryParser) unary(op *queryToken) (Node, error) {
	t := p.peek()
	if p.depth++; p.depth > maxQueryDepth {
		return nil, p.errorf(t.pos, "query nested too deeply: more than %d levels", maxQueryDepth)
	}
	defer func() { p.depth-- }()
	switch {
	case t.keyword() == "NOT":
		p.take()
		n, err := p.unary(&t)
		if err != nil {
			return nil, err
		}
		return negate(n), nil
	case t.kind == tokWord && t.keyword() == "":
		p.take()
		return p.word(t)
	case t.kind == tokPhrase:
		p.take()
		return &Phrase{Words: t.words, Pos: t.pos}, nil
	case t.kind == tokLParen:
		return p.group()
	}
	// The operand is missing: blame the operator before it, or the
	// AND or OR that has nothing before it, or the ).
	switch {
	case op != nil && op.keyword() == "NOT":
		return nil, p.errorf(op.pos, "NOT needs a word, phrase or group after it")
	case op != nil:
		return nil, p.errorf(op.pos, "%s needs a word, phrase or group on each side", op.keyword())
	case t.kind == tokRParen:
		return nil, p.errorf(t.pos, "unmatched ): no ( before it")
	}
	return nil, p.errorf(t.pos, "%s needs a word, phrase or group on each side", t.keyword())
}

// group parses ( and ) and what is between them.
func (p *queryParser) group() (Node, error) {
	open := p.take()
	switch p.peek().kind {
	case tokRParen:
		return nil, p.errorf(open.pos, "empty parentheses: put words between them")
	case tokEOF:
		return nil, p.errorf(open.pos, "unclosed (: add a closing )")
	}
	n, err := p.and()
	if err != nil {
		return nil, err
	}
	if p.take().kind != tokRParen {
		return nil, p.errorf(open.pos, "unclosed (: add a closing )")
	}
	return n, nil
}

// QueryFields are the field names a query may name before a colon, in
// lower case (a query may write them in any case).
var QueryFields = []string{"title", "tag", "source", "lang"}

// fieldPrefix returns the field that text starts with, in lower case, and
// the length of the prefix with its colon; or "", 0.
func fieldPrefix(text []rune) (string, int) {
	for _, f := range QueryFields {
		if len(text) <= len(f) || text[len(f)] != ':' {
			continue
		}
		match := true
		for i, c := range f {
			if unicode.ToLower(text[i]) != c || text[i] >= utf8.RuneSelf {
				match = false
				break
			}
		}
		if match {
			return f, len(f) + 1
		}
	}
	return "", 0
}

// word parses a word token: [-...][field:][=]text[*], or the same with
// nothing after the - or the = or the colon and a phrase or group right
// after it.
func (p *queryParser) word(t queryToken) (Node, error) {
	text, at := t.text, t.at
	i, negations := 0, 0
	for i < len(text) && text[i] == '-' {
		i++
		negations++
	}
	start := i
	field, n := fieldPrefix(text[i:])
	i += n
	exact := i < len(text) && text[i] == '='
	if exact {
		i++
	}
	var node Node
	switch {
	case i < len(text) && text[i] == '-' && (field != "" || exact):
		before := string(text[start:i])
		return nil, p.errorf(at[i], "to leave a word out, put the - before %s, as in -%s%s", before, before, string(text[i+1:]))
	case i < len(text):
		rest := text[i:]
		stars := 0
		for stars < len(rest) && rest[len(rest)-1-stars] == '*' {
			stars++
		}
		if stars == len(rest) {
			return nil, p.errorf(at[i], "* needs the start of a word before it, as in انتخاب*")
		}
		word := string(rest[:len(rest)-stars])
		if field == "" && !exact && stars == 0 {
			switch word {
			case "AND", "OR", "NOT":
				return nil, p.errorf(at[i], "%s is an operator: - cannot leave it out (write it in lower case or in quotes to search for the word)", word)
			}
		}
		node = &Term{Field: field, Text: word, Prefix: stars > 0, Exact: exact, Pos: at[start]}
	default:
		// Nothing after the -, the = or the colon: a phrase or a
		// group must follow right after.
		next := p.peek()
		if !next.glued {
			next.kind = tokEOF
		}
		pos := next.pos
		if start < len(text) {
			pos = at[start]
		}
		switch {
		case next.kind == tokPhrase:
			p.take()
			node = &Phrase{Field: field, Words: next.words, Exact: exact, Pos: pos}
		case next.kind == tokLParen && field != "":
			return nil, p.errorf(next.pos, "a field applies to a word or a phrase, not a group")
		case next.kind == tokLParen && exact:
			return nil, p.errorf(next.pos, "= applies to a word or a phrase, not a group")
		case next.kind == tokLParen:
			if p.depth++; p.depth > maxQueryDepth {
				return nil, p.errorf(next.pos, "query nested too deeply: more than %d levels", maxQueryDepth)
			}
			g, err := p.group()
			p.depth--
			if err != nil {
				return nil, err
			}
			node = g
		case exact:
			return nil, p.errorf(at[i-1], "= needs a word or a phrase right after it")
		case field != "":
			return nil, p.errorf(at[start], "%s: needs a word or a phrase right after it", field)
		default:
			return nil, p.errorf(at[i-1], "- needs a word, phrase or group right after it")
		}
	}
	for range negations {
		node = negate(node)
	}
	return node, nil
}

// negate returns NOT n, cancelling a double negation.
func negate(n Node) Node {
	if not, ok := n.(*Not); ok {
		return not.Node
	}
	return &Not{Node: n}
}

// newAnd returns the And of nodes, merging nested Ands; a single node is
// returned as it is.
func newAnd(nodes []Node) Node {
	if len(nodes) == 1 {
		return nodes[0]
	}
	var flat []Node
	for _, n := range nodes {
		if a, ok := n.(*And); ok {
			flat = append(flat, a.Nodes...)
		} else {
			flat = append(flat, n)
		}
	}
	return &And{Nodes: flat}
}

// newOr returns the Or of nodes, merging nested Ors; a single node is
// returned as it is.
func newOr(nodes []Node) Node {
	if len(nodes) == 1 {
		return nodes[0]
	}
	var flat []Node
	for _, n := range nodes {
		if o, ok := n.(*Or); ok {
			flat = append(flat, o.Nodes...)
		} else {
			flat = append(flat, n)
		}
	}
	return &Or{Nodes: flat}
}
