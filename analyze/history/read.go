package history

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
)

const (
	// maxObject is the largest object, delta or delta result the reader
	// inflates, whatever its header claims; a larger one is reported as
	// unreadable. It is eight times maxContent, so that the delta base
	// of any blob read for churn or similarity fits, and far beyond any
	// real tree or commit. Memory grows with the bytes actually inflated,
	// so a false claim below it costs nothing either.
	maxObject = 8 * maxContent
	// maxDeflateRatio is how much deflate can expand data at most: one
	// 258-byte match in two bits. A header claiming more than that many
	// times the bytes left behind it is a lie.
	maxDeflateRatio = 1032
	// firstBuffer is how much of a declared size is trusted up front;
	// beyond it buffers double as data arrives.
	firstBuffer = 1 << 20
	// maxDeltaChain bounds a chain of deltas; git itself makes none
	// deeper than 4095.
	maxDeltaChain = 10000
)

var (
	errCorruptPack  = errors.New("corrupt packfile")
	errCorruptLoose = errors.New("corrupt loose object")
)

// packReader reads objects from a packSet for one goroutine.
type packReader struct {
	ps    *packSet
	cache *objectCache
	zr    io.ReadCloser
	br    bytes.Reader
	delta []byte      // reused for inflated deltas
	chain []deltaLink // reused for delta chains
}

// deltaLink is one delta of a chain being resolved.
type deltaLink struct {
	k         objectKey
	pos, size int64 // where the delta's data starts, and its inflated size
}

func newPackReader(ps *packSet, cacheBytes int) *packReader {
	return &packReader{ps: ps, cache: newObjectCache(cacheBytes)}
}

// locate finds the pack holding h.
func (r *packReader) locate(h plumbing.Hash) (objectKey, bool) {
	for _, p := range r.ps.packs {
		if off, ok := p.find(h); ok {
			return objectKey{p, off}, true
		}
	}
	return objectKey{}, false
}

// read returns the object's type and content from the mapped packs or
// the loose objects; found is false when neither has it. The content may
// be shared with the cache and must not be modified.
func (r *packReader) read(h plumbing.Hash) (typ plumbing.ObjectType, data []byte, found bool, err error) {
	k, ok := r.locate(h)
	if !ok {
		typ, data, _, found, err := r.loose(h, false)
		return typ, data, found, err
	}
	o, err := r.at(k)
	if err != nil {
		return 0, nil, true, fmt.Errorf("object %s: %w", h.String()[:12], err)
	}
	return o.typ, o.data, true, nil
}

// size returns the object's size without inflating it, except for a
// delta's first bytes or a loose object's header, which hold it.
func (r *packReader) size(h plumbing.Hash) (n int64, found bool, err error) {
	k, ok := r.locate(h)
	if !ok {
		_, _, n, found, err := r.loose(h, true)
		return n, found, err
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
	if pos > int64(len(k.p.pack)) {
		return 0, true, errCorruptPack
	}
	var buf [20]byte
	d, err := r.inflate(k.p.pack[pos:], min(size, int64(len(buf))), buf[:0])
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

// dropEvery is how many objects a pack gives between two drops of its
// resident pages (dropPages): 12 on a 24k-commit history (407k objects
// read). Tests set it to 1.
var dropEvery int64 = 1 << 15

// at decodes the object at k. A delta chain is followed down to a whole
// object or a cached one first, reading only headers, and then applied
// upwards, so that one delta is held at a time and a chain that loops is
// caught by its length rather than by the memory it holds.
func (r *packReader) at(k objectKey) (cachedObject, error) {
	chain := r.chain[:0]
	defer func() { r.chain = chain[:0] }()
	var o cachedObject
	for whole := false; !whole; {
		if c, ok := r.cache.get(k); ok {
			o = c
			break
		}
		if len(chain) > maxDeltaChain {
			return cachedObject{}, fmt.Errorf("%w: delta chain too long", errCorruptPack)
		}
		if k.p.reads.Add(1)%dropEvery == 0 {
			dropPages(k.p.pack)
		}
		typ, size, pos, err := header(k.p.pack, k.off)
		if err != nil {
			return cachedObject{}, err
		}
		var base objectKey
		switch typ {
		case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
			data, err := r.inflate(k.p.pack[pos:], size, nil)
			if err != nil {
				return cachedObject{}, err
			}
			o = cachedObject{typ, data}
			r.cache.put(k, o)
			whole = true
			continue
		case plumbing.OFSDeltaObject:
			var off int64
			if off, pos, err = ofsBase(k.p.pack, k.off, pos); err != nil {
				return cachedObject{}, err
			}
			base = objectKey{k.p, off}
		case plumbing.REFDeltaObject:
			if pos+20 > int64(len(k.p.pack)) {
				return cachedObject{}, errCorruptPack
			}
			bh := plumbing.Hash(k.p.pack[pos : pos+20])
			pos += 20
			var ok bool
			if base, ok = r.locate(bh); !ok {
				return cachedObject{}, fmt.Errorf("delta base %s not in a pack", bh.String()[:12])
			}
		default:
			return cachedObject{}, fmt.Errorf("%w: object type %d", errCorruptPack, typ)
		}
		chain = append(chain, deltaLink{k, pos, size})
		k = base
	}
	for i := len(chain) - 1; i >= 0; i-- {
		l := chain[i]
		delta, err := r.inflate(l.k.p.pack[l.pos:], l.size, r.delta[:0])
		if err != nil {
			return cachedObject{}, err
		}
		if cap(delta) <= firstBuffer {
			r.delta = delta // reused; a big one is let go
		}
		data, err := applyDelta(o.data, delta)
		if err != nil {
			return cachedObject{}, err
		}
		o = cachedObject{o.typ, data}
		r.cache.put(l.k, o)
	}
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

// plausible checks a declared size against the compressed bytes that
// could hold it and against maxObject.
func plausible(n int64, compressed int, corrupt error) error {
	switch {
	case n < 0:
		return fmt.Errorf("%w: negative size", corrupt)
	case n > maxObject:
		return fmt.Errorf("%w: an object claims %d bytes, over the %d MiB limit", corrupt, n, maxObject>>20)
	case n > int64(compressed)*maxDeflateRatio+64:
		return fmt.Errorf("%w: an object claims %d bytes, more than the %d bytes behind it can inflate to",
			corrupt, n, compressed)
	}
	return nil
}

// inflate appends to dst the n bytes the zlib stream at the start of src
// inflates to.
func (r *packReader) inflate(src []byte, n int64, dst []byte) ([]byte, error) {
	if err := plausible(n, len(src), errCorruptPack); err != nil {
		return nil, err
	}
	if err := r.reset(src); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorruptPack, err)
	}
	dst, err := readN(r.zr, n, dst)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCorruptPack, err)
	}
	return dst, nil
}

