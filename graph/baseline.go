package graph

import (
	"sort"

	"github.com/seams-tool/seams/report"
)

// InputFromModel rebuilds the coupling model's input from a written
// model, so that a partition can be measured again without re-running the
// signals (check, trend).
func InputFromModel(m *report.Model) *Input {
	in := &Input{}
	for _, p := range m.Packages {
		in.Nodes = append(in.Nodes, Node{Path: p.Path, LOC: p.LOC, Main: p.Main})
		for _, t := range p.Tables {
			in.Tables = append(in.Tables, TableUse{Package: p.Path, Table: t.Name,
				Write: t.Access == "write", DDL: t.Access == "ddl", Carried: t.Via == "carried"})
		}
	}
	for _, e := range m.Imports {
		in.Imports = append(in.Imports, ImportEdge{From: e.From, To: e.To, Files: e.Weight})
	}
	if len(m.CoChange) > 0 {
		in.History = &History{Packages: map[string]*PackageHistory{}}
		for _, c := range m.CoChange {
			in.History.Pairs = append(in.History.Pairs, Pair{A: c.A, B: c.B, Shared: c.Shared, Degree: c.Degree, P: c.P})
		}
	}
	return in
}

// Freeze takes a baseline from an analyzed model: its partition, and the
// cross-context imports, shared-write tables and cycles that exist today.
func Freeze(m *report.Model) *report.Baseline {
	b := &report.Baseline{Head: m.Repo.Head}
	for _, c := range m.Contexts {
		b.Contexts = append(b.Contexts, report.BaselineContext{ID: c.ID, Name: c.Name, Packages: append([]string(nil), c.Packages...)})
	}
	sort.Slice(b.Contexts, func(i, j int) bool { return b.Contexts[i].ID < b.Contexts[j].ID })
	for _, p := range m.Packages {
		if p.Shared != "" {
			b.Shared = append(b.Shared, p.Path)
		}
	}
	b.Unplaced = append([]string(nil), m.Unplaced...)
	for _, s := range []struct {
		name string
		sig  report.Signal
	}{{"imports", m.Signals.Imports.Signal}, {"sql", m.Signals.SQL.Signal}, {"history", m.Signals.History.Signal}} {
		if s.sig.Status == report.StatusOK || s.sig.Status == report.StatusPartial {
			b.Signals = append(b.Signals, s.name)
		}
	}
	st := stateOf(m, assignmentOf(b))
	b.CrossImports, b.SharedWriteTables, b.Cycles = st.cross, st.sharedWrites, st.cycles
	// Metrics are measured the way check will measure them, from the
	// model, so that an unchanged repository compares equal.
	b.Metrics = Check(b, m, Tolerances{}).Metrics
	return b
}

// KeepIdentity gives today's contexts the ids and names of the
// baseline's contexts they overlap most (Jaccard similarity of their
// packages, at least 0.3, best pairs first), so that a context keeps its
// identity while it evolves. It rewrites the ids everywhere in the model.
func KeepIdentity(prev []report.BaselineContext, m *report.Model) {
	type cand struct {
		j    float64
		p, c int
	}
	var cands []cand
	for pi, p := range prev {
		in := map[string]bool{}
		for _, x := range p.Packages {
			in[x] = true
		}
		for ci, c := range m.Contexts {
			common := 0
			for _, x := range c.Packages {
				if in[x] {
					common++
				}
			}
			union := len(p.Packages) + len(c.Packages) - common
			if j := float64(common) / float64(max(union, 1)); common > 0 && j >= 0.3 {
				cands = append(cands, cand{j, pi, ci})
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].j != cands[j].j {
			return cands[i].j > cands[j].j
		}
		if cands[i].p != cands[j].p {
			return cands[i].p < cands[j].p
		}
		return cands[i].c < cands[j].c
	})
	newID := make([]string, len(m.Contexts))
	newName := make([]string, len(m.Contexts))
	usedP := map[int]bool{}
	taken := map[string]bool{}
	for _, c := range cands {
		if usedP[c.p] || newID[c.c] != "" {
			continue
		}
		usedP[c.p] = true
		newID[c.c], newName[c.c] = prev[c.p].ID, prev[c.p].Name
		taken[prev[c.p].ID] = true
	}
	rename := map[string]string{}
	for i := range m.Contexts {
		c := &m.Contexts[i]
		if newID[i] == "" {
			// A new context keeps its own id, unless a matched one took it.
			newID[i], newName[i] = c.ID, c.Name
			for taken[newID[i]] {
				newID[i] += "x"
			}
			taken[newID[i]] = true
		}
		rename[c.ID] = newID[i]
	}
	for i := range m.Contexts {
		m.Contexts[i].ID, m.Contexts[i].Name = newID[i], newName[i]
	}
	re := func(id string) string {
		if n, ok := rename[id]; ok {
			return n
		}
		return id
	}
	for i := range m.Packages {
		m.Packages[i].Context = re(m.Packages[i].Context)
	}
	for i := range m.Contexts {
		cut := &m.Contexts[i].Cut
		for j := range cut.Inbound {
			cut.Inbound[j].Context = re(cut.Inbound[j].Context)
		}
		for j := range cut.Outbound {
			cut.Outbound[j].Context = re(cut.Outbound[j].Context)
		}
		for j := range cut.CoChange {
			cut.CoChange[j].Context = re(cut.CoChange[j].Context)
		}
		for j := range cut.Tables {
			t := &cut.Tables[j]
			t.Owner = re(t.Owner)
			for k := range t.Writers {
				t.Writers[k] = re(t.Writers[k])
			}
			for k := range t.Readers {
				t.Readers[k] = re(t.Readers[k])
			}
		}
	}
}

