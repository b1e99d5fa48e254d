package analyze

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/report"
)

// TestModelCache reuses a model only while nothing it was made from
// changed.
func TestModelCache(t *testing.T) {
	dir := copyShop(t)
	cache := t.TempDir()
	cfg := Config{Dir: dir, ModelCache: cache, Signals: []string{SignalImports, SignalSQL}}
	first, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "*", "model.json"))
	if len(files) != 1 {
		t.Fatalf("cache files = %v", files)
	}
	m := loadModel(filepath.Dir(files[0]), fingerprint(mustLocate(t, dir), mustRules(t), cfg))
	if m == nil {
		t.Fatal("unchanged repository: cache miss")
	}
	a, _ := report.EncodeJSON(first)
	b, _ := report.EncodeJSON(m)
	if string(a) != string(b) {
		t.Error("the cached model differs from the computed one")
	}
	key := fingerprint(mustLocate(t, dir), mustRules(t), cfg)
	os.WriteFile(filepath.Join(dir, "ordering", "extra.go"), []byte("package ordering\n"), 0o644)
	if fingerprint(mustLocate(t, dir), mustRules(t), cfg) == key {
		t.Error("a new Go file did not change the fingerprint")
	}
	other := cfg
	other.Signals = []string{SignalImports}
	if fingerprint(mustLocate(t, dir), mustRules(t), other) == key {
		t.Error("other settings did not change the fingerprint")
	}
	// A damaged cache file is never trusted.
	os.WriteFile(files[0], []byte(key+"\n{broken"), 0o644)
	if loadModel(filepath.Dir(files[0]), key) != nil {
		t.Error("a damaged cache file was used")
	}
}

func mustRules(t *testing.T) *scope.Rules {
	r, err := scope.New(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustLocate(t *testing.T, dir string) *repo.Repo {
	r, err := repo.Locate(dir, mustRules(t))
	if err != nil {
		t.Fatal(err)
	}
	return r
}
