package tables

import (
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Finish reads the repository's .sql files (walking fsys, the work tree
// or a commit's tree, when not nil; skipDir(rel)
// reports directories to skip such as vendor, testdata, hidden or
// excluded ones; skipFile(rel) files to skip), evaluates the SQL found in
// Go, attributes and carries table accesses, and returns the result.
// Deterministic: everything is sorted. Call it once, after every AddFile.
func (c *Collector) Finish(fsys fs.FS, skipDir, skipFile func(rel string) bool) *Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := newFinisher(c)
	res := &Result{Packages: map[string][]PackageTable{}, ByDialect: map[string]int{}}
	res.Warnings = append(res.Warnings, c.warnings...)
	res.Dialect, res.DialectReason = f.dialect()
	f.mysql = res.Dialect == "mysql"

	var files []sqlFileText
	done := make(chan struct{})
	go func() {
		defer close(done)
		if fsys != nil {
			var warns []Warning
			files, warns = readSQLFiles(fsys, skipDir, skipFile)
			res.Warnings = append(res.Warnings, warns...)
		}
	}()
	f.markTestPackages()
	f.goStatements()
	f.builderStatements()
	f.ormStatements()
	<-done
	res.Warnings = append(res.Warnings, f.warnings...)
	for _, sf := range files {
		f.sqlFile(sf.rel, sf.text)
	}

	// What the options leave out is counted, not read: boundary's
	// pgTAP tests are nearly half of its statements.
	kept := f.stmts[:0:0]
	for _, s := range f.stmts {
		if s.Test {
			res.Tests++
		}
		if s.Generated {
			res.Generated++
		}
		if f.keep(s) {
			kept = append(kept, s)
		}
	}
	f.stmts = kept
	understandAll(f.stmts, f.mysql)
	f.relate()
	ign := newIgnore(c.opt)
	label := res.Dialect
	if label == "" {
		label = "generic"
	}
	sort.SliceStable(f.stmts, func(i, j int) bool { return whereLess(f.stmts[i].Where, f.stmts[j].Where) })
	gone := liveSchema(kept)
	mapRenamed(kept, gone)
	for _, s := range kept {
		s.Tables = ign.filter(s.Tables)
		s.SQL = firstBytes(s.SQL, 4000)
		res.Statements = append(res.Statements, s.Statement)
		switch s.How {
		case HowBuilder:
			res.Builder++
			continue
		case HowORM:
			res.ORM++
			continue
		case HowParsed:
			res.Parsed++
		case HowScanned:
			res.Scanned++
		case HowUnknown:
			res.Unknown++
			res.Warnings = append(res.Warnings, Warning{
				Message: "SQL not understood (" + s.Kind + "): " + oneLine(s.SQL, 100), Where: s.Where})
		}
		res.Found++
		res.ByDialect[label]++
	}
	depth := c.opt.MaxDepth
	if depth <= 0 {
		depth = 3
	}
	f.assemble(res, f.carry(depth), gone, ign)
	sort.SliceStable(res.Warnings, func(i, j int) bool { return whereLess(res.Warnings[i].Where, res.Warnings[j].Where) })
	return res
}

func newFinisher(c *Collector) *finisher {
	f := &finisher{c: c, byImport: map[string]*pkgInfo{}, memo: map[*root]memoVal{}, pulled: map[*root]bool{}}
	for dir, p := range c.pkgs {
		f.dirs = append(f.dirs, dir)
		if p.importPath != "" {
			f.byImport[p.importPath] = p
		}
	}
	sort.Strings(f.dirs)
	return f
}

