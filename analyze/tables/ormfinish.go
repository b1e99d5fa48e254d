package tables

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// ormLibs are the ORMs whose models name tables, with the rule each
// applies to a model type without an explicit table name: "plural"
// (bun, go-pg, ent: User -> users), "gorm" (plural, or snake when the
// repository sets NamingStrategy{SingularTable: true}), "snake" (xorm's
// GonicMapper, beego: APIToken -> api_token), "name" (gorp: the type name).
var ormLibs = []struct{ prefix, naming string }{
	{"gorm.io/gorm", "gorm"}, {"github.com/jinzhu/gorm", "gorm"},
	{"github.com/uptrace/bun", "plural"}, {"github.com/go-pg/pg", "plural"}, {"entgo.io/ent", "plural"},
	{"xorm.io/xorm", "snake"}, {"github.com/go-xorm/xorm", "snake"},
	{"github.com/beego/beego/v2/client/orm", "snake"}, {"github.com/astaxie/beego/orm", "snake"},
	{"github.com/go-gorp/gorp", "name"}, {"gopkg.in/gorp.v", "name"},
}

// ormLibOf returns the naming rule of an ORM import path, "" if it is none.
func ormLibOf(imp string) string {
	for _, l := range ormLibs {
		if strings.HasPrefix(imp, l.prefix) {
			return l.naming
		}
	}
	return ""
}

// ormNaming returns the naming rule of the ORM a package uses: one it
// imports, else one a module package it imports does (a repository's
// own wrapper such as harbor's lib/orm); "" when it uses none.
func (f *finisher) ormNaming(p *pkgInfo) string {
	if n, ok := f.naming[p]; ok {
		return n
	}
	if f.naming == nil {
		f.naming = map[*pkgInfo]string{}
	}
	n := f.ormNamingOf(p)
	f.naming[p] = n
	return n
}

func (f *finisher) ormNamingOf(p *pkgInfo) string {
	if len(p.ormLibs) > 0 {
		return ormLibOf(slices.Min(p.ormLibs))
	}
	best := ""
	for imp := range p.imports {
		if q := f.byImport[imp]; q != nil && q != p && len(q.ormLibs) > 0 {
			if l := slices.Min(q.ormLibs); best == "" || l < best {
				best = l
			}
		}
	}
	return ormLibOf(best)
}

// snakeCase turns a Go type name into a table name the way gorm and
// xorm's GonicMapper do: APIToken -> api_token, UserID -> user_id.
func snakeCase(name string) string {
	r := []rune(name)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) {
			prevLower := i > 0 && (unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]))
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
			if i > 0 && (prevLower || nextLower && unicode.IsUpper(r[i-1])) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(c))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// irregular plurals gorm's inflection knows and models often use.
var irregular = map[string]string{"person": "people", "child": "children", "man": "men", "woman": "women",
	"mouse": "mice", "datum": "data", "index": "indices", "status": "statuses", "alias": "aliases"}

