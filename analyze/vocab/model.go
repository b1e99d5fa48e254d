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

// model is the weighted vocabulary: packages as vectors over the kept
// terms, and the inverted index.
type model struct {
	dirs     []string    // packages, sorted
	terms    []string    // kept stems, sorted; a term's id is its index
	common   []string    // spellings of the stems dropped by the MaxShare cut, most widespread first
	words    []string    // by term id: the term's commonest spelling
	vecs     [][]entry   // per package, by term id, L2-normalized
	postings [][]posting // per term id, by package
}

type entry struct {
	term   int32
	weight float64
}

type posting struct {
	pkg    int32
	weight float64
}

// analysis is what one distinct name contributes: its terms, in order,
// with repeats, and the words they were spelled as.
type analysis struct {
	terms []stemWord
	ids   []int32 // the terms' stems as indexes into the sorted stems of all names
	total int64   // occurrences in the repository, for the spellings
}

type stemWord struct{ stem, word string }

// analyzer analyzes names one after the other, reusing its buffers.
type analyzer struct {
	segments segmentSet
	spans    []span
	arena    []stemWord // the terms of the names analyzed, carved into slices
}

// analyze splits and folds one name. Compounds of two or three adjacent
// words count only when they are the stem of a directory segment.
func (z *analyzer) analyze(text string) analysis {
	w := newWords(text, z.spans)
	z.spans = w.spans
	if cap(z.arena)-len(z.arena) < 2*len(w.spans) {
		z.arena = make([]stemWord, 0, max(1024, 2*len(w.spans)))
	}
	start := len(z.arena)
	for i := range w.spans {
		if word := w.word(i); utf8.RuneCountInString(word) >= 2 {
			if st, ok := stem(word); ok {
				z.arena = append(z.arena, stemWord{st, word})
			}
			for _, suf := range gluedSuffixes {
				if rest, ok := strings.CutSuffix(word, suf); ok && len(rest) >= 3 {
					if st, ok := z.segments.match(rest); ok {
						z.arena = append(z.arena, stemWord{st, rest})
					}
				}
			}
		}
		for j := i + 2; j <= min(i+3, len(w.spans)); j++ {
			joined := w.joined(i, j)
			if st, ok := z.segments.match(joined); ok {
				z.arena = append(z.arena, stemWord{st, joined})
			}
		}
	}
	return analysis{terms: z.arena[start:len(z.arena):len(z.arena)]}
}

// gluedSuffixes are the abbreviations of a layer that directory names
// glue to a domain's name (boundary's commands/accountscmd): the rest is
// a term too when it names a directory elsewhere.
var gluedSuffixes = []string{"cmd", "svc", "ctl", "ctrl", "srv", "mgr"}

// segmentSet holds the stems of a repository's directory segments, and
// a bit set of their first four letters (of stem and word), so that most
// compounds are rejected before they are stemmed or hashed.
type segmentSet struct {
	stems  map[string]bool
	starts *[1 << 16]bool
}

func newSegmentSet() segmentSet {
	return segmentSet{map[string]bool{}, new([1 << 16]bool)}
}

func (s segmentSet) add(word, st string) {
	s.stems[st] = true
	s.starts[startKey(word)] = true
	s.starts[startKey(st)] = true
}

// startKey hashes the first four bytes of w into 16 bits.
func startKey(w string) uint16 {
	var k uint32
	for i := range min(len(w), 4) {
		k = k<<8 | uint32(w[i])
	}
	return uint16((k * 2654435761) >> 16)
}

// match reports the stem of a compound when it is a segment's. Stemming
// changes only a word's last letters, never its first four once it is
// longer than four, so a compound whose start begins no segment is
// rejected at once; and since segments hold no stop words, the stem is
// taken without their check.
func (s segmentSet) match(joined string) (string, bool) {
	if len(s.stems) == 0 || !s.starts[startKey(joined)] || !isASCII(joined) {
		return "", false
	}
	p := plural(joined)
	if full := final(inflection(p)); s.stems[full] {
		return full, true
	}
	base := final(p)
	return base, s.stems[base]
}

// analyzeAll analyzes every text, in parallel: each analysis depends on
// its text alone.
func analyzeAll(texts []string, segments segmentSet) []analysis {
	out := make([]analysis, len(texts))
	const chunk = 512
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(texts)/chunk+1) {
		wg.Go(func() {
			z := &analyzer{segments: segments}
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(texts) {
					return
				}
				for i := lo; i < min(lo+chunk, len(texts)); i++ {
					out[i] = z.analyze(texts[i])
				}
			}
		})
	}
	wg.Wait()
	return out
}

// pathNames are the segments of a directory, each once.
func pathNames(dir string) []string {
	if dir == "." || dir == "" {
		return nil
	}
	var out []string
	for seg := range strings.SplitSeq(dir, "/") {
		if !slices.Contains(out, seg) {
			out = append(out, seg)
		}
	}
	return out
}

// termCount is a term's occurrences in one package.
type termCount struct {
	id   int32
	n    int32
	kind uint8
}

