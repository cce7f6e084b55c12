package parse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"arshif/analyze"
	"arshif/article"
)

// fieldNames maps the common spellings of a record's keys, in English,
// Arabic and French, to the article field they fill; they are kept as
// fieldKey makes keys. Earlier spellings win when a record has several,
// except for tags, which are gathered from all of them.
var fieldNames = map[string][]string{
	"title":  keys("title", "headline", "heading", "العنوان", "عنوان", "titre"),
	"body":   keys("body", "content", "text", "article", "full_text", "النص", "نص", "المحتوى", "محتوى", "المتن", "texte", "contenu", "short_description", "description", "summary", "الوصف", "الملخص", "résumé"),
	"url":    keys("url", "link", "href", "permalink", "الرابط", "رابط", "lien"),
	"source": keys("source", "publisher", "site", "outlet", "newspaper", "المصدر", "مصدر", "الصحيفة", "الناشر", "الموقع", "journal"),
	"author": keys("author", "authors", "byline", "creator", "الكاتب", "كاتب", "المؤلف", "auteur"),
	"date":   keys("published", "published_at", "publishedat", "publication_date", "تاريخ_النشر", "date_de_publication", "pubdate", "date", "التاريخ", "تاريخ", "datetime", "date_published", "date_extracted"),
	"tags":   keys("tags", "tag", "keywords", "category", "categories", "section", "الوسوم", "وسوم", "الكلمات_المفتاحية", "التصنيف", "القسم", "mots-clés", "catégorie", "rubrique"),
	"origin": keys("origin"),
	"lang":   keys("lang", "language", "locale", "lang_code", "language_code", "inlanguage", "اللغة", "لغة", "langue"),
}

// oneTag are the keys whose text is one tag (a category), not tags
// separated by commas.
var oneTag = keys("category", "section", "التصنيف", "القسم", "catégorie", "rubrique")

// keys returns spellings, each made a fieldKey.
func keys(spellings ...string) []string {
	for i, s := range spellings {
		spellings[i] = fieldKey(s)
	}
	return spellings
}

// fieldKey is a record's key, or a CSV column's name, as it is compared
// with the spellings of fieldNames: trimmed, lower-cased and folded as
// analyze.Fold folds words (é is e; in Arabic أ إ آ are ا, ى is ي, ة is ه,
// harakat and tatweel go), with '-' and white space as '_'. Title,
// "Mots-clés", "mots clés", العنـوان and الكلمات المفتاحيه name the same
// fields as title, mots_cles, العنوان and الكلمات_المفتاحية.
func fieldKey(k string) string {
	if plainKey(k) {
		return k
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, analyze.Fold(k))
}

