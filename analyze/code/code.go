package code

import (
	"context"
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/token"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
)

// Loader names.
const (
	LoaderPackages = "go/packages"
	LoaderSyntax   = "syntax"
)

// Options control Load.
type Options struct {
	// Rules decide which directories and files are in scope; nil means the
	// go command's conventions only.
	Rules *scope.Rules
	// Syntax skips the go command and uses the syntax-only loader.
	Syntax bool
	// Visit, when set, makes Load parse each analyzed file in full, with
	// comments, and hand it to the function, so that other signals (SQL
	// in string literals, the vocabulary) share the one parse. Generated
	// files, which the import graph leaves out, are handed over too,
	// marked. It is called from several goroutines at once. What it
	// returns is what Memo keeps of the file for Recall.
	Visit func(File) []byte
	// Memo, when set with Visit and Recall, remembers the files of this
	// load; a file it remembers from an earlier one is not parsed: Recall
	// gets the bytes Visit returned for it, with a File that has no Fset
	// or AST, and reports whether it could use them (if not, the file is
	// parsed for Visit after all). Recall is called from several
	// goroutines at once.
	Memo   *Memo
	Recall func(File, []byte) bool
	// Context, when set, stops the go command when it is done: Load then
	// fails with its error instead of falling back.
	Context context.Context
}

// File is a parsed Go file of the repository, as Options.Visit sees it.
type File struct {
	Dir        string // the package directory, relative to the root
	ImportPath string // the package's import path
	Path       string // the file, relative to the root
	Fset       *token.FileSet
	AST        *ast.File // parsed with comments
	// Generated marks a "// Code generated ... DO NOT EDIT." file.
	Generated bool
}

// Graph is a repository's internal import graph.
type Graph struct {
	Packages []*Package // sorted by Dir
	Imports  []Import   // sorted by From, then To

	// Loader is LoaderPackages or LoaderSyntax; FallbackReason says why the
	// go/packages loader was not used when it was not asked to be skipped.
	Loader         string
	FallbackReason string

	Files     int      // Go files analyzed
	Read      int      // Go files read: analyzed, generated, cgo, unparsable
	Recalled  int      // of Read, those taken from Options.Memo instead of parsed
	Excluded  int      // Go files left out by user exclude patterns
	Generated []string // generated Go files left out, sorted
	Warnings  []Warning
}

// Package is one package of the repository.
type Package struct {
	Dir        string // relative to the repository root, slash-separated, "." for the root
	ImportPath string
	Name       string // the package clause, without a _test suffix
	Files      []string
	FileLOC    []int // the lines of code of each of Files
	// FileDeps are the repository packages (directories) each of Files
	// imports, sorted: where a package too large to place whole is cut
	// by its files, each part keeps its own imports.
	FileDeps   [][]string
	LOC        int
	StdImports int // distinct standard-library packages imported
	DepImports int // distinct third-party packages imported
}

// Main reports whether p is a command.
func (p *Package) Main() bool { return p.Name == "main" }

// Import is an edge of the graph.
type Import struct {
	From, To string // package directories
	Files    int    // files of From that import To
	// At is where the first importing file (by name) imports To, as
	// file:line relative to the root: a place to point a reviewer at.
	At string
}

// Warning is a problem that cost part of the graph, or nothing, but
// deserves a look.
type Warning struct {
	Message string
	Where   string // file[:line[:col]] relative to the root, or empty
}

