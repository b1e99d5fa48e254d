package code

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
)

const twoPackages = `
-- go.mod --
module example.com/m

go 1.22
-- a/a.go --
package a

import _ "example.com/m/b"
-- b/b.go --
package b
`

// loadBoth loads dir with each loader, failing the test if either
// takes longer than a FIFO would let it.
func loadBoth(t *testing.T, dir string) (pk, sx *Graph) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		pk = load(t, dir, false, nil)
		sx = load(t, dir, true, nil)
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("loading hangs")
	}
	return pk, sx
}

func warningsOf(g *Graph) []string {
	var out []string
	for _, w := range g.Warnings {
		out = append(out, w.Where+": "+w.Message)
	}
	return out
}

// TestSpecialFiles plants files a loader must not read, or must not let
// the go command read, and checks what each loader makes of them.
func TestSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs FIFOs and symbolic links")
	}
	secret := filepath.Join(t.TempDir(), "credentials.go")
	os.WriteFile(secret, []byte("https://user:TOPSECRET@example.com\n"), 0o600)
	for _, tc := range []struct {
		name     string
		plant    func(dir string) error
		fallback string // in FallbackReason; "" when go/packages may run
		warning  string // a warning that must appear
	}{
		{"link inside", func(dir string) error {
			return os.Symlink("b.go", filepath.Join(dir, "b", "alias.go"))
		}, "", ""},
		{"link out", func(dir string) error {
			return os.Symlink(secret, filepath.Join(dir, "b", "leak.go"))
		}, "the go command would read b/leak.go, which seams skipped: symbolic link out of the repository", "b/leak.go: skipped: symbolic link out of the repository"},
		{"fifo", func(dir string) error {
			return mkfifo(filepath.Join(dir, "b", "fifo.go"))
		}, "the go command would read b/fifo.go, which seams skipped: not a regular file", "b/fifo.go: skipped: not a regular file"},
		{"fifo in an excluded-looking vendor tree", func(dir string) error {
			os.MkdirAll(filepath.Join(dir, "vendor", "x"), 0o755)
			return mkfifo(filepath.Join(dir, "vendor", "x", "x.go"))
		}, "the go command would read vendor/x/x.go", "vendor/x/x.go: skipped: not a regular file"},
		{"fifo go.sum", func(dir string) error {
			return mkfifo(filepath.Join(dir, "go.sum"))
		}, "the go command would read go.sum", "go.sum: skipped: not a regular file"},
		{"replace out", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.22\n\nreplace example.com/x => ../../x\n"), 0o644)
		}, `./go.mod:5 replaces example.com/x with "../../x", outside the repository`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, twoPackages)
			if err := tc.plant(dir); err != nil {
				t.Fatal(err)
			}
			pk, sx := loadBoth(t, dir)
			if tc.fallback == "" {
				if pk.Loader != LoaderPackages {
					t.Errorf("go/packages not used: %s", pk.FallbackReason)
				}
			} else if pk.Loader != LoaderSyntax || !strings.Contains(pk.FallbackReason, tc.fallback) {
				t.Errorf("loader %s, reason %q; want the syntax loader because %q", pk.Loader, pk.FallbackReason, tc.fallback)
			}
			if !slices.Equal(edges(pk), edges(sx)) || !slices.Equal(dirs(pk), []string{"a", "b"}) {
				t.Errorf("edges %v and %v, packages %v", edges(pk), edges(sx), dirs(pk))
			}
			for _, g := range []*Graph{pk, sx} {
				all := strings.Join(warningsOf(g), "\n") + g.FallbackReason
				if tc.warning != "" && !strings.Contains(all, tc.warning) {
					t.Errorf("%s: no warning %q in\n%s", g.Loader, tc.warning, all)
				}
				if strings.Contains(all, "TOPSECRET") || strings.Contains(all, secret) || strings.Contains(all, dir) {
					t.Errorf("%s: warnings tell what lies outside:\n%s", g.Loader, all)
				}
			}
			if tc.name == "link inside" {
				for _, p := range pk.Packages {
					if p.Dir == "b" && !slices.Contains(p.Files, "b/alias.go") {
						t.Errorf("a link to a file inside the repository is not read: %v", p.Files)
					}
				}
				if !slices.Equal(pk.Packages[1].Files, sx.Packages[1].Files) {
					t.Errorf("loaders disagree on files: %v vs %v", pk.Packages[1].Files, sx.Packages[1].Files)
				}
			}
		})
	}
}

// TestBadDirectoryNames checks that directories whose names cannot be
// import paths are left out by both loaders, with a warning naming them.
func TestBadDirectoryNames(t *testing.T) {
	dir := writeTree(t, twoPackages)
	for _, d := range []string{"my pkg", "a@b", "bad\xff"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
		os.WriteFile(filepath.Join(dir, d, "p.go"), []byte("package p\n\nimport _ \"example.com/m/b\"\n"), 0o644)
	}
	pk, sx := loadBoth(t, dir)
	if pk.Loader != LoaderPackages {
		t.Fatalf("go/packages not used: %s", pk.FallbackReason)
	}
	for _, g := range []*Graph{pk, sx} {
		if !slices.Equal(dirs(g), []string{"a", "b"}) {
			t.Errorf("%s: packages %q", g.Loader, dirs(g))
		}
		all := strings.Join(warningsOf(g), "\n")
		for _, want := range []string{`"my pkg" left out`, `"a@b" left out`, `"bad\xff" left out`} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: no warning %s in\n%s", g.Loader, want, all)
			}
		}
	}
}

