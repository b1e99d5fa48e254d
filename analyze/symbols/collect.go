package symbols

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"
	"sync"
)

// Collector gathers the declarations and uses of Go files parsed
// elsewhere. Add reduces each file to a small summary (its imports, its
// declarations and a trie of the selector chains it holds, see node), so
// no syntax tree outlives its call; Finish resolves the chains against
// every package's declarations at once. The zero Collector is not ready:
// use NewCollector.
type Collector struct {
	mu    sync.Mutex
	ids   map[string]int32 // interned names and import paths
	texts []string         // by id
	files []*fileSum
	// skipped are the files whose tree could not be walked, with why.
	skipped []string
}

// NewCollector returns an empty collector.
func NewCollector() *Collector {
	return &Collector{ids: map[string]int32{}}
}

// Add records one Go file of the package in dir (relative to the
// repository root, slash-separated) whose import path is importPath;
// path is the file relative to the root, as positions are reported. It
// is safe for concurrent use. A file is generated when it carries the
// "// Code generated ... DO NOT EDIT." comment before its package clause
// (ast.IsGenerated), as code.File.Generated says; a test file is one
// named *_test.go. Test files declare nothing (no other package can use
// their names) but their uses count, marked.
func (c *Collector) Add(dir, importPath, path string, fset *token.FileSet, f *ast.File) {
	c.AddSummary(dir, importPath, path, Summarize(path, fset, f))
}

// Summary is what one file gives a Collector, without its syntax tree:
// Summarize makes it and AddSummary adds it. It survives MarshalBinary
// and UnmarshalBinary, so that a file whose contents did not change
// need not be parsed again.
type Summary struct {
	strs    []string // the file's string table
	sum     fileSum  // with ids into strs; dir, importPath and path are set when added
	skipped string   // why the file's tree could not be walked; "" when it could
}

// Summarize reads the file path (relative to the root, as positions are
// reported); Add is AddSummary of it.
func Summarize(path string, fset *token.FileSet, f *ast.File) *Summary {
	if f == nil || f.Name == nil || fset == nil {
		return &Summary{skipped: path + ": no syntax tree, package clause or file set"}
	}
	s := &Summary{sum: fileSum{path: path, test: strings.HasSuffix(path, "_test.go"), generated: ast.IsGenerated(f)}}
	b := builders.Get().(*builder)
	defer builders.Put(b)
	defer b.release()
	b.reset(&s.sum, fset.File(f.Package))
	if err := b.walk(f); err != nil {
		return &Summary{skipped: path + ": " + err.Error()}
	}
	b.done()
	s.strs = slices.Clone(b.strs)
	return s
}

// AddSummary adds what Summarize read of a file of the package in dir
// whose import path is importPath; see Add. s must not be used again.
func (c *Collector) AddSummary(dir, importPath, path string, s *Summary) {
	if s.skipped != "" {
		c.mu.Lock()
		c.skipped = append(c.skipped, s.skipped)
		c.mu.Unlock()
		return
	}
	s.sum.dir, s.sum.importPath, s.sum.path = dir, importPath, path
	s.sum.test = strings.HasSuffix(path, "_test.go")
	c.merge(s.strs, &s.sum)
}

// merge moves a file's summary into the collector, translating its
// local string ids (into strs) into the collector's.
func (c *Collector) merge(strs []string, s *fileSum) {
	c.mu.Lock()
	defer c.mu.Unlock()
	global := make([]int32, len(strs))
	for i, t := range strs {
		global[i] = c.intern(t)
	}
	s.name = global[s.name]
	s.pathID = c.intern(s.importPath)
	for i := range s.nodes {
		if n := &s.nodes[i]; n.kind == nIdent || n.kind == nSel {
			n.name = global[n.name]
		}
	}
	for i := range s.imports {
		im := &s.imports[i]
		im.path = global[im.path]
		if im.alias >= 0 {
			im.alias = global[im.alias]
		}
	}
	for i := range s.decls {
		d := &s.decls[i]
		d.name = global[d.name]
		if d.recv >= 0 {
			d.recv = global[d.recv]
		}
	}
	c.files = append(c.files, s)
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

// fileSum is what one file contributes. Names are string ids: local to
// the builder while it works, the collector's once merged.
type fileSum struct {
	dir, importPath, path string
	pathID                int32 // importPath's id
	name                  int32 // the package clause
	test, generated       bool
	dots                  bool // has dot imports: its free identifiers are sites too
	imports               []imp
	nodes                 []node
	sites                 []site
	decls                 []declSum
	results               []int32 // the decls' result nodes
	deadCalls             int32   // calls x.M() on values already known, in Add, to be of unknown type

	// Finish's memo of what each node resolves to.
	memo   []state
	status []uint8 // 1 visiting, 2 done
}

// imp is an import of a file.
type imp struct {
	path  int32
	alias int32 // the explicit name, -1 without one
	exact int32 // the name it surely goes by, set in Finish: alias or package clause; -1 if only guessed
	dot   bool
}

// site is a node the file names at some places: a selector x.Sel or,
// in a file with dot imports, a free identifier.
type site struct {
	node  int32
	count int32 // occurrences
	calls int32 // of which called: x.Sel(...)
	line  int32 // of the first occurrence
}

// declSum is a package-level declaration, or a method, field or
// embedded type of a named type, exported or not: unexported ones
// resolve chains (s.store.Get()) and are not reported.
type declSum struct {
	name int32
	recv int32 // the method's receiver or the field's struct type, -1
	kind uint8 // dFunc...
	form uint8 // of a type
	line int32
	typ  int32 // a value node for vars, consts and fields; the right-hand type node for types
	res0 int32 // a function's or method's results are fileSum.results[res0:res0+nres], value nodes
	nres int32
}

// Declaration kinds.
const (
	dFunc uint8 = iota
	dMethod
	dType
	dVar
	dConst
	dField
	dEmbed      // an embedded field: name is its type's name
	dEmbedIface // an embedded interface: looked into, not reported
)

var kindNames = [...]string{dFunc: Func, dMethod: Method, dType: Type, dVar: Var, dConst: Const, dField: Field, dEmbed: Field, dEmbedIface: Field}

// Type forms.
const (
	fOther uint8 = iota
	fStruct
	fInterface
	fAlias
)

var formNames = [...]string{fOther: FormOther, fStruct: FormStruct, fInterface: FormInterface, fAlias: FormAlias}

// node is one step of a selector chain, in the file's trie of chains: an
// expression's node stands for the type of its value (or for the
// package, type or function it denotes), as far as syntax tells.
// s.store.Get(ctx) is nCall(nSel(nSel(<s>, store), Get)), where <s>,
// the receiver s *Service, is nValue(nIdent(Service)).
type node struct {
	parent int32
	name   int32 // nIdent, nSel: a string id; nCall: the result index
	kind   uint8
}

// Node kinds.
const (
	nUnknown   uint8 = iota // nothing known (node 0)
	nIdent                  // a free identifier: an import, a package-level name, a dot-imported or predeclared one
	nSel                    // parent.name
	nCall                   // result #name of calling parent (a function, or a conversion to a type)
	nElem                   // an element of parent (index, range, receive), or its instantiation when generic
	nValue                  // a value of the type parent denotes
	nContainer              // the type slice, array, map or channel of the type parent denotes
)
