package tables

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// finisher holds the state of one Finish call.
type finisher struct {
	c        *Collector
	mysql    bool
	byImport map[string]*pkgInfo
	dirs     []string // package directories, sorted
	memo     map[*root]memoVal
	pulled   map[*root]bool // roots read as part of another SQL root
	stmts    []*stmt
	warnings []Warning
	names    map[*pkgInfo]map[string][]*funcInfo // query name -> functions mentioning it
	naming   map[*pkgInfo]string                 // the ORM naming rule of a package
}

type memoVal struct {
	s     string
	clean bool
}

// stmt is a Statement with the functions that run it (for carrying).
type stmt struct {
	Statement
	owners  []*funcInfo
	reading reading
	// shadow are CTE names defined in a bigger statement this one is
	// part of (a WITH in another constant of the concatenation).
	shadow []string
}

// hole stands for a value that is not in the source text (a parameter,
// a fmt.Sprintf argument): it reads as a bind parameter, so the parser
// still accepts "SELECT ? FROM t" and the scanner flags "FROM ?".
const hole = "?"

// eval renders a string expression; refs lists the roots it read.
func (f *finisher) eval(p *pkgInfo, fn string, e *sexpr, depth int, refs *[]*root) (string, bool) {
	if depth > 12 {
		return hole, false
	}
	switch e.op {
	case 'l':
		s, err := strconv.Unquote(e.raw)
		return s, err == nil
	case '+':
		var b strings.Builder
		clean := true
		for _, k := range e.kids {
			s, ok := f.eval(p, fn, k, depth+1, refs)
			if b.Len()+len(s) > maxLiteral {
				return tooBig, false
			}
			b.WriteString(s)
			clean = clean && ok
		}
		return b.String(), clean
	case 'f':
		format, ok := f.eval(p, fn, e.kids[0], depth+1, refs)
		args := make([]string, len(e.kids)-1)
		clean := make([]bool, len(args))
		for i, k := range e.kids[1:] {
			args[i], clean[i] = f.eval(p, fn, k, depth+1, refs)
		}
		if out := sprintf(format, args, clean); len(out) <= maxLiteral {
			return out, ok
		}
		return tooBig, false
	case 'r':
		if r := f.lookup(p, fn, e.raw); r != nil {
			*refs = append(*refs, r)
			s, ok := f.evalRoot(r, depth+1)
			return s, ok
		}
	}
	return hole, false
}

// lookup finds the root a name refers to: a local of fn, a constant of
// the package, or pkgpath.Name of another module package.
func (f *finisher) lookup(p *pkgInfo, fn, name string) *root {
	if fn != "" {
		if fi := p.funcs[fn]; fi != nil {
			if r := fi.locals[name]; r != nil {
				return r
			}
		}
	}
	if r := p.consts[name]; r != nil {
		return r
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		if q := f.byImport[name[:i]]; q != nil {
			return q.consts[name[i+1:]]
		}
	}
	return nil
}

// evalRoot renders a root with what += appended to it; memoized, and a
// cycle (const a = b; const b = a) reads as a hole.
func (f *finisher) evalRoot(r *root, depth int) (string, bool) {
	if m, ok := f.memo[r]; ok {
		return m.s, m.clean
	}
	f.memo[r] = memoVal{hole, false}
	p := f.c.pkgs[r.pkg]
	var refs []*root
	s, ok := f.eval(p, r.fn, r.e, depth, &refs)
	if len(r.appends) > 0 {
		var b strings.Builder
		b.WriteString(s)
		for _, a := range r.appends {
			t, aok := f.eval(p, r.fn, a.e, depth, &refs)
			if b.Len()+len(t) > maxLiteral {
				s, ok = tooBig, false
				break
			}
			b.WriteString(t)
			ok = ok && aok
		}
		if s != tooBig {
			s = b.String()
		}
	}
	f.memo[r] = memoVal{s, ok}
	return s, ok
}

