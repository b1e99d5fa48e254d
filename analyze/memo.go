package analyze

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/analyze/internal/wire"
	"github.com/seams-tool/seams/analyze/symbols"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/report"
	"github.com/seams-tool/seams/report/schema"
)

// The file memo lets a run whose analysis is not cached (a new commit in
// CI) skip parsing the files that did not change: for each file, by its
// contents, it keeps what the import graph and the collectors took from
// it (code.Memo, and each collector's Summary). It lives beside the
// cached analysis, one file per repository, rewritten (with the files
// that run read) by a run that parsed a file or left one unread.

// collectors are the passes that read each parsed Go file besides the
// import graph; a nil one is off.
type collectors struct {
	sym  *symbols.Collector
	sql  *tables.Collector
	voc  *vocab.Collector
	kept *keptVocabulary // the files' vocabularies, for the large packages' parts
}

func (c collectors) on() bool { return c.sym != nil || c.sql != nil || c.voc != nil }

// wantedCollectors says which collectors a run with cfg uses. The
// symbol pass for the plans' API is code evidence of the same kind as
// the imports, so it goes with that signal: a history-only run reads no
// more of each file than its imports.
func wantedCollectors(cfg Config) (symbols, sql, vocabulary bool) {
	return !cfg.NoContexts && cfg.wants(schema.SignalImports), cfg.wants(schema.SignalSQL), cfg.wants(schema.SignalVocabulary)
}

// memoSalt is what a memo's contents depend on besides the files:
// which collectors run, and the seams build whose code summarized them.
func memoSalt(cfg Config) (string, bool) {
	id, ok := exeIdentity()
	sym, sql, voc := wantedCollectors(cfg)
	return fmt.Sprintf("%s; symbols %t sql %t vocabulary %t", id, sym, sql, voc), ok
}

// visit hands a parsed file to the collectors; with keep it returns
// their summaries, encoded, for the memo.
func (c collectors) visit(f code.File, keep bool) []byte {
	var ss *symbols.Summary
	var ts *tables.Summary
	var vs *vocab.Summary
	if c.sym != nil {
		ss = symbols.Summarize(f.Path, f.Fset, f.AST)
	}
	if c.sql != nil {
		// Generated code holds much of many monoliths' data access
		// (stores, schemas); its statements are marked.
		ts = tables.Summarize(tables.File{Pkg: f.Dir, ImportPath: f.ImportPath, Path: f.Path, Fset: f.Fset, AST: f.AST, Generated: f.Generated})
	}
	if c.voc != nil && !f.Generated {
		vs = vocab.Summarize(f.Fset, f.AST)
	}
	var out []byte
	if keep {
		// Before adding them: the collectors take the summaries over.
		out = encodeSummaries(ss, ts, vs)
	}
	c.add(f, ss, ts, vs)
	return out
}

func (c collectors) add(f code.File, ss *symbols.Summary, ts *tables.Summary, vs *vocab.Summary) {
	if ss != nil {
		c.sym.AddSummary(f.Dir, f.ImportPath, f.Path, ss)
	}
	if ts != nil {
		c.sql.AddSummary(f.Dir, f.ImportPath, f.Path, ts)
	}
	if vs != nil {
		c.voc.AddSummary(f.Dir, vs)
		if c.kept != nil {
			c.kept.add(f.Path, f.Dir, vs)
		}
	}
}

// recall hands the collectors a remembered file's summaries, and reports
// whether they decoded into what the collectors need (the memo is
// checksummed and salted, so only a seams bug could make them not: the
// file is then parsed again).
func (c collectors) recall(f code.File, b []byte) bool {
	ss, ts, vs, err := decodeSummaries(b)
	if err != nil || (ss == nil) != (c.sym == nil) || (ts == nil) != (c.sql == nil) {
		return false
	}
	c.add(f, ss, ts, vs)
	return true
}

func encodeSummaries(ss *symbols.Summary, ts *tables.Summary, vs *vocab.Summary) []byte {
	var w wire.Writer
	put := func(present bool, marshal func() ([]byte, error)) {
		var b []byte
		if present {
			var err error
			b, err = marshal()
			present = err == nil
		}
		w.Bool(present)
		w.String(string(b))
	}
	put(ss != nil, func() ([]byte, error) { return ss.MarshalBinary() })
	put(ts != nil, func() ([]byte, error) { return ts.MarshalBinary() })
	put(vs != nil, func() ([]byte, error) { return vs.MarshalBinary() })
	return w.B
}

func decodeSummaries(b []byte) (ss *symbols.Summary, ts *tables.Summary, vs *vocab.Summary, err error) {
	r := wire.NewReader(b)
	part := func(s interface{ UnmarshalBinary([]byte) error }) bool {
		ok, data := r.Bool(), r.String()
		if !ok || r.Err() != nil {
			return false
		}
		if e := s.UnmarshalBinary([]byte(data)); e != nil {
			err = e
		}
		return true
	}
	ss, ts, vs = &symbols.Summary{}, &tables.Summary{}, &vocab.Summary{}
	if !part(ss) {
		ss = nil
	}
	if !part(ts) {
		ts = nil
	}
	if !part(vs) {
		vs = nil
	}
	if e := r.Done(); e != nil {
		err = e
	}
	return ss, ts, vs, err
}

// memoFile is where a repository's file memo lives, beside its cached
// analysis (cacheFile).
func memoFile(dir, root string) string {
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(dir, hex.EncodeToString(sum[:8]), "files.bin")
}

// loadMemo reads the repository's memo from the cache directory; an
// empty one when there is none or it cannot be used. found says an
// earlier run of this seams, with the same collectors (the salt), left
// one.
func loadMemo(dir, root, salt string) (m *code.Memo, found bool) {
	data, err := readRegular(memoFile(dir, root))
	if err != nil {
		return code.NewMemo(salt), false
	}
	m, err = code.LoadMemo(data, salt)
	return m, err == nil
}

// storeMemo writes the memo; failing to costs only time.
func storeMemo(dir, root string, m *code.Memo) {
	path := memoFile(dir, root)
	if os.MkdirAll(filepath.Dir(path), 0o755) == nil {
		report.WriteFile(path, m.Encode())
	}
}