// model weighs the collected names; the caller holds c.mu.
func (c *Collector) model(opt Options) *model {
	m := &model{dirs: slices.Sorted(maps.Keys(c.pkgs))}

	// Directory segments first: compounds are checked against them.
	segments := newSegmentSet()
	var words []string
	for _, dir := range m.dirs {
		for _, seg := range pathNames(dir) {
			words = splitWords(seg, words[:0])
			for _, w := range words {
				if st, ok := stem(w); ok && utf8.RuneCountInString(w) >= 2 {
					segments.add(w, st)
				}
			}
		}
	}

	// Every distinct name, directory segments included, is analyzed once.
	for _, dir := range m.dirs {
		for _, seg := range pathNames(dir) {
			c.intern(seg)
		}
	}
	names := analyzeAll(c.texts, segments)
	for _, dir := range m.dirs {
		for k, n := range c.pkgs[dir] {
			names[k.id].total += int64(n)
		}
		for _, seg := range pathNames(dir) {
			names[c.ids[seg]].total++
		}
	}
	// Stems are numbered in sorted order, so that every sum over terms
	// runs in one order whatever order the names came in.
	stems, stemWords := numberStems(names)

	// Each package's term counts, through a dense scratch row.
	counts := make([][]termCount, len(m.dirs))
	row := make([]termCount, len(stems))
	var touched []int32
	add := func(id int32, n int32, kind uint8) {
		r := &row[id]
		if r.n == 0 {
			touched = append(touched, id)
			r.id = id
		}
		r.n += n
		r.kind = max(r.kind, kind)
	}
	df := make([]int32, len(stems))
	for p, dir := range m.dirs {
		touched = touched[:0]
		for k, n := range c.pkgs[dir] {
			for _, id := range names[k.id].ids {
				add(id, n, k.kind)
			}
		}
		var pathIDs []int32
		for _, seg := range pathNames(dir) {
			for _, id := range names[c.ids[seg]].ids {
				if !slices.Contains(pathIDs, id) {
					pathIDs = append(pathIDs, id)
					add(id, 1, kindPath)
				}
			}
		}
		slices.Sort(touched)
		tc := make([]termCount, len(touched))
		for i, id := range touched {
			tc[i] = row[id]
			row[id] = termCount{}
			df[id]++
		}
		counts[p] = tc
	}

	// The MaxShare cut; kept terms are renumbered in stem order.
	maxDF := int32(math.Floor(opt.MaxShare * float64(len(m.dirs))))
	kept := make([]int32, len(stems)) // stem id -> term id, -1 when cut
	var common []int32
	for i, st := range stems {
		if df[i] == 0 {
			kept[i] = -1
			continue
		}
		if opt.MaxShare < 1 && df[i] > maxDF {
			kept[i] = -1
			common = append(common, int32(i))
			continue
		}
		kept[i] = int32(len(m.terms))
		m.terms = append(m.terms, st)
		m.words = append(m.words, stemWords[i])
	}
	slices.SortStableFunc(common, func(a, b int32) int {
		return cmp.Or(cmp.Compare(df[b], df[a]), strings.Compare(stemWords[a], stemWords[b]))
	})
	for _, i := range common {
		m.common = append(m.common, stemWords[i])
	}

	// Vectors, and the inverted index built from them in package order.
	n := float64(len(m.dirs))
	m.vecs = make([][]entry, len(m.dirs))
	m.postings = make([][]posting, len(m.terms))
	for p, tc := range counts {
		v := make([]entry, 0, len(tc))
		for _, t := range tc {
			id := kept[t.id]
			if id < 0 {
				continue
			}
			idf := math.Log((1+n)/(1+float64(df[t.id]))) + 1
			v = append(v, entry{id, (1 + math.Log(float64(t.n))) * idf * boost[t.kind]})
		}
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

// numberStems returns the sorted stems of all names, and sets each
// name's ids to its stems' indexes in them. It also picks each stem's
// spelling: the commonest over every occurrence of every name; ties go to
// the shorter, then the alphabetically first.
func numberStems(names []analysis) (stems, words []string) {
	n := 0
	for _, a := range names {
		n += len(a.terms)
	}
	arena := make([]int32, 0, n)
	found := map[string]int32{} // stem -> number in order of discovery
	for i := range names {
		a := &names[i]
		start := len(arena)
		for _, t := range a.terms {
			id, ok := found[t.stem]
			if !ok {
				id = int32(len(stems))
				found[t.stem] = id
				stems = append(stems, t.stem)
			}
			arena = append(arena, id)
		}
		a.ids = arena[start:len(arena):len(arena)]
	}
	order := make([]int32, len(stems))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(stems[a], stems[b]) })
	rank := make([]int32, len(stems))
	sorted := make([]string, len(stems))
	for r, i := range order {
		rank[i], sorted[r] = int32(r), stems[i]
	}
	for i, id := range arena {
		arena[i] = rank[id]
	}

	type key struct {
		stem int32
		word string
	}
	count := map[key]int64{}
	for _, a := range names {
		for i, id := range a.ids {
			count[key{id, a.terms[i].word}] += a.total
		}
	}
	words = make([]string, len(sorted))
	best := make([]int64, len(sorted))
	for k, n := range count {
		w := words[k.stem]
		if w == "" || n > best[k.stem] || n == best[k.stem] && (len(k.word) < len(w) || len(k.word) == len(w) && k.word < w) {
			words[k.stem], best[k.stem] = k.word, n
		}
	}
	return sorted, words
}
