package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"arshif/analyze"
	"arshif/parse"
	"arshif/store"
)

// queryText joins the words typed on the command line into one query. An
// argument with spaces and no query syntax ("وزارة الصحة" typed in quotes
// in the shell) is taken as a phrase, as the person meant it.
func queryText(args []string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsFunc(a, unicode.IsSpace) && !hasQuerySyntax(a) {
			a = `"` + strings.Join(strings.Fields(a), " ") + `"`
		}
		parts[i] = a
	}
	return strings.Join(parts, " ")
}

// hasQuerySyntax reports whether an argument uses the query language:
// quotes, groups, operators, negation, exact forms, prefixes or fields.
func hasQuerySyntax(a string) bool {
	if strings.ContainsAny(a, "\"«»“”()*") {
		return true
	}
	for _, f := range strings.Fields(a) {
		if f == "OR" || f == "AND" || f == "NOT" || strings.HasPrefix(f, "-") || strings.HasPrefix(f, "=") {
			return true
		}
		for _, field := range parse.QueryFields {
			if len(f) > len(field) && f[len(field)] == ':' && strings.EqualFold(f[:len(field)], field) {
				return true
			}
		}
	}
	return false
}

// compiledQuery is a parsed and analysed query, with what is needed to
// mark its words in the text.
type compiledQuery struct {
	match    store.Match
	terms    map[string]bool
	prefixes []string
	az       *analyze.Analyzer
	marked   map[string]bool // marks' answers so far
	negated  int             // how many negations the words compiled now are under
}

// compileQuery parses the query language and analyses its words with the
// same analyzer the index uses. An empty query gives a nil match.
func compileQuery(args []string) (*compiledQuery, error) {
	text := queryText(args)
	node, err := parse.ParseQuery(text)
	if err != nil {
		var qe *parse.QueryError
		if errors.As(err, &qe) {
			return nil, queryUsagef("%v\n%s", qe, qe.Caret())
		}
		return nil, queryUsagef("%v", err)
	}
	c := &compiledQuery{terms: map[string]bool{}, az: analyze.NewAnalyzer(), marked: map[string]bool{}}
	if node == nil {
		return c, nil
	}
	c.match, err = c.compile(node)
	if err != nil {
		return nil, queryUsagef("query %q: %v", text, err)
	}
	return c, nil
}

func (c *compiledQuery) compile(n parse.Node) (store.Match, error) {
	switch n := n.(type) {
	case *parse.Term:
		return c.term(n)
	case *parse.Phrase:
		return c.phrase(n.Field, n.Words, n.Exact)
	case *parse.And:
		// With negations only, the AND starts from every article.
		and := &store.MatchAnd{}
		for _, sub := range n.Nodes {
			if not, ok := sub.(*parse.Not); ok {
				m, err := c.compileNot(not)
				if err != nil {
					return nil, err
				}
				and.Not = append(and.Not, m)
				continue
			}
			m, err := c.compile(sub)
			if err != nil {
				return nil, err
			}
			and.Must = append(and.Must, m)
		}
		return and, nil
	case *parse.Or:
		or := &store.MatchOr{}
		for _, sub := range n.Nodes {
			m, err := c.compile(sub)
			if err != nil {
				return nil, err
			}
			or.Any = append(or.Any, m)
		}
		return or, nil
	case *parse.Not:
		// Every article but those: -سوريا, or an alternative of an OR.
		m, err := c.compileNot(n)
		if err != nil {
			return nil, err
		}
		return &store.MatchAnd{Not: []store.Match{m}}, nil
	}
	return nil, fmt.Errorf("unknown query node %T", n)
}

// langMatch is lang:CODE.
func langMatch(s string) (store.Match, error) {
	code, ok := analyze.LanguageCode(s)
	if !ok {
		return nil, fmt.Errorf("lang:%s: not a language arshif tells apart (arshif query --help lists them)", s)
	}
	return &store.MatchFacet{Lang: code}, nil
}

// compileNot compiles what a negation excludes. Its words are not marked
// in snippets: an article shown has them only where an OR let it.
func (c *compiledQuery) compileNot(n *parse.Not) (store.Match, error) {
	c.negated++
	defer func() { c.negated-- }()
	return c.compile(n.Node)
}

