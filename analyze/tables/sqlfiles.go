package tables

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// sqlFile is a .sql file read from disk.
type sqlFileText struct {
	rel, text string
}

// readSQLFiles reads every .sql file of fsys (a work tree or a commit's
// tree); it runs while Finish evaluates the Go side, since the walk is
// mostly waiting on the disk.
func readSQLFiles(fsys fs.FS, skipDir, skipFile func(string) bool) ([]sqlFileText, []Warning) {
	var warns []Warning
	var files []string
	var out []sqlFileText
	_ = fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && rel != "." {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if rel != "." && skipDir != nil && skipDir(rel) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(strings.ToLower(rel), ".sql") && d.Type().IsRegular() && (skipFile == nil || !skipFile(rel)) {
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	for _, rel := range files {
		info, err := fs.Stat(fsys, rel)
		if err != nil || info.Size() > MaxSQLFile {
			if err == nil {
				warns = append(warns, Warning{Message: fmt.Sprintf("SQL file of %d bytes skipped: larger than %s", info.Size(), sizeName(MaxSQLFile)), Where: rel})
			}
			continue
		}
		b, err := fs.ReadFile(fsys, rel)
		if err != nil {
			warns = append(warns, Warning{Message: "SQL file unreadable: " + err.Error(), Where: rel})
			continue
		}
		out = append(out, sqlFileText{rel, string(b)})
	}
	return out, warns
}

// sqlFile adds the statements of one file. A file of "-- name: x"
// blocks (sqlc, goyesql, dotsql) is read block by block, so each
// statement carries its query name and can be tied to the functions
// that mention that name.
func (f *finisher) sqlFile(rel, text string) {
	pkg := f.owner(rel)
	p := f.c.pkgs[pkg]
	o := origin{test: inTestDir(rel) || pgTAP(text) || p != nil && p.testOnly}
	type block struct {
		name  string
		start int
	}
	var blocks []block
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		line := strings.TrimSpace(text[off : off+end])
		if rest, ok := strings.CutPrefix(line, "--"); ok {
			rest = strings.TrimSpace(rest)
			if name, ok := strings.CutPrefix(rest, "name:"); ok {
				if fields := strings.Fields(name); len(fields) > 0 {
					blocks = append(blocks, block{fields[0], off + end})
				}
			}
		}
		off += end + 1
	}
	if len(blocks) == 0 {
		f.addSQL(pkg, rel, 1, "", "", text, nil, o)
		return
	}
	f.addSQL(pkg, rel, 1, "", "", text[:blocks[0].start], nil, o)
	line, pos := 1, 0
	for i, b := range blocks {
		end := len(text)
		if i+1 < len(blocks) {
			end = strings.LastIndexByte(text[:blocks[i+1].start], '\n') + 1
		}
		if end < b.start {
			end = b.start
		}
		owners := f.nameUsers(p, b.name)
		fn := ""
		if len(owners) > 0 {
			fn = owners[0].key
		}
		line += strings.Count(text[pos:b.start], "\n")
		pos = b.start
		f.addSQL(pkg, rel, line, fn, b.name, text[b.start:end], owners, o)
	}
}

// nameUsers lists the functions of p that mention a query name as a
// literal argument or map key.
// The index of a package is built on first use: one pass over its
// functions, not one per query name.
func (f *finisher) nameUsers(p *pkgInfo, name string) []*funcInfo {
	if p == nil {
		return nil
	}
	if f.names == nil {
		f.names = map[*pkgInfo]map[string][]*funcInfo{}
	}
	idx, ok := f.names[p]
	if !ok {
		idx = map[string][]*funcInfo{}
		for _, fi := range p.funcs {
			for _, l := range fi.lits {
				if fns := idx[l]; len(fns) == 0 || fns[len(fns)-1] != fi {
					idx[l] = append(fns, fi)
				}
			}
		}
		for _, fns := range idx {
			sort.Slice(fns, func(i, j int) bool { return fns[i].key < fns[j].key })
		}
		f.names[p] = idx
	}
	return idx[name]
}

// owner attributes a .sql file to a package: the package that embeds it
// (a //go:embed pattern matching the file or a directory above it), else
// one whose Go code names its path in a string literal, else the
// package in its directory, the nearest package directory above, or the
// directory itself.
func (f *finisher) owner(rel string) string {
	for _, dir := range f.dirs {
		for _, e := range f.c.pkgs[dir].embeds {
			if embedMatches(path.Join(dir, e.pattern), rel) {
				return dir
			}
		}
	}
	for _, dir := range f.dirs {
		for _, l := range f.c.pkgs[dir].pathLits {
			if litMatches(l.path, rel) {
				return dir
			}
		}
	}
	for d := path.Dir(rel); ; d = path.Dir(d) {
		if _, ok := f.c.pkgs[d]; ok {
			return d
		}
		if d == "." || d == "/" {
			break
		}
	}
	return path.Dir(rel)
}

// embedMatches applies a //go:embed pattern (already joined with its
// package directory) to a file: the pattern may name the file, a glob
// matching it, or a directory (or glob of directories) above it.
func embedMatches(pattern, rel string) bool {
	for p := rel; p != "." && p != "/"; p = path.Dir(p) {
		if ok, _ := path.Match(pattern, p); ok {
			return true
		}
	}
	return false
}

// litMatches applies a path found in a Go literal, which is relative to
// a working directory seams cannot know: it matches when it is a suffix
// of the file's path (whole components), or a directory suffix above
// it, or a glob matching the same number of trailing components.
func litMatches(lit, rel string) bool {
	if lit == rel || strings.HasSuffix(rel, "/"+lit) {
		return true
	}
	if strings.ContainsAny(lit, "*?[") {
		n := strings.Count(lit, "/") + 1
		parts := strings.Split(rel, "/")
		if len(parts) >= n {
			ok, _ := path.Match(lit, strings.Join(parts[len(parts)-n:], "/"))
			return ok
		}
		return false
	}
	if strings.HasSuffix(lit, ".sql") || !strings.Contains(lit, "/") {
		return false // a bare word ("migrations") is too weak a hint
	}
	dir := path.Dir(rel)
	return dir == lit || strings.HasSuffix(dir, "/"+lit)
}
