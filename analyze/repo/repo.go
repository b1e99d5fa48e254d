package repo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/seams-tool/seams/analyze/scope"
	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// Repo is a located repository.
type Repo struct {
	// Root is the absolute, symlink-free directory holding go.work or go.mod.
	Root string
	// GitRoot is the absolute work tree of the enclosing git repository, or
	// empty. It may lie above Root (a Go module in a subdirectory).
	GitRoot string
	// Workspace is the go.work file's use list, as module directories
	// relative to Root, or nil when Root has no go.work.
	Workspace []string
	// Modules are the Go modules at or below Root, sorted by Dir.
	Modules []Module
	// FS, when set, is where the files are read from instead of the disk
	// (a commit's tree); Root then only names the repository.
	FS fs.FS
	// Skipped lists the files seams would read that DirFS refuses (links
	// out of the repository, FIFOs, devices), sorted by path.
	Skipped []Skipped
	// Warnings are what Locate found wrong without failing: a go.work it
	// cannot use, directories whose names cannot be import paths.
	Warnings []Warning

	disk fs.FS // DirFS(Root), kept for its cache of checked directories
}

// Skipped is a file of the repository that seams does not read.
type Skipped struct {
	Path string // relative to Root, slash-separated
	Err  error  // ErrOutside or ErrNotRegular
}

// Warning is a problem found while locating the repository.
type Warning struct {
	Message string
	Where   string // a path relative to Root, or empty
}

// Files returns the file system the repository is read from: FS, or the
// directory Root on disk through DirFS, which refuses links out of the
// repository and files that are not regular.
func (r *Repo) Files() fs.FS {
	switch {
	case r.FS != nil:
		return r.FS
	case r.disk != nil:
		return r.disk
	}
	return DirFS(r.Root)
}

// LocateFS describes the repository whose root is the root of fsys, such
// as a commit's tree; name stands for Root in messages.
func LocateFS(fsys fs.FS, name string, rules *scope.Rules) (*Repo, error) {
	r := &Repo{Root: name, FS: fsys}
	if _, err := fs.Stat(fsys, "go.work"); err == nil {
		r.Workspace = []string{}
	}
	if err := r.scan(fsys, rules, false); err != nil {
		return nil, err
	}
	if len(r.Modules) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrNoModule)
	}
	return r, nil
}

// Module is one go.mod found below the root.
type Module struct {
	Dir  string // relative to Root, slash-separated, "." for Root
	Path string // the module path; empty when go.mod could not be parsed
	// Vendored is true when the module has a vendor/modules.txt, so the go
	// command must use -mod=vendor.
	Vendored bool
	// Err says why go.mod could not be read; the module is still scanned
	// for packages, with import paths guessed from Path if it is set.
	Err error
	// Outside, when set, says which replace directive makes the go
	// command read a directory outside the repository.
	Outside string
}

// ErrNoModule is returned when no Go module is at or below the root.
var ErrNoModule = errors.New("no go.mod or go.work found")

// Locate finds the repository that holds dir. Inside a git work tree the
// root is the work tree's top, whatever directory of it dir names and
// wherever its modules lie (in src/, in one directory per service, with or
// without a go.work): every go.mod below the root joins one analysis, as
// a go.work listing them would. Only when dir lies where the analysis of
// the work tree would not look (testdata, vendor, hidden directories), and
// outside git, does the nearest go.work or go.mod above dir make the root,
// or else dir itself. Modules are looked for below the root with the scope
// rules, so that excluded and vendored trees contribute none.
func Locate(dir string, rules *scope.Rules) (*Repo, error) {
	r, err := FindRoot(dir, rules)
	if err != nil {
		return nil, err
	}
	r.disk = DirFS(r.Root)
	if err := r.scan(r.disk, rules, true); err != nil {
		return nil, err
	}
	r.readWorkspace()
	sort.SliceStable(r.Warnings, func(i, j int) bool { return r.Warnings[i].Where < r.Warnings[j].Where })
	if len(r.Modules) == 0 {
		if bare(r.Root) {
			return nil, fmt.Errorf("%s is a bare git repository (no work tree, so no files to read): clone it (git clone %s) and run seams in the clone", r.Root, r.Root)
		}
		msg := found(r.disk, rules)
		for _, s := range r.Skipped {
			if path.Base(s.Path) == "go.mod" || path.Base(s.Path) == "go.work" {
				msg += fmt.Sprintf("; %s %s", s.Path, SkipReason(s.Err))
			}
		}
		return nil, fmt.Errorf("%s: %w at or below it (seams analyzes Go modules); %s", r.Root, ErrNoModule, msg)
	}
	return r, nil
}

