// Package parse turns what journalists collect into articles: the seed
// text layout, JSON and JSON Lines files, folders and zip archives of them.
// It reads and reports; it knows nothing of storage.
package parse
