// Package article holds the one domain type that every other package of
// arshif shares: a news article as it is imported, stored and exported.
// It imports nothing of arshif, so parse, store and export can all use it
// without importing each other.
package article

import (
	"strings"
	"time"
)

// ParagraphSep separates the paragraphs of a Body.
const ParagraphSep = "\n\n"

// Article is one news article.
type Article struct {
	// ID is assigned by the store; zero until the article is stored.
	ID uint64
	// Title is the headline, trimmed.
	Title string
	// Body is the text, its paragraphs separated by ParagraphSep.
	Body string
	// Tags are the article's labels in the order first seen, without
	// duplicates: hashtags of the text, categories and tags of the source
	// record, and tags given at import.
	Tags []string
	// Source names the outlet (a newspaper, an agency, a site).
	Source string
	// URL is where the article was published, if known.
	URL string
	// Author is the byline, if known.
	Author string
	// Published is when the article was published, zero when unknown.
	// Its calendar day is the article's date.
	Published Timestamp
	// Hash is the hex SHA-256 of the normalised title and body, set by the
	// store.
	Hash string
	// ImportedAt is when the article entered the archive, set by the store.
	ImportedAt time.Time
	// Origin says where the article was read from: a file, and inside it
	// a line or record number.
	Origin string
	// Lang is the language its record declares, as a code of
	// analyze.Languages; "" when it declares none, and the language is
	// then read from the text (analyze.LanguageOf).
	Lang string
}

// Paragraphs returns the paragraphs of the body.
func (a *Article) Paragraphs() []string {
	if a.Body == "" {
		return nil
	}
	return strings.Split(a.Body, ParagraphSep)
}

// Dated reports whether the publication date is known.
func (a *Article) Dated() bool { return !a.Published.IsZero() }

// AddTags appends the tags not already present, keeping the order.
// Empty tags are ignored.
func (a *Article) AddTags(tags ...string) {
	for _, t := range tags {
		if t == "" || a.HasTag(t) {
			continue
		}
		a.Tags = append(a.Tags, t)
	}
}

// HasTag reports whether the article has exactly this tag.
func (a *Article) HasTag(tag string) bool {
	for _, t := range a.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// JSON is the documented, stable form of an article in JSON and JSONL
// exports and in `--format json` output. Field names never change;
// new fields may be added.
type JSON struct {
	ID         uint64   `json:"id"`
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	Tags       []string `json:"tags"`
	Source     string   `json:"source"`
	URL        string   `json:"url"`
	Author     string   `json:"author"`
	Published  *string  `json:"published"`
	Hash       string   `json:"hash"`
	ImportedAt string   `json:"imported_at"`
	Origin     string   `json:"origin"`
	// Lang is the article's language as the search index has it: the
	// one its record declares, or else the one the exporter reads from
	// the text (analyze.LanguageOf). ToJSON gives only the declared one.
	Lang string `json:"lang"`
}

// ToJSON returns the exported form of a.
func (a *Article) ToJSON() JSON {
	j := JSON{
		ID:     a.ID,
		Title:  a.Title,
		Body:   a.Body,
		Tags:   a.Tags,
		Source: a.Source,
		URL:    a.URL,
		Author: a.Author,
		Hash:   a.Hash,
		Origin: a.Origin,
		Lang:   a.Lang,
	}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	if a.Dated() {
		s := a.Published.String()
		j.Published = &s
	}
	if !a.ImportedAt.IsZero() {
		j.ImportedAt = a.ImportedAt.UTC().Format(time.RFC3339)
	}
	return j
}
