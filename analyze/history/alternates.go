package history

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A repository made by git clone --shared or --reference, or with
// git worktree on some setups, borrows objects from other object
// directories listed in objects/info/alternates, one path a line,
// relative paths being relative to the object directory whose file names
// them. Alternates may have alternates of their own.
//
// go-git's own handling of them is not used: it reads the file again
// for every object it does not find, resolves relative paths against the
// repository's root instead of its object directory, and follows a loop
// until the stack overflows.

const (
	// maxAlternateDepth is git's own limit on how deep alternates of
	// alternates are followed.
	maxAlternateDepth = 5
	// maxObjectDirs bounds how many object directories one repository
	// can make the run map.
	maxObjectDirs = 64
)

// objectDirs returns the repository's object directory followed by its
// alternates, depth first in file order as git searches them, each
// directory once, with symlinks resolved. What cannot be followed is
// reported, as git does, and skipped.
func objectDirs(main string, w *warner) []string {
	var dirs []string
	seen := map[string]bool{}
	var add func(dir string, depth int)
	add = func(dir string, depth int) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			var st os.FileInfo
			if st, err = os.Stat(real); err == nil && !st.IsDir() {
				err = errors.New("not a directory")
			}
		}
		if err != nil {
			if depth > 0 {
				w.add("alternate object directory %s cannot be used (%v): objects only it holds are "+
					"missing (check objects/info/alternates)", dir, err)
			}
			return
		}
		if seen[real] {
			return // a loop, or a directory listed twice
		}
		if len(dirs) == maxObjectDirs {
			w.add("more than %d alternate object directories: the rest are ignored", maxObjectDirs-1)
			return
		}
		seen[real] = true
		dirs = append(dirs, real)
		file := filepath.Join(real, "info", "alternates")
		b, err := readIn(file, roots{real}, 1<<20)
		if errors.Is(err, os.ErrNotExist) {
			return
		}
		if err != nil {
			w.add("cannot read %s: %v; objects only its alternates hold are missing", file, err)
			return
		}
		paths := alternatePaths(string(b))
		if len(paths) == 0 {
			return
		}
		if depth > maxAlternateDepth {
			w.add("%s: alternates nested more than %d deep are ignored, as git ignores them; "+
				"objects only they hold are missing", file, maxAlternateDepth)
			return
		}
		for _, p := range paths {
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			add(p, depth+1)
		}
	}
	add(main, 0)
	return dirs
}

// alternatePaths parses an alternates file: blank lines and lines
// starting with '#' are skipped, and a line starting with a double quote
// is a C-quoted path.
func alternatePaths(text string) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '"' {
			if u, err := strconv.Unquote(line); err == nil {
				line = u
			}
		}
		out = append(out, filepath.FromSlash(line))
	}
	return out
}
