package symbols

import (
	"fmt"
	"go/parser"
	"go/token"
	"path"
	"slices"
	"testing"
)

// sources collects Go files given as text, by path; a file's import
// path is "m/" and its directory.
func sources(t *testing.T, files map[string]string) *Result {
	t.Helper()
	c := NewCollector()
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range files {
			if !yield(p) {
				return
			}
		}
	}) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, files[p], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		c.Add(path.Dir(p), "m/"+path.Dir(p), p, fset, f)
	}
	return c.Finish()
}

// uses lists a result's uses as "from -> to.Symbol xSites".
func uses(res *Result) []string {
	var out []string
	for _, u := range res.Uses {
		out = append(out, fmt.Sprintf("%s -> %s.%s x%d", u.From, u.To, u.Symbol, u.Sites))
	}
	return out
}

// p is a package the cases use.
const p = `package p

type T struct{ Name string }

func (t *T) M() {}

func New() *T { return nil }

func Get() (*T, error) { return nil, nil }

type Base struct{}

func (Base) B() {}

type K int

const (
	A K = iota
	B
)

func (K) String() string { return "" }
`

func TestCases(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string
		calls CallStats // of the files but p
	}{{
		name: "import name from the package clause",
		files: map[string]string{
			"lib/lib.go": "package tools\nfunc F() {}\n",
			"a/a.go":     "package a\nimport \"m/lib\"\nfunc f() { tools.F() }\n",
		},
		want: []string{"a -> lib.F x1"},
	}, {
		name: "an API version directory is its package clause",
		files: map[string]string{
			"api/v1/v1.go": "package v1\nfunc F() {}\n",
			"a/a.go":       "package a\nimport \"m/api/v1\"\nfunc f() { v1.F() }\n",
		},
		want: []string{"a -> api/v1.F x1"},
	}, {
		name: "a local variable takes over the package's name",
		files: map[string]string{
			"p/p.go": p,
			"a/a.go": "package a\nimport \"m/p\"\nfunc f() { x := p.New(); p := x; p.M() }\n",
		},
		want:  []string{"a -> p.New x1", "a -> p.T.M x1"},
		calls: CallStats{OnValues: 1, Resolved: 1},
	}, {
		name: "a closure's parameter shadows the package in the closure only",
		files: map[string]string{
			"p/p.go": p,
			"a/a.go": "package a\nimport \"m/p\"\nfunc f() { g := func(p int) { _ = p }; g(1); p.New() }\n",
		},
		want: []string{"a -> p.New x1"},
	}, {
		name: "variables defined by each other end, unknown",
		files: map[string]string{
			"a/a.go": "package a\nvar x = y\nvar y = x\nfunc f() { x.M(); y.M() }\n",
		},
		calls: CallStats{OnValues: 2, Unresolved: 2},
	}, {
		name: "constants repeat the type of the first of their group",
		files: map[string]string{
			"p/p.go": p,
			"a/a.go": "package a\nimport \"m/p\"\nfunc f() string { return p.B.String() }\n",
		},
		want:  []string{"a -> p.B x1", "a -> p.K.String x1"},
		calls: CallStats{OnValues: 1, Resolved: 1},
	}, {
		name: "both results of a call",
		files: map[string]string{
			"p/p.go": p,
			"a/a.go": "package a\nimport \"m/p\"\nfunc f() { t, err := p.Get(); t.M(); _ = err.Error() }\n",
		},
		want:  []string{"a -> p.Get x1", "a -> p.T.M x1"},
		calls: CallStats{OnValues: 2, Resolved: 1, External: 1},
	}, {
		name: "a package variable of another file",
		files: map[string]string{
			"p/p.go":  p,
			"a/v.go":  "package a\nimport \"m/p\"\nvar t = p.New()\n",
			"a/f.go":  "package a\nfunc f() { t.M() }\n",
			"a/g.go":  "package a\nimport \"m/p\"\nvar u p.T\n",
			"a/g2.go": "package a\nfunc g() { _ = u.Name }\n",
		},
		want:  []string{"a -> p.New x1", "a -> p.T x1", "a -> p.T.M x1", "a -> p.T.Name x1"},
		calls: CallStats{OnValues: 1, Resolved: 1},
	}, {
		name: "map values, channel receives, slices of slices",
		files: map[string]string{
			"p/p.go": p,
			"a/a.go": `package a
import "m/p"
func f(m map[string]*p.T, ch chan p.T, ss [][]p.T) {
	for _, v := range m { v.M() }
	v := <-ch
	v.M()
	ss[0][1].M()
	for _, s := range ss { s[0].M() }
	m["x"].M()
}
`,
		},
		want:  []string{"a -> p.T x3", "a -> p.T.M x5"},
		calls: CallStats{OnValues: 5, Resolved: 5},
	}, {
		name: "an embedded pointer's methods belong to its package",
		files: map[string]string{
			"p/p.go": p,
			"a/a.go": "package a\nimport \"m/p\"\ntype S struct{ *p.Base }\nfunc (s S) f() { s.B() }\n",
		},
		want:  []string{"a -> p.Base x1", "a -> p.Base.B x1"},
		calls: CallStats{OnValues: 1, Resolved: 1},
	}, {
		name: "named results",
		files: map[string]string{
			"p/p.go": p,
			"a/a.go": "package a\nimport \"m/p\"\nfunc f() (t *p.T) { t.M(); return }\n",
		},
		want:  []string{"a -> p.T x1", "a -> p.T.M x1"},
		calls: CallStats{OnValues: 1, Resolved: 1},
	}, {
		name: "a dot import from outside the repository names nothing",
		files: map[string]string{
			"a/a.go": "package a\nimport . \"strings\"\nfunc f() string { return ToUpper(\"x\") }\n",
		},
	}, {
		name: "a package's use of itself, and its external test's, are not uses",
		files: map[string]string{
			"p/p.go":      p,
			"p/q.go":      "package p\nfunc g() { New().M() }\n",
			"p/p_test.go": "package p_test\nimport \"m/p\"\nfunc h() { p.New().M() }\n",
		},
		calls: CallStats{OnValues: 2, Resolved: 2},
	}, {
		name: "a struct literal's keys are fields, a map literal's are not",
		files: map[string]string{
			"p/p.go": p,
			"a/a.go": "package a\nimport \"m/p\"\nvar Name = 1\nvar x = p.T{Name: \"a\"}\nvar y = map[int]p.T{Name: {Name: \"b\"}}\n",
		},
		want: []string{"a -> p.T x2", "a -> p.T.Name x2"},
	}, {
		name: "a method of an unseen embedded type is counted outside",
		files: map[string]string{
			"a/a.go": "package a\nimport \"sync\"\ntype S struct{ sync.Mutex }\nfunc (s *S) f() { s.Lock() }\n",
		},
		calls: CallStats{OnValues: 1, External: 1},
	}, {
		name: "a type defined as an interface has its methods, as a struct its fields only",
		files: map[string]string{
			"q/q.go": "package q\ntype I interface{ M() }\ntype S struct{ F int }\nfunc (S) N() {}\n",
			"a/a.go": "package a\nimport \"m/q\"\ntype X q.I\ntype Y q.S\nfunc f(x X, y Y) { x.M(); _ = y.F; y.N() }\n",
		},
		want:  []string{"a -> q.I x1", "a -> q.I.M x1", "a -> q.S x1", "a -> q.S.F x1"},
		calls: CallStats{OnValues: 2, Resolved: 1, NoMember: 1},
	}, {
		name: "an alias of a type from outside",
		files: map[string]string{
			"s/s.go": "package s\nimport \"sync\"\ntype Once = sync.Once\n",
			"a/a.go": "package a\nimport \"m/s\"\nvar o s.Once\nfunc f() { o.Do(nil) }\n",
		},
		want:  []string{"a -> s.Once x1"},
		calls: CallStats{OnValues: 1, External: 1},
	}, {
		name: "the names of a dot import from outside",
		files: map[string]string{
			"a/a.go": "package a\nimport . \"strings\"\nfunc f() { NewReplacer(\"a\", \"b\").Replace(\"x\") }\n",
		},
		calls: CallStats{OnValues: 1, External: 1},
	}} {
		t.Run(c.name, func(t *testing.T) {
			files := c.files
			res := sources(t, files)
			diff(t, "uses", uses(res), c.want)
			got := res.Calls
			if _, ok := files["p/p.go"]; ok {
				// p's own calls: none.
				only := sources(t, map[string]string{"p/p.go": p}).Calls
				if only != (CallStats{}) {
					t.Fatalf("p makes calls: %+v", only)
				}
			}
			if got != c.calls {
				t.Errorf("calls %+v, want %+v", got, c.calls)
			}
		})
	}
}
