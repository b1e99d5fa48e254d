package symbols

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestRealRepo runs the collector over SEAMS_REAL_REPO (with its test
// files when SEAMS_REAL_TESTS=1) and logs the counts, the calls on
// values by how they resolved, and a sample of SEAMS_REAL_SAMPLE
// (default 20) uses drawn with a fixed seed, each with the declaration
// it names, for checking by hand against the source:
//
//	SEAMS_REAL_REPO=/tmp/real/gogs go test -run TestRealRepo -v ./analyze/symbols
func TestRealRepo(t *testing.T) {
	root := os.Getenv("SEAMS_REAL_REPO")
	if root == "" {
		t.Skip("SEAMS_REAL_REPO not set")
	}
	fsets, files := parseFiles(t, root, repoFiles(t, root, os.Getenv("SEAMS_REAL_TESTS") == "1"))
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	c := NewCollector()
	for i, p := range files {
		c.Add(p.dir, p.importPath, p.rel, fsets[i], p.f)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(files)
	res := c.Finish()
	t.Logf("%d files, %d packages: %d declarations, %d uses, %d homonyms, %d missing; collector heap after Add %.1f MB",
		res.Files, res.Packages, len(res.Decls), len(res.Uses), len(res.Homonyms), res.Missing,
		float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/1e6)
	for _, s := range []struct {
		name string
		CallStats
	}{{"hand-written", res.Calls}, {"generated", res.GeneratedCalls}} {
		t.Logf("%s calls on values: %d: resolved %d, external %d, no member %d, unresolved %d (%.1f%% not resolved)",
			s.name, s.OnValues, s.Resolved, s.External, s.NoMember, s.Unresolved, 100*s.UnresolvedShare())
	}
	kinds := map[string]int{}
	for _, u := range res.Uses {
		kinds[u.Kind] += u.Sites
	}
	t.Logf("use sites by kind: %v", kinds)
	decls := map[[2]string]Decl{}
	for _, d := range res.Decls {
		decls[[2]string{d.Pkg, d.Name}] = d
	}
	for _, u := range res.Uses {
		if _, ok := decls[[2]string{u.To, u.Symbol}]; !ok {
			t.Errorf("use of an undeclared symbol: %+v", u)
		}
	}
	n := 20
	if s := os.Getenv("SEAMS_REAL_SAMPLE"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var hand []Use
	for _, u := range res.Uses {
		if u.Generated < u.Sites {
			hand = append(hand, u)
		}
	}
	for range min(n, len(hand)) {
		u := hand[rng.IntN(len(hand))]
		d := decls[[2]string{u.To, u.Symbol}]
		t.Logf("%s -> %s.%s (%s, %d sites, first %s) declared %s %s", u.From, u.To, u.Symbol, u.Kind, u.Sites, u.First, d.Pos, strings.TrimSpace(d.Form))
	}
}