// sprintf renders a format with its %-verbs replaced: by the argument
// when it is a known string (a constant table name), else by a hole.
func sprintf(format string, args []string, clean []bool) string {
	var b strings.Builder
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0 {
			if format[j] == '[' {
				if k := strings.IndexByte(format[j:], ']'); k > 0 {
					if n, err := strconv.Atoi(format[j+1 : j+k]); err == nil {
						arg = n - 1
					}
				}
			}
			j++
		}
		if j >= len(format) {
			break
		}
		verb := format[j]
		i = j
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		if arg >= 0 && arg < len(args) && clean[arg] && (verb == 's' || verb == 'v') {
			b.WriteString(args[arg])
		} else {
			b.WriteString(hole)
		}
		arg++
	}
	return b.String()
}

// goStatements turns the roots of every package into statements.
func (f *finisher) goStatements() {
	users := f.constUsers()
	type cand struct {
		r    *root
		text string
	}
	var sqlRoots []cand
	shadow := map[*root][]string{} // CTE names of the statements a root is part of
	for _, dir := range f.dirs {
		p := f.c.pkgs[dir]
		for _, r := range p.roots {
			if r.isPart || r.builder != "" {
				continue
			}
			text, _ := f.evalRoot(r, 0)
			loose := r.dbArg || users[r].db || f.localDBArg(p, r)
			if strings.Contains(text, tooBig) {
				if loose || mayBeSQL(strconv.Quote(firstBytes(text, 64))) {
					f.warnings = append(f.warnings, Warning{Where: fmt.Sprintf("%s:%d", r.file, r.line),
						Message: "SQL text not read: it evaluates to more than " + sizeName(maxLiteral)})
				}
				continue
			}
			if !looksSQL(text, loose) {
				continue
			}
			sqlRoots = append(sqlRoots, cand{r, text})
			var refs []*root
			f.eval(p, r.fn, r.e, 0, &refs)
			for _, a := range r.appends {
				f.eval(p, r.fn, a.e, 0, &refs)
			}
			var ctes []string
			if len(refs) > 0 && strings.Contains(strings.ToUpper(firstBytes(text, 4096)), "WITH") {
				ctes = slices.Sorted(maps.Keys(newScanner(text, lex(text, f.mysql)).cteNames()))
			}
			for _, x := range refs {
				f.pulled[x] = true
				shadow[x] = append(shadow[x], ctes...)
			}
		}
	}
	for _, c := range sqlRoots {
		u := users[c.r]
		if f.pulled[c.r] && len(u.fns) == 0 {
			continue // read as part of a bigger statement
		}
		owners := u.fns
		fn := ""
		if c.r.fn != "" {
			fi := f.c.pkgs[c.r.pkg].funcs[c.r.fn]
			owners, fn = []*funcInfo{fi}, c.r.fn
		} else {
			for _, o := range owners {
				if o.pkg == c.r.pkg {
					fn = o.key
					break
				}
			}
		}
		n := len(f.stmts)
		f.addSQL(c.r.pkg, c.r.file, c.r.line, fn, "", c.text, owners, origin{c.r.test, c.r.gen})
		for _, s := range f.stmts[n:] {
			s.shadow = shadow[c.r]
		}
	}
}

// origin tells where a statement's text comes from.
type origin struct{ test, generated bool }

// addSQL splits text into statements, to be read by understandAll.
func (f *finisher) addSQL(pkg, file string, line int, fn, name, text string, owners []*funcInfo, o origin) {
	pos := 0
	for _, piece := range Split(text, f.mysql) {
		line += strings.Count(text[pos:piece.Start], "\n") // incremental: files hold thousands
		pos = piece.Start
		l := line
		// Read later by understandAll, in parallel; SQL is cut only then.
		f.stmts = append(f.stmts, &stmt{Statement: Statement{
			Where: fmt.Sprintf("%s:%d", file, l), Package: pkg, Func: fn, Name: name, SQL: piece.Text,
			Test: o.test, Generated: o.generated,
		}, owners: owners})
	}
}

