package vocab

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestRealRepo runs the vocabulary pass over SEAMS_REAL_REPO and logs the
// top terms and neighbours of the packages under the directories listed
// in SEAMS_REAL_SHOW (comma-separated prefixes), e.g.
//
//	SEAMS_REAL_REPO=/tmp/real/harness SEAMS_REAL_SHOW=app/api/controller/ \
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
