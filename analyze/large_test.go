package analyze

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/analyze/gitscript"
	"github.com/seams-tool/seams/report/schema"
)

// TestLargePackageWarned grows one package of the fixture past the size a
// context can split: the analysis says so, of that package alone, and
// proposes how to cut it by its files: by their names alone without
// history, by the commits that changed them together with it.
func TestLargePackageWarned(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../testdata/shop", dir)
	run := func(dir string, signals ...schema.Signal) (warned []schema.Warning, groups map[string]string) {
		m := model(t, testConfig(dir, signals...))
		for _, w := range m.Warnings {
			if w.Signal == "contexts" {
				warned = append(warned, w)
			}
		}
		groups = map[string]string{}
		for _, p := range m.Packages {
			for _, f := range p.Sources {
				if f.Group != "" {
					groups[p.Path+"/"+f.Name] = f.Group
				}
			}
		}
		return warned, groups
	}
	if w, g := run(dir, schema.SignalImports, schema.SignalVocabulary); len(w) != 0 || len(g) != 0 {
		t.Fatalf("the fixture as it is warned of large packages (%v) or grouped files (%v)", w, g)
	}
	var b strings.Builder
	b.WriteString("package pricing\n\n")
	for i := range largePackageLines {
		fmt.Fprintf(&b, "var rate%d = %d\n", i, i)
	}
	files := map[string]string{
		"rates.go":     b.String(),
		"rates_tax.go": "package pricing\n\nvar tax = 1\n",
		"discount.go":  "package pricing\n\nvar discount = 1\n",
		"coupon.go":    "package pricing\n\nvar coupon = 1\n",
	}
	grow := func(dir string) {
		for name, src := range files {
			if err := os.WriteFile(filepath.Join(dir, "catalog", "pricing", name), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	grow(dir)
	w, groups := run(dir, schema.SignalImports, schema.SignalVocabulary)
	if len(w) != 1 || w[0].Where != "catalog/pricing" || !strings.Contains(w[0].Message, "one package of") {
		t.Fatalf("warnings = %+v, want one of catalog/pricing", w)
	}
	want := map[string]string{"catalog/pricing/rates.go": "rate", "catalog/pricing/rates_tax.go": "rate"}
	if !maps.Equal(groups, want) {
		t.Errorf("by names alone, groups = %v, want %v", groups, want)
	}

	// The history ties coupon.go to discount.go, whose names do not; in
	// the second case the module lies below the git root (its packages'
	// paths then start with that directory).
	want["catalog/pricing/coupon.go"], want["catalog/pricing/discount.go"] = "coupon", "coupon"
	for _, below := range []string{".", "server"} {
		script := "commit 2024-01-01T10:00:00Z | Ann <ann@shop.test> | pricing\n"
		for _, name := range slices.Sorted(maps.Keys(files)) {
			script += "  A " + path.Join(below, "catalog/pricing", name) + "\n"
		}
		for i := range 4 {
			script += fmt.Sprintf("commit 2024-02-0%dT10:00:00Z | Ann <ann@shop.test> | discounts\n  M %s\n  M %s\n",
				i+1, path.Join(below, "catalog/pricing/coupon.go"), path.Join(below, "catalog/pricing/discount.go"))
		}
		s, err := gitscript.Parse(strings.NewReader(script))
		if err != nil {
			t.Fatal(err)
		}
		fixture := t.TempDir()
		copyDir(t, dir, filepath.Join(fixture, below))
		repo := filepath.Join(t.TempDir(), "shop")
		if _, err := gitscript.Build(s, repo, fixture); err != nil {
			t.Fatal(err)
		}
		root := filepath.Join(repo, below)
		copyDir(t, "../testdata/shop", root) // the rest of the shop, untracked
		grow(root)
		w, groups = run(root)
		wantBelow := map[string]string{}
		for f, g := range want {
			wantBelow[path.Join(below, f)] = g
		}
		if !maps.Equal(groups, wantBelow) {
			t.Errorf("below %q, with history, groups = %v, want %v", below, groups, wantBelow)
		}
		if len(w) != 1 || !strings.Contains(w[0].Message, "fall into 2 groups, the largest rate (2 files") {
			t.Errorf("below %q, warnings = %+v, want catalog/pricing's two groups named", below, w)
		}
	}
}