// localDBArg reports a local binding passed to a database call in its function.
func (f *finisher) localDBArg(p *pkgInfo, r *root) bool {
	if r.fn == "" || r.bind == "" {
		return false
	}
	fi := p.funcs[r.fn]
	if fi == nil {
		return false
	}
	return fi.dbRefs[r.bind]
}

// constUse lists the functions using a package-level constant by name.
type constUse struct {
	fns []*funcInfo
	db  bool // some use is as a database-call argument
}

// constUsers maps each package-level binding to the functions that use
// it as a value (argument, assignment, return), in any package.
func (f *finisher) constUsers() map[*root]constUse {
	out := map[*root]constUse{}
	for _, dir := range f.dirs {
		p := f.c.pkgs[dir]
		keys := make([]string, 0, len(p.funcs))
		for k := range p.funcs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fi := p.funcs[k]
			seen := map[*root]bool{}
			for _, x := range fi.refs {
				r := f.lookup(p, "", x.name)
				if r == nil || r.fn != "" {
					continue
				}
				u := out[r]
				if !seen[r] {
					seen[r] = true
					u.fns = append(u.fns, fi)
				}
				u.db = u.db || x.db
				out[r] = u
			}
		}
	}
	return out
}

// builderStatements turns builder calls and ORM table names into statements.
func (f *finisher) builderStatements() {
	for _, dir := range f.dirs {
		p := f.c.pkgs[dir]
		for _, r := range p.roots {
			if r.builder == "" || (!p.builderLib && r.builder != "TableName" &&
				!(r.builder == "QueryTable" && f.ormNaming(p) != "")) {
				continue
			}
			if r.nargs > 1 && !strings.HasSuffix(r.builder, "Join") {
				continue // gorm's Update("column", v), not a table
			}
			arg, clean := f.evalRoot(r, 0)
			if !clean || arg == "" {
				continue
			}
			kind, acc := builderAccess(r.builder, arg, f.mysql)
			if len(acc) == 0 {
				continue
			}
			if r.access == Write && len(acc) == 1 {
				kind, acc[0].Access = "update", Write // db.Table("t").Where(...).Updates(...)
			}
			var owners []*funcInfo
			if fi := p.funcs[r.fn]; fi != nil {
				owners = []*funcInfo{fi}
			}
			f.stmts = append(f.stmts, &stmt{Statement: Statement{
				Where: fmt.Sprintf("%s:%d", r.file, r.line), Package: dir, Func: r.fn,
				Kind: kind, How: HowBuilder, SQL: fmt.Sprintf("%s(%q)", r.builder, arg), Tables: acc,
				Test: r.test, Generated: r.gen,
			}, owners: owners})
		}
	}
}

// builderAccess reads a builder argument: a join clause or FROM list
// is scanned as SQL ("t ON ...", "(SELECT ...) x"), the others must be a
// plain table name. ORM table names (TableName(), Table("t"), a
// tableName field) cannot tell reading from writing: a TableName() is
// the model's schema (ddl), the others count as reads.
func builderAccess(method, arg string, mysql bool) (string, []Access) {
	switch method {
	case "From", "Join", "LeftJoin", "RightJoin", "InnerJoin", "CrossJoin", "FullJoin":
		_, acc, _ := scanSQL("SELECT 1 FROM "+arg, mysql)
		return "select", acc
	}
	sc := newScanner(arg, lex(arg, mysql))
	name, next, ok := sc.name(0)
	if !ok || next != len(sc.t) && !(sc.word(next) == "AS" || next+1 == len(sc.t)) {
		return "", nil
	}
	switch method {
	case "Insert", "Into":
		return "insert", []Access{{name, Write}}
	case "Update":
		return "update", []Access{{name, Write}}
	case "Delete":
		return "delete", []Access{{name, Write}}
	case "TableName":
		return "ddl", []Access{{name, DDL}}
	case "QueryTable":
		return "select", []Access{{name, Read}}
	}
	return "other", []Access{{name, Read}}
}