// assignment maps packages to baseline context ids; shared-kernel
// packages map to "".
type assignment map[string]string

func assignmentOf(b *report.Baseline) assignment {
	a := assignment{}
	for _, c := range b.Contexts {
		for _, p := range c.Packages {
			a[p] = c.ID
		}
	}
	for _, p := range b.Shared {
		a[p] = ""
	}
	for _, p := range b.Unplaced {
		a[p] = ""
	}
	return a
}

// state is what a baseline freezes, computed for a model under a
// partition.
type state struct {
	cross        []report.BaselineImport
	crossAt      map[report.BaselineImport]string
	sharedWrites []report.BaselineTable
	writeAt      map[string]string // table -> a place one writer writes it
	cycles       [][2]string
}

func stateOf(m *report.Model, a assignment) state {
	st := state{crossAt: map[report.BaselineImport]string{}, writeAt: map[string]string{}}
	adj := map[string]map[string]bool{}
	for _, e := range m.Imports {
		ca, okA := a[e.From]
		cb, okB := a[e.To]
		if !okA || !okB || ca == "" || cb == "" || ca == cb {
			continue
		}
		bi := report.BaselineImport{From: e.From, To: e.To}
		st.cross = append(st.cross, bi)
		st.crossAt[bi] = e.At
		if adj[ca] == nil {
			adj[ca] = map[string]bool{}
		}
		adj[ca][cb] = true
	}
	sort.Slice(st.cross, func(i, j int) bool {
		if st.cross[i].From != st.cross[j].From {
			return st.cross[i].From < st.cross[j].From
		}
		return st.cross[i].To < st.cross[j].To
	})
	for _, t := range m.Tables {
		ctxs := map[string]bool{}
		for _, w := range t.Writers {
			// Only writes with the package's own SQL share a table; see
			// tableUsers.direct.
			if c := a[w.Package]; c != "" && w.Via != "carried" {
				ctxs[c] = true
				if st.writeAt[t.Name] == "" || w.At != "" && w.At < st.writeAt[t.Name] {
					st.writeAt[t.Name] = w.At
				}
			}
		}
		if len(ctxs) > 1 {
			bt := report.BaselineTable{Name: t.Name}
			for c := range ctxs {
				bt.Contexts = append(bt.Contexts, c)
			}
			sort.Strings(bt.Contexts)
			st.sharedWrites = append(st.sharedWrites, bt)
		}
	}
	sort.Slice(st.sharedWrites, func(i, j int) bool { return st.sharedWrites[i].Name < st.sharedWrites[j].Name })
	var ids []string
	for c := range adj {
		ids = append(ids, c)
	}
	sort.Strings(ids)
	reach := func(from, to string) bool {
		seen := map[string]bool{from: true}
		stack := []string{from}
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for w := range adj[v] {
				if w == to {
					return true
				}
				if !seen[w] {
					seen[w] = true
					stack = append(stack, w)
				}
			}
		}
		return false
	}
	for i, x := range ids {
		for _, y := range ids[i+1:] {
			if reach(x, y) && reach(y, x) {
				st.cycles = append(st.cycles, [2]string{x, y})
			}
		}
	}
	return st
}