// plainKey reports whether k is a fieldKey already, as most keys are:
// lower-case ASCII without white space or '-', and letters of the Arabic
// alphabet that analyze.Fold keeps.
func plainKey(k string) bool {
	for i := 0; i < len(k); {
		c := k[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == '-' || c == 0x7f || 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(k[i:])
		if r < 'ء' || r > 'ي' || r == 'أ' || r == 'إ' || r == 'آ' || r == 'ة' || r == 'ى' || r == 'ـ' {
			return false
		}
		i += size
	}
	return true
}

// Record turns one decoded JSON object into an article. Field names are
// matched against their common spellings in English, Arabic and French
// (title or headline or العنوان, content or body or text or النص, url or
// link, date or published or date_extracted, tags or category, ...), in any
// case and folded (fieldKey). What cannot be used is reported
// in notices; the article is returned even then. A record with neither a
// title nor a body is rejected with ErrNoText. A language (lang, language,
// locale, inLanguage ...: a BCP 47 tag or an English name) is read as a
// code of analyze.Languages; one arshif does not know is a notice, and the
// article's language is then read from its text. opts.Fields names fields by
// hand (field -> key, see Fields) in place of the common spellings;
// opts.DateOrder reads ambiguous numeric dates. A record with bytes that
// are not UTF-8 is rejected with ErrEncoding.
func Record(obj map[string]json.RawMessage, opts Options) (a *article.Article, notices []error, err error) {
	if !validUTF8(obj) {
		return nil, nil, ErrEncoding
	}
	return record(lowerKeys(obj), opts)
}

// validUTF8 reports whether every value of obj is UTF-8. encoding/json
// would turn other bytes into U+FFFD without a word: text in another
// encoding is refused instead.
func validUTF8(obj map[string]json.RawMessage) bool {
	for _, v := range obj {
		if !utf8.Valid(v) {
			return false
		}
	}
	return true
}

// record is Record for a record whose keys lowerKeys has lower-cased and
// whose values are UTF-8 (validUTF8).
func record(lower map[string]json.RawMessage, opts Options) (a *article.Article, notices []error, err error) {
	fields := opts.Fields
	text := func(name string) string {
		key, raw := field(lower, fields, name)
		if raw == nil {
			return ""
		}
		s, err := textValue(raw)
		if err != nil {
			notices = append(notices, fmt.Errorf("field %q ignored: %w", key, err))
		}
		return s
	}

	a = &article.Article{
		Title:  CleanLine(text("title")),
		Body:   CleanBody(text("body")),
		URL:    CleanLine(text("url")),
		Source: CleanLine(text("source")),
		Author: CleanLine(text("author")),
		Origin: CleanLine(text("origin")),
	}
	if a.Title == "" && a.Body == "" {
		return nil, notices, ErrNoText
	}
	if key, raw := field(lower, fields, "lang"); raw != nil {
		lang, err := langValue(raw)
		if err != nil {
			notices = append(notices, fmt.Errorf("field %q ignored: %w; the language is read from the text", key, err))
		}
		a.Lang = lang
	}
	if d := text("date"); d != "" {
		ts, err := DateIn(d, opts.DateOrder)
		if err != nil {
			notices = append(notices, fmt.Errorf("%w; the article is kept undated", err))
		}
		a.Published = ts
	}
	for _, key := range spellings(fields, "tags") {
		raw, ok := lower[key]
		if !ok || isNull(raw) {
			continue
		}
		tags, err := tagsValue(raw, key)
		if err != nil {
			notices = append(notices, fmt.Errorf("field %q ignored: %w", key, err))
		}
		a.AddTags(tags...)
	}
	a.AddTags(Hashtags(a.Title)...)
	a.AddTags(Hashtags(a.Body)...)
	return a, notices, nil
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// lowerKeys returns the record with its keys made fieldKeys; of two keys
// that become one, the first is kept.
func lowerKeys(obj map[string]json.RawMessage) map[string]json.RawMessage {
	lower := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		k = fieldKey(k)
		if _, dup := lower[k]; !dup {
			lower[k] = v
		}
	}
	return lower
}

// spellings returns the keys a field may have: the one named by hand, or
// the common ones.
func spellings(fields map[string]string, name string) []string {
	if key, ok := fields[name]; ok {
		return []string{key}
	}
	return fieldNames[name]
}

// noTextKeys is ErrNoText for a record whose keys (lowerKeys) name
// neither a title nor a body in any spelling arshif knows, with those keys
// and how to name them; nil when a key names one, empty.
func noTextKeys(lower map[string]json.RawMessage, fields map[string]string) error {
	for _, name := range []string{"title", "body"} {
		for _, key := range spellings(fields, name) {
			if _, ok := lower[key]; ok {
				return nil
			}
		}
	}
	keys := slices.Sorted(maps.Keys(lower))
	if len(keys) > 8 {
		keys = append(keys[:8], "…")
	}
	return fmt.Errorf("%w: its keys (%s) name neither; name them with --map title=KEY,body=KEY", ErrNoText, strings.Join(keys, ", "))
}

// field returns the key and value of a field in a record with lower-cased
// keys, or nil.
func field(lower map[string]json.RawMessage, fields map[string]string, name string) (string, json.RawMessage) {
	for _, key := range spellings(fields, name) {
		if v, ok := lower[key]; ok && !isNull(v) {
			return key, v
		}
	}
	return "", nil
}

// recordURL returns the URL of a record (keys lower-cased by lowerKeys)
// as Record would read it, or "".
func recordURL(lower map[string]json.RawMessage, fields map[string]string) string {
	_, raw := field(lower, fields, "url")
	if raw == nil {
		return ""
	}
	s, err := textValue(raw)
	if err != nil {
		return ""
	}
	return CleanLine(s)
}

// textValue reads a string, a number, an array of strings (joined by
// ", ", as lists of authors are), or an object that names something
// ({"id": "bbc", "name": "BBC News"}, as news APIs give a source or an
// author: its "name"), or an array of those.
func textValue(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", nil
	}
	switch raw[0] {
	case '"':
		// Most strings have no escapes: the text between the quotes is the
		// value (the record was validated when it was split into fields).
		if s, ok := unquote(raw); ok {
			return s, nil
		}
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case '[':
		var list []string
		if err := json.Unmarshal(raw, &list); err != nil {
			var named []struct{ Name string }
			if json.Unmarshal(raw, &named) != nil {
				return "", fmt.Errorf("expected a list of texts")
			}
			list = nil // what the failed reading left
			for _, n := range named {
				if n.Name == "" {
					return "", fmt.Errorf("expected a list of texts")
				}
				list = append(list, n.Name)
			}
		}
		return strings.Join(list, ", "), nil
	case '{':
		var named struct{ Name string }
		if json.Unmarshal(raw, &named) != nil || named.Name == "" {
			return "", fmt.Errorf("expected text, found an object")
		}
		return named.Name, nil
	case 't', 'f':
		return "", fmt.Errorf("expected text, found %s", raw)
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", err
	}
	return n.String(), nil
}

