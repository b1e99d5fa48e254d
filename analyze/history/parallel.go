package history

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// result is one commit's outcome from the diff phase.
type result struct {
	changes []Change
	cached  bool
	err     error
}

// chunk is how many consecutive commits a worker takes at once. Commits
// are sorted by time, so a chunk's trees overlap and its tree cache hits.
const chunk = 32

// diffAll diffs the commits in todo, results in the same order. Workers
// share nothing but the cache and a counter: each has its own repository
// handle, object cache and tree cache.
func diffAll(loc location, g *graph, todo []*node, opt Options, workers int, c *cache) ([]result, error) {
	results := make([]result, len(todo))
	// A cache hit needs no repository access, so hits are settled here and
	// only misses reach the workers: a warm re-run opens almost nothing.
	var work []int
	for i, n := range todo {
		if cs, ok := c.get(n, needsChurn(n, opt)); ok {
			results[i] = result{changes: cs, cached: true}
			continue
		}
		work = append(work, i)
	}
	workers = max(1, min(workers, (len(work)+chunk-1)/chunk))

	var done atomic.Int64
	done.Store(int64(len(todo) - len(work)))
	stop := startProgress(opt.Progress, &done, len(todo))
	defer stop()
	if len(work) == 0 {
		return results, nil
	}

	// The object cache mostly serves delta bases; split one budget among
	// the workers so that memory does not grow with the core count.
	objCache := max(int64(16<<20), int64(64<<20)/int64(workers))
	handles := make([]*handle, workers)
	for i := range handles {
		h, err := openRepo(loc, objCache)
		if err != nil {
			for _, o := range handles[:i] {
				o.close()
			}
			return nil, err
		}
		handles[i] = h
	}
	defer func() {
		for _, h := range handles {
			h.close()
		}
	}()

	var next atomic.Int64
	var wg sync.WaitGroup
	for _, h := range handles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := &differ{h: h, trees: newTreeCache(300_000)}
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= len(work) {
					return
				}
				for _, i := range work[start:min(start+chunk, len(work))] {
					n := todo[i]
					churn := needsChurn(n, opt)
					cs, err := d.commit(g, n, churn)
					results[i] = result{changes: cs, err: err}
					if err == nil && !n.cut {
						// A boundary's changes would be wrong once
						// the clone is deepened.
						c.put(n.hash, cs, churn)
					}
					done.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return results, nil
}

func needsChurn(n *node, opt Options) bool {
	return !opt.ChurnSince.IsZero() && !n.when.Before(opt.ChurnSince)
}

// startProgress reports from one goroutine, at most ten times a second
// plus a final report when stop is called.
func startProgress(fn func(done, total int), done *atomic.Int64, total int) (stop func()) {
	if fn == nil {
		return func() {}
	}
	quit := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fn(int(done.Load()), total)
			case <-quit:
				fn(int(done.Load()), total)
				return
			}
		}
	}()
	return func() {
		close(quit)
		<-finished
	}
}

// errNoParent marks a commit whose parent commit could not be read.
var errNoParent = errors.New("parent commit missing")

// commit computes one non-merge commit's changes. A go-git panic on
// corrupt input costs this commit only.
func (d *differ) commit(g *graph, n *node, withChurn bool) (cs []Change, err error) {
	defer func() {
		if r := recover(); r != nil {
			cs, err = nil, fmt.Errorf("corrupt object: %v", r)
		}
	}()
	var parentTree plumbing.Hash
	if len(n.parents) == 1 {
		p := g.byHash[n.parents[0]]
		if p == nil {
			return nil, fmt.Errorf("%w: %s", errNoParent, n.parents[0].String()[:12])
		}
		parentTree = p.tree
	}
	d.out = d.out[:0]
	if err := d.diffTrees("", parentTree, n.tree); err != nil {
		return nil, err
	}
	bs := &blobs{d: d, seen: map[plumbing.Hash]*blob{}, sizes: map[plumbing.Hash]int64{}}
	raw, err := pairRenames(d.out, bs)
	if err != nil {
		return nil, err
	}
	cs = make([]Change, len(raw))
	for i, r := range raw {
		cs[i] = Change{Path: r.path, OldPath: r.oldPath, Kind: r.kind}
		if !withChurn {
			continue
		}
		o, err := bs.get(r.oldHash)
		if err != nil {
			return nil, err
		}
		nw, err := bs.get(r.newHash)
		if err != nil {
			return nil, err
		}
		cs[i].Binary = o.binary || nw.binary
		cs[i].Added, cs[i].Deleted = churn(o, nw)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Path < cs[j].Path })
	return cs, nil
}
