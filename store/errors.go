package store

import "errors"

var (
	// ErrBusy means another process holds the archive (an import, most
	// likely) and the lock was not released in time.
	ErrBusy = errors.New("the archive is busy: another arshif process is using it; try again when it has finished")
	// ErrNoArchive means the archive file does not exist and the command
	// only reads.
	ErrNoArchive = errors.New("no archive here yet: import something first, or name the archive with --db")
	// ErrNoFolder means the archive file cannot be created because the
	// folder named for it does not exist.
	ErrNoFolder = errors.New("its folder does not exist")
	// ErrNotArchive means the file is not an arshif archive.
	ErrNotArchive = errors.New("not an arshif archive")
	// ErrNewerSchema means the archive was written by a newer arshif.
	ErrNewerSchema = errors.New("the archive was written by a newer arshif: use that version")
	// ErrNotFound means no article has the id asked for.
	ErrNotFound = errors.New("no such article")
	// ErrStaleIndex means the full-text index was built by another version
	// of arshif's analysis and must be rebuilt before it is changed.
	ErrStaleIndex = errors.New("the search index was built by another version of arshif: run 'arshif reindex' first")
	// ErrReindexUnfinished means a reindex was interrupted: the full-text
	// index holds only some of the articles until it is finished.
	ErrReindexUnfinished = errors.New("a reindex was interrupted and the search index holds only some of the articles: run 'arshif reindex' to finish it first")
	// ErrReadOnly means a write was attempted on an archive opened read-only.
	ErrReadOnly = errors.New("the archive is open read-only")

	// errCorrupt means stored data that cannot be read: an article
	// record, a postings list, a key. arshif check says what and where.
	errCorrupt = errors.New("corrupt data (run arshif check)")
)
