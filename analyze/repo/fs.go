package repo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// The reasons a file of the work tree is not read. Their text is the
// whole of what seams says about such a file: never where a link points
// or what the file holds.
var (
	// ErrOutside is a symbolic link that leads out of the repository
	// root, or to nothing.
	ErrOutside = errors.New("symbolic link out of the repository")
	// ErrNotRegular is a FIFO, socket or device: opening one may block,
	// or have effects of its own.
	ErrNotRegular = errors.New("not a regular file")
)

// SkipReason returns "skipped: " and the reason when err says a file was
// refused as ErrOutside or ErrNotRegular, and "" otherwise.
func SkipReason(err error) string {
	for _, e := range []error{ErrOutside, ErrNotRegular} {
		if errors.Is(err, e) {
			return "skipped: " + e.Error()
		}
	}
	return ""
}

// workTree is a directory on disk as seams reads it: like os.DirFS, but
// it opens only directories and regular files, never a FIFO or a device,
// and follows a symbolic link only when it resolves inside the root.
type workTree struct {
	root string // absolute and symlink-free
	// dirs caches the directories known to lie inside root through no
	// link, so that a file costs one lstat of its own.
	dirs sync.Map // slash path -> struct{}
	// listings caches what each directory holds: a run walks the tree
	// several times (to locate the modules, for the cache key, for the
	// packages and for the .sql files), and each walk then sees the same
	// listing without listing the directory again.
	listings sync.Map // slash path -> []fs.DirEntry, sorted
}

// DirFS returns the work tree at root (absolute and free of symbolic
// links) as a file system that refuses what seams must not read: a
// symbolic link out of root fails with ErrOutside, a file that is not
// regular with ErrNotRegular, before anything opens it. Every reader of
// a repository on disk goes through it (see Repo.Files).
func DirFS(root string) fs.FS {
	return &workTree{root: root}
}

// resolve returns the real path of name after checking it: a directory
// or regular file inside the root. Links inside the root are followed.
func (w *workTree) resolve(op, name string) (string, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	fail := func(err error) (string, fs.FileInfo, error) {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	if name == "." {
		st, err := os.Stat(w.root)
		if err != nil {
			return fail(unwrap(err))
		}
		return w.root, st, nil
	}
	if _, ok := w.dirs.Load(path.Dir(name)); !ok && path.Dir(name) != "." {
		// Check the directories above, from the top, once each.
		parts := strings.Split(path.Dir(name), "/")
		for i := range parts {
			d := strings.Join(parts[:i+1], "/")
			if _, ok := w.dirs.Load(d); ok {
				continue
			}
			st, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(d)))
			if err != nil {
				return fail(unwrap(err))
			}
			if !st.IsDir() {
				// A link (or a file where a directory should be): the
				// slow path resolves the whole name.
				return w.follow(op, name)
			}
			w.dirs.Store(d, struct{}{})
		}
	}
	p := filepath.Join(w.root, filepath.FromSlash(name))
	st, err := os.Lstat(p)
	if err != nil {
		return fail(unwrap(err))
	}
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		return w.follow(op, name)
	case !st.IsDir() && !st.Mode().IsRegular():
		return fail(ErrNotRegular)
	}
	return p, st, nil
}

// follow resolves a name that meets a symbolic link on the way.
func (w *workTree) follow(op, name string) (string, fs.FileInfo, error) {
	fail := func(err error) (string, fs.FileInfo, error) {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	real, err := filepath.EvalSymlinks(filepath.Join(w.root, filepath.FromSlash(name)))
	// A dangling link counts as one out: where it pointed is none of the
	// output's business.
	if err != nil || !Within(w.root, real) {
		return fail(ErrOutside)
	}
	st, err := os.Lstat(real)
	if err != nil {
		return fail(unwrap(err))
	}
	if !st.IsDir() && !st.Mode().IsRegular() {
		return fail(ErrNotRegular)
	}
	return real, st, nil
}

// unwrap drops the *PathError os puts around an error: its path is the
// absolute one, and fs.FS errors name the relative path instead.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Within reports whether p is root or lies below it; both are absolute
// and clean.
func Within(root, p string) bool {
	if p == root {
		return true
	}
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	return strings.HasPrefix(p, root)
}

func (w *workTree) Open(name string) (fs.File, error) {
	p, st, err := w.resolve("open", name)
	if err != nil {
		return nil, err
	}
	return openChecked(p, name, st)
}

// openChecked opens p, which resolve found to be a directory or regular
// file, and checks that it still is: should it have been swapped for a
// FIFO since, O_NONBLOCK keeps the open from waiting for a writer.
func openChecked(p, name string, want fs.FileInfo) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrap(err)}
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() != want.IsDir() || !st.IsDir() && !st.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	return f, nil
}

func (w *workTree) Stat(name string) (fs.FileInfo, error) {
	_, st, err := w.resolve("stat", name)
	return st, err
}

func (w *workTree) ReadDir(name string) ([]fs.DirEntry, error) {
	if ents, ok := w.listings.Load(name); ok {
		return slices.Clone(ents.([]fs.DirEntry)), nil
	}
	p, st, err := w.resolve("readdir", name)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	ents, err := os.ReadDir(p)
	if err != nil {
		return ents, &fs.PathError{Op: "readdir", Path: name, Err: unwrap(err)}
	}
	if name != "." {
		w.dirs.Store(name, struct{}{})
	}
	w.listings.Store(name, ents)
	return slices.Clone(ents), nil
}

func (w *workTree) ReadFile(name string) ([]byte, error) {
	p, st, err := w.resolve("open", name)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	f, err := openChecked(p, name, st)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unwrap(err)}
	}
	return data, nil
}

// ErrEscapes is a path from a file of the repository that leads out of
// it: absolute, climbing out with "..", or through a symbolic link.
var ErrEscapes = errors.New("leads out of the repository")

// Inside returns the path rel names below root, for a path a file of the
// repository gives (such as .seams.yaml's out and baseline): it must be
// relative and stay below root, also through any symbolic link on the
// way. Components that do not exist yet are fine: the caller creates
// them. root is absolute and free of symbolic links.
func Inside(root, rel string) (string, error) {
	if err := CheckRelative(rel); err != nil {
		return "", err
	}
	p := root
	parts := strings.Split(filepath.Clean(filepath.FromSlash(rel)), string(filepath.Separator))
	for i, part := range parts {
		if part == "." {
			continue
		}
		p = filepath.Join(p, part)
		st, err := os.Lstat(p)
		if err != nil {
			// Not there yet: nothing below can be a link.
			return filepath.Join(append([]string{p}, parts[i+1:]...)...), nil
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		real, err := filepath.EvalSymlinks(p)
		if err != nil || !Within(root, real) {
			return "", fmt.Errorf("%q %w through a symbolic link", rel, ErrEscapes)
		}
		p = real
	}
	return p, nil
}

// CheckRelative says whether rel is a path relative to a repository's
// root that stays below it, without looking at the disk.
func CheckRelative(rel string) error {
	clean := filepath.Clean(filepath.FromSlash(rel))
	switch {
	case rel == "":
		return errors.New("empty path")
	case filepath.IsAbs(rel) || path.IsAbs(filepath.ToSlash(rel)) || filepath.VolumeName(rel) != "":
		return fmt.Errorf("%q is absolute: it %w (give a path relative to the repository root)", rel, ErrEscapes)
	case clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)):
		return fmt.Errorf("%q %w", rel, ErrEscapes)
	}
	return nil
}
