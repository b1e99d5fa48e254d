package analyze

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/report"
)

// tiny is a small monolith: package dir -> the dirs it imports.
var tiny = map[string][]string{
	"billing":          {"billing/store", "identity", "platform/log"},
	"billing/store":    {"platform/log"},
	"identity":         {"identity/store", "platform/log"},
	"identity/store":   {"platform/log"},
	"catalog":          {"catalog/store", "platform/log"},
	"catalog/store":    {"platform/log"},
	"ordering":         {"ordering/store", "catalog", "billing"},
	"ordering/store":   {"platform/log"},
	"platform/log":     nil,
	"cmd/tiny":         {"billing", "catalog", "identity", "ordering"},
	"identity/session": {"identity/store"},
}

// tinySource is a package's one file, its imports under root (the module
// path plus "internal/" after the restructure). The body is long enough,
// and its own, that git pairs the file with its moved self.
func tinySource(dir, root string, deps []string) string {
	var b strings.Builder
	name := filepath.Base(dir)
	if dir == "cmd/tiny" {
		name = "main"
	}
	fmt.Fprintf(&b, "// Package %s is the %s part of tiny.\npackage %s\n\nimport (\n", name, dir, name)
	for _, d := range deps {
		fmt.Fprintf(&b, "\t_ %q\n", root+d)
	}
	b.WriteString(")\n\n")
	for i := range 30 {
		fmt.Fprintf(&b, "// F%d is step %d of %s's work.\nfunc F%d() int { return %d }\n\n", i, i, dir, i, i*len(dir))
	}
	return b.String()
}

type tinyCommit struct {
	when  string
	msg   string
	files map[string]string // path -> content, "" deletes
}

