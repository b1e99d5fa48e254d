// Package snapshot reads the tree of a git commit as an fs.FS, so that
// the same code that analyzes a work tree can analyze any commit of its
// history without checking anything out (seams trend).
//
// Files are read lazily from the object store; nothing is written.
// Symbolic links and submodules are left out, as an analysis of a
// checkout would not follow them into other trees either.
package snapshot

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// FS is a commit's tree as a read-only file system. Its files carry the
// commit's time as their modification time.
type FS struct {
	tree *object.Tree
	when time.Time
}

// New returns the tree of c as a file system.
func New(c *object.Commit) (*FS, error) {
	t, err := c.Tree()
	if err != nil {
		return nil, err
	}
	return &FS{tree: t, when: c.Committer.When}, nil
}

// Open implements fs.FS.
func (f *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return &dir{info: f.info(".", filemode.Dir, 0), fsys: f, tree: f.tree}, nil
	}
	e, err := f.tree.FindEntry(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	switch e.Mode {
	case filemode.Dir:
		t, err := f.tree.Tree(name)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &dir{info: f.info(path.Base(name), e.Mode, 0), fsys: f, tree: t}, nil
	case filemode.Regular, filemode.Executable, filemode.Deprecated:
		file, err := f.tree.TreeEntryFile(e)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		r, err := file.Reader()
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		defer r.Close()
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		return &file_{info: f.info(path.Base(name), e.Mode, int64(len(data))), r: bytes.NewReader(data)}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS, so that fs.WalkDir need not open
// every directory twice.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	t := f.tree
	if name != "." {
		var err error
		if t, err = f.tree.Tree(name); err != nil {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
		}
	}
	return f.entries(t), nil
}

func (f *FS) entries(t *object.Tree) []fs.DirEntry {
	var out []fs.DirEntry
	for _, e := range t.Entries {
		switch e.Mode {
		case filemode.Dir, filemode.Regular, filemode.Executable, filemode.Deprecated:
			out = append(out, &entry{fsys: f, tree: t, e: e})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// entry is a directory entry whose size is only looked up when asked:
// walking a tree needs names and kinds, not sizes.
type entry struct {
	fsys *FS
	tree *object.Tree
	e    object.TreeEntry
}

func (e *entry) Name() string      { return e.e.Name }
func (e *entry) IsDir() bool       { return e.e.Mode == filemode.Dir }
func (e *entry) Type() fs.FileMode { return e.fsys.info("", e.e.Mode, 0).Mode().Type() }
func (e *entry) Info() (fs.FileInfo, error) {
	size := int64(0)
	if !e.IsDir() {
		file, err := e.tree.TreeEntryFile(&e.e)
		if err != nil {
			return nil, err
		}
		size = file.Size
	}
	return e.fsys.info(e.e.Name, e.e.Mode, size), nil
}

func (f *FS) info(name string, m filemode.FileMode, size int64) info {
	return info{name: name, dir: m == filemode.Dir, size: size, when: f.when}
}

type info struct {
	name string
	dir  bool
	size int64 // -1 when not read yet
	when time.Time
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return max(i.size, 0) }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i info) ModTime() time.Time { return i.when }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }

// file_ is an open regular file; the name avoids the os.File clash in
// readers' minds.
type file_ struct {
	info info
	r    *bytes.Reader
}

func (f *file_) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file_) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *file_) Close() error               { return nil }

type dir struct {
	info info
	fsys *FS
	tree *object.Tree
	read []fs.DirEntry
	pos  int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}
func (d *dir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.read == nil {
		d.read = d.fsys.entries(d.tree)
	}
	rest := d.read[d.pos:]
	if n <= 0 {
		d.pos = len(d.read)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.pos += n
	return rest[:n], nil
}
