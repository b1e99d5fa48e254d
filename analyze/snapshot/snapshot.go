// Package snapshot reads the tree of a git commit as an fs.FS, so that
// the same code that analyzes a work tree can analyze any commit of its
// history without checking anything out (seams trend).
//
// Files are read lazily from the object store, through history.Objects,
// which reads packfiles side by side; nothing is written. Symbolic links
// and submodules are left out, as an analysis of a checkout would not
// follow them into other trees either.
package snapshot

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/analyze/history"
)

// FS is a commit's tree as a read-only file system. Its files carry the
// commit's time as their modification time.
//
// An FS is safe for concurrent use: the tree is indexed once, by New,
// into maps that are only read afterwards, and history.Objects reads
// file contents side by side.
type FS struct {
	objects *history.Objects
	when    time.Time
	nodes   map[string]*node // by path, "." for the root; never written after New
}

// node is a directory or a file of the tree.
type node struct {
	entry   object.TreeEntry // zero for the root
	entries []fs.DirEntry    // a directory's entries, sorted by name
}

// New returns the tree with the given hash as a file system reading from
// objects; its files carry when as their modification time.
func New(objects *history.Objects, tree plumbing.Hash, when time.Time) (*FS, error) {
	f := &FS{objects: objects, when: when, nodes: map[string]*node{}}
	if err := f.index(".", tree, &node{entry: object.TreeEntry{Mode: filemode.Dir}}); err != nil {
		return nil, err
	}
	return f, nil
}

// index adds the directory at p, whose tree has the given hash, and
// everything below.
func (f *FS) index(p string, hash plumbing.Hash, n *node) error {
	t := &object.Tree{}
	if err := f.objects.Decode(hash, plumbing.TreeObject, t); err != nil {
		return &fs.PathError{Op: "read tree", Path: p, Err: err}
	}
	f.nodes[p] = n
	for _, e := range t.Entries {
		child := path.Join(p, e.Name)
		switch e.Mode {
		case filemode.Dir:
			if err := f.index(child, e.Hash, &node{entry: e}); err != nil {
				return err
			}
		case filemode.Regular, filemode.Executable, filemode.Deprecated:
			f.nodes[child] = &node{entry: e}
		default:
			continue // symbolic links and submodules lead out of the tree
		}
		n.entries = append(n.entries, &entry{fsys: f, node: f.nodes[child]})
	}
	sort.Slice(n.entries, func(i, j int) bool { return n.entries[i].Name() < n.entries[j].Name() })
	return nil
}

func (f *FS) lookup(op, name string) (*node, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	n, ok := f.nodes[name]
	if !ok {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return n, nil
}

// Open implements fs.FS.
func (f *FS) Open(name string) (fs.File, error) {
	n, err := f.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if n.entry.Mode == filemode.Dir {
		return &dir{info: f.info(path.Base(name), filemode.Dir, 0), entries: n.entries}, nil
	}
	data, err := f.read(n)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return &file_{info: f.info(path.Base(name), n.entry.Mode, int64(len(data))), r: bytes.NewReader(data)}, nil
}

// read reads a file's content from the object store.
func (f *FS) read(n *node) ([]byte, error) {
	typ, data, err := f.objects.Read(n.entry.Hash)
	if err == nil && typ != plumbing.BlobObject {
		err = fmt.Errorf("object %s is a %s, expected a blob", n.entry.Hash.String()[:12], typ)
	}
	return data, err
}

// ContentHash returns the hash of the blob of the file at name, which
// the tree gives without reading the blob: a file whose hash a reader
// has seen before need not be read again.
func (f *FS) ContentHash(name string) (string, bool) {
	n, ok := f.nodes[name]
	if !ok || n.entry.Mode == filemode.Dir || name == "." {
		return "", false
	}
	return n.entry.Hash.String(), true
}

// ReadDir implements fs.ReadDirFS, so that fs.WalkDir need not open
// every directory twice.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := f.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if n.entry.Mode != filemode.Dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	return slices.Clone(n.entries), nil
}

// entry is a directory entry whose size is only looked up when asked:
// walking a tree needs names and kinds, not sizes.
type entry struct {
	fsys *FS
	node *node
}

func (e *entry) Name() string      { return e.node.entry.Name }
func (e *entry) IsDir() bool       { return e.node.entry.Mode == filemode.Dir }
func (e *entry) Type() fs.FileMode { return e.fsys.info("", e.node.entry.Mode, 0).Mode().Type() }
func (e *entry) Info() (fs.FileInfo, error) {
	size := int64(0)
	if !e.IsDir() {
		var err error
		if size, err = e.fsys.objects.Size(e.node.entry.Hash); err != nil {
			return nil, err
		}
	}
	return e.fsys.info(e.Name(), e.node.entry.Mode, size), nil
}

func (f *FS) info(name string, m filemode.FileMode, size int64) info {
	return info{name: name, dir: m == filemode.Dir, size: size, when: f.when}
}

type info struct {
	name string
	dir  bool
	size int64
	when time.Time
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return i.size }
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
	info    info
	entries []fs.DirEntry
	pos     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}
func (d *dir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.pos:]
	if n <= 0 {
		d.pos = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.pos += n
	return rest[:n], nil
}
