package history

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func cacheFiles(t *testing.T, cacheDir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(cacheDir, "*", "seg-*.bin"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCache(t *testing.T) {
	r := newRepo(t)
	for i := 0; i < 6; i++ {
		r.write("f"+itoa(i%3)+".txt", lines(5+i, "v"+itoa(i)))
		r.commit("Ann", "ann@example.com")
	}
	cacheDir := t.TempDir()
	opt := Options{CacheDir: cacheDir}

	cold := mine(t, r.dir, opt)
	if cold.CacheHits != 0 {
		t.Errorf("cold run: %d hits", cold.CacheHits)
	}
	warm := mine(t, r.dir, opt)
	if warm.CacheHits != len(warm.Commits) || len(warm.Commits) != 6 {
		t.Errorf("warm run: %d hits for %d commits", warm.CacheHits, len(warm.Commits))
	}
	if !reflect.DeepEqual(warm.Commits, cold.Commits) {
		t.Errorf("cached commits differ from mined ones")
	}

	// One new commit: one miss.
	r.write("new.txt", "new\n")
	r.commit("Ann", "ann@example.com")
	next := mine(t, r.dir, opt)
	if next.CacheHits != 6 || len(next.Commits) != 7 {
		t.Errorf("after a new commit: %d hits for %d commits, want 6 of 7", next.CacheHits, len(next.Commits))
	}

	// Entries without churn do not serve a run that wants churn, and the
	// churn then computed is cached too.
	churnOpt := Options{CacheDir: cacheDir, ChurnSince: t0}
	churned := mine(t, r.dir, churnOpt)
	if churned.CacheHits != 0 {
		t.Errorf("churn wanted: %d hits, want 0", churned.CacheHits)
	}
	again := mine(t, r.dir, churnOpt)
	if again.CacheHits != 7 || !reflect.DeepEqual(again.Commits, churned.Commits) {
		t.Errorf("churn cached: %d hits, equal=%v", again.CacheHits, reflect.DeepEqual(again.Commits, churned.Commits))
	}
	// And entries with churn serve a run without, stripped of it.
	plain := mine(t, r.dir, opt)
	if plain.CacheHits != 7 || !reflect.DeepEqual(plain.Commits, next.Commits) {
		t.Errorf("churn entries for a plain run: %d hits, equal=%v", plain.CacheHits, reflect.DeepEqual(plain.Commits, next.Commits))
	}
	if n := len(cacheFiles(t, cacheDir)); n == 0 || n > maxSegments {
		t.Errorf("%d segment files", n)
	}
}

func TestCacheCorruptAndForeign(t *testing.T) {
	r := newRepo(t)
	for i := 0; i < 3; i++ {
		r.write("f.txt", lines(3+i, "x"))
		r.commit("Ann", "ann@example.com")
	}
	cacheDir := t.TempDir()
	opt := Options{CacheDir: cacheDir}
	want := mine(t, r.dir, Options{})
	mine(t, r.dir, opt)
	segs := cacheFiles(t, cacheDir)
	if len(segs) != 1 {
		t.Fatalf("%d segments", len(segs))
	}
	good, _ := os.ReadFile(segs[0])

	damage := map[string][]byte{
		"garbage":   []byte("this is not a cache file at all, just garbage bytes................"),
		"truncated": good[:len(good)-10],
		"flipped":   append(append([]byte{}, good[:40]...), append([]byte{good[40] ^ 0xff}, good[41:]...)...),
	}
	for name, b := range damage {
		if err := os.WriteFile(segs[0], b, 0o644); err != nil {
			t.Fatal(err)
		}
		l := mine(t, r.dir, opt)
		if l.CacheHits != 0 || !reflect.DeepEqual(l.Commits, want.Commits) {
			t.Errorf("%s: %d hits, commits equal=%v", name, l.CacheHits, reflect.DeepEqual(l.Commits, want.Commits))
		}
		if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "ignoring history cache file") {
			t.Errorf("%s: warnings %q", name, l.Warnings)
		}
		_ = os.Remove(segs[0])
		for _, p := range cacheFiles(t, cacheDir) { // the fresh segment that run wrote
			_ = os.Remove(p)
		}
	}

	// A segment from another repository, copied into this one's directory.
	other := newRepo(t)
	other.write("g.txt", "g\n")
	other.commit("Bob", "bob@example.com")
	otherCache := t.TempDir()
	mine(t, other.dir, Options{CacheDir: otherCache})
	foreign := cacheFiles(t, otherCache)[0]
	b, _ := os.ReadFile(foreign)
	if err := os.WriteFile(segs[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	l := mine(t, r.dir, opt)
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "another repository") {
		t.Errorf("foreign: warnings %q", l.Warnings)
	}
}

func TestCacheCompaction(t *testing.T) {
	r := newRepo(t)
	cacheDir := t.TempDir()
	opt := Options{CacheDir: cacheDir}
	for i := 0; i < maxSegments+3; i++ {
		r.write("f.txt", lines(2+i, "x"))
		r.commit("Ann", "ann@example.com")
		l := mine(t, r.dir, opt)
		if l.CacheHits != i {
			t.Errorf("run %d: %d hits", i, l.CacheHits)
		}
		if n := len(cacheFiles(t, cacheDir)); n > maxSegments {
			t.Errorf("run %d: %d segments", i, n)
		}
	}
}

// TestChurnFiles checks that churn is computed only for the files named,
// that everything else about the commits is the same, and that churn kept
// for some files never serves a run that wants it for others.
func TestChurnFiles(t *testing.T) {
	r := newRepo(t)
	for i := 0; i < 3; i++ {
		r.write("main.go", lines(4+i, "go"+itoa(i)))
		r.write("README.md", lines(6+2*i, "doc"+itoa(i)))
		r.commit("Ann", "ann@example.com")
	}
	cacheDir := t.TempDir()
	all := mine(t, r.dir, Options{ChurnSince: t0, CacheDir: cacheDir})
	code := mine(t, r.dir, Options{ChurnSince: t0, CacheDir: cacheDir, ChurnFiles: []string{".go"}})
	if code.CacheHits != 0 {
		t.Errorf("churn for .go files only was served %d entries cached with churn for every file", code.CacheHits)
	}
	if len(code.Commits) != len(all.Commits) {
		t.Fatalf("%d commits with churn for .go, %d with churn for all", len(code.Commits), len(all.Commits))
	}
	for i, c := range code.Commits {
		for j, ch := range c.Changes {
			full := all.Commits[i].Changes[j]
			if ch.Path != full.Path || ch.Kind != full.Kind {
				t.Fatalf("commit %d change %d: %+v, with churn for all %+v", i, j, ch, full)
			}
			switch {
			case strings.HasSuffix(ch.Path, ".go") && (ch.Added != full.Added || ch.Deleted != full.Deleted):
				t.Errorf("%s in commit %d: churn %d/%d, want %d/%d", ch.Path, i, ch.Added, ch.Deleted, full.Added, full.Deleted)
			case strings.HasSuffix(ch.Path, ".md") && ch.Added+ch.Deleted != 0:
				t.Errorf("%s in commit %d has churn %d/%d: not asked for", ch.Path, i, ch.Added, ch.Deleted)
			case strings.HasSuffix(ch.Path, ".md") && full.Added == 0:
				t.Errorf("%s in commit %d has no churn even when asked for every file", ch.Path, i)
			}
		}
	}
	again := mine(t, r.dir, Options{ChurnSince: t0, CacheDir: cacheDir, ChurnFiles: []string{".go"}})
	if again.CacheHits != len(again.Commits) || !reflect.DeepEqual(again.Commits, code.Commits) {
		t.Errorf("a second run with churn for .go: %d hits of %d, equal=%v", again.CacheHits, len(again.Commits), reflect.DeepEqual(again.Commits, code.Commits))
	}
}

// TestChurnMaxChanges checks that a commit over the limit gets no churn
// while the others keep theirs, that a re-run with the same limit is
// served from the cache, and that one without the limit computes the
// churn it needs instead of taking the cache's zeros.
func TestChurnMaxChanges(t *testing.T) {
	r := newRepo(t)
	r.write("a.go", lines(3, "a0"))
	r.commit("Ann", "ann@example.com")
	for _, f := range []string{"a.go", "b.go", "c.go"} { // 3 changes: over a limit of 2
		r.write(f, lines(5, f+"1"))
	}
	r.commit("Ann", "ann@example.com")
	r.write("a.go", lines(4, "a2")) // 1 change
	r.commit("Ann", "ann@example.com")

	churned := func(l *Log) []bool {
		var got []bool
		for _, c := range l.Commits {
			n := 0
			for _, ch := range c.Changes {
				n += ch.Added + ch.Deleted
			}
			got = append(got, n > 0)
		}
		return got
	}
	cacheDir := t.TempDir()
	limited := Options{ChurnSince: t0, CacheDir: cacheDir, ChurnMaxChanges: 2}
	l := mine(t, r.dir, limited)
	// Commits come newest first; the root adds one file.
	if got, want := churned(l), []bool{true, false, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("with a limit of 2, churn per commit %v, want %v", got, want)
	}
	again := mine(t, r.dir, limited)
	if again.CacheHits != len(again.Commits) || !reflect.DeepEqual(again.Commits, l.Commits) {
		t.Errorf("a second run with the limit: %d hits of %d, equal=%v", again.CacheHits, len(again.Commits), reflect.DeepEqual(again.Commits, l.Commits))
	}
	unlimited := mine(t, r.dir, Options{ChurnSince: t0, CacheDir: cacheDir})
	if got, want := churned(unlimited), []bool{true, true, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("without a limit after a run with one, churn per commit %v, want %v", got, want)
	}
	if unlimited.CacheHits != 2 {
		t.Errorf("without a limit: %d cache hits, want 2 (only the bulk commit mined again)", unlimited.CacheHits)
	}
	// And the bulk commit's churn, now cached, is not served to a limited run.
	if got := churned(mine(t, r.dir, limited)); got[1] {
		t.Errorf("a limited run after an unlimited one got churn for the bulk commit")
	}
}
