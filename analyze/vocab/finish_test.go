package vocab

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// randomCorpus fills a collector through AddTerms: n packages drawing
// terms from a shared vocabulary with a skewed distribution, so some
// terms are everywhere and most are rare.
func randomCorpus(seed uint64, n int) *Collector {
	r := rand.New(rand.NewPCG(seed, 1))
	c := NewCollector()
	for p := range n {
		dir := fmt.Sprintf("pkg/d%02d/p%03d", p%7, p)
		for range 5 + r.IntN(30) {
			c.AddTerms(dir, fmt.Sprintf("term%c%c", 'a'+rune(r.IntN(26)*r.IntN(26)/26), 'a'+rune(r.IntN(26))))
		}
	}
	return c
}

func TestMaxShareCut(t *testing.T) {
	// 10 packages: "everywhere" in all, "some" in exactly 2, "more" in
	// 3. A share of 0.25 allows floor(2.5) = 2 packages per term.
	c := NewCollector()
	for i := range 10 {
		dir := fmt.Sprintf("x/p%d", i)
		c.AddTerms(dir, "everywhere", fmt.Sprintf("own%c", 'a'+i))
		if i < 2 {
			c.AddTerms(dir, "some")
		}
		if i < 3 {
			c.AddTerms(dir, "more")
		}
	}
	tests := []struct {
		share   float64
		dropped []string
	}{
		{0.25, []string{"everywhere", "more"}},
		{0.3, []string{"everywhere"}},
		{0.9, []string{"everywhere"}},
		{1, nil},
	}
	for _, tt := range tests {
		res := c.Finish(Options{MaxShare: tt.share})
		// "x" is one letter: dropped before any cut, never common.
		if !slices.Equal(res.Common, tt.dropped) {
			t.Errorf("share %v: common %v, want %v", tt.share, res.Common, tt.dropped)
		}
		for _, p := range res.Packages {
			for _, tm := range p.Top {
				if slices.Contains(tt.dropped, tm.Word) {
					t.Errorf("share %v: %s keeps dropped term %q", tt.share, p.Dir, tm.Word)
				}
			}
		}
		// p0 and p1 share "some", which survives every cut.
		if !slices.ContainsFunc(res.Pairs, func(p Pair) bool { return p.A == "x/p0" && p.B == "x/p1" }) {
			t.Errorf("share %v: x/p0 - x/p1 missing from %v", tt.share, res.Pairs)
		}
	}
}

// bruteCosine is the dense all-pairs reference for nearest.
func bruteCosine(m *model, a, b int) float64 {
	dense := make([]float64, len(m.terms))
	for _, e := range m.vecs[a] {
		dense[e.term] = e.weight
	}
	var dot float64
	for _, e := range m.vecs[b] {
		dot += dense[e.term] * e.weight
	}
	return dot
}

func TestNeighboursAndThreshold(t *testing.T) {
	c := randomCorpus(7, 60)
	for _, opt := range []Options{
		{Neighbours: 1, MinSimilarity: 0.05, MaxShare: 0.5},
		{Neighbours: 3, MinSimilarity: 0.2, MaxShare: 0.5},
		{Neighbours: 5, MinSimilarity: 0.1, MaxShare: 0.25},
		{Neighbours: 50, MinSimilarity: 0.15, MaxShare: 1},
	} {
		res := c.Finish(opt)
		m := c.model(res.Options)
		idx := map[string]int{}
		for i, d := range m.dirs {
			idx[d] = i
		}
		// Each package's true top k at or above the threshold, by the
		// dense reference.
		topK := make([]map[int]bool, len(m.dirs))
		for a := range m.dirs {
			type cand struct {
				b   int
				cos float64
			}
			var cs []cand
			for b := range m.dirs {
				if b != a {
					if cos := bruteCosine(m, a, b); cos >= opt.MinSimilarity {
						cs = append(cs, cand{b, cos})
					}
				}
			}
			slices.SortStableFunc(cs, func(x, y cand) int {
				switch {
				case x.cos > y.cos:
					return -1
				case x.cos < y.cos:
					return 1
				}
				return x.b - y.b
			})
			topK[a] = map[int]bool{}
			for _, cd := range cs[:min(len(cs), opt.Neighbours)] {
				topK[a][cd.b] = true
			}
		}
		want := 0
		for a := range topK {
			for b := range topK[a] {
				if a < b || !topK[b][a] {
					want++
				}
			}
		}
		if want == 0 {
			t.Fatalf("%+v: the corpus gives no pairs to check", opt)
		}
		if len(res.Pairs) != want {
			t.Errorf("%+v: %d pairs, want %d", opt, len(res.Pairs), want)
		}
		for i, p := range res.Pairs {
			a, b := idx[p.A], idx[p.B]
			if p.A >= p.B || i > 0 && (res.Pairs[i-1].A > p.A || res.Pairs[i-1].A == p.A && res.Pairs[i-1].B >= p.B) {
				t.Errorf("%+v: pairs not sorted or not A < B at %d: %+v", opt, i, p)
			}
			if !topK[a][b] && !topK[b][a] {
				t.Errorf("%+v: %s - %s is in neither's top %d", opt, p.A, p.B, opt.Neighbours)
			}
			if cos := bruteCosine(m, a, b); math.Abs(cos-p.Weight) > 1e-12 || p.Weight < opt.MinSimilarity {
				t.Errorf("%+v: %s - %s weight %v, cosine %v", opt, p.A, p.B, p.Weight, cos)
			}
		}
	}
}

