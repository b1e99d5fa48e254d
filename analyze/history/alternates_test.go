package history

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
)

// borrower makes a repository with no objects of its own whose branch
// main points at head, and whose objects/info/alternates says alternates.
func borrower(t *testing.T, head, alternates string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "borrower")
	gitDir := filepath.Join(dir, ".git")
	for _, d := range []string{"refs/heads", "objects/info"} {
		if err := os.MkdirAll(filepath.Join(gitDir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"HEAD":                    "ref: refs/heads/main\n",
		"refs/heads/main":         head + "\n",
		"config":                  "[core]\n\trepositoryformatversion = 0\n",
		"objects/info/alternates": alternates,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(gitDir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// emptyObjects makes an object directory that only names alternates.
func emptyObjects(t *testing.T, alternates string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "objects")
	if err := os.MkdirAll(filepath.Join(dir, "info"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "info", "alternates"), []byte(alternates), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func objectsOf(dir string) string { return filepath.Join(dir, ".git", "objects") }

func relTo(t *testing.T, from, to string) string {
	t.Helper()
	r, err := filepath.Rel(from, to)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// chain makes n object directories, each naming the next as its
// alternate, the last naming target; it returns the first.
func chain(t *testing.T, n int, target string) string {
	next := target
	for i := 0; i < n; i++ {
		next = emptyObjects(t, next+"\n")
	}
	return next
}

// TestAlternates mines repositories that borrow every object from
// another one, as git clone --shared makes them, and expects the
// lender's history, loose or packed, through the mapped packs and
// through go-git.
func TestAlternates(t *testing.T) {
	cases := []struct {
		name string
		// alternates is the borrower's objects/info/alternates for the
		// lender's object directory src and the borrower's own dst.
		alternates func(t *testing.T, src, dst string) string
		// lenderAlternates, if set, is written into the lender's.
		lenderAlternates func(dst string) string
		wantErr          string
	}{
		{name: "absolute", alternates: func(_ *testing.T, src, _ string) string { return src + "\n" }},
		{name: "relative", alternates: func(t *testing.T, src, dst string) string { return relTo(t, dst, src) + "\n" }},
		{name: "comments, blank lines, duplicates, quotes",
			alternates: func(_ *testing.T, src, _ string) string {
				return "# shared with the lender\n\n\"" + src + "\"\n" + src + "\n"
			}},
		{name: "chained five deep, as deep as git goes",
			alternates: func(t *testing.T, src, _ string) string { return chain(t, 5, src) + "\n" }},
		{name: "a loop", alternates: func(_ *testing.T, src, _ string) string { return src + "\n" },
			lenderAlternates: func(dst string) string { return dst + "\n" }},
		{name: "itself", alternates: func(_ *testing.T, src, dst string) string { return dst + "\n" + src + "\n" }},
		{name: "chained six deep", alternates: func(t *testing.T, src, _ string) string { return chain(t, 6, src) + "\n" },
			wantErr: "nested more than 5 deep"},
		{name: "missing", alternates: func(t *testing.T, _, _ string) string { return filepath.Join(t.TempDir(), "gone") + "\n" },
			wantErr: "cannot be used"},
	}
	for _, packed := range []bool{false, true} {
		lender := newRepo(t)
		for i := 0; i < 8; i++ {
			lender.write(fmt.Sprintf("d%d/f.go", i%3), lines(10+i, "f"))
			if i == 5 {
				lender.remove("d1/f.go")
				lender.write("d1/moved.go", lines(10+i, "f"))
			}
			lender.commit("Ann", "ann@example.com")
		}
		if packed {
			if err := lender.repo.RepackObjects(&git.RepackConfig{}); err != nil {
				t.Fatal(err)
			}
		}
		want := mine(t, lender.dir, Options{ChurnSince: t0})
		head, _ := lender.repo.Head()
		for _, goGit := range []bool{false, true} {
			if goGit && !packed {
				continue // loose objects are read the same way either way
			}
			for _, tc := range cases {
				name := tc.name
				if packed {
					name += ", packed"
				}
				if goGit {
					name += ", through go-git"
				}
				t.Run(name, func(t *testing.T) {
					if goGit {
						defer func(old bool) { mapPacks = old }(mapPacks)
						mapPacks = false
					}
					dir := borrower(t, head.Hash().String(), "")
					src, dst := objectsOf(lender.dir), objectsOf(dir)
					if err := os.WriteFile(filepath.Join(dst, "info", "alternates"),
						[]byte(tc.alternates(t, src, dst)), 0o644); err != nil {
						t.Fatal(err)
					}
					if tc.lenderAlternates != nil {
						p := filepath.Join(src, "info", "alternates")
						if err := os.WriteFile(p, []byte(tc.lenderAlternates(dst)), 0o644); err != nil {
							t.Fatal(err)
						}
						defer os.Remove(p)
					}
					got, err := Mine(dir, Options{ChurnSince: t0})
					if tc.wantErr != "" {
						if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
							t.Fatalf("error %v, want one saying %q", err, tc.wantErr)
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got.Commits, want.Commits) || got.Missing != 0 || len(got.Warnings) != 0 {
						t.Errorf("%d commits, %d missing, warnings %q; want the lender's %d commits",
							len(got.Commits), got.Missing, got.Warnings, len(want.Commits))
					}
				})
			}
		}
	}
}

// TestObjectDirs checks the order and the limits of the alternates walk
// itself: depth first in file order, each directory once.
func TestObjectDirs(t *testing.T) {
	leaf := emptyObjects(t, "")
	mid := emptyObjects(t, leaf+"\n")
	other := emptyObjects(t, "")
	main := emptyObjects(t, mid+"\n"+other+"\n"+leaf+"\n")
	real := func(p string) string {
		r, err := filepath.EvalSymlinks(p)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	w := &warner{log: &Log{}}
	got := objectDirs(main, w)
	want := []string{real(main), real(mid), real(leaf), real(other)}
	if !reflect.DeepEqual(got, want) || len(w.log.Warnings) != 0 {
		t.Errorf("objectDirs = %v, warnings %q; want %v", got, w.log.Warnings, want)
	}
	// A directory that is not one is skipped with a warning.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	w = &warner{log: &Log{}}
	if got := objectDirs(emptyObjects(t, file+"\n"), w); len(got) != 1 || len(w.log.Warnings) != 1 {
		t.Errorf("a file as alternate: %v, warnings %q", got, w.log.Warnings)
	}
}

// TestSharedClones mines what git clone --shared and --reference make.
func TestSharedClones(t *testing.T) {
	src := gitSource(t)
	want := mine(t, src, Options{ChurnSince: t0})
	for _, args := range [][]string{{"--shared"}, {"--reference", src}, {"--shared", "--bare"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "clone")
			runGit(t, filepath.Dir(dst), append(append([]string{"clone", "-q"}, args...), src, dst)...)
			alt := filepath.Join(dst, ".git", "objects", "info", "alternates")
			if slices.Contains(args, "--bare") {
				alt = filepath.Join(dst, "objects", "info", "alternates")
			}
			if _, err := os.Stat(alt); err != nil {
				t.Fatalf("the clone borrows no objects: %v", err)
			}
			got := mine(t, dst, Options{ChurnSince: t0})
			if !reflect.DeepEqual(got.Commits, want.Commits) || len(got.Warnings) != 0 {
				t.Errorf("%v: %d commits, warnings %q; want %d commits", args, len(got.Commits), got.Warnings, len(want.Commits))
			}
		})
	}
}
