package symbols

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// fixture is testdata/mod, a module of five packages: store (types,
// constructors, generics, embedding, a generated file), go-billing
// (package billing: a guessed import name), pay/v2 (a versioned path),
// util (package helpers: only its clause tells), and api, which uses
// them all. Its test files are added, as with --tests.
func fixture(t *testing.T) *Result {
	t.Helper()
	fsets, files := parseFiles(t, "testdata/mod", repoFiles(t, "testdata/mod", true))
	return collect(fsets, files)
}

// TestFixtureDecls checks every exported declaration of the fixture:
// unexported names (Store.internal, Box.store, ledger), embedded
// interfaces (Finder's Lister) and test files' names (store_test's
// Helper) are not among them; a build-constrained file's are
// (undeclared.go); exported methods of unexported types are.
func TestFixtureDecls(t *testing.T) {
	want := []string{
		"api Admin type struct api/api.go:80",
		"api Admin.User field api/api.go:81",
		"api Box type struct api/generics.go:19",
		"api Box.Get method api/generics.go:25",
		"api Box.Inner field api/generics.go:20",
		"api Construct func api/api.go:34",
		"api Deep func api/api.go:85",
		"api Dots func api/dots.go:6",
		"api External func api/api.go:70",
		"api Generated func api/zz_generated.go:8 generated",
		"api Generic func api/generics.go:6",
		"api Handler type struct api/api.go:14",
		"api Handler.Serve method api/api.go:20",
		"api Local func api/shadow.go:12",
		"api Param func api/generics.go:14",
		"api Params func api/api.go:46",
		"api Shadow func api/shadow.go:7",
		"api Switch func api/api.go:60",
		"api Undeclared func api/undeclared.go:6",
		"api Unresolved func api/unresolved.go:8",
		"api Values func api/api.go:91",
		"api Vars func api/api.go:52",
		"api namer.Name method api/unresolved.go:5",
		"go-billing Invoice type struct go-billing/billing.go:7",
		"go-billing Invoice.Owner field go-billing/billing.go:9",
		"go-billing Invoice.Pay method go-billing/billing.go:16",
		"go-billing Invoice.Total field go-billing/billing.go:8",
		"go-billing Ledger func go-billing/billing.go:24",
		"go-billing New func go-billing/billing.go:13",
		"go-billing ledger.Post method go-billing/billing.go:21",
		"pay/v2 Charge func pay/v2/pay.go:10",
		"pay/v2 Shout func pay/v2/pay.go:13",
		"store Base type struct store/store.go:7",
		"store Base.Created field store/store.go:8",
		"store Base.Touch method store/store.go:12",
		"store Default var store/store.go:38",
		"store Finder type interface store/store.go:46",
		"store Finder.Find method store/store.go:48",
		"store ID type alias store/store.go:52",
		"store Kind type other store/store.go:55",
		"store Kind.String method store/store.go:63",
		"store KindA const store/store.go:59",
		"store KindB const store/store.go:60",
		"store List type struct store/store.go:69",
		"store List.Len method store/store.go:77",
		"store List.Push method store/store.go:74",
		"store Lister type interface store/store.go:41",
		"store Lister.List method store/store.go:42",
		"store Map func store/store.go:80",
		"store NewStore func store/store.go:27",
		"store Store type struct store/store.go:22",
		"store Store.Get method store/store.go:30",
		"store Store.List method store/store.go:33",
		"store User type struct store/store.go:15",
		"store User.Base field store/store.go:16",
		"store User.DeepCopy method store/zz_generated.go:6 generated",
		"store User.ID field store/store.go:17",
		"store User.Name field store/store.go:18",
		"store Users type other store/store.go:66",
		"util Helper type struct util/util.go:10",
		"util Helper.Do method util/util.go:13",
		"util Upper func util/util.go:7",
		"util User type struct util/util.go:16",
		"util User.Email field util/util.go:17",
	}
	var got []string
	for _, d := range fixture(t).Decls {
		s := strings.Join(slices.DeleteFunc([]string{d.Pkg, d.Name, d.Kind, d.Form, d.Pos}, func(s string) bool { return s == "" }), " ")
		if d.Generated {
			s += " generated"
		}
		if (d.Recv != "") != (d.Kind == Method || d.Kind == Field) || d.Recv != "" && !strings.HasPrefix(d.Name, d.Recv+".") {
			t.Errorf("%s: receiver %q", s, d.Recv)
		}
		got = append(got, s)
	}
	diff(t, "declarations", got, want)
}

