package cluster

import (
	"slices"
	"strings"

	"github.com/seams-tool/seams/graph"
)

// DefaultTooling are the directory names that mark tooling unless the
// configuration says otherwise: code that builds, checks, tests or
// generates the monolith, and that no service would be cut around.
var DefaultTooling = []string{"bench", "benchmarks", "build", "demo", "demos", "e2e", "example", "examples", "hack", "script", "scripts", "testing", "tests", "tool", "tools"}

// tooling finds the monolith's tooling: packages below a directory named
// as in names (or whose directory name ends in "tests", e2etests and
// webtests, or is a test-helper package as httptest is: storetest,
// plugintest), and the packages that only tooling imports, since a code
// generator's helpers are tooling too. Declared packages are never
// tooling. It returns why each package is tooling.
func tooling(g *graph.Graph, names []string, declaredOf map[string]string) map[string]string {
	out := map[string]string{}
	for _, n := range g.Nodes() {
		if declaredOf[n.Path] != "" {
			continue
		}
		for _, seg := range strings.Split(n.Path, "/") {
			if slices.Contains(names, seg) || strings.HasSuffix(seg, "tests") && seg != "tests" || TestHelper(seg) {
				out[n.Path] = "tooling by its directory (" + seg + "/)"
				break
			}
		}
	}
	importers := map[string][]string{}
	for _, e := range g.Imports() {
		if e.From != e.To {
			importers[e.To] = append(importers[e.To], e.From)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, n := range g.Nodes() {
			p := n.Path
			if out[p] != "" || declaredOf[p] != "" || len(importers[p]) == 0 {
				continue
			}
			if !slices.ContainsFunc(importers[p], func(q string) bool { return out[q] == "" }) {
				out[p] = "imported only by tooling"
				changed = true
			}
		}
	}
	return out
}

// TestHelper reports whether a path segment names a test-helper package
// by Go's convention (net/http/httptest, testing/fstest): a stem of three
// or more letters and "test". Words that end so (latest, contest) are not.
func TestHelper(seg string) bool {
	stem, ok := strings.CutSuffix(seg, "test")
	return ok && len(stem) >= 3 && !notTestHelpers[seg]
}

// notTestHelpers are words that end in "test" and name no test helper.
var notTestHelpers = map[string]bool{
	"latest": true, "contest": true, "protest": true, "attest": true, "greatest": true, "fastest": true,
	"shortest": true, "smartest": true, "hottest": true, "softest": true,
}
