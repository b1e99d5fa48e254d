package rank

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/internal/num"
)

// Contexts describes every context of the partition: its id and name, the
// tables it touches, its change pressure and extraction risk with every
// input, its cut list, and the extraction order (high pressure and low
// risk first). h is the history, nil without one.
func Contexts(g *graph.Graph, part *cluster.Partition, h *cochange.History) []Context {
	loc := map[string]int{}
	for _, n := range g.Nodes() {
		loc[n.Path] = n.LOC
	}
	k := len(part.Members)
	cs := make([]Context, k)
	names := make([]string, k)
	terms := make([][]graph.Term, k)
	tables := contextTables(g, part)
	paths := make([]string, 0, g.Len())
	for _, n := range g.Nodes() {
		paths = append(paths, n.Path)
	}
	rp := newRepoPaths(paths)
	for i, members := range part.Members {
		c := &cs[i]
		c.ID = contextID(members, loc)
		c.Packages = members
		c.Split = i < len(part.Split) && part.Split[i]
		if i < len(part.Joined) {
			c.Joined = part.Joined[i]
		}
		for _, m := range members {
			c.LOC += loc[m]
		}
		c.Tables = tables.of[i]
		var tnames []string
		for _, t := range c.Tables {
			if t.Write {
				tnames = append(tnames, t.Name)
			}
		}
		terms[i] = contextTerms(g, members, loc)
		for _, t := range terms[i][:min(len(terms[i]), 5)] {
			c.Terms = append(c.Terms, t.Word)
		}
		names[i] = part.Declared[i]
		c.Delivery = delivery(part, members, loc)
		switch {
		case names[i] != "":
		case c.Delivery:
			// The facade's code speaks of every domain and of its
			// protocols (gitea's delivery layer was named pkt+ecdhe):
			// its paths say what it is.
			names[i] = contextName(members, loc, nil, nil, nil, rp)
		default:
			names[i] = contextName(members, loc, tnames, terms[i], g.CommonTerms(), rp)
		}
	}
	delivery := make([]bool, k)
	for i := range cs {
		delivery[i] = cs[i].Delivery
	}
	tellApart(names, part, terms, delivery, loc, rp)
	uniqueNames(names)
	for i := range cs {
		cs[i].Name = names[i]
	}
	ids := make([]string, k)
	for i := range cs {
		ids[i] = cs[i].ID
	}
	cuts := cutLists(g, part, ids, tables)
	press, heats := pressure(h, part)
	risk := risks(g, h, part, cuts, tables, loc)
	small := smallContexts(g, part, cs)
	// Apart is only said where imports and co-change were both looked
	// at: without them every cut is empty.
	w := g.Weights()
	seen := w[graph.Imports] > 0 && len(g.Imports()) > 0 && w[graph.CoChange] > 0 && h != nil && h.Used > 0
	data := dataLayers(tables, k)
	for i := range cs {
		cs[i].Cut = cuts[i]
		cs[i].Pressure = press[i]
		cs[i].Risk = risk[i]
		cs[i].Heat = heats[i].word()
		cs[i].Small = small[i]
		cs[i].DataLayer = data[i]
		cs[i].Reason = reason(heats[i], cuts[i], risk[i], tables.sharedWrites[i])
		cs[i].Apart = seen && k >= 2 && !cs[i].Delivery && data[i] == nil && cuts[i].empty()
		switch {
		case cs[i].Apart:
			cs[i].Reason = ApartReason + cs[i].Reason
		case cs[i].Delivery:
			cs[i].Reason = "delivery layer (commands and what wires the domains): the facade stays, not a service to cut; " + cs[i].Reason
		case data[i] != nil:
			cs[i].Reason = fmt.Sprintf("data layer (writes %d of the %d tables written with own SQL): split it table by table as the domains leave, not a service to cut first; ", data[i].Tables, data[i].Of) + cs[i].Reason
		}
	}
	orderScore := func(c Context) float64 { return c.Pressure.Value - c.Risk.Value }
	sort.SliceStable(cs, func(a, b int) bool {
		if ga, gb := group(cs[a]), group(cs[b]); ga != gb {
			return ga < gb
		}
		if da, db := orderScore(cs[a]), orderScore(cs[b]); da != db {
			return da > db
		}
		return cs[a].ID < cs[b].ID
	})
	band, leaderLow := 0, math.Inf(1)
	for i := range cs {
		c := &cs[i]
		c.Order = i + 1
		if i == 0 || group(*c) != group(cs[i-1]) || c.Pressure.High-c.Risk.Value < leaderLow {
			band++
			leaderLow = c.Pressure.Low - c.Risk.Value
		}
		c.Band = band
	}
	return cs
}

