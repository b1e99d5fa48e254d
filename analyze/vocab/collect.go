package vocab

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"
	"sync"

	"github.com/seams-tool/seams/analyze/internal/wire"
)

// Collector gathers the vocabulary of Go files parsed elsewhere, per
// package directory. seams parses every Go file once and hands each tree
// to its collectors; AddFile keeps only the names it found and how often,
// so no syntax tree outlives its file. Splitting, folding, weighing and
// comparing all happen in Finish, once per distinct name.
// The zero Collector is not ready: use NewCollector.
type Collector struct {
	mu    sync.Mutex
	ids   map[string]int32             // the distinct names' texts, numbered as they come
	texts []string                     // by id
	pkgs  map[string]map[nameKey]int32 // by package directory: how often each name occurs
}

// nameKey is a name as a package holds it: its text's id and its kind.
type nameKey struct {
	id   int32
	kind uint8
}

// name is a text found in a package (an identifier, a string literal's
// content, a caller's term) and where it was found.
type name struct {
	text string
	kind uint8
}

// Where a name was found, weakest first; see boost.
const (
	kindOther uint8 = iota // function, method, field, constant names; strings
	kindName               // declared type names; terms from AddTerms
	kindPath               // segments of the package directory
)

// boost multiplies a term's weight by where it was seen: a directory or
// a type names its domain more reliably than a field or a method does.
var boost = [...]float64{kindOther: 1, kindName: 1.5, kindPath: 2}

// NewCollector returns an empty collector.
func NewCollector() *Collector {
	return &Collector{ids: map[string]int32{}, pkgs: map[string]map[nameKey]int32{}}
}

// AddFile records the vocabulary of one Go file of the package in dir
// (relative to the repository root, slash-separated, "." for the root).
// It is safe for concurrent use. Test files (named *_test.go in fset) are
// skipped: their words describe the tests. The names taken are those of
// declared types, functions, methods, struct fields (an embedded field's
// type name), interface methods and package-level constants, and the
// identifier-like string literals (see identifierLike) in the values of
// package-level constants and variables; import paths, struct tags and
// function bodies are not read.
func (c *Collector) AddFile(dir string, fset *token.FileSet, f *ast.File) {
	c.AddSummary(dir, Summarize(fset, f))
}

// Summary is the vocabulary of one file, without its syntax tree:
// Summarize makes it and AddSummary adds it. It survives MarshalBinary
// and UnmarshalBinary, so that a file whose contents did not change need
// not be parsed again. A nil Summary is a file that adds nothing (a test
// file).
type Summary struct{ names []name }

// Summarize reads the names of a file as AddFile takes them.
func Summarize(fset *token.FileSet, f *ast.File) *Summary {
	if f == nil {
		return nil
	}
	if fset != nil {
		if tf := fset.File(f.Package); tf != nil && strings.HasSuffix(tf.Name(), "_test.go") {
			return nil
		}
	}
	b := bags.Get().(*bag)
	for _, d := range f.Decls {
		b.decl(d)
	}
	s := &Summary{names: slices.Clone(b.names)}
	b.names = b.names[:0]
	bags.Put(b)
	return s
}

// AddSummary adds what Summarize read of a file of the package in dir.
// Safe for concurrent use.
func (c *Collector) AddSummary(dir string, s *Summary) {
	if s != nil {
		c.merge(dir, &bag{names: s.names})
	}
}

// summaryVersion changes whenever Summary's encoding or what Summarize
// records changes.
const summaryVersion = 1

// MarshalBinary encodes s.
func (s *Summary) MarshalBinary() ([]byte, error) {
	var w wire.Writer
	w.Uint(summaryVersion)
	w.Len(len(s.names))
	for _, n := range s.names {
		w.String(n.text)
		w.Uint(uint64(n.kind))
	}
	return w.B, nil
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (s *Summary) UnmarshalBinary(b []byte) error {
	r := wire.NewReader(b)
	if r.Uint() != summaryVersion {
		return wire.ErrMalformed
	}
	s.names = make([]name, r.Len(1))
	for i := range s.names {
		s.names[i] = name{text: r.String(), kind: uint8(r.Uint())}
		if s.names[i].kind > kindPath {
			return wire.ErrMalformed
		}
	}
	return r.Done()
}

// AddTerms records terms the caller knows about the package in dir, such
// as the database tables it touches ("pull_requests",
// "public.pullreq_reviewers"). They are split and folded like
// identifiers and weigh like type names. Safe for concurrent use.
func (c *Collector) AddTerms(dir string, terms ...string) {
	b := &bag{}
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
		p = map[nameKey]int32{}
		c.pkgs[dir] = p
	}
	for _, n := range b.names {
		p[nameKey{c.intern(n.text), n.kind}]++
	}
}

// intern returns the id of text; the caller holds c.mu.
func (c *Collector) intern(text string) int32 {
	id, ok := c.ids[text]
	if !ok {
		id = int32(len(c.texts))
		c.ids[text] = id
		c.texts = append(c.texts, text)
	}
	return id
}

// bag is the names of one file or one AddTerms call, gathered without
// the lock.
type bag struct {
	names []name
}

var bags = sync.Pool{New: func() any { return &bag{} }}

func (b *bag) add(text string, kind uint8) {
	b.names = append(b.names, name{text, kind})
}

func (b *bag) decl(d ast.Decl) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		b.add(d.Name.Name, kindOther)
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
// types, nested ones included (struct{ A struct{ B int } },
// []struct{...}, map[K]struct{...}); function types are not entered,
// since parameter names say little.
func (b *bag) typeExpr(e ast.Expr) {
	for {
		var fields *ast.FieldList
		switch t := e.(type) {
		case *ast.StructType:
			fields = t.Fields
		case *ast.InterfaceType:
			fields = t.Methods
		case *ast.StarExpr:
			e = t.X
			continue
		case *ast.ArrayType:
			e = t.Elt
			continue
		case *ast.MapType:
			b.typeExpr(t.Key)
			e = t.Value
			continue
		case *ast.ChanType:
			e = t.Value
			continue
		case *ast.ParenExpr:
			e = t.X
			continue
		}
		if fields == nil {
			return
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
		return
	}
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

// strings records the identifier-like string literals of a package-level
// constant or variable's value (a literal, a concatenation, a composite
// literal of names). Function bodies are not read: walking every body
// would cost as much as the rest of the pass, and the names a domain
// gives its constants are mostly declared at package level.
func (b *bag) strings(e ast.Expr) {
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				if s, ok := identifierLike(n.Value); ok {
					b.add(s, kindOther)
				}
			}
		case *ast.FuncLit:
			return false
		}
		return true
	})
}
