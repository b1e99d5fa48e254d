package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/memfs"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	objcache "github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// location is where a repository's parts live. A linked work tree (git
// worktree add) has its own git dir for HEAD but shares objects, refs and
// config with the main one, the common dir.
type location struct {
	gitDir    string // absolute, symlinks resolved; HEAD lives here
	commonDir string // absolute, symlinks resolved; "" when it is gitDir
	workTree  string // absolute; "" for a bare repository
	// roots are where the repository's files may lie: the directories
	// above and, once known, its object directories.
	roots roots
}

// identity names the repository for the cache: linked work trees share
// their objects, hence their commits, with the main one.
func (l location) identity() string {
	if l.commonDir != "" {
		return l.commonDir
	}
	return l.gitDir
}

// locate finds the repository holding dir the way git does: the nearest
// .git directory or .git file above dir, or dir itself when it is a bare
// repository. A bare repository has no work tree, which history does not
// need: only the work tree's .mailmap fallback is then unavailable.
func locate(dir string) (location, error) {
	abs, err := filepath.Abs(dir)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return location{}, fmt.Errorf("%s: %w", dir, err)
	}
	for d := abs; ; {
		var loc location
		dotgitPath := filepath.Join(d, ".git")
		if st, err := os.Stat(dotgitPath); err == nil {
			loc.workTree = d
			if st.IsDir() {
				loc.gitDir = dotgitPath
			} else if loc.gitDir, err = readGitFile(dotgitPath, d); err != nil {
				return location{}, err
			}
		} else if looksLikeGitDir(d) {
			loc.gitDir = d
			if filepath.Base(d) == ".git" {
				loc.workTree = filepath.Dir(d)
			}
		}
		if loc.gitDir != "" {
			if loc.gitDir, err = filepath.EvalSymlinks(loc.gitDir); err != nil {
				return location{}, fmt.Errorf("%s: %w", dir, err)
			}
			b, err := readIn(filepath.Join(loc.gitDir, "commondir"), roots{loc.gitDir}, 1<<16)
			if err == nil {
				c := strings.TrimSpace(string(b))
				if !filepath.IsAbs(c) {
					c = filepath.Join(loc.gitDir, c)
				}
				if loc.commonDir, err = filepath.EvalSymlinks(c); err != nil {
					return location{}, fmt.Errorf("%s: the common dir %s of the linked work tree: %w", dir, c, err)
				}
			} else if !errors.Is(err, os.ErrNotExist) {
				return location{}, fmt.Errorf("%s: %w", dir, err)
			}
			loc.roots = resolvedRoots(loc.gitDir, loc.commonDir, loc.workTree)
			return loc, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return location{}, fmt.Errorf("%s: %w (no .git found in it or above it)", dir, ErrNotGit)
		}
		d = parent
	}
}

// readGitFile follows a .git file ("gitdir: <path>"), which work trees
// made by git worktree and submodules use instead of a directory.
func readGitFile(path, workTree string) (string, error) {
	b, err := readIn(path, roots{workTree}, 1<<16)
	if err != nil {
		return "", err
	}
	line := strings.TrimSpace(string(b))
	target, ok := strings.CutPrefix(line, "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: %w (a .git file without a gitdir: line)", path, ErrNotGit)
	}
	target = strings.TrimSpace(target)
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(path), target)
	}
	if !looksLikeGitDir(target) {
		return "", fmt.Errorf("%s points to %s: %w", path, target, ErrNotGit)
	}
	return filepath.Clean(target), nil
}

func looksLikeGitDir(d string) bool {
	if _, err := os.Stat(filepath.Join(d, "HEAD")); err != nil {
		return false
	}
	for _, sub := range []string{"objects", "commondir"} {
		if _, err := os.Stat(filepath.Join(d, sub)); err == nil {
			return true
		}
	}
	return false
}

// handle is one open repository. A *git.Repository and its storage are
// not safe for concurrent use, so every worker opens its own.
type handle struct {
	repo *git.Repository // only on the main handle
	st   *filesystem.Storage
	pr   *packReader

	// go-git reads objects only where packfiles cannot be mapped, and a
	// worker's handle opens it only then, on first need.
	loc        location
	cacheBytes int64
	alts       []*filesystem.ObjectStorage // go-git's view of the alternates
	partial    bool                        // the config marks a partial clone
}

// workerHandle returns a handle that opens go-git on first need.
func workerHandle(loc location, cacheBytes int64, ps *packSet) *handle {
	h := &handle{loc: loc, cacheBytes: cacheBytes, pr: newPackReader(ps, int(cacheBytes))}
	if len(ps.packs) > 0 {
		h.cacheBytes = 1 << 20 // go-git then serves only what the packs lack
	}
	return h
}

