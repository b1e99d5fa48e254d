package history

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// Reading objects through go-git costs more than the diff itself: every
// object read is hashed (SHA-1) to be keyed in its delta-base cache, and
// is read with several system calls. Mine therefore reads packed objects
// itself from memory-mapped packfiles, with a delta-base cache keyed by
// pack offset, and falls back to go-git for everything else: loose
// objects, alternates, packs it could not map, and idx versions other
// than 2. Missing objects are thus reported by go-git, as before.

// packSet is the repository's packfiles, mapped once and shared
// read-only by every worker.
type packSet struct {
	packs []*packFile
	// complete is true when every pack was mapped and there are no
	// alternates: an object in no pack and not loose is then missing, and
	// go-git need not load its own pack indexes to say so.
	complete   bool
	objectsDir string
}

// missing reports whether h is known to be absent from the repository.
// It is only called for objects no mapped pack holds.
func (ps *packSet) missing(h plumbing.Hash) bool {
	if ps == nil || !ps.complete {
		return false
	}
	hex := h.String()
	_, err := os.Lstat(filepath.Join(ps.objectsDir, hex[:2], hex[2:]))
	return errors.Is(err, os.ErrNotExist)
}

type packFile struct {
	pack, idx []byte // mapped .pack and .idx
	unmap     []func()
	n         int
	fanout    [256]uint32
	hashes    []byte // n × 20
	offsets   []byte // n × 4
	large     []byte // 8-byte offsets
}

// openPacks maps every readable pack under objects/pack. Any pack that
// cannot be used is left to go-git.
func openPacks(objectsDir string) *packSet {
	ps := &packSet{objectsDir: objectsDir, complete: true}
	idxs, err := filepath.Glob(filepath.Join(objectsDir, "pack", "pack-*.idx"))
	if err != nil {
		ps.complete = false
	}
	for _, ip := range idxs {
		if p := openPack(ip, strings.TrimSuffix(ip, ".idx")+".pack"); p != nil {
			ps.packs = append(ps.packs, p)
		} else {
			ps.complete = false
		}
	}
	if _, err := os.Lstat(filepath.Join(objectsDir, "info", "alternates")); !errors.Is(err, os.ErrNotExist) {
		ps.complete = false
	}
	return ps
}

func openPack(idxPath, packPath string) *packFile {
	p := &packFile{}
	ok := false
	defer func() {
		if !ok {
			p.close()
		}
	}()
	var err error
	if p.idx, err = p.mapFile(idxPath); err != nil {
		return nil
	}
	if p.pack, err = p.mapFile(packPath); err != nil {
		return nil
	}
	b := p.idx
	if len(b) < 8+1024+40 || !bytes.Equal(b[:8], []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}) {
		return nil
	}
	if len(p.pack) < 12+20 || string(p.pack[:4]) != "PACK" {
		return nil
	}
	for i := range p.fanout {
		p.fanout[i] = binary.BigEndian.Uint32(b[8+4*i:])
		if i > 0 && p.fanout[i] < p.fanout[i-1] {
			return nil
		}
	}
	n := int(p.fanout[255])
	base := 8 + 1024
	if n < 0 || len(b) < base+n*28+40 {
		return nil
	}
	p.n = n
	p.hashes = b[base : base+n*20]
	p.offsets = b[base+n*24 : base+n*28]
	p.large = b[base+n*28 : len(b)-40]
	ok = true
	return p
}

