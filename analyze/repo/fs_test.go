//go:build unix

package repo

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seams-tool/seams/analyze/scope"
)

// secret is a file outside every repository the tests build, with
// content that must never show up in an error.
func secret(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "credentials")
	if err := os.WriteFile(p, []byte("https://user:TOPSECRET@example.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// hostileTree builds a repository root with every kind of file DirFS
// must refuse, next to ordinary ones.
func hostileTree(t *testing.T) (root, outside string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs FIFOs and symbolic links")
	}
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	outside = secret(t)
	write := func(rel, content string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, rel string) {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/h\n\ngo 1.22\n")
	write("a/a.go", "package a\n")
	write("b/b.go", "package b\n")
	link("../a/a.go", "b/alias.go")          // inside: fine
	link(outside, "b/leak.go")               // out
	link(outside, "schema.sql")              // out
	link(filepath.Dir(outside), "c")         // a directory out
	link("nowhere.go", "b/dangling.go")      // to nothing
	link("../../../../../../../etc", "b/up") // climbs out
	if err := syscall.Mkfifo(filepath.Join(root, "b", "fifo.go"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "q.sql"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root, outside
}

func TestDirFSRefuses(t *testing.T) {
	root, outside := hostileTree(t)
	fsys := DirFS(root)
	for _, tc := range []struct {
		name string
		want error // nil: readable
	}{
		{"a/a.go", nil},
		{"b/alias.go", nil},
		{"b/leak.go", ErrOutside},
		{"schema.sql", ErrOutside},
		{"c/credentials", ErrOutside},
		{"c", ErrOutside},
		{"b/dangling.go", ErrOutside},
		{"b/up/passwd", ErrOutside},
		{"b/fifo.go", ErrNotRegular},
		{"q.sql", ErrNotRegular},
		{"../x", fs.ErrInvalid},
		{"/etc/passwd", fs.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var data []byte
			var err error
			go func() {
				defer close(done)
				data, err = fs.ReadFile(fsys, tc.name)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("reading hangs")
			}
			if tc.want == nil {
				if err != nil || len(data) == 0 {
					t.Fatalf("ReadFile = %q, %v", data, err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("ReadFile error = %v, want %v", err, tc.want)
			}
			if msg := err.Error(); strings.Contains(msg, outside) || strings.Contains(msg, "TOPSECRET") || strings.Contains(msg, root) {
				t.Errorf("the error tells too much: %s", msg)
			}
			// Open and Stat refuse alike.
			if f, err := fsys.Open(tc.name); !errors.Is(err, tc.want) {
				if f != nil {
					f.Close()
				}
				t.Errorf("Open error = %v", err)
			}
			if _, err := fs.Stat(fsys, tc.name); !errors.Is(err, tc.want) {
				t.Errorf("Stat error = %v", err)
			}
		})
	}
	if _, err := fs.ReadDir(fsys, "c"); !errors.Is(err, ErrOutside) {
		t.Errorf("ReadDir of a directory out = %v", err)
	}
}

func TestLocateListsSkipped(t *testing.T) {
	root, _ := hostileTree(t)
	r, err := Locate(root, &scope.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range r.Skipped {
		got = append(got, s.Path+": "+SkipReason(s.Err))
	}
	want := []string{
		"b/dangling.go: skipped: symbolic link out of the repository",
		"b/fifo.go: skipped: not a regular file",
		"b/leak.go: skipped: symbolic link out of the repository",
		"q.sql: skipped: not a regular file",
		"schema.sql: skipped: symbolic link out of the repository",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Skipped:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLocateSpecialModuleFiles checks that a go.mod or go.work that is a
// FIFO or a link out is neither read nor waited on.
func TestLocateSpecialModuleFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs FIFOs")
	}
	outside := secret(t)
	for _, tc := range []struct {
		name    string
		setup   func(root string) error
		modules int    // -1: Locate fails
		skipped string // the Skipped entry expected
	}{
		{"fifo go.work", func(root string) error { return syscall.Mkfifo(filepath.Join(root, "go.work"), 0o644) }, 1, "go.work"},
		{"go.work out", func(root string) error { return os.Symlink(outside, filepath.Join(root, "go.work")) }, 1, "go.work"},
		{"fifo nested go.mod", func(root string) error {
			os.Mkdir(filepath.Join(root, "sub"), 0o755)
			return syscall.Mkfifo(filepath.Join(root, "sub", "go.mod"), 0o644)
		}, 1, "sub/go.mod"},
		{"fifo root go.mod", func(root string) error {
			os.Remove(filepath.Join(root, "go.mod"))
			return syscall.Mkfifo(filepath.Join(root, "go.mod"), 0o644)
		}, -1, "go.mod"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, _ := filepath.EvalSymlinks(t.TempDir())
			os.Mkdir(filepath.Join(root, ".git"), 0o755)
			os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/x\n"), 0o644)
			if err := tc.setup(root); err != nil {
				t.Fatal(err)
			}
			type result struct {
				r   *Repo
				err error
			}
			done := make(chan result, 1)
			go func() { r, err := Locate(root, &scope.Rules{}); done <- result{r, err} }()
			var res result
			select {
			case res = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Locate hangs")
			}
			if tc.modules < 0 {
				if res.err == nil || !strings.Contains(res.err.Error(), "go.mod skipped: not a regular file") {
					t.Fatalf("Locate error = %v, want one naming the skipped go.mod", res.err)
				}
				return
			}
			if res.err != nil {
				t.Fatal(res.err)
			}
			if len(res.r.Modules) != tc.modules || len(res.r.Skipped) != 1 || res.r.Skipped[0].Path != tc.skipped {
				t.Errorf("modules %+v, skipped %+v", res.r.Modules, res.r.Skipped)
			}
			if res.r.Workspace != nil {
				t.Errorf("workspace %v from a go.work that was not read", res.r.Workspace)
			}
		})
	}
}

func TestWorkspaceOutside(t *testing.T) {
	for _, tc := range []struct {
		work      string
		workspace []string
		warning   string
	}{
		{"go 1.22\nuse ./a\n", []string{"a"}, ""},
		{"go 1.22\nuse (\n\t./a\n\t../other\n)\n", []string{}, `go.work:4: go.work uses "../other", outside the repository`},
		{"go 1.22\nuse /etc\n", []string{}, `go.work:2: go.work uses "/etc", outside the repository`},
		{"go 1.22\nuse ./a\nbogus\n", []string{}, "go.work: go.work does not parse"},
	} {
		root, _ := filepath.EvalSymlinks(t.TempDir())
		os.Mkdir(filepath.Join(root, ".git"), 0o755)
		os.Mkdir(filepath.Join(root, "a"), 0o755)
		os.WriteFile(filepath.Join(root, "a", "go.mod"), []byte("module example.com/a\n"), 0o644)
		os.WriteFile(filepath.Join(root, "go.work"), []byte(tc.work), 0o644)
		r, err := Locate(root, &scope.Rules{})
		if err != nil {
			t.Fatal(err)
		}
		var warns []string
		for _, w := range r.Warnings {
			warns = append(warns, w.Where+": "+w.Message)
		}
		if strings.Join(r.Workspace, ",") != strings.Join(tc.workspace, ",") || (r.Workspace == nil) != (tc.workspace == nil) {
			t.Errorf("%q: workspace %q, want %q", tc.work, r.Workspace, tc.workspace)
		}
		if got := strings.Join(warns, "\n"); tc.warning == "" && got != "" || !strings.Contains(got, tc.warning) {
			t.Errorf("%q: warnings %q, want %q", tc.work, got, tc.warning)
		}
	}
}

func TestBadImportPathDirs(t *testing.T) {
	root, _ := filepath.EvalSymlinks(t.TempDir())
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/m\n"), 0o644)
	for _, d := range []string{"my pkg", "a@b", "bad\xff", "ok", "x+y"} {
		os.Mkdir(filepath.Join(root, d), 0o755)
		os.WriteFile(filepath.Join(root, d, "p.go"), []byte("package p\n"), 0o644)
	}
	r, err := Locate(root, &scope.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range r.Warnings {
		got = append(got, w.Message)
	}
	want := []string{
		`directory "a@b" left out: its name cannot be part of an import path`,
		`directory "bad\xff" left out: its name is not valid UTF-8`,
		`directory "my pkg" left out: its name cannot be part of an import path`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestInside(t *testing.T) {
	root, _ := filepath.EvalSymlinks(t.TempDir())
	out := t.TempDir()
	os.Mkdir(filepath.Join(root, "real"), 0o755)
	os.Symlink(out, filepath.Join(root, "away"))
	os.Symlink("real", filepath.Join(root, "near"))
	for _, tc := range []struct {
		rel  string
		want string // "" for refused
	}{
		{"report", filepath.Join(root, "report")},
		{"real/x/y", filepath.Join(root, "real", "x", "y")},
		{"near/x", filepath.Join(root, "real", "x")},
		{"./a/../b", filepath.Join(root, "b")},
		{"away", ""},
		{"away/x", ""},
		{"../x", ""},
		{"a/../../x", ""},
		{"/tmp/x", ""},
		{"", ""},
	} {
		got, err := Inside(root, tc.rel)
		if tc.want == "" {
			if err == nil {
				t.Errorf("Inside(%q) = %q, want an error", tc.rel, got)
			} else if strings.Contains(err.Error(), out) {
				t.Errorf("Inside(%q) error names the link's target: %v", tc.rel, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Inside(%q) = %q, %v; want %q", tc.rel, got, err, tc.want)
		}
	}
}

// TestDirFSListsOnce: the walks of one run see one listing of each
// directory; a caller that gets a listing may change it freely.
func TestDirFSListsOnce(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "a.go"), []byte("package a\n"), 0o644)
	fsys := DirFS(root)
	first, err := fs.ReadDir(fsys, ".")
	if err != nil || len(first) != 1 {
		t.Fatalf("ReadDir = %v, %v", first, err)
	}
	first[0] = nil // the caller's copy
	os.WriteFile(filepath.Join(root, "b.go"), []byte("package a\n"), 0o644)
	again, err := fs.ReadDir(fsys, ".")
	if err != nil || len(again) != 1 || again[0] == nil || again[0].Name() != "a.go" {
		t.Errorf("second ReadDir = %v, %v; want the first listing, a.go alone", again, err)
	}
	if fresh, _ := fs.ReadDir(DirFS(root), "."); len(fresh) != 2 {
		t.Errorf("a new DirFS lists %d entries, want 2", len(fresh))
	}
}
