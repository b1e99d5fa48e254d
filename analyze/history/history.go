package history

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-git/go-git/v5/plumbing"
)

// ErrNotGit is wrapped by Mine's error when dir is not inside a git
// repository, so callers can report "no history" instead of failing.
var ErrNotGit = errors.New("not a git repository")

// ErrEmpty is wrapped by Mine's error when the repository has no commit
// yet: there is no history to mine, which is not the same as a broken one.
var ErrEmpty = errors.New("git repository has no commits")

// Options control Mine. The zero value mines all of HEAD without churn,
// cache or progress reports.
type Options struct {
	// Ref is the branch, tag or commit to mine from; "" means HEAD, so a
	// detached checkout is mined as it stands.
	Ref string
	// Since and Until bound the author time of returned commits (both
	// inclusive); zero means unbounded. Author time rather than commit time
	// because rebases rewrite the latter and would bunch old work together.
	Since, Until time.Time
	// ChurnSince turns on line churn (Change.Added and Change.Deleted) for
	// commits authored at or after it; zero means never. Churn needs both
	// blobs of every modified file, which costs far more than the tree
	// diff, so callers ask for it only over the window they score.
	ChurnSince time.Time
	// ChurnMonths, when positive and ChurnSince is zero, sets ChurnSince
	// to that many months and a month before the author time of the
	// commit mined from (or Until, when earlier): the window a caller
	// scores ends at the newest commit, which only Mine reads cheaply.
	// Reading it beforehand costs a warm run a third of a second on a
	// large pack, to index every object by its offset.
	ChurnMonths int
	// ChurnFiles are the file name endings (".go", ".sql") whose changes
	// get churn; nil means every file. Churn of files nobody scores (docs,
	// assets, vendored data) costs as much as that of code: a quarter of
	// the walk on a 24k-commit repository.
	ChurnFiles []string
	// ChurnMaxChanges, when positive, gives no churn to a commit with more
	// changes than that (a rename counts once): callers that leave such
	// bulk commits out of what they score never use it. On a 24k-commit
	// repository 54 commits of its last 13 months held 37% of the window's
	// changed code files.
	ChurnMaxChanges int
	// Workers is the number of goroutines diffing commits; 0 means
	// GOMAXPROCS. Each worker opens its own repository handle.
	Workers int
	// CacheDir holds per-commit changes between runs; "" disables the
	// cache. A commit's changes never change, so a re-run after new commits
	// only diffs the new ones.
	CacheDir string
	// Progress, if not nil, is called with the number of commits done and
	// to do, from a single goroutine, at most about ten times a second and
	// once more at the end. Diffing starts while the commit graph is still
	// being walked, so the number to do grows until the walk is over.
	Progress func(done, total int)
}

// Log is the mined history.
type Log struct {
	// Head is the commit hash Ref resolved to, so a result can be tied to
	// the exact history it came from.
	Head string
	// Commits are the non-merge commits reachable from Head within
	// Since..Until, oldest first by author time, ties broken by hash so
	// that the order is stable across runs.
	Commits []Commit
	// Merges counts merge commits within Since..Until that were skipped:
	// their changes repeat the commits they merge.
	Merges int
	// Missing counts commits dropped because a commit or tree object they
	// need is absent or unreadable (partial clones, damaged repositories):
	// a commit whose own object cannot be read, where the history is cut
	// off (the commits before it are not read at all, so how many there
	// are is unknown), its children, whose changes against it are
	// unknown, and commits whose trees cannot be read. A missing blob
	// never costs a commit: see DegradedCommits. Warnings say which
	// commits and why.
	Missing int
	// DegradedCommits counts commits kept without rename detection or
	// churn for some files because a blob is missing: their changed paths
	// come from trees and are complete, but a rename whose blob is missing
	// is reported as a Deleted and an Added change, and such a file's
	// churn is 0.
	DegradedCommits int
	// Shallow is true when the repository is a shallow clone, whose
	// history is cut off.
	Shallow bool
	// PartialClone is true when the repository is a partial clone (git
	// clone --filter), which leaves objects out until git needs them:
	// seams never fetches them, so such a history is typically degraded
	// (--filter=blob:none) or missing commits (--filter=tree:0).
	PartialClone bool
	// ShallowDepth is, for a shallow clone, the number of commits on the
	// first-parent chain from Head down to and including the shallow
	// boundary (N for "git clone --depth N"); 0 otherwise.
	ShallowDepth int
	// CacheHits counts commits whose changes came from the cache.
	CacheHits int
	// Warnings describe everything that made the result less complete than
	// the repository's full history, in plain words.
	Warnings []string
}

// Commit is one non-merge commit.
type Commit struct {
	Hash string
	// Author is the author after .mailmap, so one person with several
	// addresses counts once.
	Author Person
	// When is the author time.
	When time.Time
	// Changes are the files the commit touched, sorted by Path.
	Changes []Change
}

