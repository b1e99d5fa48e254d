package analyze

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/analyze/history"
	"github.com/seams-tool/seams/analyze/repo"
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
	// Baseline is the partition to measure, and what coverage is
	// measured against.
	Baseline *schema.Baseline
	// Recluster clusters each commit afresh instead of measuring the
	// baseline's partition; the contexts then keep the baseline's ids
	// where they match it (or, without a baseline, the previous point's).
	// Without Recluster a Baseline is needed.
	Recluster bool
	// LowCoverage is the coverage under which a point is flagged; 0
	// means DefaultLowCoverage.
	LowCoverage float64
	// CacheDir keeps one point per commit and settings; "" means none.
	CacheDir string
}

// DefaultLowCoverage flags points where the baseline knows fewer than
// half the packages: their metrics measure less than half the code.
const DefaultLowCoverage = 0.5

// Trend replays the metrics over the history without checking anything
// out: at each sampled commit the tree is read from the object store, the
// import graph is built syntax-only from its blobs, SQL is read from its
// blobs, and co-change is taken from that commit's ancestors in the one
// history mined for the whole trend.
//
// Package paths are carried to today's through git's renames, so that a
// monolith that moved its packages (under internal/, say) is measured
// under the baseline's partition before the move too; each point says
// which share of its packages the baseline knows (Coverage), and points
// under tc.LowCoverage are flagged. A commit with no go.mod is measured
// with the module path its imports imply.
func Trend(cfg Config, tc TrendConfig) (*schema.Trend, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if !tc.Recluster && tc.Baseline == nil {
		return nil, fmt.Errorf("%w: a trend of the baseline's partition needs a baseline", ErrConfig)
	}
	if tc.LowCoverage == 0 {
		tc.LowCoverage = DefaultLowCoverage
	}
	r, rules, err := locate(cfg)
	if err != nil {
		return nil, err
	}
	if r.GitRoot == "" {
		return nil, fmt.Errorf("%s is not in a git repository: there is no history to replay", r.Root)
	}
	// One history serves every point: each takes its own ancestors' part.
	// Churn only feeds change pressure, which no trend figure uses.
	// The churn's files as analyze has them: both share one history cache.
	log, err := history.Mine(r.GitRoot, history.Options{Ref: cfg.History.Ref, Since: tc.Since, Until: cfg.History.Until,
		CacheDir: cfg.History.CacheDir, Progress: cfg.progress("history"), ChurnFiles: cfg.History.CoChange.CodeFiles})
	if err != nil {
		return nil, err
	}
	samples := sample(log.Commits, tc)
	if len(samples) == 0 {
		return nil, fmt.Errorf("no commits to sample in the chosen range")
	}
	// The points read their trees side by side, through history's own
	// reader: go-git's serializes them, and its table of every object's
	// offset was a seventh of the trend's live memory.
	objects, err := history.OpenObjects(r.GitRoot, objectCacheBytes)
	if err != nil {
		return nil, err
	}
	defer objects.Close()
	// The commit graph (every commit read, 1.7 s of a 1,700-package
	// repository's trend on one core) is first needed by the first
	// point's co-change: it is read beside that point's load.
	var parents func(string) map[string]bool
	read := make(chan struct{})
	go func() { parents = ancestry(objects, log.Head); close(read) }()
	defer func() { <-read }() // before objects.Close
	anc := func(hash string) map[string]bool { <-read; return parents(hash) }
	tags := tagsOf(r.GitRoot, objects)
	rp := &replay{cfg: cfg, tc: tc, repo: r, rules: rules, objects: objects, prefix: repo.Rel(r.GitRoot, r.Root),
		log: log, today: log.Renames()}
	if tc.Baseline != nil {
		rp.known = assignmentKnown(tc.Baseline)
	}
	rp.now = newToday(objects, log.Head, rp.prefix, rp.today, rp.known)
	t := &schema.Trend{Schema: schema.TrendVersion, Repo: r.Root, Head: log.Head, Partition: "baseline", LowCoverage: tc.LowCoverage}
	if tc.Recluster {
		t.Partition = "recluster"
	}
	key := trendKey(cfg, tc)
	// Each point is clustered beside the next one's load: the load is
	// mostly one core's work (reading and resolving), the clustering
	// another's. One point at most is clustered at a time, so a trend
	// holds at most two points' analyses.
	points := make([]*schema.TrendPoint, len(samples))
	var measuring sync.WaitGroup
	defer measuring.Wait()
	for i, c := range samples {
		if cfg.Progress != nil {
			cfg.Progress("trend", i, len(samples))
		}
		p, finish, err := rp.point(c, anc, key)
		var skip *skipError
		if errorsAs(err, &skip) {
			t.Skipped = append(t.Skipped, schema.TrendSkip{Commit: c.Hash, Date: c.When.UTC().Format(time.RFC3339), Reason: skip.reason})
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", c.Hash[:12], err)
		}
		points[i] = &p
		if finish != nil {
			measuring.Wait()
			measuring.Go(func() { *points[i] = finish() })
		}
	}
	measuring.Wait()
	for i, c := range samples {
		if p := points[i]; p != nil {
			p.Tags = tags[c.Hash]
			p.Low = p.Coverage < tc.LowCoverage // 1 without a baseline: never low
			t.Points = append(t.Points, *p)
		}
	}
	if cfg.Progress != nil {
		cfg.Progress("trend", len(samples), len(samples))
	}
	return t, nil
}

