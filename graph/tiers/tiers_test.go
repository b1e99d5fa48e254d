package tiers

import (
	"reflect"
	"testing"
)

// layered is a layer-first monolith: controller, service and store per
// domain, each layer importing the next one's slice of the same domain.
func layered() ([]string, []Import) {
	var pkgs []string
	var imps []Import
	for _, d := range []string{"pullreq", "repo", "pipeline", "webhook"} {
		c, s, st := "app/controller/"+d, "app/service/"+d, "app/store/"+d
		pkgs = append(pkgs, c, s, st)
		imps = append(imps, Import{c, s}, Import{s, st})
	}
	imps = append(imps, Import{"app/controller/pullreq", "app/controller/repo"})
	return pkgs, imps
}

// domainFirst is the inverse: each domain has its own datastore, service
// and store, which recur by name but never import across domains.
func domainFirst() ([]string, []Import) {
	var pkgs []string
	var imps []Import
	for _, d := range []string{"alert", "cluster", "image", "policy"} {
		ds, sv, st := "central/"+d+"/datastore", "central/"+d+"/service", "central/"+d+"/store"
		pkgs = append(pkgs, ds, sv, st)
		imps = append(imps, Import{sv, ds}, Import{ds, st})
	}
	return pkgs, imps
}

func TestDetect(t *testing.T) {
	pkgs, imps := layered()
	got := Detect(pkgs, imps)
	var dirs []string
	for _, l := range got {
		dirs = append(dirs, l.Dir)
	}
	if want := []string{"app/controller", "app/service", "app/store"}; !reflect.DeepEqual(dirs, want) {
		t.Fatalf("layers %v, want %v", dirs, want)
	}
	if s := got[0].Slices[0]; s.Name != "pipeline" || !reflect.DeepEqual(s.Packages, []string{"app/controller/pipeline"}) {
		t.Errorf("first slice = %+v", s)
	}
	if l := Detect(domainFirst()); len(l) != 0 {
		t.Errorf("a domain-first layout's recurring datastore/service/store made layers: %+v", l)
	}
	// Without imports between them, same names say nothing.
	if l := Detect(pkgs, nil); len(l) != 0 {
		t.Errorf("layers without imports: %+v", l)
	}
}

func TestAlignedAndSameLayer(t *testing.T) {
	layers := Detect(layered())
	pairs := Aligned(layers)
	want := Pair{"app/controller/pullreq", "app/service/pullreq"}
	found := false
	for _, p := range pairs {
		found = found || p == want
		if p.A >= p.B {
			t.Errorf("pair not ordered: %+v", p)
		}
	}
	if !found || len(pairs) != 4*3 {
		t.Errorf("aligned = %d pairs %v, want the 3 pairs of each of 4 domains, %v among them", len(pairs), pairs, want)
	}
	same := SameLayer(layers)
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"app/controller/pullreq", "app/controller/repo", true},
		{"app/controller/pullreq", "app/service/pullreq", false},
		{"app/controller/pullreq", "app/service/repo", false},
		{"app/controller/pullreq", "app/controller/pullreq", false},
	} {
		if got := same(tc.a, tc.b); got != tc.want {
			t.Errorf("SameLayer(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
}
