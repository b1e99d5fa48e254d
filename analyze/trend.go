package analyze

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/seams-tool/seams/analyze/history"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/analyze/snapshot"
	"github.com/seams-tool/seams/graph/baseline"
	"github.com/seams-tool/seams/report"
	"github.com/seams-tool/seams/report/schema"
)

// TrendConfig chooses the commits seams trend replays and how it
// measures them.
type TrendConfig struct {
	// Commits samples this many commits, evenly spread over the history
	// (the newest always included); Every samples one commit per period
	// instead, the newest at or before each step back from the newest.
	Commits int
	Every   time.Duration
	Since   time.Time
	// Baseline is the partition to measure; nil means cluster each
	// commit afresh (--recluster).
	Baseline *schema.Baseline
	// CacheDir keeps one point per commit and settings; "" means none.
	CacheDir string
}

// Trend replays the metrics over the history without checking anything
// out: at each sampled commit the tree is read from the object store, the
// import graph is built syntax-only from its blobs, SQL is read from its
// blobs, and co-change is mined from that commit's ancestors.
func Trend(cfg Config, tc TrendConfig) (*schema.Trend, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r, rules, err := locate(cfg)
	if err != nil {
		return nil, err
	}
	if r.GitRoot == "" {
		return nil, fmt.Errorf("%s is not in a git repository: there is no history to replay", r.Root)
	}
	log, err := history.Mine(r.GitRoot, history.Options{Ref: cfg.History.Ref, Since: tc.Since, Until: cfg.History.Until, CacheDir: cfg.History.CacheDir})
	if err != nil {
		return nil, err
	}
	samples := sample(log.Commits, tc)
	if len(samples) == 0 {
		return nil, fmt.Errorf("no commits to sample in the chosen range")
	}
	g, err := git.PlainOpenWithOptions(r.GitRoot, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		return nil, err
	}
	prefix := repo.Rel(r.GitRoot, r.Root)
	t := &schema.Trend{Schema: schema.TrendVersion, Partition: "baseline"}
	if tc.Baseline == nil {
		t.Partition = "recluster"
	}
	key := trendKey(cfg, tc)
	for i, c := range samples {
		if cfg.Progress != nil {
			cfg.Progress("trend", i, len(samples))
		}
		if p, ok := readPoint(tc.CacheDir, c.Hash, key); ok {
			t.Points = append(t.Points, p)
			continue
		}
		p, err := pointAt(g, r, rules, prefix, c, cfg, tc)
		if errors.Is(err, repo.ErrNoModule) || errors.Is(err, ErrNothingToAnalyze) {
			// Early history often predates go.mod: nothing to measure there.
			t.Skipped = append(t.Skipped, schema.TrendSkip{Commit: c.Hash, Reason: err.Error()})
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", c.Hash[:12], err)
		}
		writePoint(tc.CacheDir, c.Hash, key, p)
		t.Points = append(t.Points, p)
	}
	if cfg.Progress != nil {
		cfg.Progress("trend", len(samples), len(samples))
	}
	return t, nil
}

// pointAt measures one commit.
func pointAt(g *git.Repository, r *repo.Repo, rules *scope.Rules, prefix string, c history.Commit, cfg Config, tc TrendConfig) (schema.TrendPoint, error) {
	co, err := g.CommitObject(plumbing.NewHash(c.Hash))
	if err != nil {
		return schema.TrendPoint{}, err
	}
	snap, err := snapshot.New(co)
	if err != nil {
		return schema.TrendPoint{}, err
	}
	var fsys fs.FS = snap
	if prefix != "." {
		if fsys, err = fs.Sub(snap, prefix); err != nil {
			return schema.TrendPoint{}, err
		}
	}
	at, err := repo.LocateFS(fsys, r.Root+"@"+c.Hash[:12], rules)
	if err != nil {
		return schema.TrendPoint{}, err
	}
	at.Root = r.Root
	// Paths are reported as on disk, so that history's paths (relative
	// to the git root) map onto packages the same way.
	at.GitRoot = r.GitRoot
	cc := cfg
	cc.Syntax = true
	cc.History.Ref = c.Hash
	cc.History.Until = time.Time{}
	cc.NoContexts = tc.Baseline != nil
	cc.Progress = nil
	a, err := run(at, rules, cc)
	if err != nil {
		return schema.TrendPoint{}, fmt.Errorf("%w: %v", ErrNothingToAnalyze, err)
	}
	p := schema.TrendPoint{Commit: c.Hash, Date: c.When.UTC().Format(time.RFC3339), Packages: len(a.Code.Packages)}
	if tc.Baseline != nil {
		p.Metrics = figures(baseline.Check(baselineOf(tc.Baseline), a.Graph, baseline.Tolerances{}).Metrics)
	} else if a.Metrics != nil {
		p.Metrics = figures(*a.Metrics)
	}
	return p, nil
}

// sample picks the commits to measure, oldest first.
func sample(commits []history.Commit, tc TrendConfig) []history.Commit {
	var in []history.Commit
	for _, c := range commits {
		if tc.Since.IsZero() || !c.When.Before(tc.Since) {
			in = append(in, c)
		}
	}
	if len(in) == 0 {
		return nil
	}
	var out []history.Commit
	switch {
	case tc.Every > 0:
		next := in[len(in)-1].When
		for i := len(in) - 1; i >= 0; i-- {
			if !in[i].When.After(next) {
				out = append(out, in[i])
				next = in[i].When.Add(-tc.Every)
			}
		}
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	default:
		n := tc.Commits
		if n <= 0 {
			n = 12
		}
		n = min(n, len(in))
		seen := map[int]bool{}
		for k := 0; k < n; k++ {
			// Evenly spread by position, ending at the newest commit.
			i := len(in) - 1 - (n-1-k)*(len(in)-1)/max(n-1, 1)
			if n == 1 {
				i = len(in) - 1
			}
			if !seen[i] {
				seen[i] = true
				out = append(out, in[i])
			}
		}
	}
	return out
}

// trendKey names what a cached point depends on: the configuration, as
// for the analysis cache (see cacheKey), the seams build and the
// baseline measured. The commit is in the point's file name; the points
// are read from git's object store with the syntax loader, so the go
// environment does not count.
func trendKey(cfg Config, tc TrendConfig) string {
	h := sha256.New()
	b, _ := json.Marshal(tc.Baseline)
	h.Write(b)
	if !settingsKey(h, cfg) || !buildKey(h) {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func pointPath(dir, commit, key string) string {
	return filepath.Join(dir, commit[:2], commit+"-"+key+".json")
}

func readPoint(dir, commit, key string) (schema.TrendPoint, bool) {
	var p schema.TrendPoint
	if dir == "" || key == "" {
		return p, false
	}
	data, err := readRegular(pointPath(dir, commit, key))
	if err != nil || json.Unmarshal(data, &p) != nil || p.Commit != commit {
		return schema.TrendPoint{}, false // absent or damaged: measure again
	}
	return p, true
}

func writePoint(dir, commit, key string, p schema.TrendPoint) {
	if dir == "" || key == "" {
		return
	}
	path := pointPath(dir, commit, key)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	if data, err := json.Marshal(p); err == nil {
		report.WriteFile(path, data) // a cache: failing to write costs only time
	}
}
