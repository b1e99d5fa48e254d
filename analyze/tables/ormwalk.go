package tables

import (
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// ORMs name no table in the call: db.Create(&user) writes the table of
// the model type User. Without type checking the walker tells a model
// argument by its syntax (&T{}, T{}, new(T), &pkg.T{}) or by the
// declared type of a local variable or parameter, and Finish resolves
// the type by name through the file's imports and the package's own
// declarations to the model's table (ormfinish.go).

// typeRef names a type: imp is the import path of its package, "" for
// the package of the file.
type typeRef struct{ imp, name string }

// ormSite is one ORM call with a model argument, or a model's
// registration with a table name.
type ormSite struct {
	model  typeRef
	method string
	access string // Read, Write or DDL
	table  string // a registration's explicit table (AddTableWithName)
	file   string
	line   int
	fn     string
	test   bool
	gen    bool
}

// structDecl is a struct type that may be a model: its table may come
// from a tag (bun:"table:t", go-pg's tableName struct{} `pg:"t"`) or,
// for an ent schema (a struct embedding ent.Schema), from Annotations.
type structDecl struct {
	name   string
	table  string
	ent    bool
	naming string // the naming rule of the ORM its field tags are for (gorm:"...", xorm:"...")
	// extends is the first embedded type tagged xorm:"extends": rows of
	// a join read into it come from that type's table.
	extends *typeRef
	file    string
	line    int
}

// tagNaming maps the struct tag keys of ORMs to their naming rules.
var tagNaming = []struct{ key, naming string }{
	{"gorm", "gorm"}, {"bun", "plural"}, {"pg", "plural"}, {"xorm", "snake"}, {"orm", "snake"},
}

// ormVerbs are the ORM methods taking a model (gorm, xorm, beego, bun,
// go-pg, gorp) and what they do to its table; Model, QueryTable,
// QuerySetter and Table take the access of their call chain.
var ormVerbs = map[string]string{
	"Insert": Write, "InsertOne": Write, "InsertMulti": Write, "Create": Write, "CreateInBatches": Write,
	"Save": Write, "Update": Write, "Updates": Write, "UpdateColumn": Write, "UpdateColumns": Write,
	"Delete": Write, "Upsert": Write, "ReadOrCreate": Write, "InsertOrUpdate": Write,
	"Read": Read, "ReadForUpdate": Read, "First": Read, "Last": Read, "Take": Read, "Find": Read,
	"FindAndCount": Read, "Get": Read, "Count": Read, "Exist": Read, "Iterate": Read, "Sum": Read,
	"SumInt": Read, "Sums": Read, "LoadRelated": Read,
	"AutoMigrate": DDL, "Sync": DDL, "Sync2": DDL, "CreateTables": DDL, "DropTables": DDL,
	"CreateTable": DDL, "DropTable": DDL, "RegisterModel": DDL, "AddTable": DDL, "AddTableWithName": DDL,
	"Model": "", "QueryTable": "", "QuerySetter": "", "QuerySetterForCount": "", "Table": "",
}

// chainWrites are methods anywhere in a call chain that make it write
// (db.Model(&u).Where(...).Update("x", 1), db.NewInsert().Model(&u).Exec(ctx)).
var chainWrites = setOf("Insert InsertOne InsertMulti Create Save Update Updates UpdateColumn UpdateColumns Delete Upsert NewInsert NewUpdate NewDelete ForceDelete Unscoped_Delete")

// typeOf reads a type expression: T, pkg.T, *T, []T, ...T, T[X].
func (w *fileWalker) typeOf(e ast.Expr) (typeRef, bool) {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.ArrayType:
			e = x.Elt
			continue
		case *ast.Ellipsis:
			e = x.Elt
			continue
		case *ast.IndexExpr:
			e = x.X
			continue
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.Ident:
			return typeRef{name: x.Name}, true
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok {
				if imp, ok := w.imports[id.Name]; ok {
					return typeRef{imp: imp, name: x.Sel.Name}, true
				}
			}
		}
		return typeRef{}, false
	}
}

