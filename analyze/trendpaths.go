package analyze

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/analyze/history"
	"github.com/seams-tool/seams/analyze/snapshot"
)

// A trend point's package paths are carried to today's (moves, today),
// and its tree is read once (readOnce).

// moves maps the package directories of a commit's tree that moved
// since to their directory today. Each Go file votes: a renamed one for
// its directory today, one whose path still exists today for its own;
// a file gone without a detected rename abstains. A directory with no
// vote follows the directory moves the renames imply (pkg/x -> internal/x
// makes pkg/y -> internal/y) when that lands on a package of today. Ties
// go to the smallest path, and a directory that would land on another
// package of the same commit stays.
func (rp *replay) moves(fsys fs.FS) map[string]string {
	votes := map[string]map[string]int{}
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && p != "." && rp.rules.SkipDir(p):
			return fs.SkipDir
		case d.IsDir() || !strings.HasSuffix(p, ".go") || rp.rules.SkipFile(p):
			return nil
		}
		dir := path.Dir(p)
		if votes[dir] == nil {
			votes[dir] = map[string]int{}
		}
		if cur, ok := rp.today[gitPath(rp.prefix, p)]; ok {
			// A file renamed once and moved again in a commit whose
			// renames went unseen would vote for a path that is gone:
			// only today's paths vote, and follow decides the rest.
			if rel, ok := goPath(rp.prefix, cur); ok && rp.now.files[rel] {
				votes[dir][path.Dir(rel)]++
			}
		} else if rp.now.files[p] {
			votes[dir][dir]++
		}
		return nil
	})
	moved := map[string]string{}
	taken := map[string]bool{}
	for dir := range votes {
		taken[dir] = true
	}
	for _, dir := range slices.Sorted(maps.Keys(votes)) {
		best, n := dir, 0
		for _, to := range slices.Sorted(maps.Keys(votes[dir])) {
			if votes[dir][to] > n {
				best, n = to, votes[dir][to]
			}
		}
		if n == 0 {
			best = rp.now.follow(dir)
		}
		if best != dir && !taken[best] {
			moved[dir] = best
			taken[best] = true
		}
	}
	return moved
}

// today is what the newest commit's tree holds, and the directory moves
// its renames imply.
type today struct {
	files map[string]bool // Go files, relative to the Go root
	dirs  map[string]bool // their directories, and the baseline's packages
	// rules map an old directory prefix to the new one, with how many
	// renamed files support it.
	rules map[[2]string]int
}

// newToday reads the newest commit's Go files and derives, from every
// rename, the move of the directories above the file: models/a.go ->
// internal/db/a.go moves models to internal/db, and pkg/x/a.go ->
// internal/x/a.go moves pkg to internal.
func newToday(objects *history.Objects, head, prefix string, renames map[string]string, known map[string]bool) *today {
	t := &today{files: map[string]bool{}, dirs: maps.Clone(known), rules: map[[2]string]int{}}
	if t.dirs == nil {
		t.dirs = map[string]bool{}
	}
	if snap, _, err := snapshotOf(objects, head); err == nil {
		fs.WalkDir(snap, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
				if rel, ok := goPath(prefix, p); ok {
					t.files[rel] = true
					t.dirs[path.Dir(rel)] = true
				}
			}
			return nil
		})
	}
	for old, cur := range renames {
		a, ok1 := goPath(prefix, path.Dir(old))
		b, ok2 := goPath(prefix, path.Dir(cur))
		if !ok1 || !ok2 || a == b || path.Base(old) != path.Base(cur) {
			continue
		}
		// Strip the path elements both end in: what is left moved.
		for path.Base(a) == path.Base(b) && a != "." && b != "." {
			a, b = path.Dir(a), path.Dir(b)
		}
		t.rules[[2]string{a, b}]++
	}
	return t
}

