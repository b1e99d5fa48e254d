package rank

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/internal/num"
)

// MinCommits is the number of commits in the pressure window below which
// a context is said to have little history rather than called hot or
// quiet: with fewer, one commit more or less moves its share past any
// threshold.
const MinCommits = 5

// Resamples is the number of bootstrap resamples of the window's commits
// behind each pressure interval.
const Resamples = 200

// commitFacts is one used commit reduced to what pressure needs.
type commitFacts struct {
	when      int64
	win, prev bool
	author    int
	contexts  []int // the contexts it touches, each once
	churn     []int // lines changed per entry of contexts
}

// tally is the pressure evidence of every context under one weighting of
// the commits.
type tally struct {
	win, prev, churn, authors []int
	last                      []int64
	winCommits, winChurn      int
	allAuthors                int
}

// pressureFacts reduces the history to the commits' facts, oldest first.
func pressureFacts(h *cochange.History, part *cluster.Partition) (facts []commitFacts, authors int) {
	ids := map[string]int{}
	for _, c := range h.UsedCommits {
		f := commitFacts{when: c.When.Unix(), win: c.When.After(h.WindowStart)}
		f.prev = !f.win && c.When.After(h.PrevWindowStart)
		a, ok := ids[c.Author]
		if !ok {
			a = len(ids)
			ids[c.Author] = a
		}
		f.author = a
		for _, p := range c.Packages {
			i, ok := part.Of[p]
			if !ok {
				continue
			}
			j := slices.Index(f.contexts, i)
			if j < 0 {
				j = len(f.contexts)
				f.contexts = append(f.contexts, i)
				f.churn = append(f.churn, 0)
			}
			f.churn[j] += c.Churn[p]
		}
		facts = append(facts, f)
	}
	return facts, len(ids)
}

// count tallies the facts, commit j counted weight[j] times (nil: once
// each). seen is scratch space of k*authors+authors stamps.
func count(facts []commitFacts, weight []int, k, authors int, seen []int32, stamp int32) tally {
	t := tally{win: make([]int, k), prev: make([]int, k), churn: make([]int, k), authors: make([]int, k), last: make([]int64, k)}
	for j, f := range facts {
		w := 1
		if weight != nil {
			w = weight[j]
		}
		if w == 0 {
			continue
		}
		if f.win {
			t.winCommits += w
			if s := &seen[k*authors+f.author]; *s != stamp {
				*s = stamp
				t.allAuthors++
			}
		}
		for n, i := range f.contexts {
			switch {
			case f.win:
				t.win[i] += w
				t.churn[i] += w * f.churn[n]
				t.winChurn += w * f.churn[n]
				if s := &seen[i*authors+f.author]; *s != stamp {
					*s = stamp
					t.authors[i]++
				}
			case f.prev:
				t.prev[i] += w
			}
			t.last[i] = max(t.last[i], f.when)
		}
	}
	return t
}

// inputs are context i's pressure inputs under t; notes only when they
// will be shown. span is the days from the first used commit to the
// window's end.
func (t tally) inputs(i, k int, end int64, span float64, notes bool) []Input {
	cshare := ratio(t.win[i], t.winCommits)
	chshare := ratio(t.churn[i], t.winChurn)
	ashare := ratio(t.authors[i], t.allAuthors)
	// A context whose packages no used commit touched has no last
	// change: recency is 0, its raw figure the whole history's span, so
	// that every input stays a finite number.
	recency := Input{Name: "recency", Weight: 0.1, Raw: span}
	if t.last[i] != 0 {
		days := float64(end-t.last[i]) / 86400
		recency.Raw, recency.Value = days, math.Exp(-days/90)
	}
	trend := float64(t.win[i]+1) / float64(t.prev[i]+1)
	in := []Input{
		{Name: "commits", Raw: cshare, Value: share(cshare, k), Weight: 0.35},
		{Name: "churn", Raw: chshare, Value: share(chshare, k), Weight: 0.2},
		{Name: "authors", Raw: ashare, Value: share(ashare, k), Weight: 0.2},
		recency,
		{Name: "trend", Raw: trend, Value: trend / (trend + 1), Weight: 0.15},
	}
	if notes {
		in[0].Note = fmt.Sprintf("%d of %d commits in the window (%s; fair share %s)", t.win[i], t.winCommits, pct(cshare), pct(1/float64(k)))
		in[1].Note = fmt.Sprintf("%d of %d lines added+deleted in the window", t.churn[i], t.winChurn)
		in[2].Note = fmt.Sprintf("%d of %d authors active in the window", t.authors[i], t.allAuthors)
		in[3].Note = fmt.Sprintf("last change %.0f days before the newest commit; exp(-days/90)", recency.Raw)
		if t.last[i] == 0 {
			in[3].Note = "no commit that counts touched it (only bulk or filtered ones did); 0"
		}
		in[4].Note = fmt.Sprintf("%d commits in the window vs %d in the one before; 0.5 is flat", t.win[i], t.prev[i])
	}
	return in
}

