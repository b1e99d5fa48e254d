package history

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	objcache "github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/seams-tool/seams/analyze/gitscript"
)

// generate makes a random history of n commits over about files files in
// nested directories: adds, edits, deletions (of files and whole
// directories), renames, mode changes, files turning into directories and
// back, submodules, and some merges. It returns the number of merges.
func generate(r *testRepo, seed uint64, n, files int) (merges int) {
	rng := rand.New(rand.NewPCG(seed, seed))
	state := map[string]file{}
	randomPath := func() string {
		depth := rng.IntN(4)
		var parts []string
		for i := 0; i < depth; i++ {
			parts = append(parts, fmt.Sprintf("d%d", rng.IntN(6)))
		}
		return strings.Join(append(parts, fmt.Sprintf("f%d.go", rng.IntN(files/5+1))), "/")
	}
	canAdd := func(p string) bool {
		if _, ok := state[p]; ok {
			return false
		}
		for i := range p {
			if p[i] == '/' {
				if _, ok := state[p[:i]]; ok {
					return false
				}
			}
		}
		for q := range state {
			if strings.HasPrefix(q, p+"/") {
				return false
			}
		}
		return true
	}
	anyPath := func() string {
		keys := make([]string, 0, len(state))
		for k := range state {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return keys[rng.IntN(len(keys))]
	}
	for len(state) < files {
		if p := randomPath(); canAdd(p) {
			state[p] = file{content: lines(3+rng.IntN(30), p)}
		}
	}
	var heads []plumbing.Hash
	for c := 0; c < n; c++ {
		for op := 0; op < 1+rng.IntN(6); op++ {
			p := anyPath()
			switch k := rng.IntN(20); {
			case k < 7:
				if state[p].mode == filemode.Submodule {
					continue
				}
				state[p] = file{content: state[p].content + fmt.Sprintf("edit %d\n", c), mode: state[p].mode}
			case k < 10:
				if q := randomPath(); canAdd(q) {
					state[q] = file{content: lines(2+rng.IntN(20), q)}
				}
			case k < 12:
				delete(state, p)
			case k < 14: // rename, sometimes with an edit
				if q := randomPath(); canAdd(q) {
					f := state[p]
					delete(state, p)
					if k == 13 {
						f.content += "renamed\n"
					}
					state[q] = f
				}
			case k == 14:
				if state[p].mode != filemode.Submodule {
					state[p] = file{content: state[p].content, mode: filemode.Executable}
				}
			case k == 15: // a file becomes a directory
				delete(state, p)
				state[p+"/inner.go"] = file{content: "inner\n"}
			case k == 16: // a directory goes, a file takes its name
				if i := strings.LastIndexByte(p, '/'); i > 0 {
					dir := p[:i]
					for q := range state {
						if strings.HasPrefix(q, dir+"/") {
							delete(state, q)
						}
					}
					state[dir] = file{content: "was a directory\n"}
				}
			case k == 17:
				if q := randomPath(); canAdd(q) {
					state[q] = file{content: fmt.Sprintf("%040x", rng.Uint64()), mode: filemode.Submodule}
				}
			default:
				state[p] = file{content: lines(3+rng.IntN(10), fmt.Sprintf("rewrite %d", c))}
			}
		}
		if len(state) == 0 {
			state["seed.go"] = file{content: "seed\n"}
		}
		var parents []plumbing.Hash
		if len(heads) > 0 {
			parents = append(parents, heads[len(heads)-1])
		}
		if len(heads) > 5 && rng.IntN(15) == 0 {
			parents = append(parents, heads[rng.IntN(len(heads)-1)])
			merges++
		}
		heads = append(heads, r.snapshot(state, parents...))
	}
	return merges
}

// pathSet is a commit's touched paths as object.DiffTree reports them,
// submodules left out; renames count as their two paths.
func diffTreePaths(t testing.TB, repo *git.Repository, hash string) map[string]bool {
	t.Helper()
	c, err := repo.CommitObject(plumbing.NewHash(hash))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := c.Tree()
	if err != nil {
		t.Fatal(err)
	}
	var parent *object.Tree
	if c.NumParents() == 1 {
		p, err := c.Parent(0)
		if err == nil { // a shallow boundary has none: compare as a root
			if parent, err = p.Tree(); err != nil {
				t.Fatal(err)
			}
		}
	}
	changes, err := object.DiffTree(parent, tree)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, ch := range changes {
		for _, e := range []object.ChangeEntry{ch.From, ch.To} {
			if e.Name != "" && e.TreeEntry.Mode != filemode.Submodule {
				set[e.Name] = true
			}
		}
	}
	return set
}

func ourPaths(c Commit) map[string]bool {
	set := map[string]bool{}
	for _, ch := range c.Changes {
		set[ch.Path] = true
		if ch.OldPath != "" {
			set[ch.OldPath] = true
		}
	}
	return set
}

// compareWithDiffTree checks every mined commit against object.DiffTree.
func compareWithDiffTree(t testing.TB, repo *git.Repository, l *Log) {
	t.Helper()
	bad := 0
	for _, c := range l.Commits {
		want, got := diffTreePaths(t, repo, c.Hash), ourPaths(c)
		if !reflect.DeepEqual(want, got) {
			if bad++; bad <= 5 {
				t.Errorf("commit %s: paths differ from DiffTree\n ours: %v\ntheirs: %v", c.Hash, keys(got), keys(want))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d commits differ from DiffTree", bad, len(l.Commits))
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestGeneratedAgainstDiffTree(t *testing.T) {
	r := newRepo(t)
	merges := generate(r, 7, 250, 300)
	l := mine(t, r.dir, Options{ChurnSince: t0})
	if l.Merges != merges || len(l.Commits) != 250-merges || l.Missing != 0 {
		t.Fatalf("merges=%d (want %d) commits=%d missing=%d", l.Merges, merges, len(l.Commits), l.Missing)
	}
	compareWithDiffTree(t, r.repo, l)
	renamed := 0
	for _, c := range l.Commits {
		for _, ch := range c.Changes {
			if ch.Kind == Renamed {
				renamed++
			}
		}
	}
	if renamed == 0 {
		t.Errorf("no renames detected in a history with renames")
	}
}

func TestFixtureAgainstDiffTree(t *testing.T) {
	script := filepath.Join("..", "..", "testdata", "shop.history")
	if _, err := os.Stat(script); err != nil {
		t.Skip("no fixture history")
	}
	dir := filepath.Join(t.TempDir(), "shop")
	if _, err := gitscript.BuildFile(script, dir, filepath.Join("..", "..", "testdata", "shop")); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	l := mine(t, dir, Options{})
	if len(l.Commits) == 0 || l.Missing != 0 || len(l.Warnings) != 0 {
		t.Fatalf("commits=%d missing=%d warnings=%q", len(l.Commits), l.Missing, l.Warnings)
	}
	compareWithDiffTree(t, repo, l)
}

// TestRealRepoAgainstDiffTree compares every commit of the repository
// named by SEAMS_REAL_REPO with object.DiffTree. It is slow (DiffTree
// runs at a few hundred commits a second), hence opt-in.
func TestRealRepoAgainstDiffTree(t *testing.T) {
	dir := os.Getenv("SEAMS_REAL_REPO")
	if dir == "" {
		t.Skip("set SEAMS_REAL_REPO to a repository to compare with")
	}
	l := mine(t, dir, Options{})
	loc, err := locate(dir)
	if err != nil {
		t.Fatal(err)
	}
	st := filesystem.NewStorageWithOptions(osfs.New(loc.identity()), objcache.NewObjectLRUDefault(),
		filesystem.Options{KeepDescriptors: true})
	defer st.Close()
	repo, err := git.Open(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	compareWithDiffTree(t, repo, l)
	t.Logf("%d commits compared, %d merges, %d missing, warnings %q", len(l.Commits), l.Merges, l.Missing, l.Warnings)
}

// BenchmarkTreeDiff mines a generated history of 300 commits over 2,000
// files in nested directories, without cache or churn.
func BenchmarkTreeDiff(b *testing.B) {
	r := newRepo(b)
	generate(r, 1, 300, 2000)
	var commits int
	for b.Loop() {
		l := mine(b, r.dir, Options{})
		commits = len(l.Commits)
	}
	b.ReportMetric(float64(commits)*float64(b.N)/b.Elapsed().Seconds(), "commits/s")
}