// valueType reads the type of a value expression when its syntax tells
// it: &T{...}, T{...}, []T{...}, new(T), make([]T, n), or a variable
// whose type the function declares.
func (w *fileWalker) valueType(e ast.Expr) (typeRef, bool) {
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return w.valueType(x.X)
		}
	case *ast.ParenExpr:
		return w.valueType(x.X)
	case *ast.CompositeLit:
		if x.Type != nil {
			return w.typeOf(x.Type)
		}
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && (id.Name == "new" || id.Name == "make") && len(x.Args) > 0 {
			return w.typeOf(x.Args[0])
		}
	case *ast.Ident:
		for i := len(w.vars) - 1; i >= 0; i-- { // the latest declaration wins
			if w.vars[i].name == x.Name {
				return w.vars[i].t, true
			}
		}
	case *ast.IndexExpr:
		return w.valueType(x.X)
	}
	return typeRef{}, false
}

// declare records the type of a variable or parameter for valueType.
func (w *fileWalker) declare(name string, t typeRef) {
	if name == "_" || name == "" {
		return
	}
	w.vars = append(w.vars, namedType{name, t})
}

// namedType is a variable and its type.
type namedType struct {
	name string
	t    typeRef
}

// declareFields records the parameters (or receiver) of a function.
func (w *fileWalker) declareFields(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		if t, ok := w.typeOf(f.Type); ok {
			for _, n := range f.Names {
				w.declare(n.Name, t)
			}
		}
	}
}

// declareValue records x := <value> and var x [T] = <value>.
func (w *fileWalker) declareValue(name string, typ, value ast.Expr) {
	if typ != nil {
		if t, ok := w.typeOf(typ); ok {
			w.declare(name, t)
		}
		return
	}
	if value != nil {
		if t, ok := w.valueType(value); ok {
			w.declare(name, t)
		}
	}
}

// ormCall records the model arguments of an ORM call. The access is
// the verb's, or for Model/QueryTable/Table that of the whole chain.
func (w *fileWalker) ormCall(c *ast.CallExpr, name string) {
	verb, ok := ormVerbs[name]
	if !ok || w.fn == nil && name != "RegisterModel" {
		return
	}
	access := verb
	if access == "" || access == Read {
		access = w.chainAccess(c, access)
	}
	if verb != "" && w.chains[c].table {
		return // s.Table("t").Join(...).Find(&rows): the rows' type names no table
	}
	if name == "AddTableWithName" && len(c.Args) >= 2 {
		if t, ok := w.valueType(c.Args[0]); ok {
			if lit, ok := c.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					w.site(c, t, name, DDL, s)
				}
			}
		}
		return
	}
	n := len(c.Args)
	if name != "RegisterModel" {
		n = min(n, 3)
	}
	for _, a := range c.Args[:n] {
		if t, ok := w.valueType(a); ok {
			w.site(a, t, name, access, "")
		}
	}
}

func (w *fileWalker) site(at ast.Node, t typeRef, method, access, table string) {
	s := &ormSite{model: t, method: method, access: access, table: table,
		file: w.path, line: w.line(at.Pos()), test: w.test, gen: w.generated}
	if w.fn != nil {
		s.fn = w.fn.key
	}
	w.orm = append(w.orm, s)
}

// chainAccess returns the access of the call chain c belongs to: write
// when a method of the chain writes, else def (read when "").
func (w *fileWalker) chainAccess(c *ast.CallExpr, def string) string {
	if ch, ok := w.chains[c]; ok && ch.access != "" {
		return ch.access
	}
	if def == "" {
		def = Read
	}
	return def
}

// markChain runs on the outermost call of a chain (visited first): it
// gives every call of the chain the chain's access.
func (w *fileWalker) markChain(c *ast.CallExpr) {
	if _, inner := w.chains[c]; inner {
		return
	}
	if sel, ok := c.Fun.(*ast.SelectorExpr); !ok {
		return
	} else if _, isCall := sel.X.(*ast.CallExpr); !isCall {
		return // x.M(...): no chain, the common case
	}
	var calls []*ast.CallExpr
	var ch chain
	for x := ast.Expr(c); ; {
		call, ok := x.(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			break
		}
		calls = append(calls, call)
		if chainWrites[sel.Sel.Name] {
			ch.access = Write
		}
		if builderMethods[sel.Sel.Name] && len(call.Args) > 0 {
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				ch.table = true
			}
		}
		x = sel.X
	}
	if len(calls) < 2 || ch == (chain{}) {
		return
	}
	if w.chains == nil {
		w.chains = map[*ast.CallExpr]chain{}
	}
	for _, call := range calls {
		w.chains[call] = ch
	}
}

