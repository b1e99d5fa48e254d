package history

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// appendConfig adds text to a repository's .git/config.
func appendConfig(t *testing.T, gitDir, text string) {
	t.Helper()
	p := filepath.Join(gitDir, "config")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRepositoryFormats mines repositories whose config sets a format
// version and extensions: those that change nothing for reading history
// are read, the others refused with ErrUnsupported and a plain reason.
func TestRepositoryFormats(t *testing.T) {
	cases := []struct {
		version, extensions string
		wantErr             string // "" means it is read
	}{
		{"0", "worktreeConfig = true", ""},
		{"1", "worktreeConfig = true", ""},
		{"1", "partialClone = origin", ""},
		{"1", "preciousObjects = true\n\tnoop = true", ""},
		{"1", "objectFormat = sha1", ""},
		{"1", "refStorage = files", ""},
		{"0", "someFutureThing = true", ""}, // git ignores unknown extensions in version 0
		{"1", "objectFormat = sha256", "names its objects with sha256"},
		{"0", "objectformat = sha256", "sha256"},
		{"1", "refStorage = reftable", "reftable"},
		{"1", "someFutureThing = true", "extensions.someFutureThing"},
		{"2", "", "core.repositoryformatversion = 2"},
	}
	for _, tc := range cases {
		t.Run(tc.version+" "+tc.extensions, func(t *testing.T) {
			r := newRepo(t)
			r.write("a.go", "package a\n")
			r.commit("Ann", "ann@example.com")
			r.write("a.go", "package a\n\n")
			r.commit("Ann", "ann@example.com")
			gitDir := filepath.Join(r.dir, ".git")
			appendConfig(t, gitDir, "[core]\n\trepositoryformatversion = "+tc.version+"\n")
			if tc.extensions != "" {
				appendConfig(t, gitDir, "[extensions]\n\t"+tc.extensions+"\n")
			}
			// HEAD, and a revision go-git resolves.
			for _, rc := range []struct {
				ref     string
				commits int
			}{{"", 2}, {"main~1", 1}} {
				l, err := Mine(r.dir, Options{Ref: rc.ref})
				if tc.wantErr == "" {
					if err != nil {
						t.Fatalf("ref %q: %v", rc.ref, err)
					}
					if len(l.Commits) != rc.commits {
						t.Errorf("ref %q: %d commits, want %d", rc.ref, len(l.Commits), rc.commits)
					}
					continue
				}
				if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("ref %q: error %v, want ErrUnsupported saying %q", rc.ref, err, tc.wantErr)
				}
			}
		})
	}
}

// TestSHA256Repository mines what git init --object-format=sha256 makes.
func TestSHA256Repository(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sha256")
	runGit(t, filepath.Dir(dir), "init", "-q", "--object-format=sha256", "-b", "main", dir)
	if err := os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runGit(t, dir, "add", "-A")
	runGit(t, dir, "commit", "-q", "-m", "one")
	_, err := Mine(dir, Options{})
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "sha256") {
		t.Errorf("error %v, want ErrUnsupported naming sha256", err)
	}
}

