package analyze

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/seams-tool/seams/analyze/gitscript"
	"github.com/seams-tool/seams/report/schema"
)

var (
	layeredOnce sync.Once
	layeredDir  string
	layeredErr  error
)

// layeredRepo builds the layered fixture's git history once per test
// binary.
func layeredRepo(t *testing.T) string {
	t.Helper()
	layeredOnce.Do(func() {
		layeredDir = filepath.Join(sharedTemp, "layered")
		_, layeredErr = gitscript.BuildFile("../testdata/layered.history", layeredDir, "../testdata/layered")
	})
	if layeredErr != nil {
		t.Fatal(layeredErr)
	}
	return layeredDir
}

// TestLayeredDomainsRecovered runs seams on a layer-first monolith
// (app/controller/<domain>, app/service/<domain>, app/store/<domain>):
// with imports alone the contexts follow the layers, with every signal the
// domains come back.
func TestLayeredDomainsRecovered(t *testing.T) {
	dir := layeredRepo(t)
	domains := readLabels(t, "../testdata/layered.domains")
	layers := readLabels(t, "../testdata/layered.layers")

	importsOnly := model(t, testConfig(dir, schema.SignalImports))
	byDomain, byLayer := scoreAgainst(domains, importsOnly), scoreAgainst(layers, importsOnly)
	t.Logf("imports alone: ARI %.3f against the domains, %.3f against the layers", byDomain, byLayer)
	if byLayer <= byDomain {
		for _, c := range importsOnly.Contexts {
			t.Logf("  %s: %v", c.Name, c.Packages)
		}
		t.Errorf("imports alone follow the domains (%.3f) more than the layers (%.3f): the fixture shows nothing", byDomain, byLayer)
	}

	all := model(t, testConfig(dir))
	got := scoreAgainst(domains, all)
	t.Logf("every signal: ARI %.3f against the domains with %d contexts", got, len(all.Contexts))
	if got < 0.9 {
		for _, c := range all.Contexts {
			t.Logf("  %s: %v", c.Name, c.Packages)
		}
		t.Errorf("ARI %.3f against the planted domains, want at least 0.9", got)
	}
	if len(all.Layers) != 3 {
		t.Errorf("layers found: %+v, want app/controller, app/service, app/store", all.Layers)
	}
}