// buildTiny commits the steps into a fresh repository.
func buildTiny(t *testing.T, steps []tinyCommit) string {
	t.Helper()
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := r.Worktree()
	for _, s := range steps {
		for _, p := range slices.Sorted(func(yield func(string) bool) {
			for p := range s.files {
				if !yield(p) {
					return
				}
			}
		}) {
			if s.files[p] == "" {
				if _, err := w.Remove(p); err != nil {
					t.Fatal(err)
				}
				continue
			}
			abs := filepath.Join(dir, p)
			os.MkdirAll(filepath.Dir(abs), 0o755)
			if err := os.WriteFile(abs, []byte(s.files[p]), 0o644); err != nil {
				t.Fatal(err)
			}
			w.Add(p)
		}
		when, _ := time.Parse(time.DateOnly, s.when)
		sig := &object.Signature{Name: "Dev", Email: "dev@tiny.test", When: when}
		h, err := w.Commit(s.msg, &git.CommitOptions{Author: sig, Committer: sig})
		if err != nil {
			t.Fatal(err)
		}
		if s.msg == "release" {
			// One lightweight tag and one annotated, which is peeled.
			if _, err := r.CreateTag("v1.0.0", h, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := r.CreateTag("v1.0.0-ga", h, &git.CreateTagOptions{Tagger: sig, Message: "GA"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// restructuredHistory is tiny's history: GOPATH days with legacy packages
// that later go, go.mod, work, then every package moved under internal/
// (imports rewritten), then more work.
func restructuredHistory(t *testing.T) string {
	const mod = "example.com/tiny/"
	all := func(root, prefix string) map[string]string {
		files := map[string]string{}
		for d, deps := range tiny {
			p := d
			if d != "cmd/tiny" {
				p = prefix + d
			}
			var ds []string
			for _, x := range deps {
				ds = append(ds, prefix+x)
			}
			files[p+"/"+filepath.Base(d)+".go"] = tinySource(d, root, ds)
		}
		return files
	}
	first := all(mod, "")
	for i := range 12 {
		d := fmt.Sprintf("legacy/l%d", i)
		first[d+"/l.go"] = tinySource(d, mod, nil)
	}
	gone := map[string]string{}
	for i := range 12 {
		gone[fmt.Sprintf("legacy/l%d/l.go", i)] = ""
	}
	gone["go.mod"] = "module example.com/tiny\n\ngo 1.22\n"
	work := func(p string) map[string]string {
		return map[string]string{p: strings.Replace(all(mod, "")[strings.TrimPrefix(p, "internal/")], "F0()", "F0x()", 1)}
	}
	moved := all(mod, "internal/")
	for p := range all(mod, "") {
		if _, ok := moved[p]; !ok {
			moved[p] = ""
		}
	}
	later := all(mod, "internal/")
	return buildTiny(t, []tinyCommit{
		{"2024-01-01", "tiny: first version, GOPATH layout", first},
		{"2024-02-01", "go modules; legacy packages go", gone},
		{"2024-03-01", "release", work("catalog/catalog.go")},
		{"2024-04-01", "catalog: work", work("catalog/store/store.go")},
		{"2024-05-01", "move every package under internal/", moved},
		{"2024-06-01", "billing: work", map[string]string{"internal/billing/billing.go": strings.Replace(later["internal/billing/billing.go"], "F1()", "F1x()", 1)}},
	})
}

// TestTrendAcrossARestructure replays a history whose packages all moved
// under internal/: before the move the baseline (taken after it) must
// still know the packages, through the renames, and measure them as
// after; reclustered points must keep the baseline's ids; the commit
// without go.mod is measured, not skipped.
func TestTrendAcrossARestructure(t *testing.T) {
	dir := restructuredHistory(t)
	cfg := testConfig(dir)
	a, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	base := a.Baseline()
	if len(base.Contexts) < 3 {
		t.Fatalf("baseline has %d contexts: the test would prove little", len(base.Contexts))
	}
	tr, err := Trend(cfg, TrendConfig{Commits: 6, Baseline: base})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Points) != 6 || len(tr.Skipped) != 0 {
		t.Fatalf("%d points, skipped %+v", len(tr.Points), tr.Skipped)
	}
	gopath, release, before, move, last := tr.Points[0], tr.Points[2], tr.Points[3], tr.Points[4], tr.Points[5]
	if gopath.Module != "example.com/tiny" || before.Module != "" {
		t.Errorf("inferred modules %q and %q", gopath.Module, before.Module)
	}
	// The legacy packages are unknown to the baseline: the first point
	// measures under half the code, and says so.
	if !gopath.Low || gopath.Coverage >= 0.5 || gopath.Packages != len(tiny)+12 {
		t.Errorf("GOPATH point: %d packages, coverage %v, low %v", gopath.Packages, gopath.Coverage, gopath.Low)
	}
	if before.Coverage != 1 || before.Low || before.Mapped != len(tiny)-1 {
		t.Errorf("before the move: coverage %v, %d mapped (want %d)", before.Coverage, before.Mapped, len(tiny)-1)
	}
	// Without the renames every package would be unknown: one context,
	// nothing crossing. Through them the move changes no import figure.
	if before.Metrics.Contexts != move.Metrics.Contexts || before.Metrics.CrossContextImports != move.Metrics.CrossContextImports ||
		before.Metrics.Modularity.Imports != move.Metrics.Modularity.Imports || before.Metrics.CrossContextImports == 0 {
		t.Errorf("the move changed the import figures:\nbefore %+v\nafter  %+v", before.Metrics, move.Metrics)
	}
	if last.Metrics != base.Metrics {
		t.Errorf("at HEAD the trend differs from the baseline:\n%+v\n%+v", last.Metrics, base.Metrics)
	}
	if !slices.Equal(release.Tags, []string{"v1.0.0", "v1.0.0-ga"}) || release.Subject != "release" {
		t.Errorf("release point: tags %v, subject %q", release.Tags, release.Subject)
	}
	csv := string(report.TrendCSV(tr))
	if strings.Contains(csv, "-0.0000") || !strings.Contains(csv, "inferred from the imports") || !strings.Contains(csv, ",yes,") {
		t.Errorf("csv:\n%s", csv)
	}

	// Reclustered, the contexts before and after the move are the same
	// packages at today's paths: they keep the baseline's ids.
	rc, err := Trend(cfg, TrendConfig{Commits: 6, Baseline: base, Recluster: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range base.Contexts {
		ids = append(ids, c.ID)
	}
	for _, i := range []int{3, 4, 5} {
		p := rc.Points[i]
		if !slices.Equal(p.ContextIDs, ids) || p.Kept != len(ids) || p.Low {
			t.Errorf("reclustered point %d (%s): ids %v kept %d, baseline ids %v", i, p.Subject, p.ContextIDs, p.Kept, ids)
		}
	}
	// A point before the move is clustered as an analysis of its
	// checkout clusters it, at its own paths.
	old := rc.Points[3]
	at, err := Run(testConfig(checkoutAt(t, dir, old.Commit)))
	if err != nil {
		t.Fatal(err)
	}
	if want := figures(clean(*at.Metrics)); old.Metrics != want {
		t.Errorf("reclustered point before the move:\n%+v\ncheckout:\n%+v", old.Metrics, want)
	}
}

// TestInferModule reads a module path from a tree's imports.
func TestInferModule(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"a/a.go": "package a\nimport _ \"github.com/x/y/b\"\n", "b/b.go": "package b\nimport _ \"fmt\"\n"}, "github.com/x/y"},
		{map[string]string{"a/a.go": "package a\nimport _ \"fmt\"\n"}, ""},
	} {
		root := t.TempDir()
		for p, c := range tc.files {
			os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755)
			os.WriteFile(filepath.Join(root, p), []byte(c), 0o644)
		}
		rules, _ := scopeRules()
		got, err := inferModule(os.DirFS(root), rules)
		if got != tc.want || (tc.want == "") != (err != nil) {
			t.Errorf("%v: %q, %v; want %q", tc.files, got, err, tc.want)
		}
	}
}

func scopeRules() (*scope.Rules, error) { return scope.New(nil, false) }

// TestTrendReclusterAtOwnPaths replays a history in which a package
// leaves an examples/ directory: at the commit before, the path rules
// call it tooling, at today's path they do not. The reclustered point
// must be what an analysis of its checkout gives, not a clustering at
// today's paths.
func TestTrendReclusterAtOwnPaths(t *testing.T) {
	const mod = "example.com/tiny/"
	files := map[string]string{"go.mod": "module example.com/tiny\n\ngo 1.22\n"}
	for d, deps := range tiny {
		files[d+"/"+filepath.Base(d)+".go"] = tinySource(d, mod, deps)
	}
	shop := tinySource("examples/shop", mod, []string{"billing", "catalog", "ordering"})
	files["examples/shop/shop.go"] = shop
	dir := buildTiny(t, []tinyCommit{
		{"2024-01-01", "tiny with an example", files},
		{"2024-02-01", "catalog: work", map[string]string{"catalog/catalog.go": strings.Replace(files["catalog/catalog.go"], "F0()", "F0x()", 1)}},
		{"2024-03-01", "the example becomes the shop", map[string]string{"examples/shop/shop.go": "", "shop/shop.go": shop}},
	})
	cfg := testConfig(dir)
	rc, err := Trend(cfg, TrendConfig{Commits: 3, Recluster: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rc.Points) != 3 {
		t.Fatalf("%d points, skipped %+v", len(rc.Points), rc.Skipped)
	}
	before, after := rc.Points[1], rc.Points[2]
	if before.Mapped == 0 {
		t.Fatal("the point before the move maps no package: the test would prove little")
	}
	at, err := Run(testConfig(checkoutAt(t, dir, before.Commit)))
	if err != nil {
		t.Fatal(err)
	}
	if want := figures(clean(*at.Metrics)); before.Metrics != want {
		t.Errorf("reclustered point before the move:\n%+v\ncheckout:\n%+v", before.Metrics, want)
	}
	if before.Metrics.Tooling == after.Metrics.Tooling {
		t.Errorf("tooling %d before the move and %d after: the path rule did not tell the points apart", before.Metrics.Tooling, after.Metrics.Tooling)
	}
}
