package tables

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Collector gathers SQL from Go files parsed elsewhere: seams parses every
// Go file once and hands the syntax tree to both the import graph and
// this collector. AddFile keeps only small summaries (string
// expressions, calls by name, references), so no syntax tree outlives
// its file; Finish does the evaluation, SQL reading and attribution.
type Collector struct {
	opt      Options
	mu       sync.Mutex
	pkgs     map[string]*pkgInfo // by package directory
	warnings []Warning           // files and literals skipped by the size limits
	singular bool                // gorm's SingularTable is set somewhere
}

// pkgInfo is what the files of one package directory contributed.
type pkgInfo struct {
	dir, importPath string
	roots           []*root
	consts          map[string]*root // package-level string bindings
	funcs           map[string]*funcInfo
	embeds          []embedPattern
	pathLits        []pathLit
	drivers         []string
	builderLib      bool
	imports         map[string]bool // of all its files, for call resolution
	files           int             // Go files added
	testFiles       int             // of which tests: all of them make a test-only package
	testOnly        bool            // set by Finish
	orm             []*ormSite
	structs         map[string]structDecl
	entTables       map[string]string // ent schema type -> table
	ormLibs         []string          // ORM libraries imported directly
}

type embedPattern struct {
	pattern string // relative to the package directory
	fn      string // variable it fills, for the record
}

type pathLit struct {
	path string // a path ending in .sql or a directory, from a literal
}

// funcInfo summarizes one function or method.
type funcInfo struct {
	pkg, name, key string
	recv           string   // receiver type name, "" for a function
	file           []string // import paths of its file, for call resolution
	calls          []call
	refs           []ref            // identifiers used as values, in order, with repeats
	lits           []string         // short literal arguments: candidate query names
	test           bool             // in a test file (or, after Finish marks it, a test-only package)
	locals         map[string]*root // local string bindings, by name (the first binding)
	dbRefs         map[string]bool  // names passed to a database call
}

// ref is an identifier used as a value; db when as a database-call argument.
type ref struct {
	name string
	db   bool
}

// call is a call site, resolved by name in Finish.
type call struct {
	imp    string // import path of pkg in pkg.F(...)
	name   string
	method bool // x.M(...), x not an import
	recv   bool // x is the enclosing method's receiver
	local  bool // F(...) in the same package
}

// NewCollector returns an empty collector.
func NewCollector(opt Options) *Collector {
	return &Collector{opt: opt, pkgs: map[string]*pkgInfo{}}
}

// driverDialects maps database driver import paths to dialects.
var driverDialects = map[string]string{
	"github.com/lib/pq":                      "postgres",
	"github.com/jackc/pgx":                   "postgres",
	"github.com/jackc/pgx/v4":                "postgres",
	"github.com/jackc/pgx/v5":                "postgres",
	"github.com/jackc/pgx/v5/stdlib":         "postgres",
	"github.com/jackc/pgx/v4/stdlib":         "postgres",
	"github.com/jackc/pgx/v5/pgxpool":        "postgres",
	"github.com/jackc/pgx/v4/pgxpool":        "postgres",
	"gorm.io/driver/postgres":                "postgres",
	"github.com/go-sql-driver/mysql":         "mysql",
	"gorm.io/driver/mysql":                   "mysql",
	"github.com/mattn/go-sqlite3":            "sqlite",
	"modernc.org/sqlite":                     "sqlite",
	"github.com/glebarez/sqlite":             "sqlite",
	"github.com/glebarez/go-sqlite":          "sqlite",
	"gorm.io/driver/sqlite":                  "sqlite",
	"github.com/ncruces/go-sqlite3":          "sqlite",
	"zombiezen.com/go/sqlite":                "sqlite",
	"sql.Open:postgres":                      "postgres",
	"sql.Open:pgx":                           "postgres",
	"sql.Open:mysql":                         "mysql",
	"sql.Open:sqlite3":                       "sqlite",
	"sql.Open:sqlite":                        "sqlite",
	"github.com/jackc/pgx/v5/pgconn":         "postgres",
	"github.com/jackc/pgx/v4/pgconn":         "postgres",
	"github.com/go-pg/pg/v10":                "postgres",
	"github.com/uptrace/bun/driver/pgdriver": "postgres",
}

