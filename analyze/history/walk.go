package history

import (
	"fmt"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// node is what the diff phase needs of a commit. Commits are small, so
// the walk reads them all; each one is handed to the diff workers as soon
// as its parent's tree is known, so that diffing overlaps the walk.
type node struct {
	hash plumbing.Hash
	tree plumbing.Hash
	// parents are the parents walked and diffed against; recorded are the
	// ones the commit names, which differ at a shallow boundary.
	parents, recorded []plumbing.Hash
	cut               bool // a shallow boundary: diffed as a root
	name, email       string
	when              time.Time
	res               result // set by the diff phase
}

// authorTime gives every author time the same representation, whether it
// was decoded by go-git or read back from the cache.
func authorTime(t time.Time) time.Time {
	_, off := t.Zone()
	return time.Unix(t.Unix(), 0).In(time.FixedZone("", off))
}

type graph struct {
	nodes   []*node
	byHash  map[plumbing.Hash]*node
	missing int
}

// walk reads every commit reachable from head, taking what it can from
// the cache so that a warm run reads almost no objects. Commits listed in
// the shallow file are treated as roots, as git does: their parents were
// never fetched. A missing commit elsewhere costs that commit (its
// children then fail to diff and are counted too), not the run.
//
// ready is called once per commit read, from this goroutine, as soon as
// what its diff needs is known: for a commit with one parent, that
// parent's node, or nil when the parent could not be read.
func walk(h *handle, head plumbing.Hash, shallow []plumbing.Hash, c *cache, w *warner,
	ready func(n, parent *node)) (*graph, error) {
	cut := make(map[plumbing.Hash]bool, len(shallow))
	for _, s := range shallow {
		cut[s] = true
	}
	g := &graph{byHash: map[plumbing.Hash]*node{}}
	seen := map[plumbing.Hash]bool{head: true}
	failed := map[plumbing.Hash]bool{}
	waiting := map[plumbing.Hash][]*node{} // parent -> children to diff against it
	stack := []plumbing.Hash{head}
	for len(stack) > 0 {
		hash := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := c.node(hash)
		if n == nil {
			co, err := readCommit(h, hash)
			if err != nil {
				if hash == head {
					return nil, fmt.Errorf("reading commit %s: %w", hash, err)
				}
				g.missing++
				w.cut.add(hash, err)
				failed[hash] = true
				for _, ch := range waiting[hash] {
					ready(ch, nil)
				}
				delete(waiting, hash)
				continue
			}
			n = &node{hash: hash, tree: co.TreeHash, recorded: co.ParentHashes,
				name: co.Author.Name, email: co.Author.Email, when: authorTime(co.Author.When)}
			c.putNode(n)
		}
		n.parents, n.cut = n.recorded, cut[hash] && len(n.recorded) > 0
		if n.cut {
			n.parents = nil
		}
		g.nodes = append(g.nodes, n)
		g.byHash[hash] = n
		if len(n.parents) == 1 {
			switch p := n.parents[0]; {
			case g.byHash[p] != nil:
				ready(n, g.byHash[p])
			case failed[p]:
				ready(n, nil)
			default:
				waiting[p] = append(waiting[p], n)
			}
		} else {
			ready(n, nil)
		}
		for _, ch := range waiting[hash] {
			ready(ch, n)
		}
		delete(waiting, hash)
		for _, p := range n.parents {
			if !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	return g, nil
}

func readCommit(h *handle, hash plumbing.Hash) (c *object.Commit, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("corrupt commit object: %v", r)
		}
	}()
	b, err := h.readRaw(hash, plumbing.CommitObject)
	if err != nil {
		return nil, err
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(plumbing.CommitObject)
	if _, err := obj.Write(b); err != nil {
		return nil, err
	}
	c = &object.Commit{}
	if err := c.Decode(obj); err != nil {
		return nil, fmt.Errorf("commit %s: %w", hash.String()[:12], err)
	}
	return c, nil
}

// firstParentDepth counts commits on the first-parent chain from head to
// where the history stops.
func (g *graph) firstParentDepth(head plumbing.Hash) int {
	depth := 0
	for n := g.byHash[head]; n != nil; {
		depth++
		if len(n.parents) == 0 {
			break
		}
		n = g.byHash[n.parents[0]]
	}
	return depth
}