// group is a context's place in the order: domain contexts that can be a
// service first, then the small ones, those already apart, the data
// layer, and the delivery layer.
func group(c Context) int {
	switch {
	case c.Delivery:
		return 4
	case c.DataLayer != nil:
		return 3
	case c.Apart:
		return 2
	case c.Small != nil:
		return 1
	}
	return 0
}

// ApartReason opens the reason of a context that is already apart.
const ApartReason = "already apart: nothing but the shared kernel ties it to another context (no import either way, no shared table, no co-change): there is no cut to make; "

// empty says that a cut cuts through nothing.
func (c Cut) empty() bool {
	return len(c.Inbound) == 0 && len(c.Outbound) == 0 && len(c.Tables) == 0 && len(c.CoChange) == 0
}

// The data layer is a context that writes, with its own SQL, at least
// DataLayerShare of the tables that contexts write so, and at least
// MinDataLayerTables of them: on real monoliths the one store package
// (woodpecker's datastore, gogs' database) writes them all, and the
// clustering gives it a context of its own or the domain beside it.
const (
	DataLayerShare     = 2.0 / 3
	MinDataLayerTables = 8
)

func dataLayers(tf *tableFacts, k int) []*DataLayer {
	own, total := make([]int, k), 0
	for _, n := range tf.names() {
		t := tf.users[n]
		if len(t.direct) == 0 {
			continue
		}
		total++
		for i := range t.direct {
			own[i]++
		}
	}
	out := make([]*DataLayer, k)
	for i, n := range own {
		if n >= MinDataLayerTables && float64(n) >= DataLayerShare*float64(total) {
			out[i] = &DataLayer{Tables: n, Of: total}
		}
	}
	return out
}

// delivery reports whether most of a context's code is delivery layer.
func delivery(part *cluster.Partition, members []string, loc map[string]int) bool {
	if len(part.Delivery) == 0 {
		return false
	}
	in, all := 0, 0
	for _, m := range members {
		w := loc[m] + 1
		all += w
		if part.Delivery[m] {
			in += w
		}
	}
	return 2*in > all
}

// score sums weight*value and rounds every figure for stable output.
func score(inputs []Input) Score {
	s := 0.0
	for i := range inputs {
		inputs[i].Raw = num.Round(inputs[i].Raw, 4)
		inputs[i].Value = num.Round(inputs[i].Value, 4)
		s += inputs[i].Weight * inputs[i].Value
	}
	v := num.Round(s, 4)
	return Score{Value: v, Low: v, High: v, Inputs: inputs}
}

// share maps a context's share of something to 0..1 against its fair
// share 1/k: 0.5 at the fair share, towards 1 as it dominates.
func share(x float64, k int) float64 {
	fair := 1 / float64(max(k, 1))
	if x <= 0 {
		return 0
	}
	return x / (x + fair)
}

