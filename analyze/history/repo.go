package history

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	objcache "github.com/go-git/go-git/v5/plumbing/cache"
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
}

func (h *handle) close() { _ = h.st.Close() }

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
	return &handle{repo: repo, st: st}, nil
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
