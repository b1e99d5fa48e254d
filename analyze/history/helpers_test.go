package history

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// t0 is the first commit's time in every test repository.
var t0 = time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)

// testRepo builds a repository in a temporary directory, through the work
// tree (write, commit) or by writing objects directly (snapshot), which
// is faster and can make trees a work tree cannot (submodules, odd
// names).
type testRepo struct {
	t    testing.TB
	dir  string
	repo *git.Repository
	wt   *git.Worktree
	n    int                    // commits made, for dates
	have map[plumbing.Hash]bool // objects stored by snapshot
}

func newRepo(t testing.TB) *testRepo {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &testRepo{t: t, dir: dir, repo: repo, wt: wt, have: map[plumbing.Hash]bool{}}
}

func (r *testRepo) write(path, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *testRepo) remove(path string) {
	r.t.Helper()
	if err := os.Remove(filepath.Join(r.dir, filepath.FromSlash(path))); err != nil {
		r.t.Fatal(err)
	}
}

func (r *testRepo) when() time.Time {
	r.n++
	return t0.Add(time.Duration(r.n) * time.Hour)
}

// commit stages everything and commits as the given author, one hour
// after the previous commit. parents, if given, replace HEAD as parents.
func (r *testRepo) commit(name, email string, parents ...plumbing.Hash) plumbing.Hash {
	r.t.Helper()
	if err := r.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.t.Fatal(err)
	}
	sig := &object.Signature{Name: name, Email: email, When: r.when()}
	h, err := r.wt.Commit("change", &git.CommitOptions{
		Author: sig, Committer: sig, Parents: parents, AllowEmptyCommits: true,
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return h
}

// file is one entry of a snapshot: content, or for a submodule the
// commit hash it points to.
type file struct {
	content string
	mode    filemode.FileMode // 0 means a regular file
}

// snapshot writes a commit whose tree holds exactly files, and points
// main at it.
func (r *testRepo) snapshot(files map[string]file, parents ...plumbing.Hash) plumbing.Hash {
	r.t.Helper()
	root := r.tree("", files)
	sig := object.Signature{Name: "Gen", Email: "gen@example.com", When: r.when()}
	c := &object.Commit{Author: sig, Committer: sig, Message: "gen", TreeHash: root, ParentHashes: parents}
	h := r.store(c)
	ref := plumbing.NewHashReference(plumbing.NewBranchReferenceName("main"), h)
	if err := r.repo.Storer.SetReference(ref); err != nil {
		r.t.Fatal(err)
	}
	return h
}

func (r *testRepo) store(o interface {
	Encode(plumbing.EncodedObject) error
}) plumbing.Hash {
	r.t.Helper()
	obj := r.repo.Storer.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		r.t.Fatal(err)
	}
	return r.put(obj)
}

// put stores an object once; generated histories repeat most of them.
func (r *testRepo) put(obj plumbing.EncodedObject) plumbing.Hash {
	h := obj.Hash()
	if r.have[h] {
		return h
	}
	if _, err := r.repo.Storer.SetEncodedObject(obj); err != nil {
		r.t.Fatal(err)
	}
	r.have[h] = true
	return h
}

// tree writes the tree for the files under prefix. Entries are sorted
// the way git requires, written independently of the code under test.
func (r *testRepo) tree(prefix string, files map[string]file) plumbing.Hash {
	subdirs := map[string]bool{}
	var entries []object.TreeEntry
	for p, f := range files {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		rest := p[len(prefix):]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			subdirs[rest[:i]] = true
			continue
		}
		e := object.TreeEntry{Name: rest, Mode: f.mode}
		switch f.mode {
		case filemode.Submodule:
			e.Hash = plumbing.NewHash(f.content)
		case 0:
			e.Mode = filemode.Regular
			fallthrough
		default:
			b := &plumbing.MemoryObject{}
			b.SetType(plumbing.BlobObject)
			_, _ = b.Write([]byte(f.content))
			e.Hash = r.put(b)
		}
		entries = append(entries, e)
	}
	for d := range subdirs {
		entries = append(entries, object.TreeEntry{Name: d, Mode: filemode.Dir, Hash: r.tree(prefix+d+"/", files)})
	}
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	return r.store(&object.Tree{Entries: entries})
}

// objectPath is where a loose object lives.
func (r *testRepo) objectPath(h plumbing.Hash) string {
	s := h.String()
	return filepath.Join(r.dir, ".git", "objects", s[:2], s[2:])
}

func mine(t testing.TB, dir string, opt Options) *Log {
	t.Helper()
	l, err := Mine(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// paths lists a commit's changes as "kind path" or "renamed old>new".
func paths(c Commit) []string {
	var out []string
	for _, ch := range c.Changes {
		if ch.Kind == Renamed {
			out = append(out, "renamed "+ch.OldPath+">"+ch.Path)
		} else {
			out = append(out, ch.Kind.String()+" "+ch.Path)
		}
	}
	return out
}

func lines(n int, prefix string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(prefix)
		b.WriteString(" line ")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteByte(byte('a' + i%26))
		b.WriteByte('\n')
	}
	return b.String()
}
