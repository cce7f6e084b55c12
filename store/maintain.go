package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the archive to path while it stays
// open for reading: through a temporary file in the same folder, renamed
// when complete, readable by its owner only.
func (db *DB) Backup(ctx context.Context, path string) error {
	if same, _ := sameFile(db.path, path); same {
		return fmt.Errorf("backup: %s is the archive itself", path)
	}
	return writeAtomic(path, func(f *os.File) error {
		return db.bolt.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(f)
			return err
		})
	})
}

// Compact rewrites the archive at path into a fresh file holding only
// what is in use (after deletes, merges and reindexing, freed pages stay
// in the file until then), checks the copy, and puts it in place of the
// old one. It holds the archive alone meanwhile (another process gets
// ErrBusy); a missing archive is ErrNoArchive, and none is created. It
// returns the sizes before and after; a copy no smaller than
// the original is thrown away, and after is then before.
func Compact(ctx context.Context, path string, timeout time.Duration) (before, after int64, err error) {
	// The copy takes the place of the file a symbolic link names (an
	// archive kept on a stick, linked from home), not of the link.
	link := path
	if path, err = WriteTarget(path); err != nil {
		return 0, 0, err
	}
	src, err := Open(path, Options{MustExist: true, Timeout: timeout})
	if err != nil {
		if path != link && errors.Is(err, ErrNoArchive) {
			// Name the link too: the archive is missing where it leads.
			return 0, 0, fmt.Errorf("%s: a symbolic link to %s, which does not exist: %w", link, path, ErrNoArchive)
		}
		return 0, 0, err
	}
	closed := false
	defer func() {
		if !closed {
			src.Close()
		}
	}()
	info, err := os.Stat(path)
	if err != nil {
		return 0, 0, err
	}
	before = info.Size()
	tmp := path + ".compact"
	os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, nil)
	if err == nil {
		// bbolt makes a growing file larger than its pages need (16 MB
		// more, AllocSize, or as large as its memory map) so as to resize
		// it less often: the copy, written once, ends at its last page.
		dst.AllocSize = 0
		// Every page is filled (bolt.Compact's FillPercent is 1): a
		// bucket of keys not in id order (dates, tags) that gets more
		// later splits full pages in two, and still ends smaller than
		// had it been copied half full.
		err = bolt.Compact(dst, src.bolt, 64<<20)
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		// A file already compact (or holding little to drop) is kept:
		// compact never makes it bigger.
		if info, err = os.Stat(tmp); err == nil && info.Size() >= before {
			os.Remove(tmp)
			return before, before, nil
		}
	}
	if err == nil {
		// The copy must be a sound archive before it replaces the original.
		var check *DB
		if check, err = Open(tmp, Options{ReadOnly: true}); err == nil {
			err = check.Check(ctx)
			check.Close()
		}
	}
	if err == nil && runtime.GOOS == "windows" {
		// Windows renames over no open file: let go of the original
		// first (another process could open it in between).
		src.Close()
		closed = true
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return before, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	if info, err = os.Stat(path); err == nil {
		after = info.Size()
	}
	return before, after, err
}

// writeAtomic creates path through a temporary file in its folder. A
// symbolic link stays one: the file it names is written (WriteTarget),
// created if it is not there yet.
func writeAtomic(path string, write func(*os.File) error) error {
	path, err := WriteTarget(path)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		if dir := filepath.Dir(path); errors.Is(err, fs.ErrNotExist) {
			// Not the name of the temporary file, which would puzzle.
			return fmt.Errorf("%s: there is no folder %s", path, dir)
		}
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// WriteTarget returns the file that writing path writes, as a shell's
// redirection finds it: path, or through its symbolic links the file the
// last one names, which a link naming nothing yet (dangling) leaves to
// create, the link staying in place. A link whose target's folder does not
// exist is an error naming the link and the target.
func WriteTarget(path string) (string, error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		return target, nil
	}
	if _, err := os.Stat(path); err == nil {
		// There, though not by a name the links spell (/dev/stdout, a
		// link to pipe:[1234]).
		return path, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		// Links in a loop, a folder not to be read: a file written in
		// the folder and renamed over path would replace the link.
		if pe, ok := err.(*fs.PathError); ok {
			err = pe.Err
		}
		return "", fmt.Errorf("%s: %w", path, err)
	}
	// Something along the way is missing: follow the links one by one to
	// the name that is none (EvalSymlinks stops at it with an error).
	target := path
	for hops := 0; ; hops++ {
		info, err := os.Lstat(target)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			break
		}
		if hops == 255 { // as Linux's own limit for a path's links
			return "", fmt.Errorf("%s: too many symbolic links, one after the other (a loop?)", path)
		}
		to, err := os.Readlink(target)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(to) {
			// From the folder the link is really in, as the kernel
			// reads it: "..", under a folder reached by a link, is not
			// the folder written before it.
			dir, err := filepath.EvalSymlinks(filepath.Dir(target))
			if err != nil {
				return "", fmt.Errorf("%s: %w", path, err)
			}
			to = filepath.Join(dir, to)
		}
		target = to
	}
	if target != path {
		dir := filepath.Dir(target)
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%s: a symbolic link to %s, whose folder %s does not exist", path, target, dir)
		}
	}
	return target, nil
}

func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}