// heat is what the history says of a context's share of the window's
// commits, decided as the order is: by the bootstrap interval, not the
// point figure.
type heat struct {
	commits   int     // its commits in the window
	low, high float64 // 90% interval of its share of the window's commits
	fair      float64 // 1/k
	noHistory bool
}

// word is "hot" when even the interval's low end is above the fair
// share, "quiet" when its high end is below, "little history" under
// MinCommits commits, else "about its share".
func (h heat) word() string {
	switch {
	case h.noHistory:
		return "no history"
	case h.commits < MinCommits:
		return "little history"
	case h.low > h.fair:
		return "hot"
	case h.high < h.fair:
		return "quiet"
	}
	return "about its share"
}

// pressure scores how hot each context is in the pressure window, with a
// 90% bootstrap interval: the window's commits (and, for the trend, the
// previous window's) resampled with replacement Resamples times under a
// fixed seed; recency is not resampled.
func pressure(h *cochange.History, part *cluster.Partition) ([]Score, []heat) {
	k := len(part.Members)
	out := make([]Score, k)
	heats := make([]heat, k)
	if h == nil || len(h.UsedCommits) == 0 {
		for i := range out {
			out[i] = Score{Inputs: []Input{{Name: "history", Note: "no history: pressure is unknown"}}}
			heats[i] = heat{noHistory: true}
		}
		return out, heats
	}
	facts, authors := pressureFacts(h, part)
	end := h.WindowEnd.Unix()
	span := float64(end-h.UsedCommits[0].When.Unix()) / 86400
	seen := make([]int32, (k+1)*authors)
	t := count(facts, nil, k, authors, seen, 1)
	for i := range out {
		out[i] = score(t.inputs(i, k, end, span, true))
	}

	var win, prev []int
	for j, f := range facts {
		if f.win {
			win = append(win, j)
		} else if f.prev {
			prev = append(prev, j)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	weight := make([]int, len(facts))
	values := make([][]float64, k)
	shares := make([][]float64, k)
	for b := range Resamples {
		clear(weight)
		for _, set := range [][]int{win, prev} {
			for range set {
				weight[set[rng.IntN(len(set))]]++
			}
		}
		// Recency stays the observed one: a bootstrap of a maximum
		// mostly measures whether the newest commit was drawn.
		rt := count(facts, weight, k, authors, seen, int32(b+2))
		rt.last = t.last
		for i := range k {
			values[i] = append(values[i], score(rt.inputs(i, k, end, span, false)).Value)
			shares[i] = append(shares[i], ratio(rt.win[i], rt.winCommits))
		}
	}
	for i := range out {
		lo, hi := interval(values[i])
		out[i].Low, out[i].High = min(lo, out[i].Value), max(hi, out[i].Value)
		slo, shi := interval(shares[i])
		heats[i] = heat{commits: t.win[i], low: slo, high: shi, fair: 1 / float64(k)}
	}
	return out, heats
}

// interval is the 5th and 95th percentiles of xs, rounded.
func interval(xs []float64) (lo, hi float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	s := slices.Sorted(slices.Values(xs))
	at := func(q float64) float64 { return num.Round(s[int(q*float64(len(s)-1)+0.5)], 4) }
	return at(0.05), at(0.95)
}
