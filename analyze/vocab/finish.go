package vocab

import (
	"cmp"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Options control Finish. A zero field takes its value from
// DefaultOptions.
type Options struct {
	// Neighbours is how many nearest neighbours each package keeps (k).
	Neighbours int
	// MinSimilarity is the cosine below which two packages are not
	// neighbours.
	MinSimilarity float64
	// MaxShare drops the terms found in more than this share of the
	// packages: they name no domain. 1 or more keeps every term.
	MaxShare float64
	// TopTerms is how many terms each package reports.
	TopTerms int
}

// DefaultOptions returns the defaults: 5 neighbours of cosine 0.1 or
// more, terms in more than a quarter of the packages dropped, 8 top
// terms.
func DefaultOptions() Options {
	return Options{Neighbours: 5, MinSimilarity: 0.1, MaxShare: 0.25, TopTerms: 8}
}

// Bounds of the options.
const (
	MaxNeighbours = 100
	MaxTopTerms   = 100
)

// Validate says which option is out of its documented bounds: zero means
// the default, so only negative, non-finite or too large values are.
func (o Options) Validate() error {
	switch {
	case o.Neighbours < 0 || o.Neighbours > MaxNeighbours:
		return fmt.Errorf("neighbours: want 1..%d, got %d", MaxNeighbours, o.Neighbours)
	case !(o.MinSimilarity >= 0 && o.MinSimilarity <= 1):
		return fmt.Errorf("min similarity: want a number in 0..1, got %v", o.MinSimilarity)
	case !(o.MaxShare >= 0 && o.MaxShare <= 1):
		return fmt.Errorf("max share: want a number in 0..1, got %v", o.MaxShare)
	case o.TopTerms < 0 || o.TopTerms > MaxTopTerms:
		return fmt.Errorf("top terms: want 1..%d, got %d", MaxTopTerms, o.TopTerms)
	}
	return nil
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Neighbours <= 0 {
		o.Neighbours = d.Neighbours
	}
	if o.MinSimilarity <= 0 {
		o.MinSimilarity = d.MinSimilarity
	}
	if o.MaxShare <= 0 {
		o.MaxShare = d.MaxShare
	}
	if o.TopTerms <= 0 {
		o.TopTerms = d.TopTerms
	}
	return o
}

// Result is the vocabulary coupling of a repository's packages.
type Result struct {
	Options  Options   // as used, defaults filled in
	Packages []Package // every package directory seen, sorted by Dir
	// Pairs are the undirected neighbour relations: A and B are a pair
	// when either is among the other's nearest neighbours. Sorted by A,
	// then B; A < B; Weight is their cosine similarity.
	Pairs []Pair
	// Common are the terms the MaxShare cut dropped, most widespread
	// first (ties by word); each is shown by its commonest spelling.
	Common []string
	// Terms counts the distinct terms kept, over all packages.
	Terms int
}

// Package is one package directory's vocabulary.
type Package struct {
	Dir   string
	Terms int    // distinct terms kept after stop words and the MaxShare cut
	Top   []Term // the heaviest TopTerms terms, heaviest first, ties by Word
}

// Term is a weighted term. Word is the commonest spelling in the
// repository of the words folded into the term (pullreqs and pullreq
// are one term, shown as whichever is written more often).
type Term struct {
	Word   string
	Weight float64 // in the package's L2-normalized TF-IDF vector
}

// Pair is two packages whose vocabularies are alike.
type Pair struct {
	A, B   string  // package directories, A < B
	Weight float64 // cosine similarity, in (0, 1]
}

// Finish weighs every package's terms and finds its nearest neighbours.
// Call it after every AddFile and AddTerms; calling it again (with other
// options, or after more files) is allowed. Deterministic whatever the
// order the files came in: terms are numbered in sorted order, every
// float sum runs in term order, and every list is sorted.
//
// A term t of package p weighs (1 + ln n) * idf(t) * boost, where n is
// how often p names it, idf(t) = ln((1+N)/(1+df(t))) + 1 over the N
// packages (df(t) of which name it), and boost is 2 when t is a segment
// of p's directory, 1.5 when it names a type of p or one of its tables,
// else 1. Each package's vector is L2-normalized, so the dot product of
// two is their cosine similarity. Dot products are accumulated from an
// inverted index (term -> packages) and only between packages sharing a
// kept term, so the cost grows with the postings, never with N squared.
func (c *Collector) Finish(opt Options) *Result {
	opt = opt.withDefaults()
	c.mu.Lock()
	defer c.mu.Unlock()

	m := c.model(opt)
	res := &Result{Options: opt, Packages: make([]Package, len(m.dirs))}
	res.Common = m.common
	for _, ps := range m.postings {
		if len(ps) > 0 {
			res.Terms++
		}
	}
	word := func(e entry) string { return m.words[e.term] }
	for p, v := range m.vecs {
		top := slices.Clone(v)
		slices.SortFunc(top, func(a, b entry) int {
			return cmp.Or(cmp.Compare(b.weight, a.weight), strings.Compare(word(a), word(b)))
		})
		pkg := Package{Dir: m.dirs[p], Terms: len(v)}
		for _, e := range top[:min(len(top), opt.TopTerms)] {
			pkg.Top = append(pkg.Top, Term{word(e), e.weight})
		}
		res.Packages[p] = pkg
	}

	type key struct{ a, b int32 }
	pairs := map[key]float64{}
	for p, ns := range nearest(m.vecs, m.postings, opt) {
		for _, nb := range ns {
			a, b := int32(p), nb.pkg
			if a > b {
				a, b = b, a
			}
			pairs[key{a, b}] = nb.weight
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(pairs), func(x, y key) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	}) {
		res.Pairs = append(res.Pairs, Pair{m.dirs[k.a], m.dirs[k.b], pairs[k]})
	}
	return res
}

type neighbour struct {
	pkg    int32
	weight float64
}

// nearest returns each package's Neighbours most similar packages of
// similarity MinSimilarity or more, most similar first, ties by package.
// Rows are independent, so they are computed in parallel; each row's
// sums run in its own term order, which makes cos(a, b) and cos(b, a)
// the same float.
// keepBest inserts nb into ns, sorted most similar first (ties by
// package) and at most cap(ns) long, if it belongs there.
func keepBest(ns []neighbour, nb neighbour) []neighbour {
	better := func(a, b neighbour) bool {
		return a.weight > b.weight || a.weight == b.weight && a.pkg < b.pkg
	}
	if len(ns) == cap(ns) {
		if !better(nb, ns[len(ns)-1]) {
			return ns
		}
		ns = ns[:len(ns)-1]
	}
	i := len(ns)
	for i > 0 && better(nb, ns[i-1]) {
		i--
	}
	return slices.Insert(ns, i, nb)
}

func nearest(vecs [][]entry, postings [][]posting, opt Options) [][]neighbour {
	out := make([][]neighbour, len(vecs))
	workers := min(runtime.GOMAXPROCS(0), len(vecs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			acc := make([]float64, len(vecs))
			var touched []int32
			for {
				p := int(next.Add(1) - 1)
				if p >= len(vecs) {
					return
				}
				touched = touched[:0]
				for _, e := range vecs[p] {
					for _, q := range postings[e.term] {
						if int(q.pkg) == p {
							continue
						}
						if acc[q.pkg] == 0 {
							touched = append(touched, q.pkg)
						}
						acc[q.pkg] += e.weight * q.weight
					}
				}
				ns := make([]neighbour, 0, opt.Neighbours)
				for _, q := range touched {
					if acc[q] >= opt.MinSimilarity {
						ns = keepBest(ns, neighbour{q, acc[q]})
					}
					acc[q] = 0
				}
				out[p] = ns
			}
		})
	}
	wg.Wait()
	return out
}