// Load builds the internal import graph of r.
func Load(r *repo.Repo, opt Options) (*Graph, error) {
	rules := opt.Rules
	if rules == nil {
		rules = &scope.Rules{}
	}
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	g := &Graph{}
	for _, w := range r.Warnings {
		g.Warnings = append(g.Warnings, Warning{Message: w.Message, Where: w.Where})
	}
	for _, s := range r.Skipped {
		g.Warnings = append(g.Warnings, Warning{Message: repo.SkipReason(s.Err), Where: s.Path})
	}
	var listed []listedPackage
	// A repository read from a commit's tree has no directory for the go
	// command to run in.
	if !opt.Syntax && r.FS == nil {
		if reason := unsafeForGo(r); reason != "" {
			g.FallbackReason = reason
		} else {
			ls, warns, failed, calls := listPackages(ctx, r, rules)
			switch {
			case ctx.Err() != nil:
				return nil, ctx.Err()
			case len(failed) == calls:
				g.FallbackReason = failed[0].reason
			case len(ls) == 0:
				g.FallbackReason = "the go command listed no package of the repository"
			default:
				listed, g.Loader = ls, LoaderPackages
				g.Warnings = append(g.Warnings, warns...)
				// One module the go command cannot list (a dependency
				// missing from the module cache) costs that module's
				// go/packages listing, not the others'.
				ws, more := syntaxFor(r, rules, failed)
				listed = append(listed, ws...)
				g.Warnings = append(g.Warnings, more...)
			}
		}
	}
	if g.Loader == "" {
		g.Loader = LoaderSyntax
		var warns []Warning
		listed, warns = walkPackages(r, rules, memoOf(opt))
		g.Warnings = append(g.Warnings, warns...)
	}
	if err := g.build(r, rules, listed, opt); err != nil {
		return nil, err
	}
	return g, nil
}

// memoOf is the memo the load uses: none without both Visit and Recall.
func memoOf(opt Options) *Memo {
	if opt.Visit == nil || opt.Recall == nil {
		return nil
	}
	return opt.Memo
}

// contentHash is the hash a HashFS gives of the file at name.
func contentHash(fsys fs.FS, name string) (string, bool) {
	if h, ok := fsys.(HashFS); ok {
		return h.ContentHash(name)
	}
	return "", false
}

// syntaxFor lists the packages of the modules whose go command run
// failed with the syntax loader, with a warning for each failure.
func syntaxFor(r *repo.Repo, rules *scope.Rules, failed []goFailure) ([]listedPackage, []Warning) {
	if len(failed) == 0 {
		return nil, nil
	}
	moduleAt := map[string]repo.Module{}
	for _, m := range r.Modules {
		moduleAt[m.Dir] = m
	}
	fell := map[string]bool{}
	var warns []Warning
	for _, f := range failed {
		for _, m := range f.modules {
			fell[m] = true
			warns = append(warns, Warning{Message: f.reason + "; this module's files were matched to build constraints by go/build", Where: path.Join(m, "go.mod")})
		}
	}
	all, walkWarns := walkPackages(r, rules, nil)
	var out []listedPackage
	for _, lp := range all {
		if m, ok := repo.ModuleOf(moduleAt, lp.dir); ok && fell[m.Dir] {
			out = append(out, lp)
		}
	}
	for _, w := range walkWarns {
		if m, ok := repo.ModuleOf(moduleAt, path.Dir(w.Where)); ok && fell[m.Dir] {
			warns = append(warns, w)
		}
	}
	return out, warns
}

// unsafeForGo says why the go command must not run on r, if it must
// not: it would read a file seams refuses (a FIFO would hang it, a link
// out of the repository would show what lies there in its errors).
func unsafeForGo(r *repo.Repo) string {
	for _, s := range r.Skipped {
		if p := strings.ToLower(s.Path); strings.HasSuffix(p, ".sql") || p == ".seams.yaml" {
			continue
		}
		return fmt.Sprintf("the go command would read %s, which seams %s", s.Path, repo.SkipReason(s.Err))
	}
	for _, m := range r.Modules {
		if m.Outside != "" {
			return "the go command would read outside the repository: " + m.Outside
		}
	}
	return ""
}

// listedPackage is what a loader found: a directory, its import path and
// the files the build would compile, before any file is read.
type listedPackage struct {
	dir        string
	importPath string
	files      []string // relative to the root
}