// TestFixtureUses checks every use the fixture makes, each with the way
// it is reached.
func TestFixtureUses(t *testing.T) {
	type row struct {
		from, to, symbol, kind string
		sites, generated, test int
		first                  string
	}
	want := []row{
		// A composite literal's type, a type switch case, a parameter, a method expression.
		{"api", "go-billing", "Invoice", "type", 4, 0, 0, "api/api.go:39"},
		// On a composite literal's value, on a function's result, in a type-switch
		// clause, as a method value and a method expression.
		{"api", "go-billing", "Invoice.Pay", "method", 5, 0, 0, "api/api.go:40"},
		// A composite literal's key.
		{"api", "go-billing", "Invoice.Total", "field", 1, 0, 0, "api/api.go:39"},
		{"api", "go-billing", "Ledger", "func", 1, 0, 0, "api/api.go:75"},
		{"api", "go-billing", "New", "func", 1, 0, 0, "api/api.go:42"},
		// An exported method of an unexported type, on a constructor's result.
		{"api", "go-billing", "ledger.Post", "method", 1, 0, 0, "api/api.go:75"},
		// pay/v2 is package pay.
		{"api", "pay/v2", "Charge", "func", 1, 0, 0, "api/api.go:41"},
		// One embedded level down, on a method's result through a field.
		{"api", "store", "Base.Created", "field", 1, 0, 0, "api/api.go:27"},
		{"api", "store", "Base.Touch", "method", 1, 0, 0, "api/api.go:26"},
		{"api", "store", "Default", "var", 1, 0, 0, "api/api.go:53"},
		// A field's type.
		{"api", "store", "Finder", "type", 1, 0, 0, "api/api.go:16"},
		// On an interface-typed field.
		{"api", "store", "Finder.Find", "method", 1, 0, 0, "api/api.go:28"},
		// An alias, as a local variable's type.
		{"api", "store", "ID", "type", 1, 0, 0, "api/api.go:55"},
		{"api", "store", "Kind", "type", 2, 0, 0, "api/api.go:46"},
		// On a parameter and on a typed constant.
		{"api", "store", "Kind.String", "method", 2, 0, 0, "api/api.go:48"},
		{"api", "store", "KindA", "const", 1, 0, 0, "api/api.go:54"},
		// An instantiated generic type and its methods.
		{"api", "store", "List", "type", 1, 0, 0, "api/generics.go:7"},
		{"api", "store", "List.Len", "method", 1, 0, 0, "api/generics.go:10"},
		{"api", "store", "List.Push", "method", 1, 0, 0, "api/generics.go:8"},
		// Through an embedded interface.
		{"api", "store", "Lister.List", "method", 1, 0, 0, "api/api.go:29"},
		{"api", "store", "Map", "func", 1, 0, 0, "api/generics.go:9"},
		// One of them in a test file; shadow.go's local store := store.NewStore()
		// reads the package before the variable exists.
		{"api", "store", "NewStore", "func", 3, 0, 1, "api/api.go:35"},
		// Field, parameter (also in a generated file) types.
		{"api", "store", "Store", "type", 4, 1, 0, "api/api.go:15"},
		// Through a field and a package variable.
		{"api", "store", "Store.Get", "method", 2, 0, 0, "api/api.go:21"},
		// On a constructor's result, a parameter and a local variable named like
		// the package, a generic receiver's field, in generated and test code.
		{"api", "store", "Store.List", "method", 6, 1, 1, "api/api.go:36"},
		{"api", "store", "User", "type", 6, 1, 0, "api/api.go:42"},
		// Ranging over a method's []User result.
		{"api", "store", "User.ID", "field", 1, 0, 0, "api/api.go:37"},
		// On a method's result, a composite key, an element of a named slice
		// type, a parameter, through an embedded field.
		{"api", "store", "User.Name", "field", 5, 0, 0, "api/api.go:25"},
		{"api", "store", "Users", "type", 1, 0, 0, "api/api.go:46"},
		// Dot-imported.
		{"api", "util", "Helper", "type", 1, 0, 0, "api/dots.go:7"},
		{"api", "util", "Helper.Do", "method", 1, 0, 0, "api/dots.go:8"},
		{"api", "util", "Upper", "func", 1, 0, 0, "api/dots.go:9"},
		// A field's and a parameter's types.
		{"go-billing", "store", "User", "type", 2, 0, 0, "go-billing/billing.go:9"},
		{"pay/v2", "go-billing", "Invoice", "type", 1, 0, 0, "pay/v2/pay.go:10"},
		{"pay/v2", "go-billing", "Invoice.Pay", "method", 1, 0, 0, "pay/v2/pay.go:10"},
		// util is package helpers: its clause tells.
		{"pay/v2", "util", "Upper", "func", 1, 0, 0, "pay/v2/pay.go:13"},
	}
	var got, wantS []string
	for _, u := range fixture(t).Uses {
		got = append(got, fmt.Sprint(row{u.From, u.To, u.Symbol, u.Kind, u.Sites, u.Generated, u.Test, u.First}))
	}
	for _, w := range want {
		wantS = append(wantS, fmt.Sprint(w))
	}
	diff(t, "uses", got, wantS)
}

// TestFixtureCalls checks how the fixture's calls on values resolved.
// The 29 hand-written ones: 22 to repository members; 3 on types from
// outside (strings.Builder twice, rand.Rand; rand.IntN is a package's
// function, not counted); 1 without its member one level down
// (Admin.Touch is two levels); 3 unresolved: a type parameter's
// v.Name(), a closure's result f().Name(), a type declared nowhere
// (undeclared.go's w.Do()).
func TestFixtureCalls(t *testing.T) {
	res := fixture(t)
	for _, c := range []struct {
		name      string
		got, want CallStats
	}{
		{"hand-written", res.Calls, CallStats{OnValues: 29, Resolved: 22, External: 3, NoMember: 1, Unresolved: 3}},
		{"generated", res.GeneratedCalls, CallStats{OnValues: 1, Resolved: 1}},
	} {
		if c.got != c.want {
			t.Errorf("%s calls: got %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if got, want := res.Calls.UnresolvedShare(), 4.0/29; got != want {
		t.Errorf("unresolved share %v, want %v", got, want)
	}
	if res.Missing != 0 || len(res.Skipped) != 0 {
		t.Errorf("missing %d, skipped %v", res.Missing, res.Skipped)
	}
	if len(res.Homonyms) != 1 || fmt.Sprint(res.Homonyms[0]) != "{User [store util]}" {
		t.Errorf("homonyms %v, want User in store and util", res.Homonyms)
	}
	if res.Files != 14 || res.Packages != 5 {
		t.Errorf("%d files, %d packages; want 14, 5", res.Files, res.Packages)
	}
}

// diff reports the lines only one of got and want holds.
func diff(t *testing.T, what string, got, want []string) {
	t.Helper()
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("unexpected %s: %s", what, g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %s: %s", what, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d %s, want %d", len(got), what, len(want))
	}
}
