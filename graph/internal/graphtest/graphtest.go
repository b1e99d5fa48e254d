// Package graphtest builds the small and generated inputs the tests of
// package graph and its subpackages share.
package graphtest

import (
	"fmt"
	"math/rand/v2"
	"path"
	"strings"
	"time"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cochange"
)

// Day is noon of 2024-01-01 plus d days.
func Day(d int) time.Time { return time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

// ShopLike builds a monolith in miniature: four domains of three packages
// each (a root, a store, a helper), a kernel (log, db, cfg), an HTTP layer
// (web) that imports every domain, and a command that wires it all.
func ShopLike() graph.Input {
	var in graph.Input
	add := func(p string, main bool) { in.Nodes = append(in.Nodes, graph.Node{Path: p, LOC: 100, Main: main}) }
	imp := func(from, to string, files int) {
		in.Imports = append(in.Imports, graph.Import{From: from, To: to, Files: files})
	}
	domains := []string{"billing", "catalog", "identity", "ordering"}
	for _, d := range domains {
		add(d, false)
		add(d+"/store", false)
		add(d+"/rules", false)
		imp(d, d+"/store", 3)
		imp(d, d+"/rules", 2)
		imp(d+"/rules", d+"/store", 2)
		imp(d+"/store", "db", 1)
		for _, p := range []string{d, d + "/store", d + "/rules"} {
			imp(p, "log", 1)
		}
		imp("web", d, 2)
		imp("cmd/app", d, 1)
	}
	imp("ordering", "catalog", 1) // a domain used by another domain
	imp("billing/rules", "cfg", 1)
	imp("identity/rules", "cfg", 1)
	imp("db", "cfg", 1)
	imp("db", "log", 1)
	imp("web", "mw", 3)
	imp("mw", "log", 1)
	imp("cmd/app", "web", 1)
	imp("cmd/app", "db", 1)
	for _, p := range []string{"log", "db", "cfg", "web", "mw"} {
		add(p, false)
	}
	add("cmd/app", true)
	add("lonely", false)
	return in
}

// Generated builds a monolith of n packages in the given number of
// domains, with a two-package kernel, tables and 5,000 commits of history.
func Generated(n, domains int) (graph.Input, *cochange.History) {
	r := rand.New(rand.NewPCG(1, 2))
	var in graph.Input
	path := func(i int) string { return fmt.Sprintf("d%02d/p%04d", i%domains, i) }
	for i := 0; i < n; i++ {
		in.Nodes = append(in.Nodes, graph.Node{Path: path(i), LOC: 50 + r.IntN(500)})
	}
	in.Nodes = append(in.Nodes, graph.Node{Path: "kernel/log"}, graph.Node{Path: "kernel/db"})
	var commits []cochange.Commit
	for i := 0; i < n; i++ {
		for k := 0; k < 4; k++ {
			j := i%domains + domains*r.IntN(n/domains)
			if r.IntN(10) == 0 {
				j = r.IntN(n)
			}
			if j != i {
				in.Imports = append(in.Imports, graph.Import{From: path(i), To: path(j), Files: 1 + r.IntN(3)})
			}
		}
		in.Imports = append(in.Imports, graph.Import{From: path(i), To: "kernel/log", Files: 1})
		if i%5 == 0 {
			in.Imports = append(in.Imports, graph.Import{From: path(i), To: "kernel/db", Files: 1})
			in.Tables = append(in.Tables, graph.TableUse{Package: path(i), Table: fmt.Sprintf("t%d", i%domains), Write: r.IntN(2) == 0})
		}
	}
	for c := 0; c < 5000; c++ {
		d := r.IntN(domains)
		cm := cochange.Commit{When: Day(c / 10), Author: fmt.Sprint("a", r.IntN(30))}
		for f := 0; f < 1+r.IntN(5); f++ {
			cm.Files = append(cm.Files, cochange.FileChange{Path: path(d+domains*r.IntN(n/domains)) + "/x.go", Churn: r.IntN(50)})
		}
		commits = append(commits, cm)
	}
	h := cochange.Aggregate(commits, cochange.DefaultOptions(), cochange.Files{PackageOf: func(f string) (string, bool) {
		i := strings.LastIndexByte(f, '/')
		return f[:i], true
	}})
	in.CoChange = h.Pairs
	return in, h
}

// Hand is a two-context partition small enough to compute figures by
// hand: A = {a1, a2}, B = {b1, b2, b3}; imports a1->a2 (2 files), b1->b2,
// b2->b3, a1->b1, b3->a2 (3 files); table t written by a1 and b2 and
// defined by a2, table u written by a1 and read by b1; five commits, the
// window being the 12 months before day 400.
func Hand() (in graph.Input, h *cochange.History, members [][]string) {
	in = graph.Input{
		Nodes: []graph.Node{{Path: "a1", LOC: 100}, {Path: "a2", LOC: 100}, {Path: "b1", LOC: 50}, {Path: "b2", LOC: 50}, {Path: "b3", LOC: 100}},
		Imports: []graph.Import{
			{From: "a1", To: "a2", Files: 2}, {From: "b1", To: "b2", Files: 1}, {From: "b2", To: "b3", Files: 1},
			{From: "a1", To: "b1", Files: 1}, {From: "b3", To: "a2", Files: 3},
		},
		Tables: []graph.TableUse{
			{Package: "a1", Table: "t", Write: true}, {Package: "b2", Table: "t", Write: true},
			{Package: "a1", Table: "u", Write: true}, {Package: "b1", Table: "u"},
			{Package: "a2", Table: "t", DDL: true},
		},
	}
	commit := func(d int, author string, files ...string) cochange.Commit {
		c := cochange.Commit{When: Day(d), Author: author}
		for _, f := range files {
			c.Files = append(c.Files, cochange.FileChange{Path: f, Churn: 10})
		}
		return c
	}
	commits := []cochange.Commit{
		commit(0, "x", "a1/f.go", "b1/f.go"), // before both windows' split: previous window
		commit(10, "y", "a1/f.go"),
		commit(380, "x", "a2/f.go"),
		commit(390, "z", "b2/f.go", "b3/f.go"),
		commit(400, "x", "a1/f.go", "a2/f.go"),
	}
	opt := cochange.DefaultOptions()
	opt.MinShared = 1
	h = cochange.Aggregate(commits, opt, cochange.Files{PackageOf: func(f string) (string, bool) { return path.Dir(f), true }})
	in.CoChange = h.Pairs
	return in, h, [][]string{{"a1", "a2"}, {"b1", "b2", "b3"}}
}
