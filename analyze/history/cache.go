package history

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/seams-tool/seams/analyze/internal/wire"
)

// The cache is a directory per repository (named by a hash of its
// absolute git dir) holding segment files. Every run that diffed new
// commits appends one segment with just those; when segments pile up, a
// run merges them into one. Segments are written to a temporary file and
// renamed into place, so a reader sees a whole file or none, and two runs
// sharing the directory can at worst both redo some work.
//
// A segment is: magic, format version, the repository's git dir, the
// entries, then a SHA-256 of everything before it. Nothing in a segment
// is used unless the checksum and the repository match.
const (
	cacheMagic    = "seams history cache\n"
	cacheVersion  = 4 // bump when the diff, rename or churn rules change
	maxSegments   = 8
	segmentPrefix = "seg-"
	segmentSuffix = ".bin"
	// maxSegment bounds a segment file: one for the largest histories
	// measured (24k commits) takes a few tens of megabytes.
	maxSegment = 1 << 30
)

// cacheEntry is what is kept of a commit: the walk's view of it for
// every commit (so a warm run need not read commit objects), and its
// changes once diffed. Identities are the raw ones: .mailmap is applied
// after, so editing it takes effect without invalidating anything.
type cacheEntry struct {
	tree        plumbing.Hash
	parents     []plumbing.Hash
	name, email string
	unix        int64
	offset      int64 // time zone, seconds east of UTC

	hasChanges, churn bool
	changes           []Change
}

type cache struct {
	dir    string
	repoID string
	loaded []string // segment files read, for compaction

	mu      sync.Mutex
	entries map[plumbing.Hash]*cacheEntry
	fresh   map[plumbing.Hash]bool // entries to write
	zones   map[int64]*time.Location
}

// openCache loads every readable segment; unreadable ones are reported
// and ignored, which only costs recomputation.
//
// Churn kept for some files only is kept apart: the directory's name
// covers the churn's file endings too.
func openCache(root, gitDir string, churnFiles []string, w *warner) *cache {
	id := gitDir
	if churnFiles != nil {
		id += "\x00churn " + strings.Join(churnFiles, "\x00")
	}
	sum := sha256.Sum256([]byte(id))
	c := &cache{
		dir:     filepath.Join(root, hex.EncodeToString(sum[:8])),
		repoID:  gitDir,
		entries: map[plumbing.Hash]*cacheEntry{},
		fresh:   map[plumbing.Hash]bool{},
	}
	names, err := os.ReadDir(c.dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		w.add("history cache %s unreadable, mining without it: %v", c.dir, err)
	}
	var segs []string
	for _, de := range names {
		if n := de.Name(); strings.HasPrefix(n, segmentPrefix) && strings.HasSuffix(n, segmentSuffix) {
			segs = append(segs, n)
		}
	}
	sort.Strings(segs) // names start with the write time: later segments win
	rs := resolvedRoots(c.dir)
	for _, n := range segs {
		p := filepath.Join(c.dir, n)
		b, err := readIn(p, rs, maxSegment)
		if errors.Is(err, os.ErrNotExist) {
			continue // merged away by a concurrent run
		}
		if err == nil {
			err = c.decode(b)
		}
		if err != nil {
			w.add("ignoring history cache file %s: %v", p, err)
			continue
		}
		c.loaded = append(c.loaded, p)
	}
	return c
}

// node returns the cached walk view of a commit, or nil. A nil cache
// knows nothing, so callers need not check whether caching is on.
func (c *cache) node(h plumbing.Hash) *node {
	if c == nil {
		return nil
	}
	e := c.entries[h]
	if e == nil {
		return nil
	}
	loc := c.zones[e.offset]
	if loc == nil {
		// One location per offset: most histories have a handful.
		loc = time.FixedZone("", int(e.offset))
		if c.zones == nil {
			c.zones = map[int64]*time.Location{}
		}
		c.zones[e.offset] = loc
	}
	return &node{hash: h, tree: e.tree, recorded: e.parents, name: e.name, email: e.email,
		when: time.Unix(e.unix, 0).In(loc)}
}

func (c *cache) putNode(n *node) {
	if c == nil {
		return
	}
	_, off := n.when.Zone()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[n.hash] = &cacheEntry{tree: n.tree, parents: n.recorded, name: n.name, email: n.email,
		unix: n.when.Unix(), offset: int64(off)}
	c.fresh[n.hash] = true
}

// get returns a commit's cached changes if they carry everything asked
// for. Churn is stripped when not asked for or over the limit, so a
// result never depends on what earlier runs happened to compute.
func (c *cache) get(n *node, churn bool, churnMax int) ([]Change, bool) {
	if c == nil || n.cut {
		return nil, false
	}
	e := c.entries[n.hash]
	if e == nil || !e.hasChanges {
		return nil, false
	}
	// A commit over the churn limit was kept without churn on purpose.
	overLimit := churnMax > 0 && len(e.changes) > churnMax
	if churn && !e.churn && !overLimit {
		return nil, false
	}
	cs := make([]Change, len(e.changes))
	copy(cs, e.changes)
	if !churn || overLimit {
		for i := range cs {
			cs[i].Added, cs[i].Deleted, cs[i].Binary = 0, 0, false
		}
	}
	return cs, true
}