// Person is a commit author.
type Person struct{ Name, Email string }

// ChangeKind says what happened to a file in a commit.
type ChangeKind uint8

// The change kinds. Renamed is only reported when rename detection paired
// a deleted path with an added one in the same commit.
const (
	Added ChangeKind = iota + 1
	Modified
	Deleted
	Renamed
)

// String returns the kind as a word for reports.
func (k ChangeKind) String() string {
	switch k {
	case Added:
		return "added"
	case Modified:
		return "modified"
	case Deleted:
		return "deleted"
	case Renamed:
		return "renamed"
	}
	return fmt.Sprintf("ChangeKind(%d)", uint8(k))
}

// Change is one file touched by a commit. Submodules are never reported:
// their history lives in another repository.
type Change struct {
	// Path is the slash-separated path after the commit; for a deletion,
	// the deleted path. Paths are git's raw bytes, which need not be UTF-8.
	Path string
	// OldPath is the path before a rename, empty otherwise.
	OldPath string
	Kind    ChangeKind
	// Added and Deleted are line counts, set only for commits at or after
	// Options.ChurnSince, for files named as in Options.ChurnFiles, and
	// never for binary files.
	Added, Deleted int
	// Binary is true when either side has a NUL byte in its first 8000
	// bytes (git's own test) or is over 32 MiB. Like the line counts it is
	// only known when churn was computed: finding out means reading blobs.
	Binary bool
	// ByName marks a rename found by the names alone (with similar
	// contents) in a commit too big to compare every deletion with every
	// addition: a restructure's moves.
	ByName bool
}

