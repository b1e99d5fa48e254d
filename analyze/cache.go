package analyze

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/analyze/config"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/filegroups"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/graph/rank"
	"github.com/seams-tool/seams/report"
	"github.com/seams-tool/seams/report/schema"
)

// The analysis cache lets a re-run on an unchanged repository (seams
// check in CI, a second analyze) skip the signals and the clustering: an
// analysis is stored under a key made of everything it was computed from,
// and reused only when every part matches. The trend cache keys its points
// with the same function.
//
// The key covers the seams build (version, and the path, size and time of
// its executable, so that a rebuilt seams never reuses an older one's
// answer), the whole configuration but for the fields tagged json:"-",
// the go environment that changes what go list reports (GOOS, GOARCH,
// GOFLAGS, the toolchain, and which required modules the module cache
// holds), HEAD, the ref mined, the shallow boundary, and the path, size and
// modification time of every file a signal reads (Go and SQL files,
// go.mod, go.sum, go.work, vendor/modules.txt, .mailmap, the configuration
// file). A file edited to the same size within the file system's time
// resolution would go unnoticed; Linux file systems keep nanoseconds.

// cacheKey returns the cache key for a run, or "" when one cannot be made
// (then nothing is cached).
func cacheKey(cfg Config, r *repo.Repo, rules *scope.Rules) string {
	if cfg.Timings {
		return "" // timings differ run to run: never reuse them
	}
	h := sha256.New()
	if !settingsKey(h, cfg) || !buildKey(h) {
		return ""
	}
	goEnvKey(h, r)
	fmt.Fprintf(h, "root %s %s\n", r.Root, r.GitRoot)
	if r.GitRoot != "" && !gitKey(h, r.GitRoot, cfg.History.Ref) {
		return ""
	}
	if !filesKey(h, r, rules) {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// settingsKey writes the configuration, every field that can change the
// result: those tagged json:"-" cannot.
func settingsKey(h hash.Hash, cfg Config) bool {
	data, err := json.Marshal(cfg)
	if err != nil {
		return false
	}
	fmt.Fprintf(h, "seams %s config %s\n", schema.Version, data)
	return true
}

// buildKey writes the identity of the running seams executable.
func buildKey(h hash.Hash) bool {
	id, ok := exeIdentity()
	if ok {
		fmt.Fprintf(h, "%s\n", id)
	}
	return ok
}

// exeIdentity names the running seams build: its executable's path, size
// and time, and the Go release that built it; false when it cannot be
// told (then nothing it computed is kept).
func exeIdentity() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	st, err := os.Stat(exe)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("exe %s %d %d %s", exe, st.Size(), st.ModTime().UnixNano(), runtime.Version()), true
}

// goEnvKey writes what decides what the go command lists: the platform,
// the flags, the toolchain on PATH, and which required modules the module
// cache holds (a missing one is a warning and a partial signal).
func goEnvKey(h hash.Hash, r *repo.Repo) {
	for _, v := range []string{"GOOS", "GOARCH", "GOFLAGS", "GOEXPERIMENT", "GOROOT", "GOPATH", "GOMODCACHE", "GOWORK", "GO111MODULE", "GOTOOLCHAIN"} {
		fmt.Fprintf(h, "env %s=%s\n", v, os.Getenv(v))
	}
	fmt.Fprintf(h, "host %s/%s\n", runtime.GOOS, runtime.GOARCH)
	if p, err := exec.LookPath("go"); err == nil {
		if st, err := os.Stat(p); err == nil {
			fmt.Fprintf(h, "go %s %d %d\n", p, st.Size(), st.ModTime().UnixNano())
		}
	}
	cache := moduleCache()
	for _, m := range r.Modules {
		data, err := fs.ReadFile(r.Files(), filepath.ToSlash(filepath.Join(m.Dir, "go.mod")))
		if err != nil {
			continue
		}
		f, err := modfile.ParseLax("go.mod", data, nil)
		if err != nil {
			continue
		}
		for _, req := range f.Require {
			p, err1 := module.EscapePath(req.Mod.Path)
			v, err2 := module.EscapeVersion(req.Mod.Version)
			if err1 != nil || err2 != nil {
				continue
			}
			_, err := os.Stat(filepath.Join(cache, p+"@"+v))
			fmt.Fprintf(h, "mod %s %s %t\n", req.Mod.Path, req.Mod.Version, err == nil)
		}
	}
}

// moduleCache is where the go command keeps modules, by its own rules,
// without running it.
func moduleCache() string {
	if d := os.Getenv("GOMODCACHE"); d != "" {
		return d
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, _ := os.UserHomeDir()
		gopath = filepath.Join(home, "go")
	}
	return filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
}

// gitKey writes HEAD, the commit the mined ref resolves to, and the
// shallow boundary: fetching more history or moving a branch changes the
// answer.
func gitKey(h hash.Hash, gitRoot, ref string) bool {
	g, err := git.PlainOpenWithOptions(gitRoot, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		fmt.Fprintf(h, "git unreadable: %v\n", err)
		return true // the history signal says why; the key is still sound
	}
	hd, err := head(gitRoot)
	if err != nil {
		return false
	}
	fmt.Fprintf(h, "HEAD %s\n", hd)
	if ref != "" {
		at, err := g.ResolveRevision(plumbing.Revision(ref))
		if err != nil {
			fmt.Fprintf(h, "ref %s unresolved\n", ref)
		} else {
			fmt.Fprintf(h, "ref %s %s\n", ref, at)
		}
	}
	shallow, _ := g.Storer.Shallow()
	for _, s := range shallow {
		fmt.Fprintf(h, "shallow %s\n", s)
	}
	return true
}

// filesKey writes the path, size and modification time of every file a
// signal reads.
func filesKey(h hash.Hash, r *repo.Repo, rules *scope.Rules) bool {
	fsys := r.Files()
	stat := func(p string, d fs.DirEntry) error {
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		return nil
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && p != "." && rules.SkipDir(p):
			return fs.SkipDir
		case d.IsDir():
			return nil
		}
		name := d.Name()
		if strings.HasSuffix(name, ".go") || strings.HasSuffix(strings.ToLower(name), ".sql") || slices.Contains(keyFiles, name) {
			return stat(p, d)
		}
		return nil
	})
	if err != nil {
		return false
	}
	// Vendored modules decide what the go command lists, from a
	// directory the walk skips.
	for _, m := range r.Modules {
		p := path.Join(m.Dir, "vendor", "modules.txt")
		if info, err := fs.Stat(fsys, p); err == nil {
			fmt.Fprintf(h, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
	}
	return true
}

// keyFiles are the files besides Go and SQL files whose change changes
// the answer.
var keyFiles = []string{"go.mod", "go.sum", "go.work", "go.work.sum", ".mailmap", config.FileName}

// cached is what the cache keeps of an analysis: everything but what is
// cheaper to rebuild than to store (the fused graph) or known to the
// caller (the configuration and the repository).
type cached struct {
	Head      string
	Code      *code.Graph
	SQL       *tables.Result
	History   *History
	Vocab     *vocab.Result
	Symbols   *Symbols
	Status    map[schema.Signal]Status
	Warnings  []schema.Warning
	Groups    map[string][]filegroups.Group
	Partition *cluster.Partition
	Contexts  []rank.Context
	Metrics   *metrics.Figures
}

const cacheMagic = "seams-analysis/v1"

// cacheFile is where a repository's cached analysis lives: one file,
// replaced by each run, so the cache never grows.
func cacheFile(dir, root string) string {
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(dir, hex.EncodeToString(sum[:8]), "analysis.gob")
}

// loadAnalysis returns the cached analysis stored under key, or nil. A
// file that is not whole (its checksum fails) or not of this seams is
// ignored: the analysis is computed again.
func loadAnalysis(dir, root, key string) *Analysis {
	data, err := readRegular(cacheFile(dir, root))
	if err != nil {
		return nil
	}
	magic, rest, _ := bytes.Cut(data, []byte("\n"))
	k, rest, _ := bytes.Cut(rest, []byte("\n"))
	sum, payload, _ := bytes.Cut(rest, []byte("\n"))
	got := sha256.Sum256(payload)
	if string(magic) != cacheMagic || string(k) != key || string(sum) != hex.EncodeToString(got[:]) {
		return nil
	}
	var c cached
	if gob.NewDecoder(bytes.NewReader(payload)).Decode(&c) != nil || c.Code == nil {
		return nil
	}
	return &Analysis{Head: c.Head, Code: c.Code, SQL: c.SQL, History: c.History, Vocabulary: c.Vocab, Symbols: c.Symbols, Status: c.Status, Warnings: c.Warnings,
		FileGroups: c.Groups, Partition: c.Partition, Contexts: c.Contexts, Metrics: c.Metrics}
}

func storeAnalysis(dir, root, key string, a *Analysis) {
	var payload bytes.Buffer
	c := cached{a.Head, a.Code, a.SQL, a.History, a.Vocabulary, a.Symbols, a.Status, a.Warnings, a.FileGroups, a.Partition, a.Contexts, a.Metrics}
	if gob.NewEncoder(&payload).Encode(&c) != nil {
		return
	}
	sum := sha256.Sum256(payload.Bytes())
	path := cacheFile(dir, root)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	head := fmt.Sprintf("%s\n%s\n%s\n", cacheMagic, key, hex.EncodeToString(sum[:]))
	// A cache: failing to write costs only time.
	report.WriteFile(path, append([]byte(head), payload.Bytes()...))
}

// readRegular reads a file only if it is a regular file: a FIFO in its
// place would hang the run, a symbolic link could point anywhere.
func readRegular(path string) ([]byte, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	return os.ReadFile(path)
}