// assemble turns package -> access -> via into Tables and Packages.
func (f *finisher) assemble(res *Result, acc map[string]map[Access]string, gone map[string]tombstone, ign ignore) {
	tables := map[string]*Table{}
	for name, t := range gone {
		if t.to != "" && !ign.match(name) {
			tables[name] = &Table{Name: name} // a tombstone: its users moved to the new name
		}
	}
	for pkg, m := range acc {
		for a, via := range m {
			t := tables[a.Table]
			if t == nil {
				t = &Table{Name: a.Table}
				tables[a.Table] = t
			}
			u := User{Package: pkg, Carried: via == Carried, ORM: via == ORM}
			switch a.Access {
			case Read:
				t.Readers = append(t.Readers, u)
			case Write:
				t.Writers = append(t.Writers, u)
			default:
				t.DDL = append(t.DDL, u)
			}
			res.Packages[pkg] = append(res.Packages[pkg], PackageTable{a.Table, a.Access, via})
		}
	}
	for pkg, l := range res.Packages {
		sort.Slice(l, func(i, j int) bool {
			return l[i].Name < l[j].Name || l[i].Name == l[j].Name && l[i].Access < l[j].Access
		})
		res.Packages[pkg] = l
	}
	for _, t := range tables {
		if g, ok := gone[t.Name]; ok {
			t.Dropped, t.DroppedAt, t.RenamedTo = true, g.at, g.to
		}
		for _, us := range [][]User{t.Readers, t.Writers, t.DDL} {
			sort.Slice(us, func(i, j int) bool { return us[i].Package < us[j].Package })
		}
		res.Tables = append(res.Tables, *t)
	}
	sort.Slice(res.Tables, func(i, j int) bool { return res.Tables[i].Name < res.Tables[j].Name })
}

// dialect picks the dialect from Options or from the drivers imported
// (and the driver names given to sql.Open): the most used wins, ties go
// to the alphabetically first, and the reason names what was seen.
func (f *finisher) dialect() (string, string) {
	if f.c.opt.Dialect != "" {
		return f.c.opt.Dialect, "set in options"
	}
	count := map[string]int{}
	seen := map[string]string{} // dialect -> first evidence
	for _, dir := range f.dirs {
		for _, d := range f.c.pkgs[dir].drivers {
			dl := driverDialects[d]
			if dl == "" {
				continue
			}
			count[dl]++
			if seen[dl] == "" {
				seen[dl] = strings.TrimPrefix(d, "sql.Open:") + " in " + dir
				if strings.HasPrefix(d, "sql.Open:") {
					seen[dl] = `sql.Open("` + strings.TrimPrefix(d, "sql.Open:") + `") in ` + dir
				}
			}
		}
	}
	best := ""
	for dl, n := range count {
		if best == "" || n > count[best] || n == count[best] && dl < best {
			best = dl
		}
	}
	if best == "" {
		return "", "no database driver import or sql.Open driver name found; SQL read without dialect rules"
	}
	reason := "driver " + seen[best]
	if len(count) > 1 {
		reason += " (other dialects seen too; the most used wins)"
	}
	return best, reason
}

// whereLess orders "file:line" by file, then numerically by line.
func whereLess(a, b string) bool {
	fa, la := splitWhere(a)
	fb, lb := splitWhere(b)
	if fa != fb {
		return fa < fb
	}
	return la < lb
}

func splitWhere(w string) (string, int) {
	i := strings.LastIndexByte(w, ':')
	if i < 0 {
		return w, 0
	}
	n, _ := strconv.Atoi(w[i+1:])
	return w[:i], n
}

func oneLine(s string, n int) string {
	return firstBytes(strings.Join(strings.Fields(s), " "), n)
}

// ignore drops bookkeeping tables by name pattern.
type ignore struct{ patterns []string }

func newIgnore(opt Options) ignore {
	var ig ignore
	if !opt.NoDefaultIgnore {
		ig.patterns = append(ig.patterns, DefaultIgnore...)
	}
	for _, p := range opt.Ignore {
		ig.patterns = append(ig.patterns, strings.ToLower(p))
	}
	return ig
}

func (ig ignore) match(name string) bool {
	for _, p := range ig.patterns {
		if ok, _ := path.Match(p, name); ok || p == name {
			return true
		}
	}
	return false
}

func (ig ignore) filter(acc []Access) []Access {
	var out []Access
	for _, a := range acc {
		if !ig.match(a.Table) {
			out = append(out, a)
		}
	}
	return out
}
