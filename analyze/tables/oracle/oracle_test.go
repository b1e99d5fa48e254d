// Package oracle checks the tables package against PostgreSQL's own
// parser (libpg_query compiled to WebAssembly, github.com/wasilibs/go-pgquery).
// It is a module of its own so that the parser is a dependency of this
// check only, and `go test ./...` of seams neither builds nor runs it:
//
//	cd analyze/tables/oracle && go test .
//	SEAMS_ORACLE_REPO=/path/to/repo go test -run Repo -v .
package oracle

import (
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	pgquery "github.com/wasilibs/go-pgquery"

	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/analyze/tables"
)

// oracleTables returns the tables PostgreSQL's parser finds in one
// statement, names only: every RangeVar, minus CTE names; the bodies of
// SQL and PL/pgSQL functions and of DO blocks are parsed too. ok is
// false when the parser rejects the statement.
func oracleTables(sql string) (map[string]bool, bool) {
	js, err := pgquery.ParseToJSON(sql)
	if err != nil {
		return nil, false
	}
	var tree any
	if err := json.Unmarshal([]byte(js), &tree); err != nil {
		return nil, false
	}
	out, ctes := map[string]bool{}, map[string]bool{}
	walk(tree, out, ctes, sql)
	for n := range out {
		if ctes[n] {
			delete(out, n)
		}
	}
	return out, true
}

// relationObjects are the DROP object types that are relations.
var relationObjects = map[string]bool{"OBJECT_TABLE": true, "OBJECT_VIEW": true, "OBJECT_MATVIEW": true, "OBJECT_FOREIGN_TABLE": true}

// onRelation are the object types whose names end with an object of a
// relation: DROP TRIGGER x ON t is [t, x].
var onRelation = map[string]bool{"OBJECT_TRIGGER": true, "OBJECT_POLICY": true, "OBJECT_RULE": true}

// objectName reads a DROP or COMMENT object as a relation name.
func objectName(o any, typ string) string {
	var parts []string
	collectStrings(o, &parts)
	if onRelation[typ] && len(parts) > 0 {
		parts = parts[:len(parts)-1]
	}
	return strings.ToLower(strings.Join(parts, "."))
}