// chain is what a call chain says about the calls in it.
type chain struct {
	access string // Write when a method of it writes
	table  bool   // a call of it names the table: Table("t"), From("t")
}

// singularTable notes gorm's NamingStrategy{SingularTable: true}.
func (w *fileWalker) singularTable(kv *ast.KeyValueExpr) {
	if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "SingularTable" {
		if v, ok := kv.Value.(*ast.Ident); ok && v.Name == "true" {
			w.singular = true
		}
	}
}

// structType records a struct type declaration that may be a model.
func (w *fileWalker) structType(ts *ast.TypeSpec) {
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return
	}
	d := structDecl{name: ts.Name.Name, file: w.path, line: w.line(ts.Pos())}
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			if t, ok := w.typeOf(f.Type); ok && t.name == "Schema" && strings.HasPrefix(t.imp, "entgo.io/ent") {
				d.ent = true
			} else if ok && t.name == "BaseModel" && strings.HasPrefix(t.imp, "github.com/uptrace/bun") {
				d.naming = "plural" // a bun model, tagged or not
			}
		}
		if f.Tag == nil {
			continue
		}
		tag, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			continue
		}
		st := reflect.StructTag(tag)
		for _, tn := range tagNaming {
			if _, ok := st.Lookup(tn.key); ok && d.naming == "" {
				d.naming = tn.naming
			}
		}
		if v, ok := st.Lookup("bun"); ok {
			for _, part := range strings.Split(v, ",") {
				if t, ok := strings.CutPrefix(part, "table:"); ok {
					d.table = t
				}
			}
		}
		if v, ok := st.Lookup("xorm"); ok && len(f.Names) == 0 && d.extends == nil && slices.Contains(strings.Fields(v), "extends") {
			if t, ok := w.typeOf(f.Type); ok {
				d.extends = &t
			}
		}
		if len(f.Names) == 1 && f.Names[0].Name == "tableName" {
			for _, key := range []string{"pg", "sql"} {
				if v, ok := st.Lookup(key); ok {
					if t, _, _ := strings.Cut(v, ","); t != "" {
						d.table = strings.Trim(t, `"`)
					}
				}
			}
		}
	}
	w.structs = append(w.structs, d)
}

// entTable reads the table an ent schema's Annotations method names:
// entsql.Annotation{Table: "t"}.
func (w *fileWalker) entTable(d *ast.FuncDecl, recv string) {
	ast.Inspect(d.Body, func(n ast.Node) bool {
		cl, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		if _, isList := cl.Type.(*ast.ArrayType); isList {
			return true // []schema.Annotation{...}: look inside
		}
		if t, ok := w.typeOf(cl.Type); !ok || t.name != "Annotation" || !strings.HasPrefix(t.imp, "entgo.io/ent") {
			return true
		}
		for _, e := range cl.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Table" {
				if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						w.entTables = append(w.entTables, [2]string{recv, s})
					}
				}
			}
		}
		return false
	})
}

// entCall records client.User.Create()...: a method of an ent client's
// per-type field; Finish keeps it when User is an ent schema.
func (w *fileWalker) entCall(c *ast.CallExpr, sel *ast.SelectorExpr) {
	access, ok := entMethods[sel.Sel.Name]
	if !ok || w.fn == nil {
		return
	}
	inner, ok := sel.X.(*ast.SelectorExpr)
	if !ok || !ast.IsExported(inner.Sel.Name) {
		return
	}
	s := &ormSite{model: typeRef{name: inner.Sel.Name}, method: "ent." + sel.Sel.Name, access: access,
		file: w.path, line: w.line(c.Pos()), fn: w.fn.key, test: w.test, gen: w.generated}
	w.orm = append(w.orm, s)
}

// entMethods are the methods of an ent client for one type.
var entMethods = map[string]string{
	"Query": Read, "Get": Read, "GetX": Read, "QueryX": Read,
	"Create": Write, "CreateBulk": Write, "Update": Write, "UpdateOne": Write, "UpdateOneID": Write,
	"Delete": Write, "DeleteOne": Write, "DeleteOneID": Write, "MapCreateBulk": Write,
}