// FindRoot finds the root of the repository that holds dir, as Locate
// does, without looking for its modules: a Repo with Root and GitRoot
// set and nothing else.
func FindRoot(dir string, rules *scope.Rules) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	r := &Repo{GitRoot: gitRoot(abs)}
	switch {
	case r.GitRoot != "" && !skipped(rules, Rel(r.GitRoot, abs)):
		r.Root = r.GitRoot
	default:
		r.Root = findUp(abs, "go.work", r.GitRoot)
		if r.Root == "" {
			r.Root = findUp(abs, "go.mod", r.GitRoot)
		}
		if r.Root == "" {
			r.Root = abs
		}
	}
	return r, nil
}

// readWorkspace reads go.work's use list. A go.work that does not parse,
// or that uses a directory outside the root, is not used: each module is
// then loaded on its own, and a warning says why.
func (r *Repo) readWorkspace() {
	data, err := readCapped(r.disk, "go.work")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return
	case SkipReason(err) != "":
		return // listed in Skipped
	case err != nil:
		r.Workspace = []string{}
		r.Warnings = append(r.Warnings, Warning{Message: "go.work unreadable, not used: each module is loaded on its own: " + unwrap(err).Error(), Where: "go.work"})
		return
	}
	wf, err := modfile.ParseWork("go.work", data, nil)
	if err != nil {
		// The go command will fail on it too.
		r.Workspace = []string{}
		r.Warnings = append(r.Warnings, Warning{Message: "go.work does not parse, not used: each module is loaded on its own: " + err.Error(), Where: "go.work"})
		return
	}
	var use []string
	for _, u := range wf.Use {
		p := path.Clean(filepath.ToSlash(u.Path))
		if filepath.IsAbs(u.Path) || path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
			r.Workspace = []string{}
			r.Warnings = append(r.Warnings, Warning{Message: fmt.Sprintf("go.work uses %q, outside the repository: not used, each module is loaded on its own", u.Path), Where: fmt.Sprintf("go.work:%d", u.Syntax.Start.Line)})
			return
		}
		use = append(use, p)
	}
	for _, rep := range wf.Replace {
		if outside(r.Root, ".", rep) {
			r.Workspace = []string{}
			r.Warnings = append(r.Warnings, Warning{Message: fmt.Sprintf("go.work replaces %s with %q, outside the repository: not used, each module is loaded on its own", rep.Old.Path, rep.New.Path), Where: fmt.Sprintf("go.work:%d", rep.Syntax.Start.Line)})
			return
		}
	}
	sort.Strings(use)
	r.Workspace = append([]string{}, use...)
}

// skipped reports whether the directory rel, or one above it, is one the
// scope rules leave out.
func skipped(rules *scope.Rules, rel string) bool {
	for d := rel; d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if rules.SkipDir(d) {
			return true
		}
	}
	return false
}

// found says what a tree without Go modules holds instead, for the error
// that says there is nothing to analyze.
// bare reports whether dir is a bare git repository: HEAD, objects and
// refs at its top, and no work tree around them.
func bare(dir string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	return true
}

