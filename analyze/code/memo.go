package code

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/seams-tool/seams/analyze/internal/wire"
)

// A Memo remembers what files gave a load, by their contents: what the
// import graph keeps of each file and the bytes Options.Visit returned
// for it. A load with a Memo parses only the files it does not
// remember, and hands each remembered one's bytes to Options.Recall
// instead of parsing it for Options.Visit: a run on a new commit of a
// large repository parses only the files the commit changed.
//
// A Memo is keyed by a file's directory, import path, path and contents;
// what else Visit's bytes depend on (the visiting code, its options)
// belongs in the salt of LoadMemo, which discards a memo of another.
//
// A load from a HashFS keys its files by the hashes the file system
// gives instead of by their contents, and remembers their build
// constraint matches too: a file the memo remembers is then never read.
// Those keys only live in memory (Encode leaves them out): a hash is
// the file system's, not the contents'.
type Memo struct {
	salt   string
	mu     sync.Mutex
	old    map[[sha256.Size]byte]*memoEntry // from the previous load
	used   map[[sha256.Size]byte]*memoEntry // by this load, what Encode keeps
	misses atomic.Int64                     // files parsed
	// Of a HashFS: the files (by hash) and build constraint matches.
	oldHashed, usedHashed map[[sha256.Size]byte]*memoEntry
	oldMatch, usedMatch   map[[sha256.Size]byte]bool
}

// A HashFS is a file system that names each file's contents without
// reading them, as a git tree names its blobs. A load from one with a
// Memo reads no file the memo remembers.
type HashFS interface {
	fs.FS
	// ContentHash returns a name of the file's contents: the same for
	// the same contents, another for others. It reports false when it
	// has none to give (the file is then read).
	ContentHash(name string) (string, bool)
}

// memoEntry is one remembered file.
type memoEntry struct {
	info    fileInfo // without err: a file that could not be read is not remembered
	visited bool     // Visit was called, with visit its bytes
	visit   []byte
}

// NewMemo returns an empty memo for salt.
func NewMemo(salt string) *Memo {
	return &Memo{salt: salt, old: map[[sha256.Size]byte]*memoEntry{}, used: map[[sha256.Size]byte]*memoEntry{},
		oldHashed: map[[sha256.Size]byte]*memoEntry{}, usedHashed: map[[sha256.Size]byte]*memoEntry{},
		oldMatch: map[[sha256.Size]byte]bool{}, usedMatch: map[[sha256.Size]byte]bool{}}
}

func memoKey(dir, importPath, path string, src []byte) [sha256.Size]byte {
	h := sha256.New()
	for _, s := range []string{dir, importPath, path} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Write(src)
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// hashKey is the key of a file of a HashFS, or of its build constraint
// match: kind tells them apart.
func hashKey(kind, dir, importPath, path, hash string) [sha256.Size]byte {
	return memoKey(kind+"\x00"+dir, importPath, path, []byte(hash))
}

func (m *Memo) recall(k [sha256.Size]byte, hashed bool) *memoEntry {
	m.mu.Lock()
	defer m.mu.Unlock()
	old, used := m.old, m.used
	if hashed {
		old, used = m.oldHashed, m.usedHashed
	}
	e := old[k]
	if e == nil {
		e = used[k]
	}
	if e != nil {
		used[k] = e
	}
	return e
}

func (m *Memo) remember(k [sha256.Size]byte, e *memoEntry, hashed bool) {
	m.misses.Add(1)
	m.mu.Lock()
	if hashed {
		m.usedHashed[k] = e
	} else {
		m.used[k] = e
	}
	m.mu.Unlock()
}

// recallMatch returns a remembered build constraint match.
func (m *Memo) recallMatch(k [sha256.Size]byte) (match, ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	match, ok = m.oldMatch[k]
	if !ok {
		match, ok = m.usedMatch[k]
	}
	if ok {
		m.usedMatch[k] = match
	}
	return match, ok
}

func (m *Memo) rememberMatch(k [sha256.Size]byte, match bool) {
	m.mu.Lock()
	m.usedMatch[k] = match
	m.mu.Unlock()
}

// Next readies m for another load that keeps it in memory (a trend's
// points, one commit after the other): it then remembers only the files
// of the load just done, one version of each.
func (m *Memo) Next() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.old, m.used = m.used, map[[sha256.Size]byte]*memoEntry{}
	m.oldHashed, m.usedHashed = m.usedHashed, map[[sha256.Size]byte]*memoEntry{}
	m.oldMatch, m.usedMatch = m.usedMatch, map[[sha256.Size]byte]bool{}
	m.misses.Store(0)
}

// Changed reports whether the loads with m parsed a file or left a
// remembered one unread: whether Encode would differ from what was
// loaded.
func (m *Memo) Changed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.misses.Load() > 0 || len(m.used) != len(m.old)
}

const memoMagic = "seams-files/v1\n"

// Encode returns the files the loads with m used, so that the memo kept
// between runs holds what the repository is now, not every version it
// ever was.
func (m *Memo) Encode() []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	var w wire.Writer
	w.B = append(w.B, memoMagic...)
	w.String(m.salt)
	keys := make([][sha256.Size]byte, 0, len(m.used))
	for k := range m.used {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
	w.Len(len(keys))
	for _, k := range keys {
		e := m.used[k]
		w.Raw(k[:])
		w.String(e.info.pkgName)
		w.Strings(e.info.imports)
		w.Len(len(e.info.lines))
		for _, l := range e.info.lines {
			w.Int(int64(l))
		}
		w.Int(int64(e.info.loc))
		w.Bool(e.info.generated)
		w.Bool(e.info.cgo)
		w.String(e.info.warn)
		w.Bool(e.visited)
		w.String(string(e.visit))
	}
	sum := sha256.Sum256(w.B)
	return append(w.B, sum[:]...)
}

// errMemo is the error of a memo that is damaged or of another salt.
var errMemo = errors.New("not a memo of this seams")

// LoadMemo decodes what Encode returned, as the memo for salt; a memo
// that is damaged, of an older format or of another salt is discarded
// (an empty memo and the reason are returned): it only saves time.
func LoadMemo(data []byte, salt string) (*Memo, error) {
	m := NewMemo(salt)
	if len(data) < len(memoMagic)+sha256.Size || string(data[:len(memoMagic)]) != memoMagic {
		return m, errMemo
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return m, errMemo
	}
	r := wire.NewReader(body[len(memoMagic):])
	if r.String() != salt {
		return m, errMemo
	}
	n := r.Len(sha256.Size + 8)
	for range n {
		var k [sha256.Size]byte
		r.Raw(k[:])
		e := &memoEntry{}
		e.info.pkgName = r.String()
		e.info.imports = r.Strings()
		if l := r.Len(1); l > 0 {
			e.info.lines = make([]int, l)
			for i := range e.info.lines {
				e.info.lines[i] = int(r.Int())
			}
		}
		e.info.loc = int(r.Int())
		e.info.generated, e.info.cgo = r.Bool(), r.Bool()
		e.info.warn = r.String()
		e.visited = r.Bool()
		if v := r.String(); e.visited {
			e.visit = []byte(v)
		}
		if len(e.info.lines) != len(e.info.imports) {
			r.Fail()
		}
		m.old[k] = e
	}
	if r.Done() != nil {
		return NewMemo(salt), errMemo
	}
	return m, nil
}