func (r *packReader) reset(src []byte) error {
	r.br.Reset(src)
	if r.zr == nil {
		zr, err := zlib.NewReader(&r.br)
		r.zr = zr
		return err
	}
	return r.zr.(zlib.Resetter).Reset(&r.br, nil)
}

// readN appends n bytes from rd to dst, trusting n for at most
// firstBuffer bytes and doubling the buffer as data arrives beyond it.
func readN(rd io.Reader, n int64, dst []byte) ([]byte, error) {
	want := len(dst) + int(n)
	for len(dst) < want {
		if len(dst) == cap(dst) {
			dst = slices.Grow(dst, min(want-len(dst), max(cap(dst), firstBuffer)))
		}
		end := min(cap(dst), want)
		if _, err := io.ReadFull(rd, dst[len(dst):end]); err != nil {
			return nil, err
		}
		dst = dst[:end]
	}
	return dst, nil
}

// loose reads a loose object, a zlib stream of "<type> <size>\x00" and
// the content, from the first object directory that has it; with
// headerOnly, only the type and size are read.
func (r *packReader) loose(h plumbing.Hash, headerOnly bool) (typ plumbing.ObjectType, data []byte, size int64, found bool, err error) {
	hex := h.String()
	for _, dir := range r.ps.dirs {
		f, err := openIn(filepath.Join(dir, hex[:2], hex[2:]), r.ps.roots)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err == nil {
			typ, data, size, err = r.readLoose(f, headerOnly)
			_ = f.Close()
		}
		if err != nil {
			return 0, nil, 0, true, fmt.Errorf("object %s: %w", hex[:12], err)
		}
		return typ, data, size, true, nil
	}
	return 0, nil, 0, false, nil
}

func (r *packReader) readLoose(f *os.File, headerOnly bool) (plumbing.ObjectType, []byte, int64, error) {
	st, err := f.Stat()
	if err != nil {
		return 0, nil, 0, err
	}
	if st.Size() > maxObject {
		return 0, nil, 0, fmt.Errorf("%w: %d bytes compressed, over the %d MiB limit", errCorruptLoose, st.Size(), maxObject>>20)
	}
	compressed, err := io.ReadAll(f)
	if err != nil {
		return 0, nil, 0, err
	}
	if err := r.reset(compressed); err != nil {
		return 0, nil, 0, fmt.Errorf("%w: %v", errCorruptLoose, err)
	}
	// The header is at most "commit 9223372036854775807\x00".
	var hdr []byte
	var c [1]byte
	for len(hdr) < 32 {
		if _, err := io.ReadFull(r.zr, c[:]); err != nil {
			return 0, nil, 0, fmt.Errorf("%w: %v", errCorruptLoose, err)
		}
		if c[0] == 0 {
			break
		}
		hdr = append(hdr, c[0])
	}
	name, num, ok := bytes.Cut(hdr, []byte{' '})
	typ, err := plumbing.ParseObjectType(string(name))
	n, nerr := strconv.ParseInt(string(num), 10, 64)
	if !ok || err != nil || nerr != nil || c[0] != 0 ||
		typ != plumbing.CommitObject && typ != plumbing.TreeObject && typ != plumbing.BlobObject && typ != plumbing.TagObject {
		return 0, nil, 0, fmt.Errorf("%w: bad header %q", errCorruptLoose, hdr)
	}
	if err := plausible(n, len(compressed), errCorruptLoose); err != nil {
		return 0, nil, 0, err
	}
	if headerOnly {
		return typ, nil, n, nil
	}
	b, err := readN(r.zr, n, nil)
	if err != nil {
		return 0, nil, 0, fmt.Errorf("%w: %v", errCorruptLoose, err)
	}
	return typ, b, n, nil
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

// applyDelta rebuilds an object from its base and a git delta. The
// result's declared size is checked, and its buffer sized from what the
// base and the delta hold rather than from that claim.
func applyDelta(base, delta []byte) ([]byte, error) {
	srcSize, delta, ok := deltaVarint(delta)
	if !ok || srcSize != int64(len(base)) {
		return nil, fmt.Errorf("%w: delta base size mismatch", errCorruptPack)
	}
	dstSize, delta, ok := deltaVarint(delta)
	if !ok || dstSize > maxObject {
		return nil, fmt.Errorf("%w: a delta result claims %d bytes, over the %d MiB limit", errCorruptPack, dstSize, maxObject>>20)
	}
	out := make([]byte, 0, min(dstSize, int64(len(base)+len(delta))))
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
			if n > len(delta) || int64(len(out)+n) > dstSize {
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
