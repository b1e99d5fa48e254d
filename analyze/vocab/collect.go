package vocab

import (
	"go/ast"
	"go/token"
	"strings"
	"sync"
	"unicode/utf8"
)

// Collector gathers the vocabulary of Go files parsed elsewhere, per
// package directory. seams parses every Go file once and hands each tree
// to its collectors; AddFile keeps only term counts, so no syntax tree
// outlives its file. Finish weighs the terms and compares the packages.
// The zero Collector is not ready: use NewCollector.
type Collector struct {
	mu       sync.Mutex
	pkgs     map[string]*pkgTerms // by package directory
	surfaces map[surfaceKey]int32 // how often each spelling gave each stem
}

// pkgTerms is what the files of one package directory contributed.
type pkgTerms struct {
	terms map[string]termStat // by stem
	// compounds are adjacent words joined (PullReq -> pullreq,
	// UserGroupReviewer -> usergroup, groupreviewer, usergroupreviewer).
	// Go package names join their words, so a compound that is the stem
	// of some path segment of the repository is counted as that term in
	// Finish; the others are dropped.
	compounds map[string]termStat // by joined lower-case words
}

// termStat counts a term's occurrences in one package; kind is the
// strongest place it was seen in.
type termStat struct {
	n    int32
	kind uint8
}

// Where a term was seen, weakest first; see boost.
const (
	kindOther uint8 = iota // function, method, field, constant names; strings
	kindName               // declared type names; tables named by the caller
	kindPath               // segments of the package directory
)

// boost multiplies a term's weight by where it was seen: a directory or
// a type names its domain more reliably than a field or a method does.
var boost = [...]float64{kindOther: 1, kindName: 1.5, kindPath: 2}

type surfaceKey struct{ stem, word string }

func (s *termStat) add(n int32, kind uint8) {
	s.n += n
	s.kind = max(s.kind, kind)
}

// NewCollector returns an empty collector.
func NewCollector() *Collector {
	return &Collector{pkgs: map[string]*pkgTerms{}, surfaces: map[surfaceKey]int32{}}
}

// AddFile records the vocabulary of one Go file of the package in dir
// (relative to the repository root, slash-separated, "." for the root).
// It is safe for concurrent use. Test files (named *_test.go in fset) are
// skipped: their words describe the tests. The terms taken are the names
// of declared types, functions, methods, struct fields (an embedded
// field's type name), interface methods and package-level constants,
// and every identifier-like string literal (see identifierLike); import
// paths and struct tags are not.
func (c *Collector) AddFile(dir string, fset *token.FileSet, f *ast.File) {
	if f == nil {
		return
	}
	if fset != nil {
		if tf := fset.File(f.Package); tf != nil && strings.HasSuffix(tf.Name(), "_test.go") {
			return
		}
	}
	b := newBag()
	for _, d := range f.Decls {
		b.decl(d)
	}
	c.merge(dir, b)
}

// AddTerms records terms the caller knows about the package in dir, such
// as the database tables it touches ("pull_requests",
// "public.pullreq_reviewers"). They are split and folded like
// identifiers and weigh like type names. Safe for concurrent use.
func (c *Collector) AddTerms(dir string, terms ...string) {
	b := newBag()
	for _, t := range terms {
		b.add(t, kindName)
	}
	c.merge(dir, b)
}

func (c *Collector) merge(dir string, b *bag) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.pkgs[dir]
	if p == nil {
		p = &pkgTerms{terms: map[string]termStat{}, compounds: map[string]termStat{}}
		c.pkgs[dir] = p
	}
	for k, s := range b.terms {
		t := p.terms[k]
		t.add(s.n, s.kind)
		p.terms[k] = t
	}
	for k, s := range b.compounds {
		t := p.compounds[k]
		t.add(s.n, s.kind)
		p.compounds[k] = t
	}
	for k, n := range b.surfaces {
		c.surfaces[k] += n
	}
}

// bag is the vocabulary of one file or one AddTerms call, gathered
// without the lock.
type bag struct {
	terms     map[string]termStat
	compounds map[string]termStat
	surfaces  map[surfaceKey]int32
	words     []string // scratch
}

func newBag() *bag {
	return &bag{terms: map[string]termStat{}, compounds: map[string]termStat{}, surfaces: map[surfaceKey]int32{}}
}

// add splits text into words and records each word's stem, and the
// compounds of two and three adjacent words.
func (b *bag) add(text string, kind uint8) {
	b.words = splitWords(text, b.words[:0])
	for i, w := range b.words {
		if utf8.RuneCountInString(w) >= 2 {
			if st, ok := stem(w); ok {
				t := b.terms[st]
				t.add(1, kind)
				b.terms[st] = t
				b.surfaces[surfaceKey{st, w}]++
			}
		}
		if i+1 < len(b.words) {
			b.compound(w+b.words[i+1], kind)
		}
		if i+2 < len(b.words) {
			b.compound(w+b.words[i+1]+b.words[i+2], kind)
		}
	}
}

func (b *bag) compound(w string, kind uint8) {
	t := b.compounds[w]
	t.add(1, kind)
	b.compounds[w] = t
}

func (b *bag) decl(d ast.Decl) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		b.add(d.Name.Name, kindOther)
		if d.Body != nil {
			b.strings(d.Body)
		}
	case *ast.GenDecl:
		if d.Tok == token.IMPORT {
			return
		}
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				b.add(s.Name.Name, kindName)
				b.typeExpr(s.Type)
			case *ast.ValueSpec:
				if d.Tok == token.CONST {
					for _, n := range s.Names {
						b.add(n.Name, kindOther)
					}
				}
				for _, v := range s.Values {
					b.strings(v)
				}
			}
		}
	}
}

// typeExpr records the field and method names of struct and interface
// types, nested ones included.
func (b *bag) typeExpr(e ast.Expr) {
	ast.Inspect(e, func(n ast.Node) bool {
		var fields *ast.FieldList
		switch n := n.(type) {
		case *ast.StructType:
			fields = n.Fields
		case *ast.InterfaceType:
			fields = n.Methods
		case *ast.FuncType:
			return false // parameter names say little
		default:
			return true
		}
		for _, f := range fields.List {
			for _, name := range f.Names {
				b.add(name.Name, kindOther)
			}
			if len(f.Names) == 0 {
				if name := embeddedName(f.Type); name != "" {
					b.add(name, kindOther)
				}
			}
			b.typeExpr(f.Type)
		}
		return false
	})
}

// embeddedName is the name an embedded field or interface takes from its
// type: types.PullReq -> PullReq, *Base -> Base.
func embeddedName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.SelectorExpr:
			return t.Sel.Name
		case *ast.Ident:
			return t.Name
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		default:
			return ""
		}
	}
}

// strings records the identifier-like string literals under n.
func (b *bag) strings(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, ok := identifierLike(lit.Value); ok {
				b.add(s, kindOther)
			}
		}
		return true
	})
}