func (p *packFile) mapFile(path string) ([]byte, error) {
	f, err := os.Open(path)
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

// packReader reads objects from a packSet for one goroutine.
type packReader struct {
	ps    *packSet
	cache *objectCache
	zr    io.ReadCloser
	br    bytes.Reader
}

func newPackReader(ps *packSet, cacheBytes int) *packReader {
	return &packReader{ps: ps, cache: newObjectCache(cacheBytes)}
}

var errCorruptPack = errors.New("corrupt packfile")

// locate finds the pack holding h.
func (r *packReader) locate(h plumbing.Hash) (objectKey, bool) {
	if r == nil {
		return objectKey{}, false
	}
	for _, p := range r.ps.packs {
		if off, ok := p.find(h); ok {
			return objectKey{p, off}, true
		}
	}
	return objectKey{}, false
}

// read returns the object's type and content; found is false when no
// mapped pack has it, and the caller should ask go-git. The content may
// be shared with the cache and must not be modified.
func (r *packReader) read(h plumbing.Hash) (typ plumbing.ObjectType, data []byte, found bool, err error) {
	k, ok := r.locate(h)
	if !ok {
		return 0, nil, false, nil
	}
	o, err := r.at(k, 0)
	if err != nil {
		return 0, nil, true, fmt.Errorf("object %s: %w", h.String()[:12], err)
	}
	return o.typ, o.data, true, nil
}

// size returns the object's size without inflating it, except for a
// delta's first bytes, which hold it.
func (r *packReader) size(h plumbing.Hash) (n int64, found bool, err error) {
	k, ok := r.locate(h)
	if !ok {
		return 0, false, nil
	}
	if o, ok := r.cache.get(k); ok {
		return int64(len(o.data)), true, nil
	}
	typ, size, pos, err := header(k.p.pack, k.off)
	if err != nil {
		return 0, true, err
	}
	switch typ {
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
		return size, true, nil
	}
	if typ == plumbing.OFSDeltaObject {
		if _, pos, err = ofsBase(k.p.pack, k.off, pos); err != nil {
			return 0, true, err
		}
	} else {
		pos += 20
	}
	var buf [20]byte
	d, err := r.inflate(k.p.pack, pos, min(size, int64(len(buf))), buf[:0])
	if err != nil {
		return 0, true, err
	}
	_, d, ok = deltaVarint(d)
	if !ok {
		return 0, true, errCorruptPack
	}
	n, _, ok = deltaVarint(d)
	if !ok {
		return 0, true, errCorruptPack
	}
	return n, true, nil
}

// at decodes the object at k, resolving deltas.
func (r *packReader) at(k objectKey, depth int) (cachedObject, error) {
	if o, ok := r.cache.get(k); ok {
		return o, nil
	}
	if depth > 10000 {
		return cachedObject{}, fmt.Errorf("%w: delta chain too deep", errCorruptPack)
	}
	typ, size, pos, err := header(k.p.pack, k.off)
	if err != nil {
		return cachedObject{}, err
	}
	if size > 1<<31 {
		return cachedObject{}, fmt.Errorf("%w: impossible size %d", errCorruptPack, size)
	}
	var o cachedObject
	switch typ {
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
		data, err := r.inflate(k.p.pack, pos, size, make([]byte, 0, size))
		if err != nil {
			return cachedObject{}, err
		}
		o = cachedObject{typ, data}
	case plumbing.OFSDeltaObject, plumbing.REFDeltaObject:
		var base objectKey
		if typ == plumbing.OFSDeltaObject {
			var off int64
			off, pos, err = ofsBase(k.p.pack, k.off, pos)
			if err != nil {
				return cachedObject{}, err
			}
			base = objectKey{k.p, off}
		} else {
			if pos+20 > int64(len(k.p.pack)) {
				return cachedObject{}, errCorruptPack
			}
			var bh plumbing.Hash
			copy(bh[:], k.p.pack[pos:pos+20])
			pos += 20
			var ok bool
			if base, ok = r.locate(bh); !ok {
				return cachedObject{}, fmt.Errorf("delta base %s not in a pack", bh.String()[:12])
			}
		}
		delta, err := r.inflate(k.p.pack, pos, size, make([]byte, 0, size))
		if err != nil {
			return cachedObject{}, err
		}
		b, err := r.at(base, depth+1)
		if err != nil {
			return cachedObject{}, err
		}
		data, err := applyDelta(b.data, delta)
		if err != nil {
			return cachedObject{}, err
		}
		o = cachedObject{b.typ, data}
	default:
		return cachedObject{}, fmt.Errorf("%w: object type %d", errCorruptPack, typ)
	}
	r.cache.put(k, o)
	return o, nil
}

// header parses a pack object header: type, inflated size, and where the
// rest starts.
func header(pack []byte, off int64) (plumbing.ObjectType, int64, int64, error) {
	if off < 12 || off >= int64(len(pack)) {
		return 0, 0, 0, errCorruptPack
	}
	c := pack[off]
	typ := plumbing.ObjectType((c >> 4) & 7)
	size := int64(c & 15)
	shift := uint(4)
	pos := off + 1
	for c&0x80 != 0 {
		if pos >= int64(len(pack)) || shift > 56 {
			return 0, 0, 0, errCorruptPack
		}
		c = pack[pos]
		pos++
		size |= int64(c&0x7f) << shift
		shift += 7
	}
	return typ, size, pos, nil
}

// ofsBase decodes an offset delta's base offset.
func ofsBase(pack []byte, off, pos int64) (int64, int64, error) {
	if pos >= int64(len(pack)) {
		return 0, 0, errCorruptPack
	}
	c := pack[pos]
	pos++
	rel := int64(c & 0x7f)
	for c&0x80 != 0 {
		if pos >= int64(len(pack)) || rel > 1<<48 {
			return 0, 0, errCorruptPack
		}
		c = pack[pos]
		pos++
		rel = (rel+1)<<7 | int64(c&0x7f)
	}
	if rel <= 0 || rel > off {
		return 0, 0, errCorruptPack
	}
	return off - rel, pos, nil
}

// inflate appends n inflated bytes of the zlib stream at pos to dst.
func (r *packReader) inflate(pack []byte, pos, n int64, dst []byte) ([]byte, error) {
	// The size comes from the pack header: an untrusted repository could
	// claim any size, so cap it before allocating (git's own objects for
	// source files are far below this).
	if pos > int64(len(pack)) || n < 0 || n > 1<<31 {
		return nil, errCorruptPack
	}
	r.br.Reset(pack[pos:])
	if r.zr == nil {
		zr, err := zlib.NewReader(&r.br)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errCorruptPack, err)
		}
		r.zr = zr
	} else if err := r.zr.(zlib.Resetter).Reset(&r.br, nil); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorruptPack, err)
	}
	start := len(dst)
	dst = append(dst, make([]byte, n)...)
	if _, err := io.ReadFull(r.zr, dst[start:]); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorruptPack, err)
	}
	return dst, nil
}