// unquote decodes a JSON string already validated, as JSON when the
// record was split into fields and as UTF-8 by validUTF8, in the common
// case: escapes other than UTF-16 surrogates. For anything else it returns
// false and json.Unmarshal, which replaces lone surrogates, decides.
func unquote(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	in := raw[1 : len(raw)-1]
	esc := bytes.IndexByte(in, '\\')
	if esc < 0 {
		return string(in), true
	}
	var out strings.Builder
	out.Grow(len(in))
	for esc >= 0 {
		out.Write(in[:esc])
		in = in[esc:]
		if len(in) < 2 {
			return "", false
		}
		n := 2
		switch c := in[1]; c {
		case '"', '\\', '/':
			out.WriteByte(c)
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case 'n':
			out.WriteByte('\n')
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case 'u':
			if len(in) < 6 {
				return "", false
			}
			r, err := strconv.ParseUint(string(in[2:6]), 16, 16)
			if err != nil || utf16.IsSurrogate(rune(r)) {
				return "", false
			}
			out.WriteRune(rune(r))
			n = 6
		default:
			return "", false
		}
		in = in[n:]
		esc = bytes.IndexByte(in, '\\')
	}
	out.Write(in)
	return out.String(), true
}

// langValue reads a language as a code of analyze.Languages: "" for none
// (an empty value, or und: not told), or an error for a value that names
// no language arshif knows.
func langValue(raw json.RawMessage) (string, error) {
	s, err := textValue(raw)
	if err != nil {
		return "", err
	}
	if s = strings.TrimSpace(s); s == "" {
		return "", nil
	}
	code, ok := analyze.LanguageCode(s)
	if !ok {
		return "", fmt.Errorf("%q is not a language arshif knows", s)
	}
	if code == analyze.Und {
		return "", nil
	}
	return code, nil
}

// tagsValue reads tags from a list, or from text: one tag for a category,
// comma-separated tags for a "tags" or "keywords" field.
func tagsValue(raw json.RawMessage, key string) ([]string, error) {
	var list []string
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("expected a list of texts")
		}
	} else {
		s, err := textValue(raw)
		if err != nil {
			return nil, err
		}
		if slices.Contains(oneTag, key) {
			list = []string{s}
		} else {
			list = strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '،' })
		}
	}
	tags := make([]string, 0, len(list))
	for _, t := range list {
		if t = CleanLine(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags, nil
}

// Fields are the names of the article fields that records map to, for
// ParseFieldMap.
var Fields = []string{"title", "body", "url", "source", "author", "date", "tags", "origin", "lang"}

// ParseFieldMap reads "title=headline,body=text": which key of the records
// fills which field. Keys are compared as fieldKey makes them: in any case,
// "Full Text" as full_text.
func ParseFieldMap(s string) (map[string]string, error) {
	m := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		field, key, ok := strings.Cut(pair, "=")
		field, key = strings.ToLower(strings.TrimSpace(field)), fieldKey(key)
		if !ok || key == "" || !slices.Contains(Fields, field) {
			return nil, fmt.Errorf("%q: write FIELD=KEY, FIELD one of %s", pair, strings.Join(Fields, ", "))
		}
		m[field] = key
	}
	return m, nil
}
