package rank

import (
	"cmp"
	"maps"
	"slices"
)

// Links are the relations between the contexts, from their cut lists:
// per ordered pair, the imports from one into the other; and on the pair
// from the smaller id to the larger, the tables both touch and the
// commits that change both. Sorted by From, then To.
func Links(cs []Context) []Link {
	type acc struct {
		Link
		tables map[string]bool
	}
	links := map[[2]string]*acc{}
	get := func(from, to string) *acc {
		k := [2]string{from, to}
		if links[k] == nil {
			links[k] = &acc{Link: Link{From: from, To: to}, tables: map[string]bool{}}
		}
		return links[k]
	}
	for _, c := range cs {
		for _, e := range c.Cut.Outbound {
			l := get(c.ID, e.Context)
			l.Imports++
			l.Files += e.Files
		}
		for _, t := range c.Cut.Tables {
			for _, o := range append(slices.Clone(t.Writers), t.Readers...) {
				if o > c.ID {
					get(c.ID, o).tables[t.Name] = true
				}
			}
		}
		for _, p := range c.Cut.CoChange {
			if p.Context > c.ID {
				get(c.ID, p.Context).CoChange += p.Shared
			}
		}
	}
	out := make([]Link, 0, len(links))
	for _, l := range links {
		l.Tables = slices.Sorted(maps.Keys(l.tables))
		out = append(out, l.Link)
	}
	slices.SortFunc(out, func(a, b Link) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	return out
}