func deltaVarint(b []byte) (int64, []byte, bool) {
	var v int64
	for i, shift := 0, uint(0); i < len(b) && shift < 63; i, shift = i+1, shift+7 {
		v |= int64(b[i]&0x7f) << shift
		if b[i]&0x80 == 0 {
			return v, b[i+1:], true
		}
	}
	return 0, nil, false
}

// applyDelta rebuilds an object from its base and a git delta.
func applyDelta(base, delta []byte) ([]byte, error) {
	srcSize, delta, ok := deltaVarint(delta)
	if !ok || srcSize != int64(len(base)) {
		return nil, fmt.Errorf("%w: delta base size mismatch", errCorruptPack)
	}
	dstSize, delta, ok := deltaVarint(delta)
	if !ok || dstSize > 1<<31 {
		return nil, errCorruptPack
	}
	out := make([]byte, 0, dstSize)
	for len(delta) > 0 {
		op := delta[0]
		delta = delta[1:]
		switch {
		case op&0x80 != 0:
			var off, n uint64
			for i := uint(0); i < 7; i++ {
				if op&(1<<i) == 0 {
					continue
				}
				if len(delta) == 0 {
					return nil, errCorruptPack
				}
				if i < 4 {
					off |= uint64(delta[0]) << (8 * i)
				} else {
					n |= uint64(delta[0]) << (8 * (i - 4))
				}
				delta = delta[1:]
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > uint64(len(base)) || uint64(len(out))+n > uint64(dstSize) {
				return nil, errCorruptPack
			}
			out = append(out, base[off:off+n]...)
		case op != 0:
			n := int(op)
			if n > len(delta) || len(out)+n > int(dstSize) {
				return nil, errCorruptPack
			}
			out = append(out, delta[:n]...)
			delta = delta[n:]
		default:
			return nil, errCorruptPack
		}
	}
	if int64(len(out)) != dstSize {
		return nil, errCorruptPack
	}
	return out, nil
}