// follow is where the directory moves take dir, if that is a package of
// today; dir itself otherwise. The rule with the longest old prefix wins,
// then the one most renames support.
func (t *today) follow(dir string) string {
	best, blen, bn := dir, -1, 0
	for r, n := range t.rules {
		old, cur := r[0], r[1]
		rest, ok := strings.CutPrefix(dir, old+"/")
		if dir == old {
			rest, ok = "", true
		}
		if !ok || old == "." {
			continue
		}
		to := path.Join(cur, rest)
		if !t.dirs[to] {
			continue
		}
		if len(old) > blen || len(old) == blen && (n > bn || n == bn && to < best) {
			best, blen, bn = to, len(old), n
		}
	}
	return best
}

func gitPath(prefix, p string) string {
	if prefix == "." {
		return p
	}
	return prefix + "/" + p
}

func goPath(prefix, p string) (string, bool) {
	if prefix == "." {
		return p, true
	}
	return strings.CutPrefix(p, prefix+"/")
}

func movesKey(key string, moved map[string]string) string {
	if len(moved) == 0 {
		return key
	}
	h := sha256.New()
	h.Write([]byte(key))
	for _, d := range slices.Sorted(maps.Keys(moved)) {
		fmt.Fprintf(h, "\x00%s\x00%s", d, moved[d])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// snapshotOf returns the tree of the commit with the given hash, and the
// commit.
func snapshotOf(objects *history.Objects, commit string) (*snapshot.FS, *object.Commit, error) {
	co := &object.Commit{}
	if err := objects.Decode(plumbing.NewHash(commit), plumbing.CommitObject, co); err != nil {
		return nil, nil, err
	}
	snap, err := snapshot.New(objects, co.TreeHash, co.Committer.When)
	return snap, co, err
}

// readOnce is a commit's tree that reads each file from the object
// store once for two opens: the syntax loader opens every Go file twice
// (its build constraints, then its source), and inflating blobs is most
// of a point's reading. A file's contents are kept from its first open
// to its second only, so that a point does not hold its whole tree in
// memory. (Opening a snapshot file reads it whole, so a Stat before a
// read would read it twice.)
//
// It names each file's contents by its blob's hash (code.HashFS), so
// that the loader's memo need not read a file the previous point had.
type readOnce struct {
	fs.FS
	hash  func(name string) (string, bool)
	mu    sync.Mutex
	files map[string]*readFile
}

type readFile struct {
	data []byte
	info fs.FileInfo
}

// newReadOnce reads fsys once per file; hash, if not nil, names its
// files' contents.
func newReadOnce(fsys fs.FS, hash func(name string) (string, bool)) *readOnce {
	return &readOnce{FS: fsys, hash: hash, files: map[string]*readFile{}}
}

// ContentHash implements code.HashFS.
func (r *readOnce) ContentHash(name string) (string, bool) {
	if r.hash == nil {
		return "", false
	}
	return r.hash(name)
}

// ReadFile implements fs.ReadFileFS.
func (r *readOnce) ReadFile(name string) ([]byte, error) {
	f, err := r.read(name)
	if err != nil || f == nil {
		return fs.ReadFile(r.FS, name) // a directory: let fs say so
	}
	return f.data, nil
}

// Open implements fs.FS, from the cache for regular files.
func (r *readOnce) Open(name string) (fs.File, error) {
	f, err := r.read(name)
	if err != nil {
		return nil, err
	}
	if f == nil {
		return r.FS.Open(name)
	}
	return &memFile{Reader: bytes.NewReader(f.data), info: f.info}, nil
}

// read returns the file at name; nil for a directory.
func (r *readOnce) read(name string) (*readFile, error) {
	r.mu.Lock()
	f, ok := r.files[name]
	delete(r.files, name)
	r.mu.Unlock()
	if ok {
		return f, nil
	}
	file, err := r.FS.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, nil
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return nil, err
	}
	f = &readFile{data: data, info: st}
	r.mu.Lock()
	r.files[name] = f
	r.mu.Unlock()
	return f, nil
}

// ReadDir implements fs.ReadDirFS.
func (r *readOnce) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.FS, name) }

type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }
