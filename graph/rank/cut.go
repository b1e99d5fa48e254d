package rank

import (
	"sort"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
)

// tableFacts is how the contexts share tables.
type tableFacts struct {
	of           [][]Table              // per context, sorted by name
	sharedWrites []int                  // per context: tables it writes that another context writes
	sharedOther  []int                  // per context: other tables it shares with another context
	users        map[string]*tableUsers // by table
}

type tableUsers struct {
	readers, writers map[int]int // context -> packages with that access
	// direct counts, per context, the packages that write the table with
	// their own SQL. Only these make a table shared-write: a write carried
	// through a call into another context's store is a call, which
	// extraction turns into an API call, not a shared table.
	direct map[int]int
	ddl    map[int]bool
}

func contextTables(g *graph.Graph, part *cluster.Partition) *tableFacts {
	k := len(part.Members)
	tf := &tableFacts{of: make([][]Table, k), sharedWrites: make([]int, k), sharedOther: make([]int, k), users: map[string]*tableUsers{}}
	for _, u := range g.Tables() {
		i, ok := part.Of[u.Package]
		if !ok {
			continue
		}
		t := tf.users[u.Table]
		if t == nil {
			t = &tableUsers{readers: map[int]int{}, writers: map[int]int{}, direct: map[int]int{}, ddl: map[int]bool{}}
			tf.users[u.Table] = t
		}
		switch {
		case u.DDL:
			t.ddl[i] = true
		case u.Write:
			t.writers[i]++
			if !u.Carried {
				t.direct[i]++
			}
		default:
			t.readers[i]++
		}
	}
	for _, n := range tf.names() {
		t := tf.users[n]
		ctxs := map[int]bool{}
		for i := range t.readers {
			ctxs[i] = true
		}
		for i := range t.writers {
			ctxs[i] = true
		}
		for i := range ctxs {
			ct := Table{Name: n, Read: t.readers[i] > 0, Write: t.writers[i] > 0, DDL: t.ddl[i], Shared: len(ctxs) > 1}
			ct.SharedWrite = t.direct[i] > 0 && len(t.direct) > 1
			tf.of[i] = append(tf.of[i], ct)
			switch {
			case ct.SharedWrite:
				tf.sharedWrites[i]++
			case ct.Shared:
				tf.sharedOther[i]++
			}
		}
	}
	return tf
}

// names lists the tables in order.
func (tf *tableFacts) names() []string {
	names := make([]string, 0, len(tf.users))
	for n := range tf.users {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// owner is the context whose packages write the table most, ties to the
// smaller id.
func (t *tableUsers) owner(ids []string) string {
	best, n := -1, 0
	for i, c := range t.direct {
		if best < 0 || c > n || c == n && ids[i] < ids[best] {
			best, n = i, c
		}
	}
	if best < 0 {
		return ""
	}
	return ids[best]
}

// cutLists lists, per context, the imports, tables and co-change that
// cross its boundary.
func cutLists(g *graph.Graph, part *cluster.Partition, ids []string, tf *tableFacts) []Cut {
	k := len(part.Members)
	cuts := make([]Cut, k)
	for _, e := range g.Imports() {
		a, okA := part.Of[e.From]
		b, okB := part.Of[e.To]
		if !okA || !okB || a == b {
			continue
		}
		cuts[a].Outbound = append(cuts[a].Outbound, CrossImport{From: e.From, To: e.To, Files: e.Files, Context: ids[b]})
		cuts[b].Inbound = append(cuts[b].Inbound, CrossImport{From: e.From, To: e.To, Files: e.Files, Context: ids[a]})
	}
	for _, n := range tf.names() {
		t := tf.users[n]
		ctxs := map[int]bool{}
		var writers, readers []string
		for i := range t.direct {
			writers = append(writers, ids[i])
		}
		for i := range t.writers {
			ctxs[i] = true
		}
		for i := range t.readers {
			ctxs[i] = true
		}
		for i := range ctxs {
			if t.direct[i] == 0 {
				readers = append(readers, ids[i])
			}
		}
		if len(ctxs) < 2 {
			continue
		}
		sort.Strings(writers)
		sort.Strings(readers)
		ct := SharedTable{Name: n, Writers: writers, Readers: readers, Owner: t.owner(ids)}
		for i := range ctxs {
			cuts[i].Tables = append(cuts[i].Tables, ct)
		}
	}
	for _, p := range g.CoChangePairs() {
		a, okA := part.Of[p.A]
		b, okB := part.Of[p.B]
		if !okA || !okB || a == b || p.P > graph.MaxCoChangeP {
			continue
		}
		cuts[a].CoChange = append(cuts[a].CoChange, CrossPair{Inside: p.A, Outside: p.B, Context: ids[b], Shared: p.Shared, Degree: p.Degree})
		cuts[b].CoChange = append(cuts[b].CoChange, CrossPair{Inside: p.B, Outside: p.A, Context: ids[a], Shared: p.Shared, Degree: p.Degree})
	}
	for i := range cuts {
		c := &cuts[i]
		sort.Slice(c.CoChange, func(x, y int) bool {
			if c.CoChange[x].Degree != c.CoChange[y].Degree {
				return c.CoChange[x].Degree > c.CoChange[y].Degree
			}
			if c.CoChange[x].Inside != c.CoChange[y].Inside {
				return c.CoChange[x].Inside < c.CoChange[y].Inside
			}
			return c.CoChange[x].Outside < c.CoChange[y].Outside
		})
	}
	return cuts
}

// contextCycles returns, per context, how many other contexts share an
// import cycle with it (its strongly connected component in the graph of
// cross-context imports, less itself).
func contextCycles(g *graph.Graph, part *cluster.Partition) []int {
	var arcs [][2]int
	for _, e := range g.Imports() {
		a, okA := part.Of[e.From]
		b, okB := part.Of[e.To]
		if okA && okB && a != b {
			arcs = append(arcs, [2]int{a, b})
		}
	}
	out := make([]int, len(part.Members))
	for _, c := range graph.Components(len(part.Members), arcs) {
		for _, i := range c {
			out[i] = len(c) - 1
		}
	}
	return out
}
