package history

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// packWriter writes a packfile and its version 2 index by hand, so that
// a test can put in them what git never would: headers that lie about
// sizes, deltas that loop, streams that end early.
type packWriter struct {
	body    bytes.Buffer
	n       int
	entries map[plumbing.Hash]int64 // object -> offset
}

func newPackWriter() *packWriter {
	return &packWriter{entries: map[plumbing.Hash]int64{}}
}

// header starts an object, declaring its type and inflated size.
func (w *packWriter) header(h plumbing.Hash, typ plumbing.ObjectType, size int64) int64 {
	off := int64(12 + w.body.Len())
	w.entries[h] = off
	w.n++
	c := byte(typ)<<4 | byte(size&15)
	size >>= 4
	for size > 0 {
		w.body.WriteByte(c | 0x80)
		c = byte(size & 0x7f)
		size >>= 7
	}
	w.body.WriteByte(c)
	return off
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// whole adds an honest object and returns its hash and offset.
func (w *packWriter) whole(typ plumbing.ObjectType, content []byte) (plumbing.Hash, int64) {
	h := plumbing.ComputeHash(typ, content)
	off := w.header(h, typ, int64(len(content)))
	w.body.Write(deflate(content))
	return h, off
}

// lie adds an object under a made-up hash whose header claims size and
// whose data is payload, as is.
func (w *packWriter) lie(name string, typ plumbing.ObjectType, size int64, payload []byte) plumbing.Hash {
	h := plumbing.ComputeHash(plumbing.BlobObject, []byte(name))
	w.header(h, typ, size)
	w.body.Write(payload)
	return h
}

// ofsDelta adds an offset delta against the object at base.
func (w *packWriter) ofsDelta(name string, base int64, size int64, payload []byte) plumbing.Hash {
	h := plumbing.ComputeHash(plumbing.BlobObject, []byte(name))
	off := w.header(h, plumbing.OFSDeltaObject, size)
	rel := off - base
	enc := []byte{byte(rel & 0x7f)}
	for rel >>= 7; rel != 0; rel >>= 7 {
		rel--
		enc = append([]byte{byte(0x80 | rel&0x7f)}, enc...)
	}
	w.body.Write(enc)
	w.body.Write(payload)
	return h
}

// refDelta adds a delta naming its base by hash.
func (w *packWriter) refDelta(h, base plumbing.Hash, size int64, payload []byte) {
	w.header(h, plumbing.REFDeltaObject, size)
	w.body.Write(base[:])
	w.body.Write(payload)
}

func varint(v int64) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// save writes objects/pack/pack-*.{pack,idx} under gitDir.
func (w *packWriter) save(t *testing.T, gitDir string) {
	t.Helper()
	pack := []byte("PACK\x00\x00\x00\x02")
	pack = binary.BigEndian.AppendUint32(pack, uint32(w.n))
	pack = append(pack, w.body.Bytes()...)
	sum := sha1.Sum(pack)
	pack = append(pack, sum[:]...)

	hashes := make([]plumbing.Hash, 0, len(w.entries))
	for h := range w.entries {
		hashes = append(hashes, h)
	}
	sort.Slice(hashes, func(i, j int) bool { return bytes.Compare(hashes[i][:], hashes[j][:]) < 0 })
	idx := []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}
	for b := 0; b < 256; b++ {
		n := sort.Search(len(hashes), func(i int) bool { return int(hashes[i][0]) > b })
		idx = binary.BigEndian.AppendUint32(idx, uint32(n))
	}
	for _, h := range hashes {
		idx = append(idx, h[:]...)
	}
	idx = append(idx, make([]byte, 4*len(hashes))...) // CRCs, which the reader does not check
	for _, h := range hashes {
		idx = binary.BigEndian.AppendUint32(idx, uint32(w.entries[h]))
	}
	idx = append(idx, sum[:]...)
	isum := sha1.Sum(idx)
	idx = append(idx, isum[:]...)

	dir := filepath.Join(gitDir, "objects", "pack")
	name := filepath.Join(dir, "pack-"+hex.EncodeToString(sum[:]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name+".pack", pack, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name+".idx", idx, 0o644); err != nil {
		t.Fatal(err)
	}
}

func encodeObject(t *testing.T, o interface {
	Encode(plumbing.EncodedObject) error
}) []byte {
	t.Helper()
	obj := &plumbing.MemoryObject{}
	if err := o.Encode(obj); err != nil {
		t.Fatal(err)
	}
	r, _ := obj.Reader()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func treeOf(t *testing.T, files map[string]plumbing.Hash) []byte {
	var es []object.TreeEntry
	for name, h := range files {
		es = append(es, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
	}
	sort.Slice(es, func(i, j int) bool { return es[i].Name < es[j].Name })
	return encodeObject(t, &object.Tree{Entries: es})
}

// hostileRepo writes a repository whose packfile and loose objects claim
// sizes up to 2 GiB in a few bytes each. Commits c7 and c8 are the only
// ones that can be diffed; c8's churn needs a blob that lies.
func hostileRepo(t *testing.T) (dir string, c7, c8 plumbing.Hash) {
	dir = t.TempDir()
	gitDir := filepath.Join(dir, ".git")
	for _, d := range []string{"refs/heads", "objects/info"} {
		if err := os.MkdirAll(filepath.Join(gitDir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	garbage := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	const twoGiB = 1<<31 - 1
	w := newPackWriter()
	b1, _ := w.whole(plumbing.BlobObject, []byte("a v1\n"))
	b2, _ := w.whole(plumbing.BlobObject, []byte("b\n"))
	// Under maxContent, so churn reads it; the stream ends at 10 bytes.
	b3 := w.lie("b3", plumbing.BlobObject, 30<<20, deflate([]byte("short blob")))
	t1body := treeOf(t, map[string]plumbing.Hash{"a.txt": b1, "b.txt": b2})
	t1, t1off := w.whole(plumbing.TreeObject, t1body)
	t2 := w.lie("t2", plumbing.TreeObject, twoGiB, garbage(4096))
	t3 := w.ofsDelta("t3", t1off, 1<<30, garbage(4096))
	// An honest delta stream whose result claims 2 GiB, then one whose
	// result claims 200 MiB but is only the base.
	copyBase := []byte{0x80 | 0x10 | 0x20, byte(len(t1body)), byte(len(t1body) >> 8)}
	d4 := append(append(varint(int64(len(t1body))), varint(twoGiB)...), copyBase...)
	t4 := w.ofsDelta("t4", t1off, int64(len(d4)), deflate(d4))
	d5 := append(append(varint(int64(len(t1body))), varint(200<<20)...), copyBase...)
	t5 := w.ofsDelta("t5", t1off, int64(len(d5)), deflate(d5))
	// A delta that is its own base.
	loop := plumbing.ComputeHash(plumbing.BlobObject, []byte("loop"))
	w.refDelta(loop, loop, int64(len(d5)), deflate(d5))
	t6, _ := w.whole(plumbing.TreeObject, treeOf(t, map[string]plumbing.Hash{"a.txt": b3, "b.txt": b2}))
	t7, _ := w.whole(plumbing.TreeObject, treeOf(t, map[string]plumbing.Hash{"a.txt": b3, "b.txt": b2, "c.txt": b2}))
	t8, _ := w.whole(plumbing.TreeObject, treeOf(t, map[string]plumbing.Hash{"a.txt": b1, "b.txt": b2, "c.txt": b2}))

	c0 := w.lie("c0", plumbing.CommitObject, twoGiB, garbage(4096))
	parent := c0
	commit := func(tree plumbing.Hash) plumbing.Hash {
		sig := object.Signature{Name: "Eve", Email: "eve@example.com", When: t0.Add(time.Duration(w.n) * time.Hour)}
		h, _ := w.whole(plumbing.CommitObject, encodeObject(t, &object.Commit{
			Author: sig, Committer: sig, Message: "m", TreeHash: tree, ParentHashes: []plumbing.Hash{parent}}))
		parent = h
		return h
	}
	for _, tree := range []plumbing.Hash{t1, loop, t2, t3, t4, t5, t6} {
		commit(tree)
	}
	c7 = commit(t7)
	c8 = commit(t8)

	// A loose tree claiming 2 GiB, for the last commit.
	looseTree := plumbing.ComputeHash(plumbing.BlobObject, []byte("loose"))
	hx := looseTree.String()
	lp := filepath.Join(gitDir, "objects", hx[:2], hx[2:])
	if err := os.MkdirAll(filepath.Dir(lp), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lp, deflate(append([]byte("tree 2147483647\x00"), garbage(64)...)), 0o644); err != nil {
		t.Fatal(err)
	}
	head := commit(looseTree)
	w.save(t, gitDir)
	files := map[string]string{
		"HEAD":            "ref: refs/heads/main\n",
		"refs/heads/main": head.String() + "\n",
		"config":          "[core]\n\trepositoryformatversion = 0\n\tbare = false\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(gitDir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, c7, c8
}

// TestHostileSizes mines a repository of a few kilobytes whose objects
// claim up to 2 GiB: memory must follow the bytes really there, and the
// lies must cost their commits with a warning, not the run.
func TestHostileSizes(t *testing.T) {
	dir, c7, c8 := hostileRepo(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	l, err := Mine(dir, Options{ChurnSince: t0, Workers: 2})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("mining allocated %d MiB, want under 64", alloc>>20)
	}
	var got []string
	for _, c := range l.Commits {
		got = append(got, c.Hash)
	}
	if want := []string{c7.String(), c8.String()}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("commits %v, want %v", got, want)
	}
	// c0 cannot be read, the seven commits after it each lack a tree or
	// a parent's tree, and so does the head.
	if l.Missing != 9 || l.DegradedCommits != 1 {
		t.Errorf("missing=%d degraded=%d, want 9 and 1", l.Missing, l.DegradedCommits)
	}
	all := strings.Join(l.Warnings, "\n")
	for _, want := range []string{"over the 256 MiB limit", "delta chain too long", "the history is cut off: 1 commit cannot be read"} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning says %q:\n%s", want, all)
		}
	}
}
