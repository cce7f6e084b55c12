// Package store owns the archive file: a single bbolt database holding the
// articles and every index over them. Nothing outside this package sees a
// bbolt transaction, bucket or byte slice; values are decoded or copied
// before a transaction ends.
//
// # Schema (version 3)
//
// All integers in keys are 8-byte big-endian, so keys sort in numeric
// order. An "id" is an article id from the articles bucket's NextSequence,
// starting at 1 and never reused.
//
//	meta          "format" -> "arshif"
//	              "schema" -> decimal schema version ("3"; "2" before
//	                identlog, "1" before the index's segments were kept
//	                in blocks)
//	              "created" -> RFC 3339 time the archive was made
//	              "analyzer" -> analyze.Version the search index was built
//	                with ("" while reindex runs: left so, a reindex was
//	                interrupted)
//	              "reindex" -> while reindex runs, the analyze.Version it
//	                indexes with, NUL, the id of the first article not yet
//	                indexed and the number indexed (8 bytes each),
//	                committed with each batch: where an interrupted
//	                reindex goes on
//	              "merging" -> name of the segment bucket a merge is
//	                writing, while it runs (see segment.go)
//	              "garbage" -> names (4 bytes each) of segment buckets a
//	                merge replaced, removed a few MB a transaction
//	                after it (collectGarbage)
//	articles      id -> article record (see below)
//	identlog      id -> digest of the article's identity (idents.go): the
//	              first 16 bytes of the SHA-256 of "u\x00" + URL for an
//	              article that has a URL, of "h\x00" + the SHA-256 of
//	              title, NUL, body otherwise; appended in id order, and
//	              read into memory to look identities up
//	              (before schema 3, "idents": that key -> id, which the
//	              first writable Open converts)
//	tags          fold(tag) + "\x00" + id -> ""      one key per article and tag
//	tagcounts     fold(tag) -> uvarint count + tag as first written
//	sources       fold(source) + "\x00" + id -> ""
//	sourcecounts  fold(source) -> uvarint count + source as first written
//	dates         "YYYYMMDD" + id -> ""   the calendar day of publication,
//	                                      in the article's own time zone
//	undated       id -> ""                articles with no publication date
//	mentions      in archives whose index is of analysis revision 2:
//	              period + id -> "", the periods of the mention terms
//	              below; read only while the index is older than this
//	              build's, until Reindex drops it (a writable Open drops
//	              one an older arshif left beside a current index)
//	postings      the full-text index: one nested bucket per segment,
//	              named by the segment id (4 bytes), in blocks:
//	                first term -> terms and their postings lists
//	              (segblock.go, postings.go), or in archives made before
//	              blocks, term -> postings list
//	segments      segment id -> uvarint articles, first id, last id,
//	              layout (absent before blocks)
//	docinfo       id / 4096 (4 bytes) -> 4096 records of 8 bytes: day as
//	              YYYYMMDD (uint32, 0 undated), title and body length in
//	              words (uint16 each, capped); all zero: no article
//
// meta also holds the collection statistics for ranking, as varints:
// "docs" (articles indexed), "title_words" and "body_words" (sums of the
// lengths in docinfo).
//
// The full-text index (segment.go) is built like Lucene's: every import
// commit writes its new articles' postings as one new segment, and small
// segments are merged as they pile up. Terms are what analyze.Analyzer
// gives for title and body (title words at positions 0.., body words after
// a gap of one), plus a term for the article's language ("\x01l" + a
// code of analyze.Languages or "und": the one its record declares, or else
// the one its text reads as, analyze.LanguageOf; its Latin-script words
// are stemmed in that language), per source ("\x01s" + fold(source)), per
// tag ("\x01t" + fold(tag)) and per period the text mentions ("\x01m" +
// "D"+YYYYMMDD, "M"+YYYYMM, "Y"+YYYY or, for a day and month of unknown
// year, "P"+MMDD: analyze.Mentions resolved against the publication day)
// with no positions, so that a language, tag, source or mentioned-date
// condition is a postings list too, appended, merged, edited and checked
// with the rest.
// fold is analyze.Fold: tags and sources match whatever spelling variant
// and letter case they were written in, and are shown as first written.
// Keys of tags, sources and dates sort, so a tag, a source or a range of
// days is one Cursor.Seek and a prefix scan; dates read backwards give
// newest first. Every article is in exactly one of dates and undated.
//
// An article record is a format byte followed by the fields. Format 1:
// uvarint-length-prefixed strings: title, body, source, url, author,
// published (the canonical article.Timestamp form, "" when undated), hash
// (hex), origin; then a uvarint tag count and the tags; then imported_at as
// varint Unix nanoseconds. Format 2 is format 1 without its first byte,
// compressed with zstd (written until November 2026). Format 3 (what is
// written) is the same compressed with S2 instead. Format 4 (written for
// an article whose record declares its language, article.Lang) is format 3
// with one more uvarint-length-prefixed string after imported_at: that
// language, a code of analyze.Languages, which the search index uses in
// place of the one its text gives (analyze.LanguageOf). The end of the
// record is the natural place for it, and articles without one stay
// format 3, byte for byte; but it takes a format byte of its own, since
// a reader of formats 1 to 3 stops at imported_at without looking further:
// an older arshif would read a format-3 record with a language as one
// without, index the article by its text, and write the record back
// without it at the next edit. It refuses format 4 instead. A declared
// language the text reads as too (analyze.Language) is not kept, so that
// only articles whose declaration matters are format 4. A later
// format adds a new format byte; readers decode every format they know.
//
// Open checks meta: a bbolt file without it is not an archive (unless it
// has no buckets at all, then it is initialised), and a schema newer than
// this build knows is refused rather than misread. An archive of schema 1
// is read as it is, and becomes schema 2 when it is opened for writing:
// what is written from then on is in blocks, which an older arshif would
// misread.
package store