// builderLibs are import path prefixes of query builders and ORMs; a
// package must import one for its From("t")/Insert("t") calls to count,
// since names like Delete("x") are common elsewhere (HTTP routers, caches).
var builderLibs = []string{
	"github.com/Masterminds/squirrel", "gopkg.in/Masterminds/squirrel", "github.com/doug-martin/goqu",
	"gorm.io/gorm", "github.com/jinzhu/gorm", "xorm.io/", "github.com/go-xorm/", "github.com/uptrace/bun",
	"github.com/go-pg/pg", "github.com/huandu/go-sqlbuilder", "github.com/gocraft/dbr", "github.com/upper/db",
	"github.com/pocketbase/dbx", "github.com/Masterminds/squirrel/v2",
	"github.com/beego/beego/v2/client/orm", "github.com/astaxie/beego/orm",
}

// File is one parsed Go file for Add.
type File struct {
	// Pkg is the package directory relative to the repository root
	// (slash-separated, "." for the root); Path is the file relative to
	// the root; ImportPath is the package's import path.
	Pkg, ImportPath, Path string
	// Fset holds the positions of AST, which was parsed with
	// parser.ParseComments (and may use SkipObjectResolution).
	Fset *token.FileSet
	AST  *ast.File
	// Generated marks a "// Code generated ... DO NOT EDIT." file: its
	// statements are marked Generated (see Options.NoGenerated).
	Generated bool
}

// AddFile records what one hand-written Go file holds; see Add.
func (c *Collector) AddFile(pkg, importPath, path string, fset *token.FileSet, f *ast.File) {
	c.Add(File{Pkg: pkg, ImportPath: importPath, Path: path, Fset: fset, AST: f})
}

// Add records what one Go file holds; safe for concurrent use. A file
// ending in _test.go, or in a test directory (see TestDirs), holds
// test SQL (see Options.Tests). Add is AddSummary of Summarize.
func (c *Collector) Add(file File) {
	c.AddSummary(file.Pkg, file.ImportPath, file.Path, Summarize(file))
}

// Summary is what one Go file gives a Collector, without its syntax
// tree: Summarize makes it and AddSummary adds it. It survives
// MarshalBinary and UnmarshalBinary (summary.go), so that a file whose
// contents did not change need not be parsed again.
type Summary struct {
	tooBig          *Warning // the file was not read, for this reason
	test, generated bool
	impList         []string // nil when the file imports nothing
	drivers         []string // database drivers imported or named to sql.Open
	warnings        []Warning
	singular        bool
	roots           []*root
	funcs           []*funcInfo
	orm             []*ormSite
	structs         []structDecl
	entTables       [][2]string
	embeds          []embedPattern
	paths           []pathLit
}

// Summarize reads one Go file as Add takes it.
func Summarize(file File) *Summary {
	pkg, path, fset, f := file.Pkg, file.Path, file.Fset, file.AST
	if size := f.FileEnd - f.FileStart; int(size) > MaxGoFile {
		return &Summary{tooBig: &Warning{
			Message: fmt.Sprintf("Go file of %d bytes skipped: larger than %s", size, sizeName(MaxGoFile)), Where: path}}
	}
	test := strings.HasSuffix(path, "_test.go") || inTestDir(path)
	w := &fileWalker{fset: fset, pkg: pkg, path: path, imports: map[string]string{}, covered: map[ast.Node]bool{},
		test: test, generated: file.Generated}
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		w.impList = append(w.impList, p)
		name := importName(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name != "_" && name != "." {
			w.imports[name] = p
		}
		if _, ok := driverDialects[p]; ok {
			w.drivers = append(w.drivers, p)
		}
	}
	for _, d := range f.Decls {
		clear(w.covered)
		switch d := d.(type) {
		case *ast.FuncDecl:
			w.funcDecl(d)
		case *ast.GenDecl:
			w.topDecl(d)
		}
	}
	return &Summary{test: test, generated: file.Generated, impList: w.impList, drivers: w.drivers, warnings: w.warnings, singular: w.singular,
		roots: w.roots, funcs: w.funcs, orm: w.orm, structs: w.structs, entTables: w.entTables,
		embeds: fileEmbeds(f), paths: w.paths}
}

