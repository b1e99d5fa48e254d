package analyze

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/report/schema"
)

// TestAnalysisCache reuses an analysis only while nothing it was made
// from changed, and never a damaged one.
func TestAnalysisCache(t *testing.T) {
	dir := copyShop(t)
	cfg := testConfig(dir, schema.SignalImports, schema.SignalSQL)
	cfg.Cache = t.TempDir()
	first := model(t, cfg)
	files, _ := filepath.Glob(filepath.Join(cfg.Cache, "*", "analysis.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files = %v", files)
	}
	r, rules := mustLocate(t, dir)
	key := cacheKey(cfg, r, rules)
	a := loadAnalysis(cfg.Cache, r.Root, key)
	if a == nil {
		t.Fatal("unchanged repository: cache miss")
	}
	a.Config, a.Repo = cfg, r
	a.fuse()
	x, _ := schema.Encode(first)
	y, _ := schema.Encode(a.Model())
	if string(x) != string(y) {
		t.Error("the cached analysis gives another model than the computed one")
	}
	os.WriteFile(filepath.Join(dir, "ordering", "extra.go"), []byte("package ordering\n"), 0o644)
	// The next run locates the repository again: one run's walks share
	// its listings.
	if r, rules := mustLocate(t, dir); cacheKey(cfg, r, rules) == key {
		t.Error("a new Go file did not change the key")
	}
	// A file whose payload does not match its checksum is never trusted,
	// and neither is one that is not a regular file.
	data, _ := os.ReadFile(files[0])
	forged := []byte(strings.Replace(string(data), "ordering", "orderinG", 1))
	os.WriteFile(files[0], forged, 0o644)
	if loadAnalysis(cfg.Cache, r.Root, key) != nil {
		t.Error("a damaged cache file was used")
	}
	os.Remove(files[0])
	os.Symlink(filepath.Join(dir, "go.mod"), files[0])
	if loadAnalysis(cfg.Cache, r.Root, key) != nil {
		t.Error("a symbolic link was read as the cache file")
	}
}

func mustLocate(t *testing.T, dir string) (*repo.Repo, *scope.Rules) {
	t.Helper()
	rules, err := scope.New(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	r, err := repo.Locate(dir, rules)
	if err != nil {
		t.Fatal(err)
	}
	return r, rules
}

// TestCacheKeyCoversEveryField walks every field of Config, at any depth,
// and changes it: a field that can change the result must change the key
// of both caches, and one tagged json:"-" must not. A field added to
// Config, or to any stage's options, is covered without touching the
// test.
func TestCacheKeyCoversEveryField(t *testing.T) {
	r, rules := mustLocate(t, copyShop(t))
	base := testConfig(r.Root)
	key := cacheKey(base, r, rules)
	tkey := trendKey(base, TrendConfig{})
	if key == "" || tkey == "" {
		t.Fatal("no key for the default configuration")
	}
	n := 0
	walkFields(reflect.TypeOf(base), nil, "Config", false, func(path []int, name string, ignored bool) {
		n++
		cfg := base
		cfg.Signals = append([]schema.Signal(nil), base.Signals...)
		v := reflect.ValueOf(&cfg).Elem()
		for _, i := range path {
			v = v.Field(i)
		}
		if !mutate(v) {
			t.Errorf("%s: the test cannot change a field of kind %s", name, v.Kind())
			return
		}
		changed := cacheKey(cfg, r, rules) != key
		tchanged := trendKey(cfg, TrendConfig{}) != tkey
		switch {
		case ignored && (changed || tchanged):
			t.Errorf("%s is tagged json:\"-\" but changes the cache key", name)
		case !ignored && (!changed || !tchanged):
			t.Errorf("%s changes the result but not the key (analysis %v, trend %v)", name, changed, tchanged)
		}
	})
	if n < 20 {
		t.Errorf("walked only %d fields", n)
	}
}

// walkFields calls f for every leaf field of t: its index path, its name
// and whether a json:"-" tag on it or above it leaves it out.
func walkFields(t reflect.Type, path []int, name string, ignored bool, f func([]int, string, bool)) {
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		p := append(append([]int(nil), path...), i)
		ign := ignored || sf.Tag.Get("json") == "-"
		full := name + "." + sf.Name
		if sf.Type.Kind() == reflect.Struct && sf.Type != reflect.TypeOf(time.Time{}) {
			walkFields(sf.Type, p, full, ign, f)
			continue
		}
		f(p, full, ign)
	}
}

// mutate changes v to another valid value of its kind.
func mutate(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		switch v.Type() {
		case reflect.TypeOf(""):
			v.SetString(v.String() + "x")
		default:
			return false
		}
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Float64:
		v.SetFloat(v.Float() + 0.5)
	case reflect.Array:
		for i := range v.Len() {
			mutate(v.Index(i))
		}
	case reflect.Slice:
		e := reflect.New(v.Type().Elem()).Elem()
		switch e.Kind() {
		case reflect.String:
			e.SetString("sql")
		default:
			return false
		}
		v.Set(reflect.Append(v, e))
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.ValueOf("billing"), reflect.ValueOf([]string{"billing/**"}))
		v.Set(m)
	case reflect.Struct: // time.Time
		v.Set(reflect.ValueOf(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)))
	case reflect.Func:
		v.Set(reflect.ValueOf(func(string, int, int) {}))
	case reflect.Interface: // an io.Writer, a context.Context
		for _, x := range []any{os.Stderr, context.Background()} {
			if reflect.TypeOf(x).Implements(v.Type()) {
				v.Set(reflect.ValueOf(x))
				return true
			}
		}
		return false
	default:
		return false
	}
	return true
}