// TestBrokenWorkspace checks that a go.work the go command cannot use
// costs the loader, not the graph, and that the reason names files by
// their path in the repository.
func TestBrokenWorkspace(t *testing.T) {
	for _, tc := range []struct {
		name, work, gomod string
		reason            string // "" when go/packages still runs
	}{
		{"syntax error", "go 1.22\nuse ./a\nbogus\n", "", ""},
		{"future go", "go 1.99\nuse ./a\nuse ./b\n", "", "go.work requires go >= 1.99"},
		{"broken module", "go 1.22\nuse ./a\nuse ./b\n", "module example.com/a\n\nrequire (\n", "errors parsing a/go.mod"},
		{"duplicate use", "go 1.22\nuse ./a\nuse ./b\nuse ./a\n", "", "appears multiple times in workspace"},
		{"use outside", "go 1.22\nuse ./a\nuse ./b\nuse ../elsewhere\n", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gomod := tc.gomod
			if gomod == "" {
				gomod = "module example.com/a\n\ngo 1.22\n"
			}
			dir := writeTree(t, "-- go.work --\n"+tc.work+"-- a/go.mod --\n"+gomod+"-- a/a.go --\npackage a\n-- b/go.mod --\nmodule example.com/b\n\ngo 1.22\n\nrequire example.com/a v0.0.0\n\nreplace example.com/a => ../a\n-- b/b.go --\npackage b\n\nimport _ \"example.com/a\"\n")
			os.Mkdir(filepath.Join(dir, ".git"), 0o755)
			pk, _ := loadBoth(t, dir)
			if tc.reason == "" {
				if pk.Loader != LoaderPackages {
					t.Errorf("go/packages not used: %s", pk.FallbackReason)
				}
			} else if pk.Loader != LoaderSyntax || !strings.Contains(pk.FallbackReason, tc.reason) {
				t.Errorf("loader %s, reason %q; want %q", pk.Loader, pk.FallbackReason, tc.reason)
			}
			if strings.Contains(pk.FallbackReason, dir) {
				t.Errorf("the reason names the machine's path: %s", pk.FallbackReason)
			}
			if !slices.Equal(dirs(pk), []string{"a", "b"}) {
				t.Errorf("packages %v", dirs(pk))
			}
		})
	}
}

// TestCancelStopsLoad checks that a cancelled context fails Load rather
// than falling back: seams is being stopped.
func TestCancelStopsLoad(t *testing.T) {
	dir := writeTree(t, twoPackages)
	r, err := repo.Locate(dir, &scope.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g, err := Load(r, Options{Context: ctx})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Load = %v, %v; want context.Canceled", g, err)
	}
}

func TestScrubber(t *testing.T) {
	t.Setenv("GOMODCACHE", "/cache/mod")
	scrub := scrubber("/work/repo")
	for in, want := range map[string]string{
		"/work/repo/a/go.mod:3: bad":                       "a/go.mod:3: bad",
		"open /cache/mod/x@v1/y.go: no such file":          "open $GOMODCACHE/x@v1/y.go: no such file",
		"directory /work/repo is outside":                  "directory . is outside",
		"/work/repository/x.go is another one, left alone": "/work/repository/x.go is another one, left alone",
	} {
		if got := scrub(in); got != want {
			t.Errorf("scrub(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOneModuleFails checks that a module the go command cannot list
// (a dependency missing from the module cache, and no network) costs
// that module's go/packages listing only.
func TestOneModuleFails(t *testing.T) {
	dir := writeTree(t, `
-- a/go.mod --
module example.com/a

go 1.22
-- a/a.go --
package a
-- a/sub/sub.go --
package sub

import _ "example.com/a"
-- b/go.mod --
module example.com/b

go 1.16

require example.com/nowhere v1.0.0
-- b/b.go --
package b

import _ "example.com/nowhere"
-- b/inner/inner.go --
package inner

import _ "example.com/b"
`)
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	pk, sx := loadBoth(t, dir)
	if pk.Loader != LoaderPackages || pk.FallbackReason != "" {
		t.Fatalf("loader %s, reason %q: one failing module cost the others", pk.Loader, pk.FallbackReason)
	}
	if !slices.Equal(dirs(pk), dirs(sx)) || !slices.Equal(edges(pk), edges(sx)) {
		t.Errorf("packages %v and %v, edges %v and %v", dirs(pk), dirs(sx), edges(pk), edges(sx))
	}
	if !strings.Contains(strings.Join(warningsOf(pk), "\n"), "b/go.mod: go command failed in b: ") {
		t.Errorf("no warning names the failing module:\n%s", strings.Join(warningsOf(pk), "\n"))
	}
}

// TestWarningPlaces checks that a package error in a module below the
// root is placed relative to the root, as every warning is.
func TestWarningPlaces(t *testing.T) {
	dir := writeTree(t, `
-- b/go.mod --
module example.com/b

go 1.22

require example.com/nowhere v1.0.0
-- b/b.go --
package b

import _ "example.com/nowhere"
`)
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	g := load(t, dir, false, nil)
	if g.Loader != LoaderPackages {
		t.Fatalf("go/packages not used: %s", g.FallbackReason)
	}
	ws := warningsOf(g)
	if !slices.ContainsFunc(ws, func(w string) bool { return strings.HasPrefix(w, "b/b.go:3:8: ") }) {
		t.Errorf("warnings not placed at b/b.go:3:8:\n%s", strings.Join(ws, "\n"))
	}
}
