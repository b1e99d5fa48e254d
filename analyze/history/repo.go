package history

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
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
	gitDir    string // absolute; HEAD lives here
	commonDir string // absolute; "" when it is gitDir
	workTree  string // absolute; "" for a bare repository
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
// repository.
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
			} else if loc.gitDir, err = readGitFile(dotgitPath); err != nil {
				return location{}, err
			}
		} else if looksLikeGitDir(d) {
			loc.gitDir = d
			if filepath.Base(d) == ".git" {
				loc.workTree = filepath.Dir(d)
			}
		}
		if loc.gitDir != "" {
			if b, err := os.ReadFile(filepath.Join(loc.gitDir, "commondir")); err == nil {
				c := strings.TrimSpace(string(b))
				if !filepath.IsAbs(c) {
					c = filepath.Join(loc.gitDir, c)
				}
				loc.commonDir = filepath.Clean(c)
			}
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
func readGitFile(path string) (string, error) {
	b, err := os.ReadFile(path)
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
	repo *git.Repository
	st   *filesystem.Storage
	pr   *packReader // nil: everything through go-git

	// A worker's handle opens go-git only when the mapped packs lack an
	// object, which in a packed repository is rare, so that a warm
	// re-run diffing a few commits does not pay for opening it.
	loc        location
	cacheBytes int64
	openErr    error
}

// workerHandle returns a handle that opens go-git on first need.
func workerHandle(loc location, cacheBytes int64, ps *packSet) *handle {
	h := &handle{loc: loc, cacheBytes: cacheBytes}
	if ps != nil && len(ps.packs) > 0 {
		h.pr = newPackReader(ps, int(cacheBytes))
		h.cacheBytes = 1 << 20 // go-git then serves only what the packs lack
	}
	return h
}

// storage is go-git's storage, opened on first use for a worker handle.
func (h *handle) storage() (*filesystem.Storage, error) {
	if h.st == nil && h.openErr == nil {
		o, err := openRepo(h.loc, h.cacheBytes)
		if err != nil {
			h.openErr = err
		} else {
			h.repo, h.st = o.repo, o.st
		}
	}
	return h.st, h.openErr
}

func (h *handle) close() {
	if h.st != nil {
		_ = h.st.Close()
	}
}

// readRaw returns an object's content, from the mapped packs when they
// have it, else through go-git. The content must not be modified.
func (h *handle) readRaw(hash plumbing.Hash, want plumbing.ObjectType) ([]byte, error) {
	if typ, b, found, err := h.pr.read(hash); found {
		if err != nil {
			return nil, fmt.Errorf("%s %w", want, err)
		}
		if typ != want {
			return nil, fmt.Errorf("object %s is a %s, expected a %s", hash.String()[:12], typ, want)
		}
		return b, nil
	}
	if h.pr != nil && h.pr.ps.missing(hash) {
		return nil, fmt.Errorf("%s object %s missing: %w", want, hash.String()[:12], plumbing.ErrObjectNotFound)
	}
	st, err := h.storage()
	if err != nil {
		return nil, err
	}
	obj, err := st.EncodedObject(want, hash)
	if err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return nil, fmt.Errorf("%s object %s missing: %w", want, hash.String()[:12], err)
		}
		return nil, fmt.Errorf("%s object %s: %w", want, hash.String()[:12], err)
	}
	if obj.Type() != want {
		return nil, fmt.Errorf("object %s is a %s, expected a %s", hash.String()[:12], obj.Type(), want)
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	n := obj.Size()
	if n < 0 || n > 1<<31 {
		return nil, fmt.Errorf("object %s has an impossible size %d", hash.String()[:12], n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("%s object %s: %w", want, hash.String()[:12], err)
	}
	return b, nil
}

// objectSize is an object's size without reading its content.
func (h *handle) objectSize(hash plumbing.Hash) (int64, error) {
	if n, found, err := h.pr.size(hash); found {
		return n, err
	}
	if h.pr != nil && h.pr.ps.missing(hash) {
		return 0, plumbing.ErrObjectNotFound
	}
	st, err := h.storage()
	if err != nil {
		return 0, err
	}
	return st.EncodedObjectSize(hash)
}

// openRepo opens the repository with the storage options measured to be
// fast: kept file descriptors (otherwise go-git reopens the packfile for
// every object) and a bounded object cache.
func openRepo(loc location, cacheBytes int64) (*handle, error) {
	var fs billy.Filesystem = osfs.New(loc.gitDir)
	if loc.commonDir != "" {
		fs = dotgit.NewRepositoryFilesystem(fs, osfs.New(loc.commonDir))
	}
	st := filesystem.NewStorageWithOptions(fs,
		objcache.NewObjectLRU(objcache.FileSize(cacheBytes)),
		filesystem.Options{KeepDescriptors: true})
	repo, err := git.Open(st, nil)
	if err != nil {
		_ = st.Close()
		return nil, openError(loc, err)
	}
	return &handle{repo: repo, st: st, loc: loc, cacheBytes: cacheBytes}, nil
}

func openError(loc location, err error) error {
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return fmt.Errorf("%s: %w (%v)", loc.gitDir, ErrNotGit, err)
	}
	if strings.Contains(strings.ToLower(err.Error()), "worktreeconfig") {
		msg := fmt.Sprintf("%s: the repository sets extensions.worktreeConfig (done by "+
			"git worktree or git sparse-checkout), which the git library seams uses cannot read", loc.gitDir)
		if _, lerr := exec.LookPath("git"); lerr == nil {
			msg += "; mine a copy instead: either copy the repository and run " +
				"`git config --unset extensions.worktreeConfig` in the copy, or " +
				"`git clone <repo> <temp dir>` and point seams at the clone"
		} else {
			msg += "; mine a copy of the repository without that setting in its .git/config"
		}
		return fmt.Errorf("%s: %w", msg, err)
	}
	return fmt.Errorf("%s: %w", loc.gitDir, err)
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
