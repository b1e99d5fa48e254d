package scope

import (
	"fmt"
	"path"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Rules says which paths of a repository are in scope. Paths are
// slash-separated and relative to the repository root. The zero Rules
// applies only the go command's conventions.
type Rules struct {
	// Tests keeps _test.go files in scope.
	Tests bool

	patterns []gitignore.Pattern
}

// New returns rules that also leave out paths matching any of the
// .gitignore-style patterns in exclude.
func New(exclude []string, tests bool) (*Rules, error) {
	r := &Rules{Tests: tests}
	for _, p := range exclude {
		if err := CheckPattern(p); err != nil {
			return nil, err
		}
		r.patterns = append(r.patterns, gitignore.ParsePattern(p, nil))
	}
	return r, nil
}

// CheckPattern reports whether p is a usable exclude pattern.
func CheckPattern(p string) error {
	t := strings.TrimPrefix(strings.TrimSpace(p), "!")
	if t == "" || t == "/" {
		return fmt.Errorf("empty exclude pattern %q", p)
	}
	for _, seg := range strings.Split(strings.Trim(t, "/"), "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("bad exclude pattern %q: %v", p, err)
		}
	}
	return nil
}

// SkipDir reports whether the directory rel, and all below it, is out of
// scope. The root "." never is.
func (r *Rules) SkipDir(rel string) bool {
	if rel == "." || rel == "" {
		return false
	}
	name := path.Base(rel)
	if name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
		return true
	}
	return r.userExcluded(rel, true)
}

// SkipFile reports whether the file rel is out of scope by its own name
// or an exclude pattern. It does not look at the directories above it:
// walkers skip those with SkipDir, and Excluded checks the whole path.
func (r *Rules) SkipFile(rel string) bool {
	if !r.Tests && strings.HasSuffix(rel, "_test.go") {
		return true
	}
	return r.userExcluded(rel, false)
}

// UserExcluded reports whether an exclude pattern alone leaves out the
// file rel (not the go command's conventions): callers count these.
func (r *Rules) UserExcluded(rel string) bool {
	return r.userExcluded(rel, false)
}

// Excluded reports whether the file rel is out of scope, checking every
// directory above it too. It suits paths that do not come from a walk,
// such as the files a commit touched.
func (r *Rules) Excluded(rel string) bool {
	dir := path.Dir(rel)
	for dir != "." && dir != "/" {
		if r.SkipDir(dir) {
			return true
		}
		dir = path.Dir(dir)
	}
	return r.SkipFile(rel)
}

func (r *Rules) userExcluded(rel string, isDir bool) bool {
	if len(r.patterns) == 0 {
		return false
	}
	parts := strings.Split(rel, "/")
	// Later patterns win, as in .gitignore, so that "!x" can re-include.
	for i := len(r.patterns) - 1; i >= 0; i-- {
		switch r.patterns[i].Match(parts, isDir) {
		case gitignore.Exclude:
			return true
		case gitignore.Include:
			return false
		}
	}
	return false
}
