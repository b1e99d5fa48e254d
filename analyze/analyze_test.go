package analyze

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/report/schema"
)

// testConfig is the default configuration for dir with the given signals
// (all when none are given).
func testConfig(dir string, signals ...schema.Signal) Config {
	cfg := DefaultConfig()
	cfg.Dir, cfg.Version = dir, "test"
	cfg.Signals = signals
	return cfg
}

// model analyzes and assembles the model.
func model(t *testing.T, cfg Config) *schema.Model {
	t.Helper()
	a, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a.Model()
}

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with a golden file, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; diff them with -update and git diff:\n%s", path, got)
	}
}

// TestShopImportGraph pins the fixture monolith's import graph. The golden
// file was checked by hand against the fixture's source; notable edges:
// catalog/store -> platform/config exists only in a generated file and
// must be absent, ordering/cart -> catalog/store is the planted
// cross-domain call, platform/db -> migrations the embedded SQL.
func TestShopImportGraph(t *testing.T) {
	for _, syntax := range []bool{false, true} {
		cfg := testConfig("../testdata/shop", schema.SignalImports)
		cfg.Syntax = syntax
		m := model(t, cfg)
		var b strings.Builder
		for _, e := range m.Imports {
			fmt.Fprintf(&b, "%s -> %s %d\n", e.From, e.To, e.Weight)
		}
		golden(t, "../testdata/shop.imports", b.String())
		has := func(from, to string) bool {
			for _, e := range m.Imports {
				if e.From == from && e.To == to {
					return true
				}
			}
			return false
		}
		if has("catalog/store", "platform/config") {
			t.Error("an edge that only a generated file makes was kept")
		}
		if !has("ordering/cart", "catalog/store") || !has("platform/db", "migrations") {
			t.Error("planted edges missing")
		}
		if m.Signals.Imports.GeneratedFiles != 2 {
			t.Errorf("generated files = %d (%v), want 2", m.Signals.Imports.GeneratedFiles, m.Signals.Imports.Generated)
		}
		// lib/pq may be absent from a clean module cache: a warning, but
		// the graph between the repository's packages is complete, so the
		// signal is ok and its detail says what is missing.
		if m.Signals.Imports.Status != schema.StatusOK {
			t.Errorf("status = %s, want ok (%s)", m.Signals.Imports.Status, m.Signals.Imports.Detail)
		}
		missing := slices.ContainsFunc(m.Warnings, func(w schema.Warning) bool { return w.Signal == string(schema.SignalImports) })
		if says := strings.Contains(m.Signals.Imports.Detail, "third-party modules not in the module cache"); !syntax && says != missing {
			t.Errorf("warnings of missing modules: %v; the detail says so: %v (%s)", missing, says, m.Signals.Imports.Detail)
		}
	}
}

// TestLoaders: the go command's loader (asked for) and the syntax loader
// (the default) find the same packages with the same files and the same
// imports; without the imports signal even a run that asks for the go
// command does not start it.
func TestLoaders(t *testing.T) {
	goCmd := testConfig("../testdata/shop")
	goCmd.Syntax = false
	viaGo, viaSyntax := model(t, goCmd), model(t, testConfig("../testdata/shop"))
	sqlOnly := testConfig("../testdata/shop", schema.SignalSQL)
	sqlOnly.Syntax = false
	noImports := model(t, sqlOnly)
	if viaGo.Signals.Imports.Loader != "go/packages" || viaSyntax.Signals.Imports.Loader != "syntax" || noImports.Signals.Imports.Loader != "syntax" {
		t.Fatalf("loaders %q asked for the go command, %q by default, %q without imports; want go/packages, syntax, syntax",
			viaGo.Signals.Imports.Loader, viaSyntax.Signals.Imports.Loader, noImports.Signals.Imports.Loader)
	}
	files := func(m *schema.Model) []string {
		var out []string
		for _, p := range m.Packages {
			out = append(out, fmt.Sprintf("%s %d %d", p.Path, p.Files, p.LOC))
		}
		return out
	}
	imports := func(m *schema.Model) []string {
		var out []string
		for _, e := range m.Imports {
			out = append(out, fmt.Sprintf("%s %s %d", e.From, e.To, e.Weight))
		}
		return out
	}
	if a, b := files(viaGo), files(viaSyntax); !slices.Equal(a, b) {
		t.Errorf("packages differ between the loaders:\n%q\n%q", a, b)
	}
	if a, b := files(viaGo), files(noImports); !slices.Equal(a, b) {
		t.Errorf("packages differ without imports:\n%q\n%q", a, b)
	}
	if a, b := imports(viaGo), imports(viaSyntax); !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("imports differ between the loaders:\n%q\n%q", a, b)
	}
}