// walk collects the tables of a parse tree; sql is the statement text,
// which the PL/pgSQL parser needs whole.
func walk(v any, out, ctes map[string]bool, sql string) {
	switch x := v.(type) {
	case map[string]any:
		// A RangeVar: wrapped ({"RangeVar": {...}}) where a field is any
		// node, bare where it is typed (InsertStmt.relation, Constraint.pktable).
		if rel, ok := x["relname"].(string); ok {
			name := strings.ToLower(rel)
			if s := str(x["schemaname"]); s != "" {
				name = strings.ToLower(s) + "." + name
			}
			out[name] = true
		}
		for k, c := range x {
			m, _ := c.(map[string]any)
			switch k {
			case "DropStmt":
				if typ := str(m["removeType"]); relationObjects[typ] || onRelation[typ] {
					objs, _ := m["objects"].([]any)
					for _, o := range objs {
						if n := objectName(o, typ); n != "" {
							out[n] = true
						}
					}
				}
			case "CommentStmt":
				if typ := str(m["objtype"]); relationObjects[typ] || onRelation[typ] {
					if n := objectName(m["object"], typ); n != "" {
						out[n] = true
					}
				}
			case "RenameStmt":
				switch typ := str(m["renameType"]); {
				case relationObjects[typ] && str(m["newname"]) != "":
					out[strings.ToLower(str(m["newname"]))] = true
				case typ == "OBJECT_INDEX" || typ == "OBJECT_SEQUENCE":
					delete(m, "relation") // ALTER INDEX i RENAME TO j names no table
				}
			case "CommonTableExpr":
				ctes[strings.ToLower(str(m["ctename"]))] = true
			case "CreateFunctionStmt":
				body(m, out, sql)
			case "DoStmt":
				doBody(m, out)
			}
			walk(c, out, ctes, sql)
		}
	case []any:
		for _, c := range x {
			walk(c, out, ctes, sql)
		}
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// options reads a CREATE FUNCTION's or DO's DefElem options.
func options(m map[string]any, key string) map[string]string {
	opts := map[string]string{}
	list, _ := m[key].([]any)
	for _, o := range list {
		de, _ := o.(map[string]any)["DefElem"].(map[string]any)
		if de == nil {
			continue
		}
		var vals []string
		collectStrings(de["arg"], &vals)
		if len(vals) > 0 {
			opts[str(de["defname"])] = vals[0]
		}
	}
	return opts
}

func collectStrings(v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["String"].(map[string]any); ok {
			*out = append(*out, str(s["sval"]))
			return
		}
		for _, c := range x {
			collectStrings(c, out)
		}
	case []any:
		for _, c := range x {
			collectStrings(c, out)
		}
	}
}

func body(m map[string]any, out map[string]bool, sql string) {
	opts := options(m, "options")
	switch strings.ToLower(opts["language"]) {
	case "sql":
		for _, stmt := range splitStatements(opts["as"]) {
			if t, ok := oracleTables(stmt); ok {
				for n := range t {
					out[n] = true
				}
			}
		}
	case "plpgsql":
		plpgsqlFunction(sql, out)
	}
}

// splitStatements cuts a SQL function body with PostgreSQL's scanner.
func splitStatements(src string) []string {
	js, err := pgquery.ParseToJSON(src)
	if err != nil {
		return nil
	}
	var tree struct {
		Stmts []struct {
			StmtLocation int `json:"stmt_location"`
			StmtLen      int `json:"stmt_len"`
		}
	}
	if json.Unmarshal([]byte(js), &tree) != nil {
		return nil
	}
	var out []string
	for _, st := range tree.Stmts {
		end := len(src)
		if st.StmtLen > 0 {
			end = min(st.StmtLocation+st.StmtLen, len(src))
		}
		out = append(out, src[st.StmtLocation:end])
	}
	return out
}

func doBody(m map[string]any, out map[string]bool) {
	opts := options(m, "args")
	if l := strings.ToLower(opts["language"]); l == "" || l == "plpgsql" {
		plpgsql(opts["as"], out)
	}
}

// plpgsql parses a DO block's PL/pgSQL body.
func plpgsql(src string, out map[string]bool) {
	plpgsqlFunction("CREATE FUNCTION oracle_body() RETURNS void AS $oracle_body$"+src+"$oracle_body$ LANGUAGE plpgsql", out)
}

// plpgsqlFunction parses a CREATE FUNCTION in PL/pgSQL and the SQL of
// each statement of its body.
func plpgsqlFunction(fn string, out map[string]bool) {
	js, err := pgquery.ParsePlPgSqlToJSON(fn)
	if err != nil {
		return
	}
	var tree any
	if json.Unmarshal([]byte(js), &tree) != nil {
		return
	}
	var queries []string
	collectQueries(tree, &queries)
	for _, q := range queries {
		t, ok := oracleTables(q)
		if !ok {
			t, _ = oracleTables("SELECT " + q)
		}
		for n := range t {
			out[n] = true
		}
	}
}

func collectQueries(v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		if e, ok := x["PLpgSQL_expr"].(map[string]any); ok {
			*out = append(*out, str(e["query"]))
		}
		for _, c := range x {
			collectQueries(c, out)
		}
	case []any:
		for _, c := range x {
			collectQueries(c, out)
		}
	}
}

// ignored applies tables.DefaultIgnore, as the pass does to its own names.
func ignored(name string) bool {
	for _, p := range tables.DefaultIgnore {
		if ok, _ := path.Match(p, name); ok || p == name {
			return true
		}
	}
	return false
}

// score compares the pass with the oracle over statements.
type score struct {
	compared, rejected, truncated int
	tp, fp, fn                    int
	mismatches                    []string
}

func (s *score) add(where, sql string) {
	if len(sql) >= 4000 {
		s.truncated++ // Result keeps the first 4000 bytes of a statement
		return
	}
	want, ok := oracleTables(sql)
	if !ok {
		s.rejected++
		return
	}
	s.compared++
	_, acc, _ := tables.ReadStatement(sql, "postgres")
	got := map[string]bool{}
	for _, a := range acc {
		if !ignored(a.Table) {
			got[a.Table] = true
		}
	}
	for n := range want {
		if ignored(n) {
			delete(want, n)
		}
	}
	var extra, missing []string
	for n := range got {
		if want[n] {
			s.tp++
		} else {
			s.fp++
			extra = append(extra, n)
		}
	}
	for n := range want {
		if !got[n] {
			s.fn++
			missing = append(missing, n)
		}
	}
	if len(extra)+len(missing) > 0 {
		slices.Sort(extra)
		slices.Sort(missing)
		s.mismatches = append(s.mismatches, fmt.Sprintf("%s: extra %v missing %v: %.200q", where, extra, missing, sql))
	}
}

