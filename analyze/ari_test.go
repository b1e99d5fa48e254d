package analyze

import (
	"bufio"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/report/schema"
)

// ari is the adjusted Rand index of two labelings of the same items:
// 1 for identical partitions, about 0 for chance agreement.
func ari(a, b []string) float64 {
	n := len(a)
	pairs := func(c int) float64 { return float64(c) * float64(c-1) / 2 }
	joint := map[[2]string]int{}
	ca, cb := map[string]int{}, map[string]int{}
	for i := range a {
		joint[[2]string{a[i], b[i]}]++
		ca[a[i]]++
		cb[b[i]]++
	}
	var index, sa, sb float64
	for _, c := range joint {
		index += pairs(c)
	}
	for _, c := range ca {
		sa += pairs(c)
	}
	for _, c := range cb {
		sb += pairs(c)
	}
	expected := sa * sb / pairs(n)
	maxIndex := (sa + sb) / 2
	if maxIndex == expected {
		return 1
	}
	return (index - expected) / (maxIndex - expected)
}

func TestARI(t *testing.T) {
	for _, tc := range []struct {
		a, b []string
		want float64
	}{
		{[]string{"x", "x", "y", "y"}, []string{"1", "1", "2", "2"}, 1},
		{[]string{"x", "x", "y", "y"}, []string{"1", "2", "1", "2"}, -0.5},
		// The classic example: (a,a,b,b,c,c) against (a,a,b,c,c,c).
		{[]string{"a", "a", "b", "b", "c", "c"}, []string{"a", "a", "b", "c", "c", "c"}, 0.4444},
	} {
		if got := ari(tc.a, tc.b); got < tc.want-1e-3 || got > tc.want+1e-3 {
			t.Errorf("ari(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSubsampleGap(t *testing.T) {
	truth := map[string]string{}
	exact, swapped := &schema.Model{}, &schema.Model{}
	for i := range 40 {
		p, d := fmt.Sprintf("p%02d", i), fmt.Sprintf("d%d", i%4)
		truth[p] = d
		exact.Packages = append(exact.Packages, schema.Package{Path: p, Context: d})
		// Of the packages that start each group of four, those with
		// (i/4)%4 != 0 are misplaced in another domain: 7 of 40.
		if i%4 == 0 {
			d = fmt.Sprintf("d%d", (i/4)%4)
		}
		swapped.Packages = append(swapped.Packages, schema.Package{Path: p, Context: d})
	}
	if g := subsampleGap(truth, exact, exact); g.Low != 0 || g.High != 0 || g.Ahead != 0 {
		t.Errorf("a model against itself: %+v, want no gap and never ahead", g)
	}
	g := subsampleGap(truth, exact, swapped)
	if g.Ahead != 1 || !(g.Low > 0) || g.High < g.Low {
		t.Errorf("the truth itself against a worse model: %+v, want ahead in every subsample, low above 0", g)
	}
	if back := subsampleGap(truth, swapped, exact); back.Ahead != 0 || back.High >= 0 {
		t.Errorf("the worse model against the truth: %+v, want never ahead", back)
	}
}

// plantedDomains reads testdata/shop.domains: package path -> domain.
func plantedDomains(t *testing.T) map[string]string {
	return readLabels(t, "../testdata/shop.domains")
}

// readLabels reads a "path<TAB>label" file; # lines and blank lines are
// ignored.
func readLabels(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		path, domain, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line in %s: %q", name, line)
		}
		out[path] = domain
	}
	return out
}

// scoreAgainst is the ARI of a model's partition over the packages that
// truth labels. The shared kernel is one class, the tooling another and
// the unplaced packages a third, as noise points are one class when a clustering with noise is
// scored (the way scikit-learn's adjusted_rand_score treats DBSCAN's -1
// label).
func scoreAgainst(truth map[string]string, m *schema.Model) float64 {
	var a, b []string
	for _, p := range m.Packages {
		want, ok := truth[p.Path]
		if !ok {
			continue
		}
		a = append(a, want)
		b = append(b, seamsLabel(p))
	}
	return ari(a, b)
}

// gap is how the ARI of one result against a truth compares with
// another's over subsamples of the labelled packages: the 5th and 95th
// percentiles of the difference, and the share of subsamples where the
// first is ahead.
type gap struct{ Low, High, Ahead float64 }

// subsampleGap draws 1,000 subsamples of 80% of the packages that truth
// labels and both models hold (a fixed seed: the same figures every run)
// and scores a against b on each.
func subsampleGap(truth map[string]string, a, b *schema.Model) gap {
	labelsOf := func(m *schema.Model) map[string]string {
		out := map[string]string{}
		for _, p := range m.Packages {
			out[p.Path] = seamsLabel(p)
		}
		return out
	}
	la, lb := labelsOf(a), labelsOf(b)
	var paths []string
	for _, p := range slices.Sorted(maps.Keys(truth)) {
		if _, ok := la[p]; ok {
			if _, ok := lb[p]; ok {
				paths = append(paths, p)
			}
		}
	}
	const draws = 1000
	rng := rand.New(rand.NewPCG(1, 2))
	diffs := make([]float64, 0, draws)
	ahead := 0
	k := len(paths) * 4 / 5
	for range draws {
		rng.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
		var t, x, y []string
		for _, p := range paths[:k] {
			t, x, y = append(t, truth[p]), append(x, la[p]), append(y, lb[p])
		}
		d := ari(t, x) - ari(t, y)
		diffs = append(diffs, d)
		if d > 0 {
			ahead++
		}
	}
	slices.Sort(diffs)
	return gap{Low: diffs[draws/20], High: diffs[draws-draws/20-1], Ahead: float64(ahead) / draws}
}

// seamsLabel is what seams says of a package, in the ground truths' terms:
// its context, or shared, tooling or unplaced.
func seamsLabel(p schema.Package) string {
	switch {
	case p.Shared != "":
		return "shared"
	case p.Tooling != "":
		return "tooling"
	case p.Context == "":
		return "unplaced"
	}
	return p.Context
}
