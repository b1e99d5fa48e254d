package symbols

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"
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
	c := NewCollector()
	for i, p := range files {
		c.Add(p.dir, p.importPath, p.rel, fsets[i], p.f)
	}
	size := c.size()
	res := c.Finish()
	t.Logf("%d files, %d packages: %d declarations, %d uses, %d homonyms, %d missing; summaries %.1f MB",
		res.Files, res.Packages, len(res.Decls), len(res.Uses), len(res.Homonyms), res.Missing, float64(size)/1e6)
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
	for _, i := range rng.Perm(len(hand))[:min(n, len(hand))] {
		u := hand[i]
		d := decls[[2]string{u.To, u.Symbol}]
		t.Logf("%s -> %s %s (%s, %d sites)\n\tused     %s: %s\n\tdeclared %s: %s",
			u.From, u.To, u.Symbol, u.Kind, u.Sites, u.First, sourceLine(root, u.First), d.Pos, sourceLine(root, d.Pos))
	}
}

// sourceLine is the text at pos, "file:line" under root.
func sourceLine(root, pos string) string {
	i := strings.LastIndexByte(pos, ':')
	line, err := strconv.Atoi(pos[i+1:])
	if i < 0 || err != nil {
		return "?"
	}
	data, err := os.ReadFile(filepath.Join(root, pos[:i]))
	if err != nil {
		return "?"
	}
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return "?"
	}
	return strings.TrimSpace(lines[line-1])
}

// size estimates the bytes the collector's summaries hold.
func (c *Collector) size() int {
	n := 0
	for _, t := range c.texts {
		n += len(t) + int(unsafe.Sizeof(t))
	}
	for _, f := range c.files {
		n += int(unsafe.Sizeof(*f)) + len(f.dir) + len(f.importPath) + len(f.path) +
			cap(f.imports)*int(unsafe.Sizeof(imp{})) + cap(f.nodes)*int(unsafe.Sizeof(node{})) +
			cap(f.sites)*int(unsafe.Sizeof(site{})) + cap(f.decls)*int(unsafe.Sizeof(declSum{})) + cap(f.results)*4
	}
	return n
}
