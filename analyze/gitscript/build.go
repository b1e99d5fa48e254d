package gitscript

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// BuildFile parses the script at scriptPath and builds it; see Build.
func BuildFile(scriptPath, dir, fixtureDir string) (plumbing.Hash, error) {
	f, err := os.Open(scriptPath)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	defer f.Close()
	s, err := Parse(f)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("%s: %w", scriptPath, err)
	}
	return Build(s, dir, fixtureDir)
}

// Build replays s into a new non-bare repository in dir, which must not
// hold one yet, taking file contents from fixtureDir. It uses go-git only,
// so tests do not depend on an installed git. It returns the hash of HEAD.
func Build(s *Script, dir, fixtureDir string) (plumbing.Hash, error) {
	repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		return plumbing.ZeroHash, err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	b := &builder{script: s, repo: repo, wt: wt, dir: dir, fixtures: fixtureDir}
	for i, st := range s.Steps {
		var err error
		switch {
		case st.Commit != nil && st.Commit.Merge != "":
			err = b.merge(st.Commit)
		case st.Commit != nil:
			err = b.commit(i, st.Commit)
		case st.Branch != "":
			var head *plumbing.Reference
			if head, err = repo.Head(); err == nil {
				err = wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(st.Branch), Create: true, Hash: head.Hash()})
			}
		default:
			err = wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(st.Switch)})
		}
		if err != nil {
			return plumbing.ZeroHash, atLine(st.Line, err)
		}
	}
	head, err := repo.Head()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return head.Hash(), nil
}

type builder struct {
	script   *Script
	repo     *git.Repository
	wt       *git.Worktree
	dir      string
	fixtures string
}

func (b *builder) abs(p string) string { return filepath.Join(b.dir, filepath.FromSlash(p)) }

func (b *builder) exists(p string) bool {
	_, err := os.Stat(b.abs(p))
	return err == nil
}

func (b *builder) write(p string, content []byte) error {
	if err := os.MkdirAll(filepath.Dir(b.abs(p)), 0o755); err != nil {
		return err
	}
	return os.WriteFile(b.abs(p), content, 0o644)
}

// remove deletes p and the directories it leaves empty, as git would.
func (b *builder) remove(p string) error {
	if err := os.Remove(b.abs(p)); err != nil {
		return err
	}
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if os.Remove(b.abs(d)) != nil {
			break
		}
	}
	return nil
}

// body is what A writes: the fixture of p or, failing that, of the name
// the script renames p to later on.
func (b *builder) body(step int, p string) ([]byte, error) {
	target := p
	for _, st := range b.script.Steps[step+1:] {
		if st.Commit == nil {
			continue
		}
		for _, ch := range st.Commit.Changes {
			if ch.Op == Rename && ch.From == target {
				target = ch.Path
			}
		}
	}
	for _, cand := range []string{p, target} {
		if content, err := readFixture(b.fixtures, cand); content != nil || err != nil {
			return content, err
		}
	}
	return placeholder(p), nil
}

func (b *builder) commit(step int, c *Commit) error {
	for _, ch := range c.Changes {
		if err := b.apply(step, c.Seq, ch); err != nil {
			return atLine(ch.Line, fmt.Errorf("%c %s: %w", ch.Op, ch.Path, err))
		}
	}
	return b.record(c, nil)
}

func (b *builder) apply(step, rev int, ch Change) error {
	switch ch.Op {
	case Add:
		if b.exists(ch.Path) {
			return errors.New("file exists")
		}
		body, err := b.body(step, ch.Path)
		if err != nil {
			return err
		}
		return b.write(ch.Path, withTrailer(ch.Path, body, rev, ch.Lines))
	case Modify, Rename:
		src := ch.Path
		if ch.Op == Rename {
			src = ch.From
			if b.exists(ch.Path) {
				return errors.New("rename target exists")
			}
		}
		old, err := os.ReadFile(b.abs(src))
		if err != nil {
			return err
		}
		if err := b.write(ch.Path, withTrailer(ch.Path, stripTrailer(src, old), rev, ch.Lines)); err != nil {
			return err
		}
		if ch.Op == Rename {
			return b.remove(src)
		}
		return nil
	default:
		return b.remove(ch.Path)
	}
}

// record stages the whole work tree, like "git add -A", and commits it.
func (b *builder) record(c *Commit, parents []plumbing.Hash) error {
	if err := b.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return err
	}
	sig := &object.Signature{Name: c.Author, Email: c.Email, When: c.When}
	_, err := b.wt.Commit(c.Message, &git.CommitOptions{
		Author: sig, Committer: sig, Parents: parents,
		// A merge that brings nothing new is still a merge.
		AllowEmptyCommits: parents != nil,
	})
	return err
}

// merge applies what the branch changed since the merge base and records
// a commit whose parents are HEAD and the branch head.
func (b *builder) merge(c *Commit) error {
	head, err := b.repo.Head()
	if err != nil {
		return err
	}
	ref, err := b.repo.Reference(plumbing.NewBranchReferenceName(c.Merge), true)
	if err != nil {
		return err
	}
	ours, err := b.repo.CommitObject(head.Hash())
	if err != nil {
		return err
	}
	theirs, err := b.repo.CommitObject(ref.Hash())
	if err != nil {
		return err
	}
	bases, err := ours.MergeBase(theirs)
	if err != nil || len(bases) == 0 {
		return fmt.Errorf("no merge base with %s: %v", c.Merge, err)
	}
	baseFiles, err := files(bases[0])
	if err != nil {
		return err
	}
	ourFiles, err := files(ours)
	if err != nil {
		return err
	}
	theirFiles, err := files(theirs)
	if err != nil {
		return err
	}
	paths := make(map[string]bool)
	for p := range baseFiles {
		paths[p] = true
	}
	for p := range theirFiles {
		paths[p] = true
	}
	for p := range paths {
		base, our, their := baseFiles[p], ourFiles[p], theirFiles[p]
		if sameFile(base, their) {
			continue
		}
		if !sameFile(our, base) && !sameFile(our, their) {
			return fmt.Errorf("merge conflict on %s", p)
		}
		if their == nil {
			err = b.remove(p)
		} else {
			var content string
			if content, err = their.Contents(); err == nil {
				err = b.write(p, []byte(content))
			}
		}
		if err != nil {
			return err
		}
	}
	return b.record(c, []plumbing.Hash{ours.Hash, theirs.Hash})
}

func sameFile(a, b *object.File) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Hash == b.Hash
}

func files(c *object.Commit) (map[string]*object.File, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	out := make(map[string]*object.File)
	err = tree.Files().ForEach(func(f *object.File) error {
		out[f.Name] = f
		return nil
	})
	return out, err
}
