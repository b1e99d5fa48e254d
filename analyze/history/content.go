package history

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"path"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
)

// maxContent is the largest blob read for churn or similarity; bigger
// ones are treated as binary. Line counts of a 32 MiB file say nothing a
// reviewer can use, and reading them would dominate memory.
const maxContent = 32 << 20

// blob is a file's content reduced to what churn and rename similarity
// need: one hash and one length per line, the line terminator included so
// that adding a final newline changes the last line, as in git's counts.
type blob struct {
	lines  []uint64
	lens   []uint32
	size   int
	binary bool
}

var lineSeed = maphash.MakeSeed()

func newBlob(b []byte) *blob {
	head := b
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return &blob{binary: true, size: len(b)}
	}
	n := bytes.Count(b, []byte{'\n'}) + 1
	bl := &blob{lines: make([]uint64, 0, n), lens: make([]uint32, 0, n), size: len(b)}
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n') + 1
		if i == 0 {
			i = len(b)
		}
		bl.lines = append(bl.lines, maphash.Bytes(lineSeed, b[:i]))
		bl.lens = append(bl.lens, uint32(i))
		b = b[i:]
	}
	return bl
}

// blobs loads each blob once per commit; a renamed and modified file is
// needed by both the similarity test and churn. A blob that cannot be
// read is remembered as such, and failed keeps the first such error.
type blobs struct {
	d      *differ
	seen   map[plumbing.Hash]*blob
	sizes  map[plumbing.Hash]int64
	bad    map[plumbing.Hash]error
	failed error
}

func (bs *blobs) fail(h plumbing.Hash, err error) error {
	if bs.bad == nil {
		bs.bad = map[plumbing.Hash]error{}
	}
	bs.bad[h] = err
	if bs.failed == nil {
		bs.failed = err
	}
	return err
}

// size is a blob's size without reading its content, which for a packed
// object costs one header.
func (bs *blobs) size(h plumbing.Hash) (int64, error) {
	if n, ok := bs.sizes[h]; ok {
		return n, nil
	}
	if err := bs.bad[h]; err != nil {
		return 0, err
	}
	n, err := bs.d.h.objectSize(h)
	if err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return 0, bs.fail(h, fmt.Errorf("blob object %s missing: %w", h.String()[:12], err))
		}
		return 0, bs.fail(h, fmt.Errorf("blob object %s: %w", h.String()[:12], err))
	}
	bs.sizes[h] = n
	return n, nil
}

func (bs *blobs) get(h plumbing.Hash) (*blob, error) {
	if h.IsZero() {
		return &blob{}, nil
	}
	if b, ok := bs.seen[h]; ok {
		return b, nil
	}
	if err := bs.bad[h]; err != nil {
		return nil, err
	}
	if size, err := bs.size(h); err == nil && size > maxContent {
		b := &blob{binary: true}
		bs.seen[h] = b
		return b, nil
	}
	raw, err := bs.d.readObject(h, plumbing.BlobObject)
	if err != nil {
		return nil, bs.fail(h, err)
	}
	b := newBlob(raw)
	bs.seen[h] = b
	return b, nil
}

// common counts the lines two files share as multisets, and their bytes:
// each line of one is matched at most once against an equal line of the
// other, wherever it is. Unlike git's Myers diff this does not see moved
// blocks as changes; in exchange it is linear and needs no edit script.
func common(a, b *blob) (lines, size int) {
	// Equal leading and trailing lines are common whatever the order;
	// trimming them first keeps the map small for the usual small edit.
	i, j := 0, 0
	ea, eb := len(a.lines), len(b.lines)
	for i < ea && j < eb && a.lines[i] == b.lines[j] {
		lines, size = lines+1, size+int(b.lens[j])
		i, j = i+1, j+1
	}
	for ea > i && eb > j && a.lines[ea-1] == b.lines[eb-1] {
		lines, size = lines+1, size+int(b.lens[eb-1])
		ea, eb = ea-1, eb-1
	}
	if i == ea || j == eb {
		return lines, size
	}
	m := make(map[uint64]int32, ea-i)
	for _, h := range a.lines[i:ea] {
		m[h]++
	}
	for k := j; k < eb; k++ {
		if h := b.lines[k]; m[h] > 0 {
			m[h]--
			lines, size = lines+1, size+int(b.lens[k])
		}
	}
	return lines, size
}

// churn returns the lines added and deleted between two versions.
func churn(o, n *blob) (added, deleted int) {
	if o.binary || n.binary {
		return 0, 0
	}
	c, _ := common(o, n)
	return len(n.lines) - c, len(o.lines) - c
}

// similarity is, like git's score, the bytes of the lines two versions
// have in common in percent of the larger version's size.
func similarity(o, n *blob) int {
	if o.binary || n.binary || o.size == 0 || n.size == 0 {
		return 0
	}
	_, c := common(o, n)
	return c * 100 / max(o.size, n.size)
}

// couldBeSimilar rules a pair out from sizes alone, before any content is
// read: the common bytes cannot exceed the smaller file.
func couldBeSimilar(oldSize, newSize int64) bool {
	return oldSize > 0 && newSize > 0 && min(oldSize, newSize)*100 >= minSimilarity*max(oldSize, newSize)
}

// Rename detection limits: the similarity test compares every remaining
// deletion with every remaining addition, so it only runs on small sets,
// like git's own rename limit.
const (
	maxRenameSide = 50
	minSimilarity = 50
)

