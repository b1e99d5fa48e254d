package code

import (
	"crypto/sha256"
	"go/build"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"

	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"golang.org/x/mod/module"
	"golang.org/x/sync/errgroup"
)

// walkPackages finds the packages by walking the tree, as the go command
// would: a directory with Go files that match the build constraints of
// the host platform (without cgo) is a package of the module above it.
// From a HashFS, memo (if not nil) remembers the matches by the files'
// hashes, so that an unchanged file is not read to match it again.
func walkPackages(r *repo.Repo, rules *scope.Rules, memo *Memo) ([]listedPackage, []Warning) {
	fsys := r.Files()
	ctx := build.Default
	ctx.CgoEnabled = false
	// MatchFile reads through these hooks: paths stay slash-separated and
	// relative, so a commit's tree works as well as a directory.
	ctx.JoinPath = path.Join
	ctx.OpenFile = func(p string) (io.ReadCloser, error) { return fsys.Open(p) }

	moduleAt := map[string]repo.Module{}
	for _, m := range r.Modules {
		moduleAt[m.Dir] = m
	}
	var warns []Warning
	for _, m := range r.Modules {
		if m.Err != nil {
			warns = append(warns, Warning{Message: "go.mod: " + firstLine(m.Err), Where: path.Join(m.Dir, "go.mod")})
		}
	}

	// The walk lists the Go files of packages in modules; matching them to
	// the build constraints comes after.
	type candidate struct{ rel, dir, name, importPath string }
	var candidates []candidate
	fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			// Locate warned of links out, FIFOs and names that are not
			// UTF-8 already.
			if repo.SkipReason(err) == "" && fs.ValidPath(rel) {
				warns = append(warns, Warning{Message: err.Error(), Where: rel})
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if rules.SkipDir(rel) {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") {
			return nil
		}
		if !d.Type().IsRegular() {
			// The go command reads a link to a file as the file; a link
			// out of the repository, or a FIFO, Locate listed as skipped.
			if st, err := fs.Stat(fsys, rel); err != nil || !st.Mode().IsRegular() {
				return nil
			}
		}
		dir := path.Dir(rel)
		m, ok := repo.ModuleOf(moduleAt, dir)
		if !ok || m.Path == "" {
			return nil // outside any module, or a module without a path
		}
		ip, err := repo.ImportPath(m, dir)
		if err != nil && module.CheckImportPath(m.Path) == nil {
			return nil // Locate warned of the directory's name
		}
		candidates = append(candidates, candidate{rel: rel, dir: dir, name: d.Name(), importPath: ip})
		return nil
	})
	// Matching reads each file's header: side by side, in the walk's
	// order when the results are gathered.
	type matched struct {
		ok  bool
		err error
	}
	results := make([]matched, len(candidates))
	var eg errgroup.Group
	eg.SetLimit(runtime.GOMAXPROCS(0))
	for i, c := range candidates {
		eg.Go(func() error {
			var k [sha256.Size]byte
			hash, hashed := contentHash(fsys, c.rel)
			hashed = hashed && memo != nil
			if hashed {
				k = hashKey("match", c.dir, "", c.name, hash)
				if ok, found := memo.recallMatch(k); found {
					results[i].ok = ok
					return nil
				}
			}
			results[i].ok, results[i].err = ctx.MatchFile(c.dir, c.name)
			if hashed && results[i].err == nil {
				memo.rememberMatch(k, results[i].ok)
			}
			return nil
		})
	}
	eg.Wait()
	byDir := map[string]*listedPackage{}
	for i, c := range candidates {
		if err := results[i].err; err != nil {
			// Locate warned of links out, FIFOs and names that are not
			// UTF-8 already.
			if repo.SkipReason(err) == "" && fs.ValidPath(c.rel) {
				warns = append(warns, Warning{Message: err.Error(), Where: c.rel})
			}
			continue
		}
		if !results[i].ok {
			continue
		}
		lp := byDir[c.dir]
		if lp == nil {
			lp = &listedPackage{dir: c.dir, importPath: c.importPath}
			byDir[c.dir] = lp
		}
		lp.files = append(lp.files, c.rel)
	}
	out := make([]listedPackage, 0, len(byDir))
	for _, lp := range byDir {
		out = append(out, *lp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out, warns
}