// AddSummary adds what Summarize read of a file of the package in pkg
// whose import path is importPath; path is the file. Safe for concurrent
// use; s must not be used again.
func (c *Collector) AddSummary(pkg, importPath, path string, s *Summary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.tooBig != nil {
		c.warnings = append(c.warnings, *s.tooBig)
		return
	}
	s.place(pkg, path)
	p := c.pkgs[pkg]
	if p == nil {
		p = &pkgInfo{dir: pkg, importPath: importPath, consts: map[string]*root{}, funcs: map[string]*funcInfo{}, imports: map[string]bool{}}
		c.pkgs[pkg] = p
	}
	c.warnings = append(c.warnings, s.warnings...)
	c.singular = c.singular || s.singular
	p.files++
	if s.test {
		p.testFiles++
	}
	p.drivers = append(p.drivers, s.drivers...)
	for _, imp := range s.impList {
		p.imports[imp] = true
		if slices.ContainsFunc(builderLibs, func(b string) bool { return strings.HasPrefix(imp, b) }) {
			p.builderLib = true
		}
	}
	p.orm = append(p.orm, s.orm...)
	for _, d := range s.structs {
		if p.structs == nil {
			p.structs = map[string]structDecl{}
		}
		p.structs[d.name] = d
	}
	for _, e := range s.entTables {
		if p.entTables == nil {
			p.entTables = map[string]string{}
		}
		p.entTables[e[0]] = e[1]
	}
	for _, imp := range s.impList {
		if ormLibOf(imp) != "" && !slices.Contains(p.ormLibs, imp) {
			p.ormLibs = append(p.ormLibs, imp)
		}
	}
	p.embeds = append(p.embeds, s.embeds...)
	p.pathLits = append(p.pathLits, s.paths...)
	for _, r := range s.roots {
		p.roots = append(p.roots, r)
		if r.fn == "" && r.bind != "" {
			p.consts[r.bind] = r
		}
	}
	for _, fi := range s.funcs {
		if old, ok := p.funcs[fi.key]; ok && old.file != nil {
			continue // a duplicate under build tags: keep the first
		}
		p.funcs[fi.key] = fi
	}
}

// fileEmbeds reads the //go:embed directives of a file.
func fileEmbeds(f *ast.File) []embedPattern {
	var out []embedPattern
	for _, cg := range f.Comments {
		for _, cm := range cg.List {
			rest, ok := strings.CutPrefix(cm.Text, "//go:embed")
			if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
				continue
			}
			for _, field := range strings.Fields(rest) {
				if u, err := strconv.Unquote(field); err == nil {
					field = u
				}
				field = strings.TrimPrefix(field, "all:")
				out = append(out, embedPattern{pattern: field})
			}
		}
	}
	return out
}

// pathLit keeps a string literal that looks like the path of a .sql
// file or of a directory holding them, so a package that loads SQL at run
// time (os.ReadFile("db/schema.sql"), goyesql.ParseFile) owns it. Only
// literals mentioning sql, migration, quer or schema are kept: a cheap
// filter, since every literal of the file passes here.
func (w *fileWalker) pathLit(lit *ast.BasicLit) {
	if len(lit.Value) > 200 || len(lit.Value) < 5 {
		return
	}
	if !strings.Contains(lit.Value, ".sql") && !strings.Contains(lit.Value, "/") {
		return // every literal passes here: stay allocation-free
	}
	low := strings.ToLower(lit.Value)
	if !strings.Contains(low, "sql") && !strings.Contains(low, "migration") &&
		!strings.Contains(low, "quer") && !strings.Contains(low, "schema") {
		return
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil || strings.ContainsAny(s, " \n\t") {
		return
	}
	for _, part := range strings.Split(s, ":") {
		part = strings.Trim(strings.TrimPrefix(part, "./"), "/")
		if part != "" && part != "." {
			w.paths = append(w.paths, pathLit{path: part})
		}
	}
}
