package history

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing"
)

// Reading objects through go-git costs more than the diff itself: every
// object read is hashed (SHA-1) to be keyed in its delta-base cache, and
// is read with several system calls. Mine therefore reads objects itself:
// packed ones from memory-mapped packfiles, with a delta-base cache keyed
// by pack offset, and loose ones from their files, in the repository's
// object directory and its alternates. go-git reads packed objects only
// where packfiles cannot be mapped.
//
// Every size an object's header declares is checked against what the
// bytes behind it could inflate to and against maxObject before anything
// is allocated, and buffers grow as data arrives: a crafted repository
// can claim gigabytes in a few bytes.

// packSet is the repository's packfiles, mapped once and shared
// read-only by every worker, and where its loose objects are.
type packSet struct {
	packs []*packFile
	dirs  []string // object directories: the repository's own, then its alternates
	roots roots    // where their files may lie
	// fallback is set where packfiles cannot be mapped: go-git then
	// reads the objects that are not loose. Elsewhere an object in no
	// mapped pack and not loose is missing: a pack that could not be
	// mapped is damaged, and go-git would fail on it too. go-git is the
	// weaker reader of the two: a delta whose base is itself overflows
	// its stack.
	fallback bool
}

// mapPacks is false where packs cannot be mapped; tests turn it off to
// exercise go-git's reading.
var mapPacks = mappingSupported

type packFile struct {
	pack, idx []byte // mapped .pack and .idx
	unmap     []func()
	reads     atomic.Int64 // objects read from pack, for dropPages
	n         int
	fanout    [256]uint32
	hashes    []byte // n × 20
	offsets   []byte // n × 4
	large     []byte // 8-byte offsets
}

// openPacks maps every pack of every object directory. A pack that cannot
// be used is reported: the objects only it holds are then missing.
func openPacks(dirs []string, rs roots, w *warner) *packSet {
	ps := &packSet{dirs: dirs, roots: rs, fallback: !mapPacks}
	if ps.fallback {
		return ps
	}
	for _, dir := range dirs {
		idxs, _ := filepath.Glob(filepath.Join(dir, "pack", "pack-*.idx"))
		for _, ip := range idxs {
			pp := strings.TrimSuffix(ip, ".idx") + ".pack"
			if _, err := os.Lstat(pp); errors.Is(err, os.ErrNotExist) {
				continue // an index left behind by a repack, as git ignores it
			}
			p, err := openPack(ip, pp, rs)
			if err != nil {
				w.add("cannot read the packfile %s (%v): objects only it holds are missing", pp, err)
				continue
			}
			ps.packs = append(ps.packs, p)
		}
	}
	return ps
}

var errBadIndex = errors.New("not a version 2 pack index, or a truncated one")

func openPack(idxPath, packPath string, rs roots) (_ *packFile, err error) {
	p := &packFile{}
	defer func() {
		if err != nil {
			p.close()
		}
	}()
	if p.idx, err = p.mapFile(idxPath, rs); err != nil {
		return nil, err
	}
	if p.pack, err = p.mapFile(packPath, rs); err != nil {
		return nil, err
	}
	b := p.idx
	if len(b) < 8+1024+40 || !bytes.Equal(b[:8], []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}) {
		return nil, errBadIndex
	}
	if len(p.pack) < 12+20 || string(p.pack[:4]) != "PACK" {
		return nil, fmt.Errorf("%w: no pack header", errCorruptPack)
	}
	for i := range p.fanout {
		p.fanout[i] = binary.BigEndian.Uint32(b[8+4*i:])
		if i > 0 && p.fanout[i] < p.fanout[i-1] {
			return nil, errBadIndex
		}
	}
	// The object count is checked against the file's size before it is
	// used for anything: every object takes 28 bytes of the index.
	n := int64(p.fanout[255])
	base := int64(8 + 1024)
	if int64(len(b)) < base+n*28+40 {
		return nil, errBadIndex
	}
	p.n = int(n)
	p.hashes = b[base : base+n*20]
	p.offsets = b[base+n*24 : base+n*28]
	p.large = b[base+n*28 : int64(len(b))-40]
	return p, nil
}

func (p *packFile) mapFile(path string, rs roots) ([]byte, error) {
	f, err := openIn(path, rs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, unmap, err := mapReadOnly(f)
	if err != nil {
		return nil, err
	}
	p.unmap = append(p.unmap, unmap)
	return b, nil
}

func (p *packFile) close() {
	for _, u := range p.unmap {
		u()
	}
	p.unmap = nil
}

func (ps *packSet) close() {
	if ps == nil {
		return
	}
	for _, p := range ps.packs {
		p.close()
	}
	ps.packs = nil
}

// find returns the object's offset in the pack.
func (p *packFile) find(h plumbing.Hash) (int64, bool) {
	lo := 0
	if h[0] > 0 {
		lo = int(p.fanout[h[0]-1])
	}
	hi := int(p.fanout[h[0]])
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := bytes.Compare(p.hashes[m*20:m*20+20], h[:]); {
		case c == 0:
			return p.offset(m)
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

func (p *packFile) offset(i int) (int64, bool) {
	o := binary.BigEndian.Uint32(p.offsets[i*4:])
	if o&0x80000000 == 0 {
		return int64(o), true
	}
	j := int(o &^ 0x80000000)
	if len(p.large) < j*8+8 {
		return 0, false
	}
	return int64(binary.BigEndian.Uint64(p.large[j*8:]) &^ (1 << 63)), true
}

// objectKey names a decoded object by where it is, which needs no hash.
type objectKey struct {
	p   *packFile
	off int64
}

type cachedObject struct {
	typ  plumbing.ObjectType
	data []byte
}

// objectCache holds decoded objects, mostly as delta bases, in two
// generations like treeCache, bounded in bytes.
type objectCache struct {
	young, old map[objectKey]cachedObject
	size, max  int
}

func newObjectCache(maxBytes int) *objectCache {
	return &objectCache{young: map[objectKey]cachedObject{}, max: maxBytes}
}

func (c *objectCache) get(k objectKey) (cachedObject, bool) {
	if o, ok := c.young[k]; ok {
		return o, true
	}
	if o, ok := c.old[k]; ok {
		c.put(k, o)
		return o, true
	}
	return cachedObject{}, false
}

func (c *objectCache) put(k objectKey, o cachedObject) {
	if len(o.data) > c.max/4 {
		return
	}
	if c.size+len(o.data) > c.max/2 {
		c.old, c.young, c.size = c.young, make(map[objectKey]cachedObject, len(c.young)), 0
	}
	c.young[k] = o
	c.size += len(o.data) + 64
}
