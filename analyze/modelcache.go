package analyze

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/seams-tool/seams/analyze/config"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/report"
)

// The model cache lets a re-run on an unchanged repository (seams check
// in CI, a second analyze) skip the signals: a model is stored under a
// fingerprint of everything it was computed from, and reused only when
// every part matches.
//
// The fingerprint covers the seams build (version, and the size and time
// of its executable, so a rebuilt seams never reuses an older one's
// answer), the settings, HEAD, and the path, size and modification time
// of every file a signal reads (Go and SQL files, go.mod, go.work,
// .mailmap, the config file). A file edited to the same size within the
// file system's time resolution would go unnoticed; Linux file systems
// keep nanoseconds.

// fingerprint returns the cache key for a run, or "" when one cannot be
// made (then the cache is not used).
func fingerprint(r *repo.Repo, rules *scope.Rules, cfg Config) string {
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	st, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	fmt.Fprintf(h, "seams %s %s %d %d\n", report.Schema, cfg.Version, st.Size(), st.ModTime().UnixNano())
	settings, err := json.Marshal(struct {
		Exclude, Signals []string
		Tests, Syntax    bool
		History          HistoryConfig
		Cluster          ClusterConfig
		SQL              SQLConfig
		NoContexts       bool
		Timings          bool
	}{cfg.Exclude, cfg.Signals, cfg.Tests, cfg.Syntax, cfg.History, cfg.Cluster, cfg.SQL, cfg.NoContexts, cfg.Timings})
	if err != nil || cfg.Timings {
		return "" // timings differ run to run: never reuse them
	}
	h.Write(settings)
	if r.GitRoot != "" {
		hd, err := head(r.GitRoot)
		if err != nil {
			return ""
		}
		fmt.Fprintf(h, "HEAD %s\n", hd)
	}
	fsys := os.DirFS(r.Root)
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rules.SkipDir(p) && p != "." {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.HasSuffix(name, ".go") && !strings.HasSuffix(strings.ToLower(name), ".sql") &&
			name != "go.mod" && name != "go.work" && name != ".mailmap" && name != config.FileName {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// modelCacheDir is where a repository's cached model lives: one file,
// replaced by each run, so the cache never grows.
func modelCacheDir(cacheRoot, root string) string {
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(cacheRoot, hex.EncodeToString(sum[:8]))
}

func loadModel(dir, key string) *report.Model {
	data, err := os.ReadFile(filepath.Join(dir, "model.json"))
	if err != nil {
		return nil
	}
	// The first line holds the key; the model follows.
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || string(first) != key {
		return nil
	}
	m, err := report.DecodeJSON(bytes.NewReader(rest))
	if err != nil {
		return nil // damaged: recompute, never trust it
	}
	return m
}

func storeModel(dir, key string, m *report.Model) {
	data, err := report.EncodeJSON(m)
	if err != nil || os.MkdirAll(dir, 0o755) != nil {
		return
	}
	// A cache: failing to write costs only time.
	report.WriteFile(filepath.Join(dir, "model.json"), append([]byte(key+"\n"), data...))
}