// storage is go-git's storage, opened on first use for a worker handle.
func (h *handle) storage() *filesystem.Storage {
	if h.st == nil {
		h.st = openStorage(h.loc, h.cacheBytes)
		h.alternatesForGoGit()
	}
	return h.st
}

func (h *handle) close() {
	if h.st != nil {
		_ = h.st.Close()
	}
	for _, a := range h.alts {
		_ = a.Close()
	}
}

// read returns an object's type and content, from the mapped packs or
// the loose objects, else, where packs cannot be mapped, through go-git.
// The content must not be modified.
func (h *handle) read(hash plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	if typ, b, found, err := h.pr.read(hash); found {
		return typ, b, err
	}
	if !h.pr.ps.fallback {
		return 0, nil, fmt.Errorf("object %s missing: %w", hash.String()[:12], plumbing.ErrObjectNotFound)
	}
	obj, err := h.storage().EncodedObject(plumbing.AnyObject, hash)
	for _, a := range h.alts {
		if !errors.Is(err, plumbing.ErrObjectNotFound) {
			break
		}
		obj, err = a.EncodedObject(plumbing.AnyObject, hash)
	}
	if err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return 0, nil, fmt.Errorf("object %s missing: %w", hash.String()[:12], err)
		}
		return 0, nil, fmt.Errorf("object %s: %w", hash.String()[:12], err)
	}
	b, err := readEncoded(obj)
	if err != nil {
		return 0, nil, fmt.Errorf("object %s: %w", hash.String()[:12], err)
	}
	return obj.Type(), b, nil
}

// readEncoded reads a go-git object's content, checking its declared
// size first and growing the buffer as data arrives.
func readEncoded(obj plumbing.EncodedObject) ([]byte, error) {
	n := obj.Size()
	if n < 0 || n > maxObject {
		return nil, fmt.Errorf("%w: an object claims %d bytes, over the %d MiB limit", errCorruptLoose, n, maxObject>>20)
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readN(r, n, nil)
}

// readRaw is read for an object of a known type.
func (h *handle) readRaw(hash plumbing.Hash, want plumbing.ObjectType) ([]byte, error) {
	typ, b, err := h.read(hash)
	if err != nil {
		return nil, fmt.Errorf("%s %w", want, err)
	}
	if typ != want {
		return nil, fmt.Errorf("object %s is a %s, expected a %s", hash.String()[:12], typ, want)
	}
	return b, nil
}

// objectSize is an object's size without reading its content.
func (h *handle) objectSize(hash plumbing.Hash) (int64, error) {
	if n, found, err := h.pr.size(hash); found {
		return n, err
	}
	if !h.pr.ps.fallback {
		return 0, plumbing.ErrObjectNotFound
	}
	n, err := h.storage().EncodedObjectSize(hash)
	for _, a := range h.alts {
		if !errors.Is(err, plumbing.ErrObjectNotFound) {
			break
		}
		n, err = a.EncodedObjectSize(hash)
	}
	return n, err
}

// openStorage opens go-git's storage of the repository with the options
// measured to be fast, kept file descriptors (otherwise go-git reopens
// the packfile for every object) and a bounded object cache, on a view
// of the repository that only reads regular files inside it. go-git's
// own alternates are turned off (see alternates.go).
func openStorage(loc location, cacheBytes int64) *filesystem.Storage {
	var fs billy.Filesystem = newRepoFS(osfs.New(loc.gitDir), loc.gitDir, loc.roots)
	if loc.commonDir != "" {
		fs = dotgit.NewRepositoryFilesystem(fs, newRepoFS(osfs.New(loc.commonDir), loc.commonDir, loc.roots))
	}
	return filesystem.NewStorageWithOptions(fs,
		objcache.NewObjectLRU(objcache.FileSize(cacheBytes)),
		filesystem.Options{KeepDescriptors: true, AlternatesFS: memfs.New()})
}

// alternatesForGoGit gives go-git, where it reads packs, the alternate
// object directories as storages of their own. go-git finds objects
// under a directory named objects; git names alternates that way, and
// Mine warns about one that is not.
func (h *handle) alternatesForGoGit() {
	for _, dir := range h.pr.ps.dirs[1:] {
		if filepath.Base(dir) != "objects" {
			continue
		}
		parent := filepath.Dir(dir)
		dg := dotgit.NewWithOptions(newRepoFS(osfs.New(parent), parent, h.loc.roots),
			dotgit.Options{AlternatesFS: memfs.New()})
		h.alts = append(h.alts, filesystem.NewObjectStorageWithOptions(dg,
			objcache.NewObjectLRU(objcache.FileSize(h.cacheBytes)), filesystem.Options{KeepDescriptors: true}))
	}
}

// openRepo opens the main handle: go-git's repository, for references
// and revisions, on a storage that reads objects the way Mine does.
func openRepo(loc location, cacheBytes int64, ps *packSet) (*handle, error) {
	st := openStorage(loc, cacheBytes)
	h := &handle{st: st, loc: loc, cacheBytes: cacheBytes, pr: newPackReader(ps, int(cacheBytes))}
	fail := func(err error) (*handle, error) {
		h.close()
		return nil, err
	}
	// go-git takes a HEAD it cannot open for no HEAD at all, and a
	// packed-refs it cannot open for no such reference: name the file.
	for _, p := range []string{filepath.Join(loc.gitDir, "HEAD"), filepath.Join(loc.identity(), "packed-refs"),
		filepath.Join(loc.identity(), "config")} {
		if _, err := os.Lstat(p); err == nil {
			if _, err := resolveIn(p, loc.roots); err != nil {
				return fail(err)
			}
		}
	}
	if _, err := st.Reference(plumbing.HEAD); errors.Is(err, plumbing.ErrReferenceNotFound) {
		return fail(fmt.Errorf("%s: %w (no HEAD)", loc.gitDir, ErrNotGit))
	}
	cfg, err := st.Config()
	if err != nil {
		return fail(fmt.Errorf("%s: reading the repository's config: %w", loc.gitDir, err))
	}
	if err := checkFormat(cfg.Raw); err != nil {
		return fail(fmt.Errorf("%s: %w", loc.gitDir, err))
	}
	h.partial = isPartialClone(cfg.Raw)
	if h.repo, err = git.Open(gitStorer{st, h}, nil); err != nil {
		return fail(openError(loc, err))
	}
	if ps.fallback {
		h.alternatesForGoGit()
	}
	return h, nil
}

func openError(loc location, err error) error {
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return fmt.Errorf("%s: %w (%v)", loc.gitDir, ErrNotGit, err)
	}
	return fmt.Errorf("%s: %w", loc.gitDir, err)
}

