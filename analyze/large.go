package analyze

import (
	"fmt"
	"math"

	"github.com/seams-tool/seams/report/schema"
)

// A candidate context is a set of whole packages, so a package that holds
// a large share of the code keeps whatever domains it mixes in one context
// (mattermost's app, 34,622 lines, a fifth of its server; gogs'
// internal/database, two fifths of gogs). No clustering can cut inside it:
// the user has to, by its files, before its domains can be told apart.
const (
	largePackageLines = 5000 // lines of code, tests left out
	largePackageShare = 0.1  // of the analyzed code
)

// warnLargePackages warns of each package in a context that holds at
// least largePackageLines lines and largePackageShare of the code.
func (a *Analysis) warnLargePackages() {
	if a.Code == nil || a.Partition == nil {
		return
	}
	total := 0
	for _, p := range a.Code.Packages {
		total += p.LOC
	}
	for _, p := range a.Code.Packages {
		if p.LOC < largePackageLines || float64(p.LOC) < largePackageShare*float64(total) {
			continue
		}
		if _, ok := a.Partition.Of[p.Dir]; !ok {
			continue // the shared kernel, tooling and the unplaced are no candidate's
		}
		a.Warnings = append(a.Warnings, schema.Warning{
			Signal: "contexts",
			Where:  p.Dir,
			Message: fmt.Sprintf("%s is one package of %d lines, %d%% of the code: seams places whole packages, so the domains it mixes stay in one context; split it by its files first (the hotspots view shows which of them change most)",
				p.Dir, p.LOC, int(math.Round(100*float64(p.LOC)/float64(total)))),
		})
	}
}