// put records a commit's changes; its node is already there.
func (c *cache) put(h plumbing.Hash, cs []Change, churn bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[h]
	if e == nil || e.hasChanges && e.churn && !churn {
		return // keep the richer entry
	}
	e.hasChanges, e.churn, e.changes = true, churn, cs
	c.fresh[h] = true
}

// save writes the new entries as one segment, or everything as one when
// there are too many segments to load quickly.
func (c *cache) save(w *warner) {
	if len(c.fresh) == 0 {
		return
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		w.add("cannot write the history cache: %v", err)
		return
	}
	compact := len(c.loaded)+1 > maxSegments
	var hashes []plumbing.Hash
	for h := range c.entries {
		if compact || c.fresh[h] {
			hashes = append(hashes, h)
		}
	}
	if err := c.write(hashes); err != nil {
		w.add("cannot write the history cache: %v", err)
		return
	}
	if compact {
		for _, p := range c.loaded {
			_ = os.Remove(p) // gone already if another run merged it
		}
	}
}

func (c *cache) write(hashes []plumbing.Hash) error {
	sort.Slice(hashes, func(i, j int) bool { return bytes.Compare(hashes[i][:], hashes[j][:]) < 0 })

	w := wire.Writer{B: []byte(cacheMagic)}
	w.Uint(cacheVersion)
	w.String(c.repoID)
	w.Len(len(hashes))
	for _, h := range hashes {
		e := c.entries[h]
		w.Raw(h[:])
		w.Byte(boolByte(e.churn) | boolByte(e.hasChanges)<<1)
		w.Raw(e.tree[:])
		w.Len(len(e.parents))
		for _, p := range e.parents {
			w.Raw(p[:])
		}
		w.String(e.name)
		w.String(e.email)
		w.Int(e.unix)
		w.Int(e.offset)
		if !e.hasChanges {
			continue
		}
		w.Len(len(e.changes))
		for _, ch := range e.changes {
			w.Byte(byte(ch.Kind))
			w.Byte(boolByte(ch.Binary) | boolByte(ch.ByName)<<1)
			w.String(ch.Path)
			w.String(ch.OldPath)
			w.Uint(uint64(ch.Added))
			w.Uint(uint64(ch.Deleted))
		}
	}
	sum := sha256.Sum256(w.B)
	b := append(w.B, sum[:]...)

	tmp, err := os.CreateTemp(c.dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	name := fmt.Sprintf("%s%020d-%x%s", segmentPrefix, time.Now().UnixNano(), rnd, segmentSuffix)
	if err := os.Rename(tmp.Name(), filepath.Join(c.dir, name)); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// decode checks a segment and merges its entries. Every length is checked
// against what is left, so a damaged file can neither crash the run nor
// make it allocate wildly.
func (c *cache) decode(b []byte) error {
	if len(b) < len(cacheMagic)+sha256.Size || string(b[:len(cacheMagic)]) != cacheMagic {
		return errors.New("not a seams history cache file")
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return errors.New("checksum mismatch (truncated or corrupt)")
	}
	// Strings are cut from one copy of the segment rather than allocated
	// one by one: a segment holds tens of thousands of paths.
	r := wire.NewReader(body[len(cacheMagic):])
	r.ShareStrings()
	if v := r.Uint(); r.Err() == nil && v != cacheVersion {
		return fmt.Errorf("format version %d, this seams reads %d", v, cacheVersion)
	}
	if id := r.String(); r.Err() == nil && id != c.repoID {
		return fmt.Errorf("it belongs to another repository (%s)", id)
	}
	n := r.Len(46)
	got := make(map[plumbing.Hash]*cacheEntry, n)
	for i := 0; i < n && r.Err() == nil; i++ {
		var h plumbing.Hash
		r.Raw(h[:])
		flags := r.Byte()
		e := &cacheEntry{churn: flags&1 != 0, hasChanges: flags&2 != 0}
		r.Raw(e.tree[:])
		e.parents = make([]plumbing.Hash, r.Len(20))
		for j := range e.parents {
			r.Raw(e.parents[j][:])
		}
		e.name, e.email = r.String(), r.String()
		e.unix, e.offset = r.Int(), r.Int()
		if flags > 3 || e.offset < -24*3600 || e.offset > 24*3600 {
			r.Fail()
		}
		got[h] = e
		if !e.hasChanges {
			continue
		}
		m := r.Len(6)
		e.changes = make([]Change, 0, m)
		for j := 0; j < m && r.Err() == nil; j++ {
			ch := Change{Kind: ChangeKind(r.Byte())}
			flags := r.Byte()
			ch.Binary, ch.ByName = flags&1 != 0, flags&2 != 0
			ch.Path, ch.OldPath = r.String(), r.String()
			ch.Added, ch.Deleted = int(r.Uint()), int(r.Uint())
			if ch.Kind < Added || ch.Kind > Renamed || ch.Added < 0 || ch.Deleted < 0 {
				r.Fail()
			}
			e.changes = append(e.changes, ch)
		}
	}
	if err := r.Done(); err != nil {
		return err
	}
	for h, e := range got {
		c.entries[h] = e
	}
	return nil
}
