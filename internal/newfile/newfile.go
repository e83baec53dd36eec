// Package newfile writes the files prepcord's command line hands to an
// admin, backups and exports: written under a temporary name beside their
// target, readable only by their owner (they can hold members' private
// feedback), and given their name only when complete, never over an
// existing file unless asked to.
package newfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/prepcord/prepcord/errs"
)

// Mode is the permission of every file this package creates: owner only.
const Mode fs.FileMode = 0o600

// Temp creates an empty file, mode 0600, in the folder that will hold path,
// for the caller to fill and then Publish. When that folder is missing or
// not a folder, the error says so and names it, not the temporary file.
func Temp(path, pattern string) (*os.File, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	dir := filepath.Dir(abs)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errs.E(errs.Invalid, "cannot write %s: folder %s does not exist", path, filepath.Dir(path))
	case err != nil:
		return nil, errs.E(errs.Invalid, "cannot write %s: folder %s cannot be read (%v)", path, filepath.Dir(path), errors.Unwrap(err))
	case !st.IsDir():
		return nil, errs.E(errs.Invalid, "cannot write %s: %s is not a folder", path, filepath.Dir(path))
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, errs.E(errs.Invalid, "cannot write %s: folder %s is not writable", path, filepath.Dir(path))
	}
	// CreateTemp makes 0600 files; say so rather than rely on it.
	if err := f.Chmod(Mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// Publish gives the complete file tmp (made by Temp beside path) the name
// path and flushes the folder, so that path either does not exist or holds
// the whole file. An existing path, whatever it is (a file, a folder, a
// dangling link), is left alone and Publish fails with a Conflict: the name
// is taken with a hard link, which the kernel refuses atomically when the
// name exists, so no check-then-rename race can overwrite a file created
// meanwhile. Where the file system has no hard links, the name is claimed
// with O_EXCL and the file renamed over the claim. With replace, path is
// replaced if it exists. tmp keeps its name too; the caller removes it.
func Publish(tmp, path string, replace bool) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if replace {
		if err := os.Rename(tmp, abs); err != nil {
			return fmt.Errorf("cannot write %s: %v", path, linkCause(err))
		}
		return Sync(filepath.Dir(abs))
	}
	err = os.Link(tmp, abs)
	if errors.Is(err, fs.ErrExist) {
		return exists(path)
	}
	if err != nil {
		claim, cerr := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, Mode)
		if errors.Is(cerr, fs.ErrExist) {
			return exists(path)
		}
		if cerr != nil {
			return fmt.Errorf("cannot write %s: %v", path, linkCause(cerr))
		}
		claim.Close()
		if err := os.Rename(tmp, abs); err != nil {
			os.Remove(abs)
			return fmt.Errorf("cannot write %s: %v", path, linkCause(err))
		}
	}
	return Sync(filepath.Dir(abs))
}

// Free returns the Conflict Publish would give when path exists, so that a
// command can refuse before doing the work. Publish checks again.
func Free(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return exists(path)
	}
	return nil
}

func exists(path string) error {
	return errs.E(errs.Conflict, "%s already exists; choose a new file name", path)
}

// linkCause drops the file names from an *os.LinkError or *fs.PathError,
// which would name the temporary file.
func linkCause(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Sync flushes a file's content (or a folder's entries) to stable storage.
func Sync(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
