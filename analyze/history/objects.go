package history

import (
	"fmt"
	"path/filepath"
	"slices"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// Objects reads a repository's objects by hash as Mine does: packed ones
// from the memory-mapped packfiles, with a delta-base cache per reader,
// and loose ones from their files; go-git only where packfiles cannot be
// mapped. Unlike a go-git repository, it is safe for concurrent use, and
// it keeps no table of every object in memory (go-git builds one to
// resolve deltas by offset: 83 MB on a 1,700-package repository).
type Objects struct {
	loc        location
	ps         *packSet
	cacheBytes int64
	mu         sync.Mutex
	free, all  []*handle
}

// OpenObjects opens the objects of the repository whose work tree or .git
// is at dir (or above it), or of the bare repository at dir; each
// concurrent reader keeps up to cacheBytes of delta bases.
func OpenObjects(dir string, cacheBytes int64) (*Objects, error) {
	loc, err := locate(dir)
	if err != nil {
		return nil, err
	}
	// Mine has told of damaged packs and alternates already.
	w := &warner{log: &Log{}}
	dirs := objectDirs(filepath.Join(loc.identity(), "objects"), w)
	loc.roots = slices.Concat(loc.roots, dirs)
	return &Objects{loc: loc, ps: openPacks(dirs, loc.roots, w), cacheBytes: cacheBytes}, nil
}

// Read returns the object's type and a copy of its content.
func (o *Objects) Read(hash plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	h := o.take()
	typ, data, err := h.read(hash)
	data = slices.Clone(data) // the reader's cache keeps the original
	o.give(h)
	return typ, data, err
}

// Decode reads the object with the given hash, which must be of type
// want, into v: a go-git object.Commit, object.Tree or object.Tag.
func (o *Objects) Decode(hash plumbing.Hash, want plumbing.ObjectType, v interface {
	Decode(plumbing.EncodedObject) error
}) error {
	typ, data, err := o.Read(hash)
	if err != nil {
		return err
	}
	if typ != want {
		return fmt.Errorf("object %s is a %s, expected a %s", hash.String()[:12], typ, want)
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(typ)
	obj.Write(data) // a memory object's Write does not fail
	return v.Decode(obj)
}

// Size returns the size of the object's content without reading it
// whole.
func (o *Objects) Size(hash plumbing.Hash) (int64, error) {
	h := o.take()
	n, err := h.objectSize(hash)
	o.give(h)
	if err != nil {
		return 0, fmt.Errorf("object %s: %w", hash.String()[:12], err)
	}
	return n, nil
}

// take returns a free reader, or a new one: one per goroutine reading.
func (o *Objects) take() *handle {
	o.mu.Lock()
	defer o.mu.Unlock()
	if n := len(o.free); n > 0 {
		h := o.free[n-1]
		o.free = o.free[:n-1]
		return h
	}
	h := workerHandle(o.loc, o.cacheBytes, o.ps)
	o.all = append(o.all, h)
	return h
}

func (o *Objects) give(h *handle) {
	o.mu.Lock()
	o.free = append(o.free, h)
	o.mu.Unlock()
}

// Close releases the packfiles; o must not be used afterwards.
func (o *Objects) Close() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, h := range o.all {
		h.close()
	}
	o.all, o.free = nil, nil
	o.ps.close()
}
