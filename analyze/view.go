package analyze

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/seams-tool/seams/report/schema"
)

// view adds what the HTML report needs to rescore a partition the reader
// makes up in the page: the used commits, grouped, with packages by their
// index in m.Packages. It reads the same commits graph/rank reads, so the
// page's pressure and risk of any partition are Go's.
func (a *Analysis) view(m *schema.Model) {
	if weights := a.termWeights(m); weights != nil {
		m.View = &schema.View{TermWeights: weights, CommonTerms: a.Graph.CommonTerms()}
	}
	h := a.History.coChange()
	if h == nil {
		return
	}
	index := make(map[string]int, len(m.Packages))
	for i, p := range m.Packages {
		index[p.Path] = i
	}
	vh := &schema.ViewHistory{Used: len(h.UsedCommits),
		WindowStart: h.WindowStart.Unix(), WindowEnd: h.WindowEnd.Unix(), PrevWindowStart: h.PrevWindowStart.Unix()}
	// A group's key is its author (in the window) and its packages.
	type key struct {
		author int
		pkgs   string
	}
	window := map[key]*schema.WindowChanges{}
	earlier := map[string]*schema.EarlierChanges{}
	authors := map[string]int{}
	for _, c := range h.UsedCommits {
		pkgs := make([]int, 0, len(c.Packages))
		for _, p := range c.Packages {
			if i, ok := index[p]; ok {
				pkgs = append(pkgs, i)
			}
		}
		slices.Sort(pkgs)
		k := intsKey(pkgs)
		if !c.When.After(h.WindowStart) {
			if len(pkgs) == 0 {
				continue // touches no context of any partition
			}
			e := earlier[k]
			if e == nil {
				e = &schema.EarlierChanges{Packages: pkgs}
				earlier[k] = e
			}
			if c.When.After(h.PrevWindowStart) {
				e.Prev++
			} else {
				e.Older++
			}
			continue
		}
		id, ok := authors[c.Author]
		if !ok {
			id = len(authors)
			authors[c.Author] = id
		}
		w := window[key{id, k}]
		if w == nil {
			w = &schema.WindowChanges{Author: id, Packages: pkgs, Churn: make([]int, len(pkgs))}
			window[key{id, k}] = w
		}
		w.Commits++
		for j, i := range pkgs {
			w.Churn[j] += c.Churn[m.Packages[i].Path]
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(window), func(x, y key) int {
		return cmp.Or(cmp.Compare(x.author, y.author), slices.Compare(window[x].Packages, window[y].Packages))
	}) {
		vh.Window = append(vh.Window, *window[k])
	}
	for _, k := range slices.SortedFunc(maps.Keys(earlier), func(x, y string) int {
		return slices.Compare(earlier[x].Packages, earlier[y].Packages)
	}) {
		vh.Earlier = append(vh.Earlier, *earlier[k])
	}
	if m.View == nil {
		m.View = &schema.View{}
	}
	m.View.History = vh
}

// termWeights is the weights of every package's terms, in the order of
// packages[].terms, as the graph holds them; nil without terms.
func (a *Analysis) termWeights(m *schema.Model) [][]float64 {
	if a.Graph == nil || a.Vocabulary == nil {
		return nil
	}
	out := make([][]float64, len(m.Packages))
	some := false
	for i, p := range m.Packages {
		for _, t := range a.Graph.Terms(p.Path) {
			out[i] = append(out[i], t.Weight)
			some = true
		}
		if len(out[i]) != len(p.Terms) {
			panic("analyze: package terms and graph terms disagree for " + p.Path)
		}
	}
	if !some {
		return nil
	}
	for i := range out {
		if out[i] == nil {
			out[i] = []float64{}
		}
	}
	return out
}

// intsKey is a map key for a list of ints.
func intsKey(xs []int) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(strconv.Itoa(x))
		b.WriteByte(',')
	}
	return b.String()
}
