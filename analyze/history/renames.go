package history

// Renames follows renames forward: it maps every path a renamed file ever
// had to the path it has at the newest commit of the log, or to its last
// path if it was deleted since. Callers use it to count an old path's
// revisions for the current file without counting the file twice.
//
// Only files renamed at least once appear; look a path up with a fallback
// to the path itself. A path reused by another file later (a.go renamed
// to b.go, then a new a.go) belongs to whichever file had it last, and a
// path that exists at the newest commit always maps to itself.
func (l *Log) Renames() map[string]string { return l.renames(true) }

// RenamesByContent is Renames without the renames found by name alone
// (Change.ByName): the moves of a restructure carry a file's path forward,
// but its changes before the move belong to the old layout, and
// co-change over them joins packages by a structure that is gone (on the
// ground truths, woodpecker's ARI fell from 0.573 to 0.443 with them).
func (l *Log) RenamesByContent() map[string]string { return l.renames(false) }

func (l *Log) renames(byName bool) map[string]string {
	type file struct{ cur string }
	at := map[string]*file{}    // path -> the renamed file there now
	owner := map[string]*file{} // path -> last renamed file that had it
	exists := map[string]bool{} // path -> present after the newest commit
	for _, c := range l.Commits {
		for _, ch := range c.Changes {
			switch ch.Kind {
			case Added, Modified:
				exists[ch.Path] = true
				if ch.Kind == Added {
					delete(at, ch.Path) // a new file, whatever was here before
				}
			case Deleted:
				exists[ch.Path] = false
				delete(at, ch.Path)
			case Renamed:
				if ch.ByName && !byName {
					// The old path is gone and the new one a new file.
					exists[ch.OldPath] = false
					delete(at, ch.OldPath)
					exists[ch.Path] = true
					delete(at, ch.Path)
					continue
				}
				f := at[ch.OldPath]
				if f == nil {
					f = &file{}
				}
				delete(at, ch.OldPath)
				exists[ch.OldPath] = false
				f.cur = ch.Path
				at[ch.Path] = f
				exists[ch.Path] = true
				owner[ch.OldPath] = f
				owner[ch.Path] = f
			}
		}
	}
	m := make(map[string]string, len(owner))
	for p, f := range owner {
		if exists[p] {
			m[p] = p
		} else {
			m[p] = f.cur
		}
	}
	return m
}