// TestWorktreeConfig mines repositories that git sparse-checkout and
// git worktree leave with extensions.worktreeConfig, from the main work
// tree and from a linked one with a config.worktree of its own.
func TestWorktreeConfig(t *testing.T) {
	src := gitSource(t)
	want := hashes(mine(t, src, Options{}))

	sparse := filepath.Join(t.TempDir(), "sparse")
	runGit(t, filepath.Dir(sparse), "clone", "-q", src, sparse)
	runGit(t, sparse, "sparse-checkout", "set", "billing")

	main := filepath.Join(t.TempDir(), "main")
	runGit(t, filepath.Dir(main), "clone", "-q", src, main)
	linked := filepath.Join(t.TempDir(), "linked")
	runGit(t, main, "worktree", "add", "-q", "--detach", linked, "HEAD~1")
	runGit(t, main, "config", "extensions.worktreeConfig", "true")
	runGit(t, linked, "config", "--worktree", "core.sparseCheckout", "true")

	for _, tc := range []struct {
		name, dir string
		want      []string
	}{
		{"sparse checkout", sparse, want},
		{"main work tree", main, want},
		{"linked work tree", linked, hashes(mine(t, src, Options{Ref: "HEAD~1"}))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(tc.dir, ".git", "config"))
			if err == nil && !strings.Contains(strings.ToLower(string(b)), "worktreeconfig = true") {
				t.Fatalf("git did not set extensions.worktreeConfig:\n%s", b)
			}
			l, err := Mine(tc.dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := hashes(l); !sameSet(got, tc.want) {
				t.Errorf("commits %v, want %v", got, tc.want)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

// TestPartialClone mines a blobless clone: every commit is there with
// its paths, renames and churn are lost where blobs were never fetched,
// and the log says so, never as if it were complete.
func TestPartialClone(t *testing.T) {
	src := gitSource(t)
	full := mine(t, src, Options{ChurnSince: t0})
	dst := filepath.Join(t.TempDir(), "blobless")
	runGit(t, filepath.Dir(dst), "clone", "-q", "--filter=blob:none", "file://"+src, dst)

	for _, opt := range []Options{{ChurnSince: t0}, {ChurnSince: t0, CacheDir: t.TempDir()}} {
		l := mine(t, dst, opt)
		if !l.PartialClone {
			t.Errorf("PartialClone is false")
		}
		if l.Missing != 0 || len(l.Commits) != len(full.Commits) {
			t.Errorf("missing=%d commits=%d, want 0 and %d", l.Missing, len(l.Commits), len(full.Commits))
		}
		if l.DegradedCommits == 0 {
			t.Errorf("no degraded commits: the clone has no blobs of older revisions")
		}
		all := strings.Join(l.Warnings, "\n")
		if !strings.Contains(all, "partial clone") || !strings.Contains(all, "without rename detection or churn") {
			t.Errorf("warnings do not say the clone is partial and what it costs:\n%s", all)
		}
		// Paths come from trees: they are all there, renames aside.
		for i, c := range l.Commits {
			if len(c.Changes) == 0 || c.Hash != full.Commits[i].Hash {
				t.Errorf("commit %d: %s with %d changes, want %s", i, c.Hash, len(c.Changes), full.Commits[i].Hash)
			}
		}
	}
}

// TestMissingParent removes a commit object from the middle of the
// history: the history is cut off there, its child is skipped, and the
// warnings say both, once each, in plain words.
func TestMissingParent(t *testing.T) {
	r := newRepo(t)
	var hs []plumbing.Hash
	for i := 0; i < 5; i++ {
		r.write("f.txt", lines(i+2, "x"))
		hs = append(hs, r.commit("Ann", "ann@example.com"))
	}
	if err := os.Remove(r.objectPath(hs[2])); err != nil {
		t.Fatal(err)
	}
	for _, cacheDir := range []string{"", t.TempDir()} {
		for run := 0; run < 2; run++ {
			l := mine(t, r.dir, Options{CacheDir: cacheDir})
			if got, want := hashes(l), []string{hs[4].String()}; !reflect.DeepEqual(got, want) {
				t.Errorf("cache %q run %d: commits %v, want %v", cacheDir, run, got, want)
			}
			if l.Missing != 2 || l.DegradedCommits != 0 || l.PartialClone {
				t.Errorf("cache %q run %d: missing=%d degraded=%d partial=%v, want 2 0 false",
					cacheDir, run, l.Missing, l.DegradedCommits, l.PartialClone)
			}
			want := []string{
				"the history is cut off: 1 commit cannot be read, so the commits before it are not read at all (" +
					hs[2].String()[:12],
				"1 commit skipped because its parent commit cannot be read, so its changes are unknown (" +
					hs[3].String()[:12],
			}
			if len(l.Warnings) != len(want) {
				t.Fatalf("cache %q run %d: warnings %q", cacheDir, run, l.Warnings)
			}
			for i, w := range want {
				if !strings.HasPrefix(l.Warnings[i], w) {
					t.Errorf("cache %q run %d: warning %q, want it to start %q", cacheDir, run, l.Warnings[i], w)
				}
			}
		}
	}
}

// TestBareRepository mines a bare repository, from itself and from a
// directory inside it: history needs no work tree.
func TestBareRepository(t *testing.T) {
	r := newRepo(t)
	r.write(".mailmap", "Ann Smith <ann@example.com>\n")
	r.write("a.go", "package a\n")
	r.commit("Ann", "ann@example.com")
	r.write("a.go", "package a\n\n")
	r.commit("Bob", "bob@example.com")
	want := mine(t, r.dir, Options{ChurnSince: t0})

	bare := filepath.Join(t.TempDir(), "repo.git")
	if err := os.Rename(filepath.Join(r.dir, ".git"), bare); err != nil {
		t.Fatal(err)
	}
	appendConfig(t, bare, "[core]\n\tbare = true\n")
	for _, dir := range []string{bare, filepath.Join(bare, "refs", "heads")} {
		got := mine(t, dir, Options{ChurnSince: t0})
		if !reflect.DeepEqual(got.Commits, want.Commits) || len(got.Warnings) != 0 {
			t.Errorf("%s: %d commits, warnings %q; want %d commits as in the work tree",
				dir, len(got.Commits), got.Warnings, len(want.Commits))
		}
		if got.Commits[0].Author.Name != "Ann Smith" {
			t.Errorf("%s: .mailmap from the commit not applied: %+v", dir, got.Commits[0].Author)
		}
	}
}