// pairRenames turns deletion+addition pairs within one commit into
// renames. First exact content matches (same blob hash), preferring the
// same base name when several deletions match; then, when at most
// maxRenameSide additions and deletions are left, pairs whose similarity
// (common bytes in percent of the larger file) is at least minSimilarity, same-base-name pairs first, then by
// score, then by path; with more, pairByName's one-to-one names. Each path is used in at most one pair. A path
// whose blob cannot be read takes no part in the similarity test, so it
// stays a deletion or an addition; bs.failed then says why.
func pairRenames(cs []rawChange, bs *blobs) []rawChange {
	var adds, dels []int
	for i := range cs {
		switch cs[i].kind {
		case Added:
			adds = append(adds, i)
		case Deleted:
			dels = append(dels, i)
		}
	}
	if len(adds) == 0 || len(dels) == 0 {
		return cs
	}
	byPath := func(ix []int) {
		sort.Slice(ix, func(a, b int) bool { return cs[ix[a]].path < cs[ix[b]].path })
	}
	byPath(adds)
	byPath(dels)
	used := make(map[int]bool)
	pair := func(a, d int) {
		used[a], used[d] = true, true
		cs[a].kind, cs[a].oldPath, cs[a].oldHash = Renamed, cs[d].path, cs[d].oldHash
	}

	byHash := map[plumbing.Hash][]int{}
	for _, d := range dels {
		byHash[cs[d].oldHash] = append(byHash[cs[d].oldHash], d)
	}
	for _, a := range adds {
		best := -1
		for _, d := range byHash[cs[a].newHash] {
			if used[d] {
				continue
			}
			if best < 0 {
				best = d
			}
			if path.Base(cs[d].path) == path.Base(cs[a].path) {
				best = d
				break
			}
		}
		if best >= 0 {
			pair(a, best)
		}
	}

	adds, dels = unused(adds, used), unused(dels, used)
	if len(adds) > 0 && len(dels) > 0 && len(adds) <= maxRenameSide && len(dels) <= maxRenameSide {
		type cand struct{ a, d, score int }
		var cands []cand
		for _, a := range adds {
			for _, d := range dels {
				s, added, ok := bs.likeness(cs[a].newHash, cs[d].oldHash)
				if !added {
					break
				}
				if ok && s >= minSimilarity {
					cands = append(cands, cand{a, d, s})
				}
			}
		}
		sameBase := func(c cand) bool { return path.Base(cs[c.a].path) == path.Base(cs[c.d].path) }
		sort.SliceStable(cands, func(i, j int) bool {
			ci, cj := cands[i], cands[j]
			if bi, bj := sameBase(ci), sameBase(cj); bi != bj {
				return bi
			}
			if ci.score != cj.score {
				return ci.score > cj.score
			}
			if cs[ci.a].path != cs[cj.a].path {
				return cs[ci.a].path < cs[cj.a].path
			}
			return cs[ci.d].path < cs[cj.d].path
		})
		for _, c := range cands {
			if !used[c.a] && !used[c.d] {
				pair(c.a, c.d)
			}
		}
	} else if len(adds) > 0 && len(dels) > 0 {
		pairByName(cs, adds, dels, bs, pair)
	}

	out := cs[:0]
	for i := range cs {
		if cs[i].kind == Deleted && used[i] {
			continue
		}
		out = append(out, cs[i])
	}
	return out
}

// pairByName pairs, in a commit too big to compare every deletion with
// every addition (a restructure that moves whole directories and fixes
// their imports), a deletion and an addition whose last two path segments
// and then whose base name are theirs alone on both sides, when their
// contents are similar enough: git's basename-guided rename detection,
// linear in the files. Two reads per candidate, never a cross product.
func pairByName(cs []rawChange, adds, dels []int, bs *blobs, pair func(a, d int)) {
	used := map[int]bool{}
	for _, key := range []func(string) string{
		func(p string) string { return path.Join(path.Base(path.Dir(p)), path.Base(p)) },
		path.Base,
	} {
		count := func(ix []int) map[string][]int {
			m := map[string][]int{}
			for _, i := range ix {
				if !used[i] {
					k := key(cs[i].path)
					m[k] = append(m[k], i)
				}
			}
			return m
		}
		byAdd, byDel := count(adds), count(dels)
		for _, a := range adds {
			if used[a] {
				continue
			}
			k := key(cs[a].path)
			if len(byAdd[k]) != 1 || len(byDel[k]) != 1 {
				continue
			}
			d := byDel[k][0]
			if s, _, ok := bs.likeness(cs[a].newHash, cs[d].oldHash); !ok || s < minSimilarity {
				continue
			}
			used[a], used[d] = true, true
			pair(a, d)
			cs[a].byName = true
		}
	}
}

// likeness scores how alike an added and a deleted blob are, when their
// sizes allow it: ok is false when they cannot be alike or one cannot be
// read, and added is false when the added blob itself cannot be read (no
// deletion can then pair with it). A blob that cannot be read leaves its
// path unpaired; bs records why.
func (bs *blobs) likeness(add, del plumbing.Hash) (score int, added, ok bool) {
	as, err := bs.size(add)
	if err != nil {
		return 0, false, false
	}
	ds, err := bs.size(del)
	if err != nil || !couldBeSimilar(ds, as) {
		return 0, true, false
	}
	nb, err := bs.get(add)
	if err != nil {
		return 0, false, false
	}
	ob, err := bs.get(del)
	if err != nil {
		return 0, true, false
	}
	return similarity(ob, nb), true, true
}

func unused(ix []int, used map[int]bool) []int {
	var out []int
	for _, i := range ix {
		if !used[i] {
			out = append(out, i)
		}
	}
	return out
}