func TestVectorsAreNormalized(t *testing.T) {
	c := randomCorpus(3, 40)
	m := c.model(DefaultOptions())
	for p, v := range m.vecs {
		var sum float64
		for _, e := range v {
			sum += e.weight * e.weight
		}
		if len(v) > 0 && math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s: |v|^2 = %v", m.dirs[p], sum)
		}
	}
}

func TestTopTerms(t *testing.T) {
	c := NewCollector()
	// Weighted by frequency: alpha 3 times, beta twice, gamma and delta
	// once (equal: ordered by word), and a second package so every
	// term's IDF is the same.
	c.AddTerms("a", "alpha", "alpha", "alpha", "beta", "beta", "gamma", "delta")
	c.AddTerms("b", "omega")
	for _, k := range []int{1, 3, 4, 10} {
		res := c.Finish(Options{TopTerms: k, MaxShare: 1})
		var got []string
		for _, tm := range res.Packages[0].Top {
			got = append(got, tm.Word)
		}
		want := []string{"alpha", "beta", "delta", "gamma"}[:min(k, 4)]
		if !slices.Equal(got, want) {
			t.Errorf("top %d: %v, want %v", k, got, want)
		}
	}
}

func TestDefaults(t *testing.T) {
	res := NewCollector().Finish(Options{})
	if res.Options != DefaultOptions() {
		t.Errorf("zero options became %+v, want %+v", res.Options, DefaultOptions())
	}
	if len(res.Packages) != 0 || len(res.Pairs) != 0 {
		t.Errorf("empty collector gave %+v", res)
	}
}

