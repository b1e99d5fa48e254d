package symbols

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"os"
	"sort"
	"sync"
	"testing"
)

func TestDebugUnresolved(t *testing.T) {
	root := os.Getenv("SEAMS_DEBUG_REPO")
	if root == "" {
		t.Skip()
	}
	var mu sync.Mutex
	dead := map[string]int{}
	other := map[string]int{}
	var examples = map[string]string{}
	debugDead = func(b *builder, e *ast.SelectorExpr) {
		var buf bytes.Buffer
		printer.Fprint(&buf, token.NewFileSet(), e.X)
		k := fmt.Sprintf("%T", e.X)
		if id, ok := e.X.(*ast.Ident); ok {
			k += " " + id.Name
		}
		if c, ok := e.X.(*ast.CallExpr); ok {
			k = fmt.Sprintf("call %T", c.Fun)
		}
		mu.Lock()
		dead[k]++
		examples[k] = b.sum.path + ":" + fmt.Sprint(b.tf.Line(e.Pos())) + " " + buf.String()
		mu.Unlock()
	}
	debugSite = func(r *resolver, f *fileSum, s site, why string, p state) {
		nd := f.nodes[s.node]
		par := f.nodes[nd.parent]
		k := fmt.Sprintf("%s parent-kind=%d state=%d", why, par.kind, p.kind)
		if par.kind == nCall {
			callee := f.nodes[par.parent]
			cs := r.resolve(f, par.parent)
			k += fmt.Sprintf(" callee-kind=%d callee-state=%d", callee.kind, cs.kind)
			if callee.kind == nSel || callee.kind == nIdent {
				k += " " + r.c.texts[callee.name]
			}
		}
		if why == "nomember" {
			k += " " + r.c.texts[p.name] + "." + r.c.texts[nd.name]
		}
		other[k] += int(s.calls)
		examples[k] = fmt.Sprintf("%s:%d", f.path, s.line)
	}
	defer func() { debugDead, debugSite = nil, nil }()
	fsets, files := parseFiles(t, root, repoFiles(t, root, false))
	collect(fsets, files)
	for _, m := range []map[string]int{dead, other} {
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
		for _, k := range keys[:min(40, len(keys))] {
			t.Logf("%6d %s   e.g. %s", m[k], k, examples[k])
		}
	}
}

func TestDebugSize(t *testing.T) {
	root := os.Getenv("SEAMS_DEBUG_REPO")
	if root == "" {
		t.Skip()
	}
	fsets, files := parseFiles(t, root, repoFiles(t, root, false))
	c := NewCollector()
	for i, p := range files {
		c.Add(p.dir, p.importPath, p.rel, fsets[i], p.f)
	}
	var nodes, sites, decls, results, imports int
	for _, f := range c.files {
		nodes += len(f.nodes)
		sites += len(f.sites)
		decls += len(f.decls)
		results += len(f.results)
		imports += len(f.imports)
	}
	t.Logf("nodes %d sites %d decls %d results %d imports %d strings %d; bytes ~ %d", nodes, sites, decls, results, imports, len(c.texts),
		nodes*12+sites*16+decls*28+results*4+imports*16+len(c.files)*250)
}

func BenchmarkDebugInspect(b *testing.B) {
	root := os.Getenv("SEAMS_BENCH_REPO")
	files := repoFiles(b, root, false)
	fsets, parsed := parseFiles(b, root, files)
	b.ResetTimer()
	var n int
	for b.Loop() {
		for _, p := range parsed {
			ast.Inspect(p.f, func(x ast.Node) bool { n++; return true })
		}
	}
	_ = fsets
}

func BenchmarkDebugAdd(b *testing.B) {
	root := os.Getenv("SEAMS_BENCH_REPO")
	files := repoFiles(b, root, false)
	fsets, parsed := parseFiles(b, root, files)
	b.ResetTimer()
	for b.Loop() {
		c := NewCollector()
		for i, p := range parsed {
			c.Add(p.dir, p.importPath, p.rel, fsets[i], p.f)
		}
	}
}

func BenchmarkDebugParse(b *testing.B) {
	root := os.Getenv("SEAMS_BENCH_REPO")
	files := repoFiles(b, root, false)
	b.ResetTimer()
	for b.Loop() {
		parseFiles(b, root, files)
	}
}

func BenchmarkDebugFinish(b *testing.B) {
	root := os.Getenv("SEAMS_BENCH_REPO")
	files := repoFiles(b, root, false)
	fsets, parsed := parseFiles(b, root, files)
	for b.Loop() {
		b.StopTimer()
		c := NewCollector()
		for i, p := range parsed {
			c.Add(p.dir, p.importPath, p.rel, fsets[i], p.f)
		}
		b.StartTimer()
		c.Finish()
	}
}
