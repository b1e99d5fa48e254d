package history

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// entry is one decoded tree entry. Trees are decoded by hand rather than
// through object.Tree, which builds maps and helpers this walk never uses.
type entry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

func (e *entry) isDir() bool { return e.mode == filemode.Dir }

// rawChange is a change before rename pairing and churn, with the blob
// hashes those need.
type rawChange struct {
	path, oldPath    string
	kind             ChangeKind
	oldHash, newHash plumbing.Hash
	byName           bool // a rename found by name (Change.ByName)
}

// treeCache keeps recently decoded trees. Consecutive commits share most
// subtrees, so most lookups hit. It holds two generations: when the young
// one reaches its entry budget it becomes the old one and the previous old
// one is dropped, which bounds memory without per-lookup bookkeeping.
type treeCache struct {
	young, old map[plumbing.Hash][]entry
	size, max  int
}

func newTreeCache(maxEntries int) *treeCache {
	return &treeCache{young: map[plumbing.Hash][]entry{}, max: maxEntries}
}

func (c *treeCache) get(h plumbing.Hash) ([]entry, bool) {
	if t, ok := c.young[h]; ok {
		return t, true
	}
	if t, ok := c.old[h]; ok {
		c.put(h, t)
		return t, true
	}
	return nil, false
}

func (c *treeCache) put(h plumbing.Hash, t []entry) {
	if c.size+len(t) > c.max {
		c.old, c.young, c.size = c.young, make(map[plumbing.Hash][]entry, len(c.young)), 0
	}
	c.young[h] = t
	c.size += len(t) + 1
}

// differ diffs trees for one worker.
type differ struct {
	h          *handle
	trees      *treeCache
	buf        []byte
	out        []rawChange
	churnFiles []string // Options.ChurnFiles
	churnMax   int      // Options.ChurnMaxChanges
}

func (d *differ) readObject(h plumbing.Hash, want plumbing.ObjectType) ([]byte, error) {
	return d.h.readRaw(h, want)
}

func (d *differ) tree(h plumbing.Hash) ([]entry, error) {
	if h.IsZero() {
		return nil, nil
	}
	if t, ok := d.trees.get(h); ok {
		return t, nil
	}
	b, err := d.readObject(h, plumbing.TreeObject)
	if err != nil {
		return nil, err
	}
	t, err := parseTree(b)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h.String()[:12], err)
	}
	d.trees.put(h, t)
	return t, nil
}

// parseTree decodes git's tree format: "<octal mode> <name>\0<20-byte
// hash>" repeated. The names are slices of one copy of the tree, which
// makes a tree two allocations instead of one per entry: trees are most
// of what the walk allocates, and so most of its garbage collection.
func parseTree(raw []byte) ([]entry, error) {
	n := bytes.Count(raw, []byte{0})
	t := make([]entry, 0, n)
	names := string(raw)
	b := raw
	for len(b) > 0 {
		sp := bytes.IndexByte(b, ' ')
		if sp <= 0 {
			return nil, errors.New("corrupt tree: no mode")
		}
		var mode uint32
		for _, c := range b[:sp] {
			if c < '0' || c > '7' {
				return nil, errors.New("corrupt tree: bad mode")
			}
			mode = mode<<3 | uint32(c-'0')
		}
		b = b[sp+1:]
		nul := bytes.IndexByte(b, 0)
		if nul < 0 || len(b) < nul+1+20 {
			return nil, errors.New("corrupt tree: truncated entry")
		}
		at := len(raw) - len(b)
		e := entry{name: names[at : at+nul], mode: filemode.FileMode(mode)}
		copy(e.hash[:], b[nul+1:nul+21])
		t = append(t, e)
		b = b[nul+21:]
	}
	return t, nil
}

// compareEntries orders entries as git sorts trees: byte-wise by name,
// with a directory's name compared as if it ended in '/'. A file and a
// directory with the same name therefore never compare equal, which turns
// a file replaced by a directory into a deletion plus additions.
func compareEntries(a, b *entry) int {
	an, bn := a.name, b.name
	n := min(len(an), len(bn))
	for i := 0; i < n; i++ {
		if an[i] != bn[i] {
			return int(an[i]) - int(bn[i])
		}
	}
	var ac, bc byte
	if len(an) > n {
		ac = an[n]
	} else if a.isDir() {
		ac = '/'
	}
	if len(bn) > n {
		bc = bn[n]
	} else if b.isDir() {
		bc = '/'
	}
	return int(ac) - int(bc)
}

// diffTrees appends the file changes between two trees (either may be
// zero, meaning empty) to d.out. Entries with equal hash and mode are
// skipped without being read, so a commit costs only its changed subtrees.
func (d *differ) diffTrees(prefix string, oldH, newH plumbing.Hash) error {
	if oldH == newH {
		return nil
	}
	oldT, err := d.tree(oldH)
	if err != nil {
		return err
	}
	newT, err := d.tree(newH)
	if err != nil {
		return err
	}
	i, j := 0, 0
	for i < len(oldT) || j < len(newT) {
		var c int
		switch {
		case i == len(oldT):
			c = 1
		case j == len(newT):
			c = -1
		default:
			c = compareEntries(&oldT[i], &newT[j])
		}
		switch {
		case c < 0:
			err = d.side(prefix, &oldT[i], Deleted)
			i++
		case c > 0:
			err = d.side(prefix, &newT[j], Added)
			j++
		default:
			err = d.same(prefix, &oldT[i], &newT[j])
			i++
			j++
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// side reports an entry present on one side only, recursing into a whole
// added or deleted directory.
func (d *differ) side(prefix string, e *entry, kind ChangeKind) error {
	switch e.mode {
	case filemode.Submodule:
		return nil
	case filemode.Dir:
		if kind == Added {
			return d.diffTrees(prefix+e.name+"/", plumbing.ZeroHash, e.hash)
		}
		return d.diffTrees(prefix+e.name+"/", e.hash, plumbing.ZeroHash)
	}
	c := rawChange{path: pathOf(prefix, e.name), kind: kind}
	if kind == Added {
		c.newHash = e.hash
	} else {
		c.oldHash = e.hash
	}
	d.out = append(d.out, c)
	return nil
}

// same compares two entries with the same name and the same directory-ness.
func (d *differ) same(prefix string, o, n *entry) error {
	if o.hash == n.hash && o.mode == n.mode {
		return nil
	}
	if o.isDir() {
		return d.diffTrees(prefix+o.name+"/", o.hash, n.hash)
	}
	oSub, nSub := o.mode == filemode.Submodule, n.mode == filemode.Submodule
	switch {
	case oSub && nSub:
		return nil
	case oSub:
		return d.side(prefix, n, Added)
	case nSub:
		return d.side(prefix, o, Deleted)
	}
	d.out = append(d.out, rawChange{path: pathOf(prefix, n.name), kind: Modified, oldHash: o.hash, newHash: n.hash})
	return nil
}

// pathOf is a changed file's path. A name is a slice of its whole decoded
// tree (parseTree), and the log keeps paths for good: a root file's own
// name would keep its commit's root tree alive.
func pathOf(prefix, name string) string {
	if prefix == "" {
		return strings.Clone(name)
	}
	return prefix + name
}