// TestAddFileSources checks which parts of a file give terms.
func TestAddFileSources(t *testing.T) {
	const src = `package p

import "reviewer"

type Gizmo struct {
	SprocketCount int ` + "`json:\"tagword\"`" + `
	*widget.Flange
}

type Doer interface { Frobnicate() }

const Kettle = "pull_request"

var pot = "teapot_lid"

func (g *Gizmo) Wobble() { _ = "spoken words here"; _ = "hinge" }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p/p.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCollector()
	c.AddFile("p", fset, f)
	tf, err := parser.ParseFile(fset, "p/p_test.go", "package p\ntype Ignored struct{}\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	c.AddFile("p", fset, tf)
	got := map[string]bool{}
	for k := range c.pkgs["p"] {
		for _, t := range (&analyzer{}).analyze(c.texts[k.id]).terms {
			got[t.stem] = true
		}
	}
	for _, w := range []string{"gizmo", "sprocket", "flange", "doer", "frobnicate", "kettle", "pull", "teapot", "lid", "wobble"} {
		if st, _ := stem(w); !got[st] {
			t.Errorf("term %q (%q) missing from %v", w, st, got)
		}
	}
	for _, w := range []string{"reviewer", "tagword", "spoken", "words", "hinge", "pot", "ignored"} {
		if st, _ := stem(w); got[st] {
			t.Errorf("term %q should not be taken", w)
		}
	}
}

// TestCompoundsMeetDirectories: PullReq in a package elsewhere counts as
// the term of the pullreq directory, UserGroup only when usergroup is a
// directory.
func TestCompoundsMeetDirectories(t *testing.T) {
	c := NewCollector()
	c.AddTerms("app/pullreq", "approval")
	c.AddTerms("app/other", "PullReq", "UserGroup")
	res := c.Finish(Options{MaxShare: 1})
	var other Package
	for _, p := range res.Packages {
		if p.Dir == "app/other" {
			other = p
		}
	}
	words := map[string]bool{}
	for _, tm := range other.Top {
		words[tm.Word] = true
	}
	if !words["pullreq"] || words["usergroup"] || !words["user"] || !words["group"] {
		t.Errorf("app/other terms %v: want pullreq, user, group, not usergroup", other.Top)
	}
	if len(res.Pairs) != 1 || res.Pairs[0] != (Pair{"app/other", "app/pullreq", res.Pairs[0].Weight}) {
		t.Errorf("pairs %v, want app/other - app/pullreq", res.Pairs)
	}
}

// TestDeterministic feeds the layered fixture and a random corpus from
// several goroutines in shuffled orders under GOMAXPROCS 1 and 2; every
// result must equal the sequential one exactly.
func TestDeterministic(t *testing.T) {
	root := "testdata/layered"
	fset, files := parseFiles(t, root, repoFiles(t, root))
	run := func(order []int, workers int) *Result {
		c := NewCollector()
		var wg sync.WaitGroup
		next := make(chan int)
		for range workers {
			wg.Go(func() {
				for i := range next {
					c.AddFile(files[i].dir, fset, files[i].f)
					c.AddTerms(fmt.Sprintf("gen/%d", i%5), fmt.Sprintf("table_%d", i%3), "pipeline_runs")
				}
			})
		}
		for _, i := range order {
			next <- i
		}
		close(next)
		wg.Wait()
		return c.Finish(Options{MaxShare: 0.5})
	}
	seq := make([]int, len(files))
	for i := range seq {
		seq[i] = i
	}
	want := run(seq, 1)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	r := rand.New(rand.NewPCG(1, 2))
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		for range 5 {
			order := slices.Clone(seq)
			r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			if got := run(order, 4); !reflect.DeepEqual(got, want) {
				t.Fatalf("GOMAXPROCS %d, order %v: result differs", procs, order)
			}
		}
		a, b := randomCorpus(11, 200).Finish(Options{}), randomCorpus(11, 200).Finish(Options{})
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("GOMAXPROCS %d: random corpus result differs between runs", procs)
		}
	}
}

// TestSummaryRoundTrip: a summary that went through MarshalBinary and
// UnmarshalBinary adds what the syntax tree adds; a test file's summary
// is nil and adds nothing, not even its package.
func TestSummaryRoundTrip(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p/p.go", "package p\ntype PullRequest struct{ Reviewer string }\nconst Kettle = \"teapot_lid\"\nfunc Wobble() {}\n", parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	empty, err := parser.ParseFile(fset, "q/q.go", "package q\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	tf, err := parser.ParseFile(fset, "r/r_test.go", "package r\ntype Ignored struct{}\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	want, got := NewCollector(), NewCollector()
	for _, file := range []struct {
		dir string
		f   *ast.File
	}{{"p", f}, {"q", empty}, {"r", tf}} {
		want.AddFile(file.dir, fset, file.f)
		s := Summarize(fset, file.f)
		if s == nil {
			got.AddSummary(file.dir, nil)
			continue
		}
		b, _ := s.MarshalBinary()
		var back Summary
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		got.AddSummary(file.dir, &back)
	}
	if !reflect.DeepEqual(got.pkgs, want.pkgs) || !reflect.DeepEqual(got.texts, want.texts) {
		t.Errorf("from summaries: %v %v, from trees: %v %v", got.pkgs, got.texts, want.pkgs, want.texts)
	}
	if _, ok := got.pkgs["q"]; !ok {
		t.Error("a file without names lost its package")
	}
	if _, ok := got.pkgs["r"]; ok {
		t.Error("a test file added its package")
	}
	b, _ := (&Summary{names: []name{{"x", kindPath + 1}}}).MarshalBinary()
	if err := new(Summary).UnmarshalBinary(b); err == nil {
		t.Error("an unknown kind decoded")
	}
}