// plural pluralizes the last word of a snake_case name.
func plural(s string) string {
	head, last := "", s
	if i := strings.LastIndexByte(s, '_'); i >= 0 {
		head, last = s[:i+1], s[i+1:]
	}
	if p, ok := irregular[last]; ok {
		return head + p
	}
	switch {
	case strings.HasSuffix(last, "ss") || strings.HasSuffix(last, "x") || strings.HasSuffix(last, "z") ||
		strings.HasSuffix(last, "ch") || strings.HasSuffix(last, "sh"):
		return s + "es"
	case strings.HasSuffix(last, "s"):
		return s // already plural: Clusters, ImageCves
	case strings.HasSuffix(last, "y") && len(last) > 1 && !strings.ContainsRune("aeiou", rune(last[len(last)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// defaultTable names a model's table by an ORM's rule.
func defaultTable(naming, typeName string) string {
	switch naming {
	case "plural", "gorm":
		return plural(snakeCase(typeName))
	case "snake":
		return snakeCase(typeName)
	case "name":
		return strings.ToLower(typeName)
	}
	return ""
}

// modelTables collects the explicit table of every model type: a
// TableName() method, a bun or go-pg tag, an ent annotation, a gorp
// AddTableWithName registration.
func (f *finisher) modelTables() map[[2]string]string {
	out := map[[2]string]string{}
	for _, dir := range f.dirs {
		p := f.c.pkgs[dir]
		for name, d := range p.structs {
			if d.table != "" {
				out[[2]string{dir, name}] = d.table
			}
		}
		for name, t := range p.entTables {
			out[[2]string{dir, name}] = t
		}
		for _, r := range p.roots {
			if r.builder == "TableName" && r.recv != "" {
				if s, clean := f.evalRoot(r, 0); clean && validPart(strings.ToLower(s)) {
					out[[2]string{dir, r.recv}] = strings.ToLower(s)
				}
			}
		}
	}
	for _, dir := range f.dirs {
		p := f.c.pkgs[dir]
		for _, s := range p.orm {
			if s.table != "" {
				if mdir, ok := f.typeDir(p, s.model); ok {
					out[[2]string{mdir, s.model.name}] = strings.ToLower(s.table)
				}
			}
		}
	}
	return out
}

// typeDir finds the package directory declaring a type named from p.
func (f *finisher) typeDir(p *pkgInfo, t typeRef) (string, bool) {
	q := p
	if t.imp != "" {
		q = f.byImport[t.imp]
	}
	if q == nil {
		return "", false
	}
	if _, ok := q.structs[t.name]; ok {
		return q.dir, true
	}
	return "", false
}

// entSchemas maps each ent schema type name to its table.
func (f *finisher) entSchemas(explicit map[[2]string]string) map[string]string {
	out := map[string]string{}
	for _, dir := range f.dirs {
		for name, d := range f.c.pkgs[dir].structs {
			if !d.ent {
				continue
			}
			t := explicit[[2]string{dir, name}]
			if t == "" {
				t = defaultTable("plural", name)
			}
			if _, dup := out[name]; !dup {
				out[name] = t
			}
		}
	}
	return out
}

// ormStatements turns the ORM sites of packages that use an ORM into
// statements (How HowORM), and ent schemas into DDL statements of
// their package.
func (f *finisher) ormStatements() {
	explicit := f.modelTables()
	ent := f.entSchemas(explicit)
	registered := map[[2]string]bool{}
	for _, dir := range f.dirs {
		p := f.c.pkgs[dir]
		for _, s := range p.orm {
			if s.access == DDL {
				if mdir, ok := f.typeDir(p, s.model); ok {
					registered[[2]string{mdir, s.model.name}] = true
				}
			}
		}
	}
	for _, dir := range f.dirs {
		p := f.c.pkgs[dir]
		for _, name := range sortedKeys(p.structs) {
			if d := p.structs[name]; d.ent {
				f.stmts = append(f.stmts, &stmt{Statement: Statement{
					Where: fmt.Sprintf("%s:%d", d.file, d.line), Package: dir, Kind: "ddl", How: HowORM,
					SQL: "ent schema " + name, Tables: []Access{{ent[name], DDL}}, Test: p.testOnly,
				}})
			}
		}
		naming := f.ormNaming(p)
		for _, s := range p.orm {
			var table string
			if strings.HasPrefix(s.method, "ent.") {
				if s.model.imp != "" || ent[s.model.name] == "" {
					continue
				}
				table = ent[s.model.name]
			} else {
				if naming == "" {
					continue // not an ORM package: Get(&x) may be anything
				}
				mdir, ok := f.typeDir(p, s.model)
				if !ok {
					continue
				}
				key := [2]string{mdir, s.model.name}
				table = explicit[key]
				if table == "" {
					// By the default rule only a type that is plainly a
					// model: tagged for an ORM, or registered with one.
					// An options struct passed to Create is not.
					table = f.defaultModelTable(mdir, s.model.name, naming, explicit, registered, 0)
					if table == "" {
						continue
					}
				}
			}
			var owners []*funcInfo
			if fi := p.funcs[s.fn]; fi != nil {
				owners = []*funcInfo{fi}
			}
			kind := map[string]string{Read: "select", Write: "update", DDL: "ddl"}[s.access]
			if s.access == Write {
				switch {
				case strings.Contains(s.method, "Insert") || strings.Contains(s.method, "Create"):
					kind = "insert"
				case strings.Contains(s.method, "Delete"):
					kind = "delete"
				}
			}
			model := s.model.name
			if s.model.imp != "" {
				model = s.model.imp[strings.LastIndexByte(s.model.imp, '/')+1:] + "." + model
			}
			f.stmts = append(f.stmts, &stmt{Statement: Statement{
				Where: fmt.Sprintf("%s:%d", s.file, s.line), Package: dir, Func: s.fn, Kind: kind, How: HowORM,
				SQL: s.method + "(" + model + ")", Tables: []Access{{table, s.access}},
				Test: s.test || p.testOnly, Generated: s.gen,
			}, owners: owners})
		}
	}
}

// defaultModelTable names the table of a model without an explicit
// one: a type tagged for an ORM by that ORM's rule, a registered type by
// the caller's ORM's rule, a type extending another (xorm:"extends") by
// that type's table. An options struct passed to Create is none of
// these and names no table ("").
func (f *finisher) defaultModelTable(dir, name, naming string, explicit map[[2]string]string, registered map[[2]string]bool, depth int) string {
	p := f.c.pkgs[dir]
	d := p.structs[name]
	if d.extends != nil && depth < 3 {
		if edir, ok := f.typeDir(p, *d.extends); ok {
			if t := explicit[[2]string{edir, d.extends.name}]; t != "" {
				return t
			}
			if t := f.defaultModelTable(edir, d.extends.name, naming, explicit, registered, depth+1); t != "" {
				return t
			}
		}
	}
	if d.naming != "" {
		naming = d.naming
	} else if !registered[[2]string{dir, name}] {
		return ""
	}
	if naming == "gorm" && f.c.singular {
		naming = "snake"
	}
	return defaultTable(naming, name)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