// Mine reads every commit reachable from opt.Ref in the repository whose
// work tree or .git is at dir (or above it), or of the bare repository
// at dir. It fails only when there is no history to read at all, or one
// in a format it cannot read (ErrUnsupported); damaged parts of a history
// cost the commits involved and a warning, except missing blobs, which
// cost only rename detection and churn for the files involved.
func Mine(dir string, opt Options) (*Log, error) {
	loc, err := locate(dir)
	if err != nil {
		return nil, err
	}
	log := &Log{}
	w := &warner{log: log}
	dirs := objectDirs(filepath.Join(loc.identity(), "objects"), w)
	loc.roots = slices.Concat(loc.roots, dirs)
	ps := openPacks(dirs, loc.roots, w)
	defer ps.close()
	if ps.fallback {
		for _, d := range dirs[min(1, len(dirs)):] {
			if filepath.Base(d) != "objects" {
				w.add("the alternate object directory %s is not named objects, which the git library "+
					"seams uses on this platform needs: objects only its packfiles hold are missing", d)
			}
		}
	}

	// This handle only reads commits and .mailmap, which are rarely
	// deltified against each other: a small object cache is enough, and it
	// is closed before the workers open theirs.
	main, err := openRepo(loc, 16<<20, ps)
	if err != nil {
		return nil, err
	}
	mainOpen := true
	defer func() {
		if mainOpen {
			main.close()
		}
	}()
	log.PartialClone = main.partial || len(dirs) > 0 && hasPromisorPacks(dirs[0])

	head, err := resolveHead(main, opt.Ref)
	if err != nil {
		return nil, w.explain(err)
	}
	log.Head = head.String()

	shallow, err := main.st.Shallow()
	if err != nil {
		w.add("cannot read the shallow file: %v", err)
	}
	var c *cache
	if opt.CacheDir != "" {
		c = openCache(opt.CacheDir, loc.identity(), opt.ChurnFiles, w)
	}
	if opt.ChurnSince.IsZero() && opt.ChurnMonths > 0 {
		opt.ChurnSince = churnSince(main, c, head, opt)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Commits are diffed while the walk goes on: a commit is handed to
	// the workers as soon as its parent has been read.
	s := newScheduler(loc, opt, c, ps, workers)
	g, err := walk(main, head, shallow, c, w, s.ready)
	todo := s.finish()
	if err != nil {
		return nil, w.explain(err)
	}
	if len(shallow) > 0 {
		log.Shallow = true
		log.ShallowDepth = g.firstParentDepth(head)
		w.add("the repository is a shallow clone (%d commits deep on the first-parent chain): "+
			"co-change and authorship only cover that part of the history and are close to "+
			"meaningless without it; fetch the full history (git fetch --unshallow)", log.ShallowDepth)
	}
	log.Missing += g.missing // commits whose own object is missing
	log.Merges = s.merges
	sort.Slice(todo, func(i, j int) bool {
		if !todo[i].when.Equal(todo[j].when) {
			return todo[i].when.Before(todo[j].when)
		}
		return string(todo[i].hash[:]) < string(todo[j].hash[:])
	})

	mm := loadMailmap(main, head, loc.workTree, w)
	main.close()
	mainOpen = false

	log.Commits = make([]Commit, 0, len(todo))
	badPath := false
	for _, n := range todo {
		r := n.res
		if r.err != nil {
			log.Missing++
			if errors.Is(r.err, errNoParent) {
				w.orphaned.add(n.hash, r.err)
			} else {
				w.skipped.add(n.hash, r.err)
			}
			continue
		}
		if r.degraded != nil {
			log.DegradedCommits++
			w.degraded.add(n.hash, r.degraded)
		}
		if r.cached {
			log.CacheHits++
		}
		for _, ch := range r.changes {
			if !utf8.ValidString(ch.Path) || !utf8.ValidString(ch.OldPath) {
				badPath = true
			}
		}
		name, email := mm.lookup(n.name, n.email)
		log.Commits = append(log.Commits, Commit{
			Hash:    n.hash.String(),
			Author:  Person{Name: name, Email: email},
			When:    n.when,
			Changes: r.changes,
		})
	}
	if badPath {
		w.add("some paths are not valid UTF-8; they are kept as git's raw bytes")
	}
	if c != nil {
		c.save(w)
	}
	w.flush()
	return log, nil
}

// hasPromisorPacks reports whether a partial clone fetched packs here:
// git marks each with a .promisor file.
func hasPromisorPacks(objectsDir string) bool {
	m, _ := filepath.Glob(filepath.Join(objectsDir, "pack", "pack-*.promisor"))
	return len(m) > 0
}

// warner collects warnings, summarising the per-commit ones so that a
// badly damaged repository gives a readable list rather than thousands.
type warner struct {
	log  *Log
	seen map[string]bool
	// Commits lost or degraded, by cause.
	cut      examples // the commit's own object is missing or unreadable
	orphaned examples // its parent commit is
	skipped  examples // a tree it needs is
	degraded examples // a blob rename detection or churn needs is
}

func (w *warner) add(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	if !w.seen[s] {
		w.seen[s] = true
		w.log.Warnings = append(w.log.Warnings, s)
	}
}

// explain adds what the warnings so far say to an error that ends the
// run: a missing head commit is better understood next to the alternate
// that could not be followed.
func (w *warner) explain(err error) error {
	if len(w.log.Warnings) == 0 {
		return err
	}
	return fmt.Errorf("%w (%s)", err, strings.Join(w.log.Warnings, "; "))
}

// examples counts commits and keeps the first few with their reason.
type examples struct {
	n     int
	first []string
}

func (e *examples) add(h plumbing.Hash, err error) {
	e.n++
	if len(e.first) < 3 {
		e.first = append(e.first, fmt.Sprintf("%s: %v", h.String()[:12], err))
	}
}

func (e *examples) String() string {
	s := strings.Join(e.first, "; ")
	if e.n > len(e.first) {
		s += fmt.Sprintf("; and %d more", e.n-len(e.first))
	}
	return s
}

func commits(n int) string {
	if n == 1 {
		return "1 commit"
	}
	return fmt.Sprintf("%d commits", n)
}

// pick chooses the word for n things.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (w *warner) flush() {
	why := " (a damaged or incomplete repository: git fsck tells more)"
	if w.log.PartialClone {
		why = "; the repository is a partial clone (git clone --filter), which leaves objects out " +
			"until git needs them, and seams never fetches them: mine a full clone to have them"
	}
	if e := w.cut; e.n > 0 {
		w.add("the history is cut off: %s cannot be read, so the commits before %s are not read at all (%s)%s",
			commits(e.n), pick(e.n, "it", "them"), e.String(), why)
	}
	if e := w.orphaned; e.n > 0 {
		w.add("%s skipped because %s parent commit cannot be read, so %s changes are unknown (%s)",
			commits(e.n), pick(e.n, "its", "their"), pick(e.n, "its", "their"), e.String())
	}
	if e := w.skipped; e.n > 0 {
		w.add("%s skipped because objects %s are missing or unreadable (%s)%s",
			commits(e.n), pick(e.n, "it needs", "they need"), e.String(), why)
	}
	if e := w.degraded; e.n > 0 {
		w.add("%s kept without rename detection or churn for some files because a blob is missing "+
			"or unreadable (%s)%s", commits(e.n), e.String(), why)
	}
	w.cut, w.orphaned, w.skipped, w.degraded = examples{}, examples{}, examples{}, examples{}
}

// churnSince is where Options.ChurnMonths puts the churn window: before
// the author time of head, read from the cache when it holds it. Zero
// (no churn) when head cannot be read: the walk then says why.
func churnSince(h *handle, c *cache, head plumbing.Hash, opt Options) time.Time {
	var t time.Time
	if n := c.node(head); n != nil {
		t = n.when
	} else if co, err := readCommit(h, head); err == nil {
		t = authorTime(co.Author.When)
	} else {
		return time.Time{}
	}
	if !opt.Until.IsZero() && opt.Until.Before(t) {
		t = opt.Until
	}
	return t.AddDate(0, -opt.ChurnMonths, -31)
}