// objectCacheBytes bounds each reader's cache of delta bases. A cache
// pays: consecutive points read versions of the same files, deltas of
// each other (without one, 12 points of a 1,700-package repository took
// 1.6 times the CPU); a larger one only holds more memory. At 8 MB
// rather than 16 the same trend took the same time and its peak fell
// from 552-575 MB to 520-524 MB in five runs of seven (the other two
// 564-567 MB), its live heap from 220-224 MB to 201-209 MB.
const objectCacheBytes = 8 << 20

// assignmentKnown is the set of packages a baseline knows.
func assignmentKnown(b *schema.Baseline) map[string]bool {
	known := map[string]bool{}
	for _, c := range b.Contexts {
		for _, p := range c.Packages {
			known[p] = true
		}
	}
	for _, p := range slices.Concat(b.Shared, b.Unplaced, b.Tooling) {
		known[p] = true
	}
	return known
}

// ancestry returns, for a commit, the set of commits it descends from
// (itself included), over the commit graph below head.
func ancestry(objects *history.Objects, head string) func(hash string) map[string]bool {
	parents := map[string][]string{}
	stack := []plumbing.Hash{plumbing.NewHash(head)}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, ok := parents[h.String()]; ok {
			continue
		}
		// A commit whose object cannot be read (a shallow or damaged
		// history) ends its line: history.Mine has warned about it.
		c := &object.Commit{}
		if objects.Decode(h, plumbing.CommitObject, c) != nil {
			parents[h.String()] = nil
			continue
		}
		ps := make([]string, len(c.ParentHashes))
		for i, p := range c.ParentHashes {
			ps[i] = p.String()
		}
		parents[h.String()] = ps
		stack = append(stack, c.ParentHashes...)
	}
	return func(hash string) map[string]bool {
		seen := map[string]bool{hash: true}
		stack := []string{hash}
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, p := range parents[c] {
				if !seen[p] {
					seen[p] = true
					stack = append(stack, p)
				}
			}
		}
		return seen
	}
}

// tagsOf maps commit hashes to the tags that point at them, sorted.
// go-git only lists the references; objects peels annotated tags.
func tagsOf(gitRoot string, objects *history.Objects) map[string][]string {
	out := map[string][]string{}
	g, err := git.PlainOpenWithOptions(gitRoot, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		return out
	}
	iter, err := g.Tags()
	if err != nil {
		return out
	}
	iter.ForEach(func(ref *plumbing.Reference) error {
		h := ref.Hash()
		// A tag of a tag is peeled to the commit below, as git does.
		for range 10 {
			t := &object.Tag{}
			if objects.Decode(h, plumbing.TagObject, t) != nil {
				break
			}
			h = t.Target
		}
		out[h.String()] = append(out[h.String()], ref.Name().Short())
		return nil
	})
	for _, ts := range out {
		slices.Sort(ts)
	}
	return out
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
		slices.Reverse(out)
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
// for the analysis cache (see cacheKey), the seams build, the baseline
// measured and the way of measuring. The commit and the point's mapping
// to today's paths are in the point's file name; the points are read
// from git's object store with the syntax loader, so the go environment
// does not count.
func trendKey(cfg Config, tc TrendConfig) string {
	h := sha256.New()
	b, _ := json.Marshal(tc.Baseline)
	h.Write(b)
	fmt.Fprintf(h, "\x00trend/v2\x00%t\x00%g", tc.Recluster, tc.LowCoverage)
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

// subject is the first line of a commit message.
func subject(msg string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(msg), "\n")
	return strings.TrimSpace(line)
}
