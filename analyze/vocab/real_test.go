package vocab

import (
	"fmt"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
)

// TestRealRepo runs the vocabulary pass over SEAMS_REAL_REPO and logs the
// top terms and neighbours of the packages under the directories listed
// in SEAMS_REAL_SHOW (comma-separated prefixes). SEAMS_REAL_LAYERS names
// a layered monolith's layer directories (comma-separated): for the
// packages directly under them it logs how many neighbours share their
// domain (the same last segment, anywhere) and how many only their layer.
//
//	SEAMS_REAL_REPO=/tmp/real/harness SEAMS_REAL_SHOW=app/api/controller/ \
//	  SEAMS_REAL_LAYERS=app/api/controller,app/api/handler,app/services,app/events \
//	  go test -run TestRealRepo -v ./analyze/vocab
func TestRealRepo(t *testing.T) {
	root := os.Getenv("SEAMS_REAL_REPO")
	if root == "" {
		t.Skip("SEAMS_REAL_REPO not set")
	}
	fset, files := parseFiles(t, root, repoFiles(t, root))
	res := collect(fset, files).Finish(Options{})
	t.Logf("%d files, %d packages, %d pairs; common terms: %s", len(files), len(res.Packages), len(res.Pairs), strings.Join(res.Common[:min(len(res.Common), 60)], " "))
	nb := map[string][]string{}
	for _, p := range res.Pairs {
		if p.Weight <= 0 || p.Weight > 1+1e-9 || p.A >= p.B {
			t.Errorf("bad pair %+v", p)
		}
		nb[p.A] = append(nb[p.A], fmt.Sprintf("%s %.2f", p.B, p.Weight))
		nb[p.B] = append(nb[p.B], fmt.Sprintf("%s %.2f", p.A, p.Weight))
	}
	if layers := os.Getenv("SEAMS_REAL_LAYERS"); layers != "" {
		layerStats(t, res, strings.Split(layers, ","))
	}
	show := strings.Split(os.Getenv("SEAMS_REAL_SHOW"), ",")
	for _, p := range res.Packages {
		if !hasAnyPrefix(p.Dir, show) {
			continue
		}
		var top []string
		for _, tm := range p.Top {
			top = append(top, fmt.Sprintf("%s %.2f", tm.Word, tm.Weight))
		}
		t.Logf("%s (%d terms)\n\ttop: %s\n\tneighbours: %s", p.Dir, p.Terms, strings.Join(top, ", "), strings.Join(nb[p.Dir], ", "))
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if p != "" && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// layerStats logs, for the packages directly under the layer directories
// whose domain (last segment) is found under another layer too, how many
// of those counterparts are among their neighbours and whether the
// nearest neighbour is one, a package of the same layer, or neither.
func layerStats(t *testing.T, res *Result, layers []string) {
	layerOf := func(dir string) string {
		if i := strings.LastIndex(dir, "/"); i >= 0 && slices.Contains(layers, dir[:i]) {
			return dir[:i]
		}
		return ""
	}
	byDomain := map[string][]string{}
	for _, p := range res.Packages {
		if layerOf(p.Dir) != "" {
			byDomain[path.Base(p.Dir)] = append(byDomain[path.Base(p.Dir)], p.Dir)
		}
	}
	best := map[string]Pair{}
	partners := map[string][]string{}
	for _, p := range res.Pairs {
		for _, d := range []string{p.A, p.B} {
			if p.Weight > best[d].Weight {
				best[d] = p
			}
		}
		partners[p.A] = append(partners[p.A], p.B)
		partners[p.B] = append(partners[p.B], p.A)
	}
	var pkgs, counterparts, found, nearDomain, nearLayer, nearOther int
	var missed []string
	for _, dir := range slices.Sorted(maps.Keys(best)) {
		same := byDomain[path.Base(dir)]
		if layerOf(dir) == "" || len(same) < 2 {
			continue
		}
		pkgs++
		for _, o := range same {
			if o == dir {
				continue
			}
			counterparts++
			if slices.Contains(partners[dir], o) {
				found++
			} else {
				missed = append(missed, dir+" ~ "+o)
			}
		}
		b := best[dir]
		o := b.A
		if o == dir {
			o = b.B
		}
		switch {
		case path.Base(o) == path.Base(dir):
			nearDomain++
		case layerOf(o) == layerOf(dir):
			nearLayer++
		default:
			nearOther++
		}
	}
	t.Logf("%d layered packages with a counterpart in another layer: %d of %d counterparts are neighbours; the nearest neighbour is a counterpart for %d, another domain of the same layer for %d, elsewhere for %d",
		pkgs, found, counterparts, nearDomain, nearLayer, nearOther)
	t.Logf("counterparts not paired: %s", strings.Join(missed, ", "))
}
