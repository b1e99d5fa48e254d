package history

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-billy/v5"
)

// Every file Mine reads from the analyzed repository, itself or through
// go-git, is opened by openIn: only a regular file, and only where it
// lies inside the repository once symlinks are resolved. A FIFO would
// block the run forever, a device can act on being opened, and a symlink
// out of the repository would read whatever its author pointed it at.

var (
	errNotRegular = errors.New("not a regular file")
	errOutside    = errors.New("a symlink that leads out of the repository")
	errReadOnly   = errors.New("seams never writes into the analyzed repository")
)

// roots are the directories a repository's files may lie in, with
// symlinks resolved: its git dir, common dir, work tree and object
// directories, alternates included.
type roots []string

// resolvedRoots resolves and deduplicates dirs, dropping those that do
// not exist.
func resolvedRoots(dirs ...string) roots {
	var rs roots
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if r, err := filepath.EvalSymlinks(d); err == nil && !slices.Contains(rs, r) {
			rs = append(rs, r)
		}
	}
	return rs
}

// below returns p relative to root when p lies lexically inside it.
func below(root, p string) (string, bool) {
	if p == root {
		return ".", true
	}
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	return strings.CutPrefix(p, root)
}

func (rs roots) contain(p string) bool {
	for _, r := range rs {
		if _, ok := below(r, p); ok {
			return true
		}
	}
	return false
}

// openIn opens name for reading if it is a regular file inside rs. A
// missing file gives an error for which os.IsNotExist holds, as go-git
// expects.
func openIn(name string, rs roots) (*os.File, error) {
	real, err := resolveIn(filepath.Clean(name), rs)
	if err != nil {
		return nil, err
	}
	// O_NONBLOCK: should the file have been swapped for a FIFO since it
	// was checked, opening it must still not wait for a writer.
	f, err := os.OpenFile(real, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		_ = f.Close()
		return nil, &os.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return f, nil
}

// resolveIn returns where name really is, checking that this is a
// regular file inside rs before anything opens it. A path below a root
// costs one lstat per component; only one that meets a symlink pays for
// resolving the whole path.
func resolveIn(name string, rs roots) (string, error) {
	for _, r := range rs {
		rel, ok := below(r, name)
		if !ok || rel == "." {
			continue
		}
		parts := strings.Split(rel, string(filepath.Separator))
		p := r
		for i, part := range parts {
			p = filepath.Join(p, part)
			st, err := os.Lstat(p)
			if err != nil {
				return "", err
			}
			if st.Mode()&os.ModeSymlink != 0 {
				break
			}
			if i == len(parts)-1 {
				if !st.Mode().IsRegular() {
					return "", &os.PathError{Op: "open", Path: name, Err: errNotRegular}
				}
				return p, nil
			}
		}
		break
	}
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return "", err
	}
	if !rs.contain(real) {
		return "", &os.PathError{Op: "open", Path: name, Err: errOutside}
	}
	st, err := os.Stat(real)
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", &os.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return real, nil
}

// readIn reads a file with openIn's checks; one over limit bytes is an
// error rather than a reason to allocate.
func readIn(name string, rs roots, limit int64) ([]byte, error) {
	f, err := openIn(name, rs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	// The file may grow while it is read: never past limit.
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	return b, err
}

// repoFS is the view of a repository directory that go-git gets: files
// are opened with openIn, and anything that would write fails.
type repoFS struct {
	billy.Filesystem // the directory as osfs sees it, for Stat, ReadDir, Join
	root             string
	roots            roots
}

func newRepoFS(fs billy.Filesystem, root string, rs roots) billy.Filesystem {
	return repoFS{Filesystem: fs, root: root, roots: rs}
}

func (fs repoFS) path(name string) (string, error) {
	p := filepath.Join(fs.root, filepath.FromSlash(name))
	if _, ok := below(fs.root, p); !ok {
		return "", billy.ErrCrossedBoundary
	}
	return p, nil
}

func (fs repoFS) Open(name string) (billy.File, error) { return fs.OpenFile(name, os.O_RDONLY, 0) }

func (fs repoFS) OpenFile(name string, flag int, _ os.FileMode) (billy.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_APPEND|os.O_CREATE|os.O_TRUNC) != 0 {
		return nil, &os.PathError{Op: "open", Path: name, Err: errReadOnly}
	}
	p, err := fs.path(name)
	if err != nil {
		return nil, err
	}
	f, err := openIn(p, fs.roots)
	if err != nil {
		return nil, err
	}
	return readOnlyFile{File: f, name: name}, nil
}

func (fs repoFS) Chroot(dir string) (billy.Filesystem, error) {
	sub, err := fs.Filesystem.Chroot(dir)
	if err != nil {
		return nil, err
	}
	p, err := fs.path(dir)
	if err != nil {
		return nil, err
	}
	return repoFS{Filesystem: sub, root: p, roots: fs.roots}, nil
}

func (fs repoFS) Create(name string) (billy.File, error) {
	return nil, &os.PathError{Op: "create", Path: name, Err: errReadOnly}
}

func (fs repoFS) TempFile(dir, _ string) (billy.File, error) {
	return nil, &os.PathError{Op: "create", Path: dir, Err: errReadOnly}
}

func (fs repoFS) Rename(from, _ string) error {
	return &os.PathError{Op: "rename", Path: from, Err: errReadOnly}
}

func (fs repoFS) Remove(name string) error {
	return &os.PathError{Op: "remove", Path: name, Err: errReadOnly}
}

func (fs repoFS) MkdirAll(name string, _ os.FileMode) error {
	return &os.PathError{Op: "mkdir", Path: name, Err: errReadOnly}
}

func (fs repoFS) Symlink(_, link string) error {
	return &os.PathError{Op: "symlink", Path: link, Err: errReadOnly}
}

// readOnlyFile is an os.File as a billy.File that cannot write. Locks
// are no-ops: go-git takes them only to guard its own writes.
type readOnlyFile struct {
	*os.File
	name string
}

func (f readOnlyFile) Name() string { return f.name }

func (f readOnlyFile) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: f.name, Err: errReadOnly}
}

func (f readOnlyFile) Truncate(int64) error {
	return &os.PathError{Op: "truncate", Path: f.name, Err: errReadOnly}
}

func (f readOnlyFile) Lock() error   { return nil }
func (f readOnlyFile) Unlock() error { return nil }