func found(fsys fs.FS, rules *scope.Rules) string {
	byExt := map[string]int{}
	files, goFiles := 0, 0
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && p != "." && rules.SkipDir(p):
			return fs.SkipDir
		case d.IsDir():
			return nil
		}
		files++
		ext := path.Ext(d.Name())
		if ext == "" {
			ext = "(none)"
		}
		byExt[ext]++
		if ext == ".go" {
			goFiles++
		}
		return nil
	})
	if files == 0 {
		return "it holds no files"
	}
	exts := make([]string, 0, len(byExt))
	for e := range byExt {
		exts = append(exts, e)
	}
	sort.Slice(exts, func(i, j int) bool {
		return byExt[exts[i]] > byExt[exts[j]] || byExt[exts[i]] == byExt[exts[j]] && exts[i] < exts[j]
	})
	var parts []string
	for _, e := range exts[:min(len(exts), 5)] {
		parts = append(parts, fmt.Sprintf("%d %s", byExt[e], e))
	}
	msg := fmt.Sprintf("it holds %d files (%s)", files, strings.Join(parts, ", "))
	if goFiles > 0 {
		msg += fmt.Sprintf(", %d of them Go files outside any module: add a go.mod", goFiles)
	}
	return msg
}

// findUp returns the first directory from dir upward that holds name,
// not going above stop (when stop is set).
func findUp(dir, name, stop string) string {
	for {
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && st.Mode().IsRegular() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir || dir == stop {
			return ""
		}
		dir = parent
	}
}

// gitRoot returns the nearest directory at or above dir that has a .git
// entry (a directory, or a file as in worktrees and submodules).
func gitRoot(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// scan walks the tree once for the modules below the root and, on disk,
// for the files seams or the go command would read but DirFS refuses,
// and for package directories whose names cannot be import paths.
//
// On disk it walks every directory the go command would, excluded ones
// and vendor trees included: a FIFO named x.go there would hang the go
// command even though seams leaves the directory out. Modules are only
// looked for where the scope rules allow.
func (r *Repo) scan(fsys fs.FS, rules *scope.Rules, disk bool) error {
	outOfScope := map[string]bool{} // directories whose modules do not count
	goDirs := map[string]bool{}     // in-scope directories with Go files
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			switch {
			case p == ".":
				return err
			case disk && d != nil && d.IsDir() && !outOfScope[p] && !fs.ValidPath(p):
				// fs.FS paths are UTF-8: such a directory cannot be read.
				r.Warnings = append(r.Warnings, Warning{Message: fmt.Sprintf("directory %s left out: its name is not valid UTF-8", strconv.QuoteToASCII(p)), Where: strings.ToValidUTF8(p, "\uFFFD")})
			}
			return nil // an unreadable subdirectory holds nothing we can use
		}
		if d.IsDir() {
			if p == "." {
				return nil
			}
			name := d.Name()
			out := outOfScope[path.Dir(p)] || rules.SkipDir(p) || name == "node_modules"
			if !disk || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" {
				// Where the go command never looks, out of scope is out.
				if out {
					return fs.SkipDir
				}
			}
			if out {
				outOfScope[p] = true
			}
			return nil
		}
		name := d.Name()
		regular := d.Type().IsRegular()
		if disk && readable(p) && !regular {
			// A link inside the root to a regular file is read as one.
			st, err := fs.Stat(fsys, p)
			if SkipReason(err) != "" {
				r.Skipped = append(r.Skipped, Skipped{Path: p, Err: errors.Unwrap(err)})
				return nil
			}
			regular = err == nil && st.Mode().IsRegular()
		}
		if outOfScope[path.Dir(p)] || !regular {
			return nil
		}
		switch {
		case strings.HasSuffix(name, ".go"):
			goDirs[path.Dir(p)] = true
		case name == "go.mod":
			root := ""
			if disk {
				root = r.Root
			}
			r.Modules = append(r.Modules, readModule(fsys, path.Dir(p), root))
		}
		return nil
	})
	sort.Slice(r.Modules, func(i, j int) bool { return r.Modules[i].Dir < r.Modules[j].Dir })
	sort.Slice(r.Skipped, func(i, j int) bool { return r.Skipped[i].Path < r.Skipped[j].Path })
	r.checkImportPaths(goDirs)
	return err
}

// readable reports whether the file p is one seams or the go command
// reads.
func readable(p string) bool {
	if p == ".seams.yaml" {
		return true
	}
	name := path.Base(p)
	switch name {
	case "go.mod", "go.sum", "go.work", "go.work.sum", "modules.txt":
		return true
	}
	return strings.HasSuffix(name, ".go") || strings.HasSuffix(strings.ToLower(name), ".sql")
}

