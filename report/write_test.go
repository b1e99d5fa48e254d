package report

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// set is a report set whose contents say which run wrote it.
func set(run string) []Output {
	var out []Output
	for _, name := range []string{"seams.json", "contexts.dot", "packages.dot", "tables.dot", "summary.md", "index.html"} {
		out = append(out, Output{Name: name, Data: []byte(run + " " + name + "\n")})
	}
	return out
}

// listing returns every entry below dir with its content, and fails on
// any leftover temporary.
func listing(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		got[e.Name()] = string(data)
	}
	return got
}

// noDebris fails if dir holds a temporary of WriteSet or WriteFile.
func noDebris(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.Contains(e.Name(), ".seams-new-") || strings.HasSuffix(e.Name(), ".tmp") || strings.HasPrefix(e.Name(), ".seams-") {
				t.Errorf("left behind: %s", filepath.Join(dir, e.Name()))
			}
		}
	}
}

// checkSums verifies a set against its SumFile, as sha256sum -c would.
func checkSums(t *testing.T, dir string, want []Output) {
	t.Helper()
	sums, err := os.ReadFile(filepath.Join(dir, SumFile))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, f := range want {
		data, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%x  %s", sha256.Sum256(data), f.Name))
		if string(data) != string(f.Data) {
			t.Errorf("%s = %q, want %q", f.Name, data, f.Data)
		}
	}
	if got := strings.TrimSpace(string(sums)); got != strings.Join(lines, "\n") {
		t.Errorf("%s:\n%s\nwant\n%s", SumFile, got, strings.Join(lines, "\n"))
	}
}

func TestWriteSetReplaces(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "report")
	if err := WriteSet(dir, set("one")); err != nil {
		t.Fatal(err)
	}
	checkSums(t, dir, set("one"))
	// Another command's output in the same directory survives.
	if err := WriteFile(filepath.Join(dir, "trend.json"), []byte("trend\n")); err != nil {
		t.Fatal(err)
	}
	if err := WriteSet(dir, set("two")); err != nil {
		t.Fatal(err)
	}
	checkSums(t, dir, set("two"))
	if got := listing(t, dir)["trend.json"]; got != "trend\n" {
		t.Errorf("trend.json = %q after a new set", got)
	}
	noDebris(t, parent, dir)
}

// TestWriteSetPerContextGraphs writes a set with per-context graphs,
// then one whose contexts differ: the old contexts' graphs go, and the
// directory stays seams' own (replaced whole, not file by file).
func TestWriteSetPerContextGraphs(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "report")
	first := append(set("one"), Output{Name: "packages-01-billing.dot", Data: []byte("digraph a {}\n")}, Output{Name: "packages-02-orders.dot", Data: []byte("digraph b {}\n")})
	if err := WriteSet(dir, first); err != nil {
		t.Fatal(err)
	}
	checkSums(t, dir, first)
	second := append(set("two"), Output{Name: "packages-01-orders.dot", Data: []byte("digraph c {}\n")})
	if err := WriteSet(dir, second); err != nil {
		t.Fatal(err)
	}
	checkSums(t, dir, second)
	got := listing(t, dir)
	for _, stale := range []string{"packages-01-billing.dot", "packages-02-orders.dot"} {
		if _, ok := got[stale]; ok {
			t.Errorf("%s of the previous set is still there", stale)
		}
	}
	noDebris(t, parent, dir)
}

// TestWriteSetFailureKeepsOld makes the write fail after some files of
// the new set are written: the old set must be there, whole.
func TestWriteSetFailureKeepsOld(t *testing.T) {
	for _, foreign := range []bool{false, true} {
		t.Run(fmt.Sprintf("foreign=%v", foreign), func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "report")
			os.Mkdir(dir, 0o755)
			if foreign {
				os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine\n"), 0o644)
			}
			if err := WriteSet(dir, set("old")); err != nil {
				t.Fatal(err)
			}
			before := listing(t, dir)
			disk := errors.New("disk full")
			n := 0
			writeHook = func(name string) error {
				if n++; n == 3 {
					return disk
				}
				return nil
			}
			defer func() { writeHook = nil }()
			if err := WriteSet(dir, set("new")); !errors.Is(err, disk) {
				t.Fatalf("WriteSet = %v, want the injected failure", err)
			}
			if after := listing(t, dir); !mapsEqual(after, before) {
				t.Errorf("the old set changed:\n%v\nwant\n%v", after, before)
			}
			checkSums(t, dir, set("old"))
			noDebris(t, parent, dir)
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestWriteSetForeignDir checks that a directory holding the user's own
// files is updated in place, never moved, and that they stay.
func TestWriteSetForeignDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	before, _ := os.Stat(dir)
	if err := WriteSet(dir, set("one")); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(dir)
	if !os.SameFile(before, after) {
		t.Error("a directory with the user's files was replaced")
	}
	got := listing(t, dir)
	if got["notes.txt"] != "mine\n" {
		t.Errorf("the user's file changed: %q", got["notes.txt"])
	}
	checkSums(t, dir, set("one"))
	noDebris(t, dir)
}

// TestWriteSetAfterKill kills a process while it writes a set, as a
// signal would, and checks that the old set is intact and that the next
// run removes the dead run's temporaries.
func TestWriteSetAfterKill(t *testing.T) {
	if dir := os.Getenv("SEAMS_WRITESET_KILL"); dir != "" {
		writeHook = func(name string) error {
			if name == "tables.dot" {
				os.Exit(3) // no deferred cleanup: what SIGKILL leaves
			}
			return nil
		}
		WriteSet(dir, set("killed"))
		os.Exit(0)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "report")
	if err := WriteSet(dir, set("old")); err != nil {
		t.Fatal(err)
	}
	// A stale temporary of WriteFile, from a process that is gone.
	stale := filepath.Join(dir, ".seams.json.999999999-1.tmp")
	os.WriteFile(stale, []byte("x"), 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteSetAfterKill$")
	cmd.Env = append(os.Environ(), "SEAMS_WRITESET_KILL="+dir)
	if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() != 3 {
		t.Fatalf("helper: %v", err)
	}
	ents, _ := os.ReadDir(parent)
	if !slices.ContainsFunc(ents, func(e os.DirEntry) bool { return strings.Contains(e.Name(), ".seams-new-") }) {
		t.Fatal("the killed run left no stage: the test killed it too late")
	}
	checkSums(t, dir, set("old"))
	if err := WriteSet(dir, set("next")); err != nil {
		t.Fatal(err)
	}
	checkSums(t, dir, set("next"))
	noDebris(t, parent, dir)
}

func TestWriteSetNames(t *testing.T) {
	for _, name := range []string{"", ".", "..", "a/b", `a\b`, SumFile} {
		if err := WriteSet(t.TempDir(), []Output{{Name: name}}); err == nil {
			t.Errorf("WriteSet accepted the name %q", name)
		}
	}
	if err := WriteSet(t.TempDir(), []Output{{Name: "a"}, {Name: "a"}}); err == nil {
		t.Error("WriteSet accepted a name twice")
	}
}