func (c *compiledQuery) term(t *parse.Term) (store.Match, error) {
	switch {
	case (t.Field == "tag" || t.Field == "source" || t.Field == "lang") && t.Prefix:
		return nil, fmt.Errorf("%s:%s*: a tag, source or language is matched whole; drop the *", t.Field, t.Text)
	case t.Field == "lang":
		return langMatch(t.Text)
	case t.Field == "tag":
		return &store.MatchFacet{Tag: t.Text}, nil
	case t.Field == "source":
		return &store.MatchFacet{Source: t.Text}, nil
	}
	words := analyze.Words(t.Text)
	if len(words) == 0 {
		return nil, fmt.Errorf("%q has no letters or digits to search for", t.Text)
	}
	if len(words) > 1 && !t.Prefix {
		// covid-19, U.S: the index holds the parts, next to each other.
		return c.phrase(t.Field, words, t.Exact)
	}
	m := &store.MatchTerm{Title: t.Field == "title", Prefix: t.Prefix}
	if t.Prefix {
		// The index holds stems: PrefixTerms says which starts of them
		// the words that start with the prefix have.
		prefix := strings.Join(words, "")
		m.Terms = c.az.PrefixTerms(prefix)
		if c.negated == 0 {
			c.prefixes = append(c.prefixes, m.Terms...)
		}
		// presiden*: its words' stem (presid) is shorter than it. A stem
		// that a form starts already finds nothing more.
		stems := slices.DeleteFunc(c.az.PrefixStems(prefix), func(stem string) bool {
			return slices.ContainsFunc(m.Terms, func(f string) bool { return strings.HasPrefix(stem, f) })
		})
		if len(stems) > 0 && !t.Exact && len(m.Terms) > 0 {
			c.addTerms(stems)
			return &store.MatchOr{Any: []store.Match{m, &store.MatchTerm{Terms: stems, Title: m.Title}}}, nil
		}
	} else {
		m.Terms = c.az.QueryTerms(words[0])
		c.addTerms(m.Terms)
	}
	if len(m.Terms) == 0 {
		return nil, fmt.Errorf("%q has no letters or digits to search for", t.Text)
	}
	if t.Exact {
		m.Exact = words[0]
	}
	return m, nil
}

func (c *compiledQuery) phrase(field string, typed []string, exact bool) (store.Match, error) {
	if field == "lang" {
		return langMatch(strings.Join(typed, " "))
	}
	if field == "tag" || field == "source" {
		m := &store.MatchFacet{Tag: strings.Join(typed, " ")}
		if field == "source" {
			m = &store.MatchFacet{Source: m.Tag}
		}
		return m, nil
	}
	words := analyze.Words(strings.Join(typed, " "))
	if len(words) == 0 {
		return nil, fmt.Errorf("%q has no letters or digits to search for", strings.Join(typed, " "))
	}
	m := &store.MatchPhrase{Title: field == "title"}
	for _, w := range words {
		terms := c.az.QueryTerms(w)
		if len(terms) == 0 {
			return nil, fmt.Errorf("%q has no letters or digits to search for", w)
		}
		c.addTerms(terms)
		m.Words = append(m.Words, terms)
	}
	if exact {
		m.Exact = words
	}
	return m, nil
}

func (c *compiledQuery) addTerms(terms []string) {
	if c.negated > 0 {
		return
	}
	for _, t := range terms {
		c.terms[t] = true
	}
}

// marks reports whether a word of an article is one the query looked for,
// to mark it in a snippet.
func (c *compiledQuery) marks(word string) bool {
	if m, ok := c.marked[word]; ok {
		return m
	}
	m := false
	for _, t := range c.az.QueryTerms(word) {
		m = m || c.terms[t]
		for _, p := range c.prefixes {
			m = m || strings.HasPrefix(t, p)
		}
	}
	c.marked[word] = m
	return m
}

// repeatedValues holds a flag's values, one for each time it is given,
// commas and all (urfave/cli's slice flags split at commas, and a source
// may have one in its name).
type repeatedValues []string

