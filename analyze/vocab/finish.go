package vocab

import (
	"cmp"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
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
// Call it once, after every AddFile and AddTerms. Deterministic: maps are
// read in sorted order and every float sum runs in term order.
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
	for _, st := range m.common {
		res.Common = append(res.Common, m.words[st])
	}
	word := func(e entry) string { return m.words[m.terms[e.term]] }
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

// model is the weighted vocabulary: packages as vectors over the kept
// terms, and the inverted index.
type model struct {
	dirs     []string          // packages, sorted
	terms    []string          // kept stems, sorted; a term's id is its index
	common   []string          // stems dropped by the MaxShare cut, most widespread first
	words    map[string]string // stem -> its commonest spelling
	vecs     [][]entry         // per package, by term id, L2-normalized
	postings [][]posting       // per term id, by package
}

func (c *Collector) model(opt Options) *model {
	m := &model{dirs: slices.Sorted(maps.Keys(c.pkgs))}
	terms := c.packageTerms(m.dirs)
	m.words = c.spellings()

	// Document frequencies and the vocabulary, in sorted order so that
	// term ids, and every sum over them, are fixed.
	df := map[string]int{}
	for _, ts := range terms {
		for st := range ts {
			df[st]++
		}
	}
	maxDF := int(math.Floor(opt.MaxShare * float64(len(m.dirs))))
	for _, st := range slices.Sorted(maps.Keys(df)) {
		if opt.MaxShare < 1 && df[st] > maxDF {
			m.common = append(m.common, st)
		} else {
			m.terms = append(m.terms, st)
		}
	}
	slices.SortStableFunc(m.common, func(a, b string) int {
		return cmp.Or(cmp.Compare(df[b], df[a]), strings.Compare(m.words[a], m.words[b]))
	})
	id := make(map[string]int32, len(m.terms))
	for i, st := range m.terms {
		id[st] = int32(i)
	}

	// Vectors, and the inverted index built from them in package order.
	n := float64(len(m.dirs))
	m.vecs = make([][]entry, len(m.dirs))
	m.postings = make([][]posting, len(m.terms))
	for p, ts := range terms {
		v := make([]entry, 0, len(ts))
		for st, s := range ts {
			t, ok := id[st]
			if !ok {
				continue
			}
			idf := math.Log((1+n)/(1+float64(df[st]))) + 1
			v = append(v, entry{t, (1 + math.Log(float64(s.n))) * idf * boost[s.kind]})
		}
		slices.SortFunc(v, func(a, b entry) int { return cmp.Compare(a.term, b.term) })
		var norm float64
		for _, e := range v {
			norm += e.weight * e.weight
		}
		norm = math.Sqrt(norm)
		for i := range v {
			v[i].weight /= norm
			m.postings[v[i].term] = append(m.postings[v[i].term], posting{int32(p), v[i].weight})
		}
		m.vecs[p] = v
	}
	return m
}

type entry struct {
	term   int32
	weight float64
}

type posting struct {
	pkg    int32
	weight float64
}

// packageTerms returns each package's terms: those of its files, its
// directory's segments, and the compounds that name a directory segment.
func (c *Collector) packageTerms(dirs []string) []map[string]termStat {
	out := make([]map[string]termStat, len(dirs))
	segments := map[string]bool{} // stems of every directory segment
	b := newBag()
	for i, dir := range dirs {
		p := c.pkgs[dir]
		ts := make(map[string]termStat, len(p.terms)+4)
		for k, s := range p.terms {
			ts[k] = s
		}
		if dir != "." {
			clear(b.terms)
			for seg := range strings.SplitSeq(dir, "/") {
				b.words = splitWords(seg, b.words[:0])
				for _, w := range b.words {
					if utf8.RuneCountInString(w) < 2 {
						continue
					}
					if st, ok := stem(w); ok {
						segments[st] = true
						b.terms[st] = termStat{1, kindPath}
						c.surfaces[surfaceKey{st, w}]++
					}
				}
			}
			for st, s := range b.terms {
				t := ts[st]
				t.add(s.n, s.kind)
				ts[st] = t
			}
		}
		out[i] = ts
	}
	for i, dir := range dirs {
		for _, w := range slices.Sorted(maps.Keys(c.pkgs[dir].compounds)) {
			st, ok := stem(w)
			if !ok || !segments[st] {
				continue
			}
			s := c.pkgs[dir].compounds[w]
			t := out[i][st]
			t.add(s.n, s.kind)
			out[i][st] = t
			c.surfaces[surfaceKey{st, w}] += s.n
		}
	}
	return out
}

// spellings maps each stem to its commonest spelling; ties go to the
// shorter, then the alphabetically first.
func (c *Collector) spellings() map[string]string {
	best := map[string]string{}
	count := map[string]int32{}
	for k, n := range c.surfaces {
		w, ok := best[k.stem]
		if !ok || n > count[k.stem] || n == count[k.stem] && (len(k.word) < len(w) || len(k.word) == len(w) && k.word < w) {
			best[k.stem], count[k.stem] = k.word, n
		}
	}
	return best
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
				var ns []neighbour
				for _, q := range touched {
					if acc[q] >= opt.MinSimilarity {
						ns = append(ns, neighbour{q, acc[q]})
					}
					acc[q] = 0
				}
				slices.SortFunc(ns, func(a, b neighbour) int {
					return cmp.Or(cmp.Compare(b.weight, a.weight), cmp.Compare(a.pkg, b.pkg))
				})
				out[p] = ns[:min(len(ns), opt.Neighbours)]
			}
		})
	}
	wg.Wait()
	return out
}