// saturate maps a count to 0..1: half at n = half.
func saturate(n, half float64) float64 {
	if n <= 0 {
		return 0
	}
	return 1 - math.Exp(-n*math.Ln2/half)
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// risks scores what cutting each context out would break.
func risks(g *graph.Graph, h *cochange.History, part *cluster.Partition, cuts []Cut, tables *tableFacts, loc map[string]int) []Score {
	k := len(part.Members)
	cycles := contextCycles(g, part)
	cross := crossCoChange(h, part)
	totalLOC := 0
	for i := range part.Members {
		for _, m := range part.Members[i] {
			totalLOC += loc[m]
		}
	}
	out := make([]Score, k)
	for i := range part.Members {
		inPk, inFiles := map[string]bool{}, 0
		for _, e := range cuts[i].Inbound {
			inPk[e.From] = true
			inFiles += e.Files
		}
		outPk := map[string]bool{}
		for _, e := range cuts[i].Outbound {
			outPk[e.To] = true
		}
		sw, sr := tables.sharedWrites[i], tables.sharedOther[i]
		size := 0
		for _, m := range part.Members[i] {
			size += loc[m]
		}
		sizeShare := ratio(size, totalLOC)
		out[i] = score([]Input{
			{Name: "inbound", Raw: float64(len(inPk)), Value: saturate(float64(len(inPk)), 3), Weight: 0.25,
				Note: fmt.Sprintf("%d packages in other contexts import it (%d files): the API it would have to expose", len(inPk), inFiles)},
			{Name: "outbound", Raw: float64(len(outPk)), Value: saturate(float64(len(outPk)), 3), Weight: 0.1,
				Note: fmt.Sprintf("it imports %d packages of other contexts: what it would have to call", len(outPk))},
			{Name: "sharedWriteTables", Raw: float64(sw), Value: saturate(float64(sw), 1), Weight: 0.2,
				Note: fmt.Sprintf("%d tables it writes that another context writes too", sw)},
			{Name: "sharedTables", Raw: float64(sr), Value: saturate(float64(sr), 2), Weight: 0.1,
				Note: fmt.Sprintf("%d other tables it shares with other contexts (reads on one side)", sr)},
			{Name: "crossCoChange", Raw: cross[i], Value: cross[i], Weight: 0.15,
				Note: fmt.Sprintf("%s of its commits also touch another context", pct(cross[i]))},
			{Name: "cycles", Raw: float64(cycles[i]), Value: saturate(float64(cycles[i]), 1), Weight: 0.1,
				Note: fmt.Sprintf("in an import cycle with %d other contexts", cycles[i])},
			{Name: "size", Raw: sizeShare, Value: share(sizeShare, k), Weight: 0.1,
				Note: fmt.Sprintf("%d lines of code, %s of all contexts' code", size, pct(sizeShare))},
		})
	}
	return out
}

// crossCoChange is, per context, the share of its commits that also
// touch another context (shared-kernel packages do not count).
func crossCoChange(h *cochange.History, part *cluster.Partition) []float64 {
	out := make([]float64, len(part.Members))
	if h == nil {
		return out
	}
	total := make([]int, len(part.Members))
	cross := make([]int, len(part.Members))
	for _, c := range h.UsedCommits {
		touched := map[int]bool{}
		for _, p := range c.Packages {
			if i, ok := part.Of[p]; ok {
				touched[i] = true
			}
		}
		for i := range touched {
			total[i]++
			if len(touched) > 1 {
				cross[i]++
			}
		}
	}
	for i := range out {
		out[i] = ratio(cross[i], total[i])
	}
	return out
}

func reason(h heat, cut Cut, r Score, sharedWrites int) string {
	hot := h.word()
	switch hot {
	case "no history":
	case "little history":
		hot += ": " + plural(h.commits, "commit") + " in the window"
	default:
		hot = fmt.Sprintf("%s: %.0f–%s of the window's commits", hot, 100*h.low, pct(h.high))
	}
	inPk := map[string]bool{}
	for _, e := range cut.Inbound {
		inPk[e.From] = true
	}
	var parts []string
	parts = append(parts, plural(len(inPk), "inbound package"))
	if sharedWrites > 0 {
		parts = append(parts, plural(sharedWrites, "shared-write table"))
	}
	for _, in := range r.Inputs {
		if in.Name == "cycles" && in.Raw > 0 {
			parts = append(parts, "in an import cycle")
		}
	}
	return hot + "; cut: " + strings.Join(parts, ", ")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