func (s *score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s *score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *score) report(t *testing.T, name string) {
	t.Logf("%s: %d statements compared (%d rejected by PostgreSQL's parser, %d truncated); tables: precision %.4f, recall %.4f (tp %d, fp %d, fn %d)",
		name, s.compared, s.rejected, s.truncated, s.precision(), s.recall(), s.tp, s.fp, s.fn)
	if os.Getenv("SEAMS_ORACLE_VERBOSE") != "" {
		for _, m := range s.mismatches {
			t.Log("  " + m)
		}
	}
}

// collect runs the whole pass over a repository: every Go file (tests
// left out, generated ones marked) and its .sql files.
func collect(t *testing.T, root string) *tables.Result {
	mod := ""
	if b, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil {
		if m := regexp.MustCompile(`(?m)^module\s+(\S+)`).FindSubmatch(b); m != nil {
			mod = string(m[1])
		}
	}
	skip := func(rel string) bool {
		base := path.Base(rel)
		return strings.HasPrefix(base, ".") || base == "vendor" || base == "testdata" || base == "node_modules"
	}
	c := tables.NewCollector(tables.Options{})
	fset := token.NewFileSet()
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && skip(rel) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		f, err := parser.ParseFile(fset, rel, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil
		}
		dir := path.Dir(rel)
		ip := mod
		if dir != "." {
			ip = mod + "/" + dir
		}
		c.Add(tables.File{Pkg: dir, ImportPath: ip, Path: rel, Fset: fset, AST: f, Generated: scope.Generated(src)})
		return nil
	})
	return c.Finish(os.DirFS(root), skip, nil)
}

func scoreResult(r *tables.Result) *score {
	s := &score{}
	for _, st := range r.Statements {
		if st.How == tables.HowBuilder || st.How == tables.HowORM {
			continue
		}
		s.add(st.Where, st.SQL)
	}
	return s
}

// TestOracleFixtures compares every PostgreSQL statement of the
// fixture monolith and of the hand-labelled sample with the oracle.
func TestOracleFixtures(t *testing.T) {
	s := scoreResult(collect(t, "../../../testdata/shop"))
	b, err := os.ReadFile("../../../testdata/sql/labelled.json")
	if err != nil {
		t.Fatal(err)
	}
	var labelled []struct{ Repo, File, Dialect, SQL, Builder string }
	if err := json.Unmarshal(b, &labelled); err != nil {
		t.Fatal(err)
	}
	for _, l := range labelled {
		if l.Dialect == "postgres" && l.Builder == "" {
			s.add(l.Repo+"/"+l.File, l.SQL)
		}
	}
	s.report(t, "fixtures")
	if s.compared < 50 {
		t.Fatalf("only %d statements compared", s.compared)
	}
	if s.precision() < 0.99 || s.recall() < 0.99 {
		for _, m := range s.mismatches {
			t.Log(m)
		}
		t.Errorf("precision %.4f, recall %.4f: want >= 0.99", s.precision(), s.recall())
	}
}

// TestOracleRepo compares the statements of real repositories named
// by SEAMS_ORACLE_REPO (a path list) and reports precision and recall;
// with SEAMS_ORACLE_MIN=0.99 it fails below that.
func TestOracleRepo(t *testing.T) {
	env := os.Getenv("SEAMS_ORACLE_REPO")
	if env == "" {
		t.Skip("set SEAMS_ORACLE_REPO=/path/to/repo")
	}
	for _, root := range filepath.SplitList(env) {
		r := collect(t, root)
		if r.Dialect != "postgres" {
			t.Logf("%s: dialect %q, not compared", root, r.Dialect)
			continue
		}
		s := scoreResult(r)
		s.report(t, filepath.Base(root))
		var min float64
		if m := os.Getenv("SEAMS_ORACLE_MIN"); m != "" {
			fmt.Sscan(m, &min)
		}
		if s.precision() < min || s.recall() < min {
			t.Errorf("%s: precision %.4f, recall %.4f below %v", root, s.precision(), s.recall(), min)
		}
	}
}
