package analyze

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/seams-tool/seams/analyze/gitscript"
	"github.com/seams-tool/seams/report/schema"
)

var (
	shopOnce sync.Once
	shopDir  string
	shopErr  error
)

// shopRepo builds the fixture's git history once per test binary.
func shopRepo(t *testing.T) string {
	t.Helper()
	shopOnce.Do(func() {
		dir, err := filepath.Abs(filepath.Join(sharedTemp, "shop"))
		if err != nil {
			shopErr = err
			return
		}
		_, shopErr = gitscript.BuildFile("../testdata/shop.history", dir, "../testdata/shop")
		shopDir = dir
	})
	if shopErr != nil {
		t.Fatal(shopErr)
	}
	return shopDir
}

// recovered scores a model's partition against the planted domains; every
// package must have one.
func recovered(t *testing.T, m *schema.Model) float64 {
	planted := plantedDomains(t)
	for _, p := range m.Packages {
		if _, ok := planted[p.Path]; !ok {
			t.Fatalf("package %s has no planted domain", p.Path)
		}
	}
	return scoreAgainst(planted, m)
}

func TestShopContextsRecovered(t *testing.T) {
	dir := shopRepo(t)
	cases := []struct {
		name    string
		signals []schema.Signal
		min     float64
	}{
		{"all signals", nil, 0.9},
		{"no sql", []schema.Signal{schema.SignalImports, schema.SignalHistory}, 0.7},
		{"no history", []schema.Signal{schema.SignalImports, schema.SignalSQL}, 0.7},
		// Without imports the kernel rule has nothing to go on: the
		// platform comes back as a context of its own, through the commits
		// that change only platform packages.
		{"no imports", []schema.Signal{schema.SignalSQL, schema.SignalHistory}, 0.7},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := model(t, testConfig(dir, tc.signals...))
			got := recovered(t, m)
			t.Logf("ARI %.3f with %d contexts", got, len(m.Contexts))
			if got < tc.min {
				for _, c := range m.Contexts {
					t.Logf("  %s: %v", c.Name, c.Packages)
				}
				t.Errorf("ARI %.3f, want at least %.2f", got, tc.min)
			}
		})
	}
}

func TestShopDeterministic(t *testing.T) {
	dir := shopRepo(t)
	var first []byte
	for i := 0; i < 3; i++ {
		data, err := schema.Encode(model(t, testConfig(dir)))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = data
		} else if string(data) != string(first) {
			t.Fatalf("run %d gave other JSON", i)
		}
	}
}
