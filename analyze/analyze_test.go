package analyze

import (
	"flag"
	"fmt"
	"os"
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
		want := schema.StatusOK
		if !syntax && len(m.Warnings) > 0 {
			// lib/pq is absent from a clean module cache: a warning, and
			// the graph is still complete.
			want = schema.StatusPartial
		}
		if m.Signals.Imports.Status != want {
			t.Errorf("status = %s, want %s (%s)", m.Signals.Imports.Status, want, m.Signals.Imports.Detail)
		}
	}
}
