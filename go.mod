module arshif

go 1.26.0

// Why each dependency (the README says more):
require (
	// Snowball stemmers for English and French, generated from the Snowball
	// project's own definitions; no dependencies of their own.
	github.com/blevesearch/snowballstem v0.9.0
	// S2 for article records (zstd to read those of older archives): half
	// the size, fast to compress on import and to decode for snippets.
	github.com/klauspost/compress v1.18.0
	// testscript, for the command-line script tests (tests only).
	github.com/rogpeppe/go-internal v1.16.0
	// The command line (given by the design).
	github.com/urfave/cli/v2 v2.27.7
	// The archive file (given by the design).
	go.etcd.io/bbolt v1.5.0
	// posix_fadvise, so that a large input leaves the page cache as it
	// is read (parse/dropbehind_linux.go); bbolt needs it anyway.
	golang.org/x/sys v0.48.0
	// Unicode normalisation for folding (given by the design).
	golang.org/x/text v0.43.0
)

require (
	github.com/cpuguy83/go-md2man/v2 v2.0.7 // indirect
	github.com/russross/blackfriday/v2 v2.1.0 // indirect
	github.com/xrash/smetrics v0.0.0-20240521201337-686a1a2994c1 // indirect
	golang.org/x/tools v0.51.0 // indirect
)
