package vocab

import (
	"path"
	"slices"
	"testing"
)

// TestLayeredPairsByDomain reads testdata/layered: four domains
// (pullreq, pipeline, webhook, user) in three layers (controller, store,
// service), each layer with its own idiom (authorizers and sessions,
// rows and columns, publishers and events). Every package's nearest
// neighbours must be the same domain in the other layers, never the same
// layer in another domain.
func TestLayeredPairsByDomain(t *testing.T) {
	root := "testdata/layered"
	fset, files := parseFiles(t, root, repoFiles(t, root))
	if len(files) != 12 {
		t.Fatalf("parsed %d files, want 12", len(files))
	}
	res := collect(fset, files).Finish(Options{Neighbours: 2})
	if len(res.Packages) != 12 {
		t.Fatalf("%d packages, want 12", len(res.Packages))
	}
	domain := func(dir string) string { return path.Base(dir) }
	partners := map[string][]string{}
	for _, p := range res.Pairs {
		if domain(p.A) != domain(p.B) {
			t.Errorf("pair across domains: %s - %s (%.3f)", p.A, p.B, p.Weight)
		}
		partners[p.A] = append(partners[p.A], p.B)
		partners[p.B] = append(partners[p.B], p.A)
	}
	for _, p := range res.Packages {
		if got := len(partners[p.Dir]); got != 2 {
			t.Errorf("%s has %d neighbours %v, want the 2 other layers of its domain", p.Dir, got, partners[p.Dir])
		}
		if !slices.ContainsFunc(p.Top, func(tm Term) bool { return tm.Word == domain(p.Dir) }) {
			t.Errorf("%s: top terms %v lack the domain %q", p.Dir, p.Top, domain(p.Dir))
		}
	}
	// The layers' idioms are in every package of a layer (4 of 12, more
	// than a quarter): the document-frequency cut drops them.
	for _, w := range []string{"authorizer", "sanitize", "row", "columns", "publisher", "event"} {
		if !slices.Contains(res.Common, w) {
			t.Errorf("layer word %q not among the common terms %v", w, res.Common)
		}
	}
}

// TestLayeredWithoutDomainDirs checks that the domains are found in the
// code, not only in the directory names: with every package moved to a
// directory that names only its layer and a number, the vocabulary still
// pairs by domain.
func TestLayeredWithoutDomainDirs(t *testing.T) {
	root := "testdata/layered"
	fset, files := parseFiles(t, root, repoFiles(t, root))
	renamed := map[string]string{}
	domainOf := map[string]string{}
	for i, f := range files {
		dir := path.Dir(f.dir) + "/" + string(rune('a'+i))
		renamed[f.dir], domainOf[dir] = dir, path.Base(f.dir)
	}
	c := NewCollector()
	for _, f := range files {
		c.AddFile(renamed[f.dir], fset, f.f)
	}
	res := c.Finish(Options{Neighbours: 2})
	best := map[string]Pair{}
	for _, p := range res.Pairs {
		for _, dir := range []string{p.A, p.B} {
			if p.Weight > best[dir].Weight {
				best[dir] = p
			}
		}
	}
	for dir := range domainOf {
		b := best[dir]
		if b.A == "" {
			t.Errorf("%s (%s) has no neighbour", dir, domainOf[dir])
			continue
		}
		if domainOf[b.A] != domainOf[b.B] {
			t.Errorf("%s (%s): nearest pair %s (%s) - %s (%s)", dir, domainOf[dir], b.A, domainOf[b.A], b.B, domainOf[b.B])
		}
	}
}
