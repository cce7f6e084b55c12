package store

// Match is a full-text condition with its words already analysed: a
// *MatchTerm, *MatchPhrase, *MatchFacet, *MatchAnd or *MatchOr. The
// command line builds it from the parsed query; the index evaluates it.
type Match interface{ isMatch() }

// MatchTerm matches articles with one word.
type MatchTerm struct {
	// Terms are the index terms the word may have been indexed under (a
	// Latin word has an English and a French stem); any one matches.
	Terms []string
	// Prefix makes Terms prefixes of index terms.
	Prefix bool
	// Title restricts the match to titles.
	Title bool
	// Exact, when set, is the word as typed: the article must contain it
	// exactly, unnormalised.
	Exact string
}

// MatchPhrase matches articles with words next to each other, in order.
type MatchPhrase struct {
	// Words holds, for each word of the phrase, its possible index terms.
	Words [][]string
	Title bool
	// Exact, when set, holds the words as typed, to be found unnormalised.
	Exact []string
}

// MatchFacet matches articles with a tag, from a source (spelling
// variants match) or in a language: one of the three is set.
type MatchFacet struct {
	Tag, Source string
	// Lang is a language code (analyze.LanguageOf).
	Lang string
}

// MatchAnd matches what every Must matches and no Not matches. With no
// Must it starts from every article (within the query's other conditions),
// so that "all but these" can be asked.
type MatchAnd struct {
	Must []Match
	Not  []Match
}

// MatchOr matches what any of Any matches.
type MatchOr struct {
	Any []Match
}

// term is the facet term of the index that m looks for.
func (m *MatchFacet) term() string {
	switch {
	case m.Source != "":
		return sourceTerm(m.Source)
	case m.Lang != "":
		return langTerm(m.Lang)
	}
	return tagTerm(m.Tag)
}

func (*MatchTerm) isMatch()   {}
func (*MatchPhrase) isMatch() {}
func (*MatchFacet) isMatch()  {}
func (*MatchAnd) isMatch()    {}
func (*MatchOr) isMatch()     {}