func (g *Graph) build(r *repo.Repo, rules *scope.Rules, listed []listedPackage, opt Options) error {
	// Loaders may list one directory several times (test variants, a
	// package and its external test package): merge them.
	byDir := map[string]*listedPackage{}
	for _, lp := range listed {
		if rules.SkipDir(lp.dir) && lp.dir != "." {
			continue
		}
		m := byDir[lp.dir]
		if m == nil {
			m = &listedPackage{dir: lp.dir, importPath: lp.importPath}
			byDir[lp.dir] = m
		}
		if m.importPath == "" || strings.HasSuffix(m.importPath, "_test") {
			m.importPath = lp.importPath
		}
		m.files = append(m.files, lp.files...)
	}

	type job struct {
		pkg  *listedPackage
		file string
	}
	var jobs []job
	for _, lp := range byDir {
		sort.Strings(lp.files)
		lp.files = dedup(lp.files)
		for _, f := range lp.files {
			if rules.SkipFile(f) {
				if rules.UserExcluded(f) {
					g.Excluded++
				}
				continue
			}
			jobs = append(jobs, job{lp, f})
		}
	}
	fsys := r.Files()
	results := make([]fileInfo, len(jobs))
	var eg errgroup.Group
	eg.SetLimit(runtime.GOMAXPROCS(0))
	memo := memoOf(opt)
	var recalled atomic.Int64
	for i, j := range jobs {
		eg.Go(func() error {
			ip := strings.TrimSuffix(j.pkg.importPath, "_test")
			var visit func(*token.FileSet, *ast.File, bool) []byte
			if v := opt.Visit; v != nil {
				visit = func(fset *token.FileSet, f *ast.File, generated bool) []byte {
					return v(File{Dir: j.pkg.dir, ImportPath: ip, Path: j.file, Fset: fset, AST: f, Generated: generated})
				}
			}
			if memo == nil {
				results[i] = readFile(fsys, j.file, visit)
				return nil
			}
			var src []byte
			read := func() bool {
				var err error
				if src, err = readLimited(fsys, j.file, MaxFileSize); err != nil {
					results[i] = fileInfo{err: err}
					return false
				}
				return true
			}
			// A file of a HashFS is read only when the memo misses it.
			var k [sha256.Size]byte
			hash, hashed := contentHash(fsys, j.file)
			if hashed {
				k = hashKey("file", j.pkg.dir, ip, j.file, hash)
			} else {
				if !read() {
					return nil
				}
				k = memoKey(j.pkg.dir, ip, j.file, src)
			}
			if e := memo.recall(k, hashed); e != nil &&
				(!e.visited || opt.Recall(File{Dir: j.pkg.dir, ImportPath: ip, Path: j.file, Generated: e.info.generated}, e.visit)) {
				results[i] = e.info
				recalled.Add(1)
				return nil
			}
			if hashed && !read() {
				return nil
			}
			fi, out, visited := parseFile(j.file, src, visit)
			if fi.err == nil {
				memo.remember(k, &memoEntry{info: fi, visited: visited, visit: out}, hashed)
			}
			results[i] = fi
			return nil
		})
	}
	eg.Wait()
	g.Read, g.Recalled = len(jobs), int(recalled.Load())

	internal := map[string]string{} // import path -> dir
	pkgs := map[string]*Package{}
	imports := map[string]map[string]bool{} // per dir: import paths, to count distinct ones
	fileImports := make([][]string, len(jobs))
	fileIndex := make([]int, len(jobs)) // job -> its index in its package's Files, plus 1
	for i, fi := range results {
		j := jobs[i]
		switch {
		case fi.err != nil:
			msg := repo.SkipReason(fi.err)
			if msg == "" {
				msg = fi.err.Error()
			}
			g.Warnings = append(g.Warnings, Warning{Message: msg, Where: j.file})
			continue
		case fi.generated:
			g.Generated = append(g.Generated, j.file)
			continue
		case fi.warn != "":
			g.Warnings = append(g.Warnings, Warning{Message: fi.warn, Where: j.file})
		}
		switch {
		case fi.cgo:
			// The go command leaves cgo files out with CGO_ENABLED=0; so
			// must the syntax loader, or the two would disagree.
			continue
		}
		p := pkgs[j.pkg.dir]
		if p == nil {
			p = &Package{Dir: j.pkg.dir, ImportPath: strings.TrimSuffix(j.pkg.importPath, "_test")}
			pkgs[p.Dir] = p
			internal[p.ImportPath] = p.Dir
			imports[p.Dir] = map[string]bool{}
		}
		if name := strings.TrimSuffix(fi.pkgName, "_test"); p.Name == "" || (p.Name != name && !strings.HasSuffix(j.file, "_test.go")) {
			p.Name = name
		}
		p.Files = append(p.Files, j.file)
		p.FileLOC = append(p.FileLOC, fi.loc)
		p.LOC += fi.loc
		fileImports[i] = fi.imports
		fileIndex[i] = len(p.Files)
		for _, ip := range fi.imports {
			imports[p.Dir][ip] = true
		}
	}
	if len(pkgs) == 0 {
		return fmt.Errorf("no Go packages found under %s", r.Root)
	}

	edges := map[[2]string]int{}
	at := map[[2]string]string{}
	for _, p := range pkgs {
		p.FileDeps = make([][]string, len(p.Files))
	}
	for i, ips := range fileImports {
		from := jobs[i].pkg.dir
		seen := map[string]bool{}
		for k, ip := range ips {
			to, ok := internal[ip]
			if !ok || to == from || seen[to] {
				continue
			}
			seen[to] = true
			if fi := fileIndex[i] - 1; fi >= 0 {
				p := pkgs[from]
				p.FileDeps[fi] = append(p.FileDeps[fi], to)
			}
			key := [2]string{from, to}
			edges[key]++
			where := fmt.Sprintf("%s:%d", jobs[i].file, results[i].lines[k])
			if prev, ok := at[key]; !ok || where < prev {
				at[key] = where
			}
		}
	}
	for dir, ips := range imports {
		p := pkgs[dir]
		for ip := range ips {
			switch {
			case internal[ip] != "":
			case isStd(ip):
				p.StdImports++
			default:
				p.DepImports++
			}
		}
	}

	for _, p := range pkgs {
		for _, deps := range p.FileDeps {
			slices.Sort(deps)
		}
		g.Packages = append(g.Packages, p)
		g.Files += len(p.Files)
	}
	sort.Slice(g.Packages, func(i, j int) bool { return g.Packages[i].Dir < g.Packages[j].Dir })
	for k, n := range edges {
		g.Imports = append(g.Imports, Import{From: k[0], To: k[1], Files: n, At: at[k]})
	}
	sort.Slice(g.Imports, func(i, j int) bool {
		a, b := g.Imports[i], g.Imports[j]
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	sort.Strings(g.Generated)
	sortWarnings(g.Warnings)
	g.Warnings = dedupWarnings(g.Warnings)
	return nil
}

// isStd reports whether an import path names a standard-library package,
// by the go command's own rule: the first element has no dot.
func isStd(ip string) bool {
	first, _, _ := strings.Cut(ip, "/")
	return !strings.Contains(first, ".")
}

func sortWarnings(ws []Warning) {
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].Where != ws[j].Where {
			return ws[i].Where < ws[j].Where
		}
		return ws[i].Message < ws[j].Message
	})
}

func dedupWarnings(ws []Warning) []Warning {
	out := ws[:0]
	for i, w := range ws {
		if i > 0 && w == ws[i-1] {
			continue
		}
		out = append(out, w)
	}
	return out
}

func dedup(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i > 0 && x == s[i-1] {
			continue
		}
		out = append(out, x)
	}
	return out
}
