package repo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seams-tool/seams/analyze/scope"
	"golang.org/x/mod/modfile"
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
}

// Files returns the file system the repository is read from: FS, or the
// directory Root on disk.
func (r *Repo) Files() fs.FS {
	if r.FS != nil {
		return r.FS
	}
	return os.DirFS(r.Root)
}

// LocateFS describes the repository whose root is the root of fsys, such
// as a commit's tree; name stands for Root in messages.
func LocateFS(fsys fs.FS, name string, rules *scope.Rules) (*Repo, error) {
	r := &Repo{Root: name, FS: fsys}
	if _, err := fs.Stat(fsys, "go.work"); err == nil {
		r.Workspace = []string{}
	}
	var err error
	r.Modules, err = findModules(fsys, rules)
	if err != nil {
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
	if data, err := os.ReadFile(filepath.Join(r.Root, "go.work")); err == nil {
		if wf, err := modfile.ParseWork("go.work", data, nil); err == nil {
			for _, u := range wf.Use {
				r.Workspace = append(r.Workspace, path.Clean(filepath.ToSlash(u.Path)))
			}
			sort.Strings(r.Workspace)
		} else {
			r.Workspace = []string{} // present but unreadable: the go command will fail too
		}
	}
	r.Modules, err = findModules(os.DirFS(r.Root), rules)
	if err != nil {
		return nil, err
	}
	if len(r.Modules) == 0 {
		return nil, fmt.Errorf("%s: %w at or below it (seams analyzes Go modules); %s", r.Root, ErrNoModule, found(os.DirFS(r.Root), rules))
	}
	return r, nil
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
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && !st.IsDir() {
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

func findModules(fsys fs.FS, rules *scope.Rules) ([]Module, error) {
	var mods []Module
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // an unreadable subdirectory holds nothing we can use
		}
		if d.IsDir() {
			if rules.SkipDir(p) || d.Name() == "node_modules" {
				return fs.SkipDir
			}
			return nil
		}
		if d.Name() != "go.mod" || !d.Type().IsRegular() {
			return nil
		}
		mods = append(mods, readModule(fsys, path.Dir(p)))
		return nil
	})
	sort.Slice(mods, func(i, j int) bool { return mods[i].Dir < mods[j].Dir })
	return mods, err
}

func readModule(fsys fs.FS, dir string) Module {
	m := Module{Dir: dir}
	data, err := fs.ReadFile(fsys, path.Join(dir, "go.mod"))
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
	if _, err := fs.Stat(fsys, path.Join(dir, "vendor", "modules.txt")); err == nil {
		m.Vendored = true
	}
	return m
}

// Rel returns p relative to root, slash-separated, "." for root itself.
func Rel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil || strings.HasPrefix(r, "..") {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}