// gitStorer is the storage go-git's repository works on. Its config
// comes without the extensions checkFormat accepted, since go-git
// refuses every extension it does not implement itself, even those that
// change nothing for reading; its objects come from the handle, so that
// resolving a revision reads packs and alternates the way Mine does.
type gitStorer struct {
	*filesystem.Storage
	h *handle
}

func (s gitStorer) Config() (*config.Config, error) {
	cfg, err := s.Storage.Config()
	if err != nil {
		return nil, err
	}
	cfg.Raw.RemoveSection("extensions")
	cfg.Extensions.ObjectFormat = ""
	return cfg, nil
}

func (s gitStorer) EncodedObject(t plumbing.ObjectType, hash plumbing.Hash) (plumbing.EncodedObject, error) {
	typ, b, err := s.h.read(hash)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, plumbing.ErrObjectNotFound
	}
	if err != nil {
		return nil, err
	}
	if t != plumbing.AnyObject && typ != t {
		return nil, plumbing.ErrObjectNotFound
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(typ)
	if _, err := obj.Write(b); err != nil {
		return nil, err
	}
	return obj, nil
}

// resolveHead turns ref into a commit hash, telling an empty repository
// (HEAD names a branch with no commit yet) apart from a wrong ref.
func resolveHead(h *handle, ref string) (plumbing.Hash, error) {
	if ref == "" {
		// Following HEAD's references needs no object: go-git's
		// ResolveRevision would read the commit through its own pack
		// index, which costs a warm run most of its time. The walk reads
		// the commit anyway and fails if it is not there.
		if r, err := storer.ResolveReference(h.st, plumbing.HEAD); err == nil && !r.Hash().IsZero() {
			return r.Hash(), nil
		}
	}
	rev := ref
	if rev == "" {
		rev = "HEAD"
	}
	got, err := h.repo.ResolveRevision(plumbing.Revision(rev))
	if err == nil {
		return *got, nil
	}
	if ref == "" {
		head, herr := h.st.Reference(plumbing.HEAD)
		if herr == nil && head.Type() == plumbing.SymbolicReference {
			if _, terr := h.st.Reference(head.Target()); errors.Is(terr, plumbing.ErrReferenceNotFound) {
				return plumbing.ZeroHash, fmt.Errorf("HEAD points to %s, which has no commit: %w",
					head.Target().Short(), ErrEmpty)
			}
		}
		return plumbing.ZeroHash, fmt.Errorf("cannot resolve HEAD: %w", err)
	}
	return plumbing.ZeroHash, fmt.Errorf("cannot resolve %q to a commit: %w", ref, err)
}