func (r *repeatedValues) Set(s string) error {
	// urfave/cli gives a flag's aliases the value of the name used
	// (normalizeFlags, copyFlag), as Serialize wrote it: the list, not one
	// more value (-s a -s b would be a, b and "a, b").
	if list, ok := strings.CutPrefix(s, serializedValues); ok {
		return json.Unmarshal([]byte(list), (*[]string)(r))
	}
	*r = append(*r, s)
	return nil
}

func (r *repeatedValues) String() string { return strings.Join(*r, ", ") }
func (r *repeatedValues) Serialize() string {
	b, _ := json.Marshal([]string(*r))
	return serializedValues + string(b)
}

// serializedValues starts what Serialize writes: no one types a NUL.
const serializedValues = "\x00values:"

// resolveNames reads the names of q's filters and of its tag: and source:
// terms as the archive has them: a tag as resolveTag says, a source with
// commas as resolveSources says, and a tag filter with commas so too.
func resolveNames(ctx context.Context, db *store.DB, q *store.Query) error {
	var err error
	if q.Sources, err = resolveSources(ctx, db, q.Sources); err != nil {
		return err
	}
	hasTag := func(name string) (bool, error) { return db.HasTag(ctx, name) }
	if q.Tags, err = splitNames(q.Tags, hasTag); err != nil {
		return err
	}
	for i, t := range q.Tags {
		if q.Tags[i], err = resolveTag(ctx, db, t); err != nil {
			return err
		}
	}
	q.Match, err = resolveMatch(ctx, db, q.Match)
	return err
}

// resolveSources reads a source with commas as a list of sources
// (sabq,okaz) unless a source is named so, with spaces around each name
// dropped.
func resolveSources(ctx context.Context, db *store.DB, names []string) ([]string, error) {
	return splitNames(names, func(name string) (bool, error) { return db.HasSource(ctx, name) })
}

// splitNames reads a name with commas as a list of names unless has says
// the archive has one named so, with spaces around each name dropped.
func splitNames(names []string, has func(string) (bool, error)) ([]string, error) {
	var out []string
	for _, s := range names {
		s = strings.TrimSpace(s)
		if strings.Contains(s, ",") {
			if named, err := has(s); err != nil {
				return nil, err
			} else if !named {
				for _, part := range strings.Split(s, ",") {
					if part = strings.TrimSpace(part); part != "" {
						out = append(out, part)
					}
				}
				continue
			}
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// resolveTag reads a tag as the hashtag that names it (#التحالف_الدولي or
// التحالف_الدولي for التحالف الدولي, as import makes it) unless the archive
// has a tag spelled as typed: one rule for filters and for tag edits.
func resolveTag(ctx context.Context, db *store.DB, name string) (string, error) {
	tag := parse.HashtagTag(name)
	if tag == name || tag == "" {
		return name, nil
	}
	if has, err := db.HasTag(ctx, name); has || err != nil {
		return name, err
	}
	return tag, nil
}

// resolveMatch is m with the names of its tag: and source: terms resolved:
// source:sabq,okaz becomes source:sabq OR source:okaz.
func resolveMatch(ctx context.Context, db *store.DB, m store.Match) (store.Match, error) {
	all := func(ms []store.Match) error {
		for i, sub := range ms {
			var err error
			if ms[i], err = resolveMatch(ctx, db, sub); err != nil {
				return err
			}
		}
		return nil
	}
	var err error
	switch m := m.(type) {
	case *store.MatchFacet:
		if m.Tag != "" {
			m.Tag, err = resolveTag(ctx, db, m.Tag)
		}
		if m.Source != "" {
			names, err := resolveSources(ctx, db, []string{m.Source})
			if err != nil || len(names) < 2 {
				return m, err
			}
			or := &store.MatchOr{}
			for _, name := range names {
				or.Any = append(or.Any, &store.MatchFacet{Source: name})
			}
			return or, nil
		}
	case *store.MatchAnd:
		if err = all(m.Must); err == nil {
			err = all(m.Not)
		}
	case *store.MatchOr:
		err = all(m.Any)
	}
	return m, err
}
