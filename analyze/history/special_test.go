//go:build unix

package history

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// mineWithin runs Mine, failing the test if it does not return in time:
// a FIFO opened for reading waits for a writer forever.
func mineWithin(t *testing.T, dir string, opt Options) (*Log, error) {
	t.Helper()
	type result struct {
		l   *Log
		err error
	}
	done := make(chan result, 1)
	go func() {
		l, err := Mine(dir, opt)
		done <- result{l, err}
	}()
	select {
	case r := <-done:
		return r.l, r.err
	case <-time.After(20 * time.Second):
		t.Fatalf("Mine(%s) hangs", dir)
		return nil, nil
	}
}

// TestSpecialFiles plants FIFOs and symlinks leading out of the
// repository where Mine, or go-git for it, reads files: none may hang the
// run or be followed out, and each costs at most what the file was for.
func TestSpecialFiles(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "outside")
	if err := os.WriteFile(outside, []byte("Mallory <ann@example.com>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := func(t *testing.T, p string) {
		_ = os.Remove(p)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	symlink := func(target string) func(*testing.T, string) {
		return func(t *testing.T, p string) {
			_ = os.Remove(p)
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name, path string // path relative to the work tree
		plant      func(*testing.T, string)
		packed     bool
		// The outcome: an error saying wantErr, or a log whose
		// warnings say wantWarning, with commits commits.
		wantErr, wantWarning string
		commits              int
		author               string // of the first commit
	}{
		{name: ".mailmap FIFO", path: ".mailmap", plant: fifo,
			wantWarning: "cannot read .mailmap", commits: 2, author: "Ann"},
		{name: ".mailmap symlink out", path: ".mailmap", plant: symlink(outside),
			wantWarning: "out of the repository", commits: 2, author: "Ann"},
		{name: ".mailmap symlink in", path: ".mailmap", plant: symlink("docs/mailmap"),
			commits: 2, author: "Ann Smith"},
		{name: "shallow FIFO", path: ".git/shallow", plant: fifo,
			wantWarning: "cannot read the shallow file", commits: 2, author: "Ann"},
		{name: "packed-refs FIFO", path: ".git/packed-refs", plant: fifo, wantErr: "not a regular file"},
		{name: "HEAD FIFO", path: ".git/HEAD", plant: fifo, wantErr: "not a regular file"},
		{name: "config FIFO", path: ".git/config", plant: fifo, wantErr: "not a regular file"},
		{name: "config symlink out", path: ".git/config", plant: symlink(outside), wantErr: "out of the repository"},
		{name: "alternates FIFO", path: ".git/objects/info/alternates", plant: fifo,
			wantWarning: "cannot read", commits: 2, author: "Ann"},
		{name: "pack index FIFO", path: "pack.idx", plant: fifo, packed: true,
			wantErr: "cannot read the packfile"},
		{name: "loose blob FIFO", path: "first blob", plant: fifo,
			wantWarning: "not a regular file", commits: 2, author: "Ann"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRepo(t)
			r.write("docs/mailmap", "Ann Smith <ann@example.com>\n")
			r.write("a.go", "package a\n")
			r.commit("Ann", "ann@example.com")
			r.write("a.go", "package a\n\n")
			r.commit("Ann", "ann@example.com")
			if tc.packed {
				if err := r.repo.RepackObjects(&git.RepackConfig{}); err != nil {
					t.Fatal(err)
				}
			}
			p := filepath.Join(r.dir, filepath.FromSlash(tc.path))
			switch tc.path {
			case "pack.idx":
				m, _ := filepath.Glob(filepath.Join(r.dir, ".git", "objects", "pack", "*.idx"))
				if len(m) != 1 {
					t.Fatalf("packs: %v", m)
				}
				p = m[0]
			case "first blob":
				p = r.objectPath(plumbing.ComputeHash(plumbing.BlobObject, []byte("package a\n")))
			case ".git/packed-refs":
				// Refs read through packed-refs only.
				if err := os.Remove(filepath.Join(r.dir, ".git", "refs", "heads", "main")); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			tc.plant(t, p)
			for _, cacheDir := range []string{"", t.TempDir()} {
				l, err := mineWithin(t, r.dir, Options{ChurnSince: t0, CacheDir: cacheDir})
				if tc.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
						t.Fatalf("error %v, want one saying %q", err, tc.wantErr)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				all := strings.Join(l.Warnings, "\n")
				if tc.wantWarning == "" && all != "" || !strings.Contains(all, tc.wantWarning) {
					t.Errorf("warnings %q, want one saying %q", l.Warnings, tc.wantWarning)
				}
				if len(l.Commits) != tc.commits {
					t.Fatalf("%d commits, want %d", len(l.Commits), tc.commits)
				}
				if got := l.Commits[0].Author.Name; got != tc.author {
					t.Errorf("author %q, want %q", got, tc.author)
				}
			}
		})
	}
}

// TestCacheFIFO plants a FIFO among the cache's segment files: it is
// ignored with a warning, and the run finishes.
func TestCacheFIFO(t *testing.T) {
	r := newRepo(t)
	r.write("a.go", "package a\n")
	r.commit("Ann", "ann@example.com")
	cacheDir := t.TempDir()
	mine(t, r.dir, Options{CacheDir: cacheDir})
	segs := cacheFiles(t, cacheDir)
	if len(segs) != 1 {
		t.Fatalf("segments %v", segs)
	}
	if err := syscall.Mkfifo(filepath.Join(filepath.Dir(segs[0]), "seg-0-fifo.bin"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := mineWithin(t, r.dir, Options{CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	if l.CacheHits != 1 || len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "not a regular file") {
		t.Errorf("hits=%d warnings=%q, want 1 hit and the FIFO ignored", l.CacheHits, l.Warnings)
	}
}