// checkImportPaths warns of package directories that cannot be imported
// (a space, an @, invalid UTF-8 in a name): the go command leaves them
// out, and so do the loaders, but not silently.
func (r *Repo) checkImportPaths(goDirs map[string]bool) {
	moduleAt := map[string]Module{}
	for _, m := range r.Modules {
		moduleAt[m.Dir] = m
	}
	var bad []string
	for dir := range goDirs {
		m, ok := ModuleOf(moduleAt, dir)
		if !ok || m.Path == "" || module.CheckImportPath(m.Path) != nil {
			continue // no module, or one whose go.mod is the problem
		}
		if _, err := ImportPath(m, dir); err != nil {
			bad = append(bad, dir)
		}
	}
	sort.Strings(bad)
	for _, dir := range bad {
		r.Warnings = append(r.Warnings, Warning{Message: fmt.Sprintf("directory %s left out: its name cannot be part of an import path", strconv.QuoteToASCII(dir)), Where: strings.ToValidUTF8(dir, "\ufffd")})
	}
}

// ModuleOf returns the innermost module of moduleAt (by directory) that
// holds dir.
func ModuleOf(moduleAt map[string]Module, dir string) (Module, bool) {
	for {
		if m, ok := moduleAt[dir]; ok {
			return m, true
		}
		if dir == "." || dir == "/" || dir == "" {
			return Module{}, false
		}
		dir = path.Dir(dir)
	}
}

// ImportPath returns the import path of the package in dir, a directory
// of module m, and the reason it is not a valid one, if it is not.
func ImportPath(m Module, dir string) (string, error) {
	ip := m.Path
	switch {
	case dir == m.Dir:
	case m.Dir == ".":
		ip += "/" + dir
	default:
		ip += "/" + strings.TrimPrefix(dir, m.Dir+"/")
	}
	return ip, module.CheckImportPath(ip)
}

func readModule(fsys fs.FS, dir, root string) Module {
	m := Module{Dir: dir}
	data, err := readCapped(fsys, path.Join(dir, "go.mod"))
	if err != nil {
		m.Err = err
		return m
	}
	// ModulePath reads the module line even from a go.mod that does not
	// parse as a whole, which is what the fallback needs.
	m.Path = modfile.ModulePath(data)
	if _, err := modfile.ParseLax(path.Join(dir, "go.mod"), data, nil); err != nil {
		m.Err = err
	} else if m.Path == "" {
		m.Err = fmt.Errorf("%s/go.mod has no module line", dir)
	}
	if f, err := modfile.Parse(path.Join(dir, "go.mod"), data, nil); err == nil && root != "" {
		for _, rep := range f.Replace {
			if outside(root, dir, rep) {
				m.Outside = fmt.Sprintf("%s/go.mod:%d replaces %s with %q, outside the repository", dir, rep.Syntax.Start.Line, rep.Old.Path, rep.New.Path)
				break
			}
		}
	}
	if _, err := fs.Stat(fsys, path.Join(dir, "vendor", "modules.txt")); err == nil {
		m.Vendored = true
	}
	return m
}

// outside reports whether a replace directive of the go.mod or go.work
// in dir (relative to root) replaces a module with a directory outside
// root: the go command would read the files there.
func outside(root, dir string, rep *modfile.Replace) bool {
	if rep.New.Version != "" || !modfile.IsDirectoryPath(rep.New.Path) {
		return false
	}
	p := filepath.FromSlash(rep.New.Path)
	if filepath.IsAbs(p) {
		return !Within(root, filepath.Clean(p))
	}
	_, err := Inside(root, filepath.Join(filepath.FromSlash(dir), p))
	return err != nil
}

// maxModFile bounds go.mod and go.work: the largest real ones are tens
// of kilobytes.
const maxModFile = 16 << 20

// readCapped reads a file of at most maxModFile bytes.
func readCapped(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if st.Size() > maxModFile {
		return nil, fmt.Errorf("%s: %d bytes, larger than %d MiB", name, st.Size(), maxModFile>>20)
	}
	return fs.ReadFile(fsys, name)
}

// Rel returns p relative to root, slash-separated, "." for root itself.
func Rel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil || strings.HasPrefix(r, "..") {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}
