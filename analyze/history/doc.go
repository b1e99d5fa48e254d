// Package history mines a git history for the co-change signal: which
// files each commit touched, who wrote it and when. It reads the
// repository with go-git and needs no git binary.
//
// # Use
//
//	log, err := history.Mine(dir, history.Options{CacheDir: cacheDir})
//	switch {
//	case errors.Is(err, history.ErrNotGit), errors.Is(err, history.ErrEmpty):
//		// no history: co-change is unavailable, not an error of the run
//	case errors.Is(err, history.ErrUnsupported):
//		// a history seams cannot read (SHA-256, reftable): say so
//	case err != nil:
//		// the repository could not be read at all
//	}
//	for _, c := range log.Commits { ... c.Changes ... }
//	current := log.Renames() // old path -> today's path
//
// Mine fails only when there is no history to read. Everything that makes
// the history less complete (a shallow or partial clone, missing objects,
// an unreadable cache file, paths that are not UTF-8) is reported in
// Log.Warnings and, where it costs commits, counted in Log.Missing. A
// missing commit costs itself and its children, and cuts the history off
// there; a missing tree costs the commits that need it. A missing blob
// costs no commit, since a commit's changed paths come from trees: the
// commit is kept without rename detection or churn for the files
// involved (a rename becomes a deletion and an addition, churn is 0) and
// is counted in Log.DegradedCommits. A log is complete only when Shallow
// is false and Missing and DegradedCommits are 0.
//
// # What it reads
//
// Any repository git reads with SHA-1 object names and the files ref
// store: with or without a work tree (bare), linked work trees, clones
// that borrow objects from others through objects/info/alternates (git
// clone --shared or --reference; followed as git does, relative to the
// naming object directory, at most 5 deep, each directory once), partial
// clones (Log.PartialClone; seams never fetches what they left out), and
// repositories with extensions that do not change reading, such as
// worktreeConfig, which git sparse-checkout and git worktree set. A
// SHA-256 repository, a reftable one, or one of a format version or with
// an extension seams does not know gives ErrUnsupported.
//
// The repository is untrusted input, read and never written or run:
// nothing in its config, attributes or hooks is executed. A file is read
// only if it is a regular file inside the repository once symlinks are
// resolved (a FIFO named .mailmap cannot hang the run, a symlink cannot
// lead it elsewhere). No object is believed about its size: declared
// sizes are checked against what the bytes behind them can inflate to
// and against a limit of 256 MiB, and buffers grow as data arrives, so
// memory follows what a repository holds, not what it claims.
//
// # How it is fast
//
// Measured on real repositories, go-git's object.DiffTree managed a few
// hundred commits a second. Mine instead:
//
//   - reads objects itself: packed ones from memory-mapped packfiles, with
//     a delta-base cache keyed by pack offset (go-git hashes every object
//     it reads to key its own cache, which cost more than the diff; the
//     pages read are handed back to the kernel as the walk goes, or a long
//     walk's resident memory would hold most of the pack), and loose ones
//     from their files. go-git reads packs only where they
//     cannot be mapped, opened with kept file descriptors and a bounded
//     object cache;
//   - walks the commit graph (commits are small) and hands each commit
//     to the diff workers as soon as its parent has been read, so that the
//     walk overlaps the diffs; one repository handle per worker, because a
//     go-git repository is not safe for concurrent use;
//   - diffs trees itself: a two-pointer walk over the sorted entries of
//     the parent and child trees that skips entries with equal hash and
//     mode and descends only into changed subtrees, with a bounded cache
//     of decoded trees, since consecutive commits share most subtrees;
//   - reads file contents only when needed: for churn (opt-in, only
//     over the window Options.ChurnSince or Options.ChurnMonths sets, and
//     only for the files named in Options.ChurnFiles) and for rename
//     similarity.
//
// # What a change is
//
// A merge commit is skipped and counted: its changes repeat those of the
// commits it merges. A root commit, and the boundary commit of a shallow
// clone, add all their files. Submodules are ignored. Paths are git's raw
// bytes, slash-separated.
//
// Renames are paired within one commit, between its deleted and added
// paths: first identical contents, preferring a deletion with the same
// base name; then, if at most 50 additions and 50 deletions are left,
// pairs whose common lines make up at least half of the larger file's
// bytes (git's default threshold of 50%, measured the way git measures
// it, in bytes), same base name first, then by score. Pairs whose sizes
// alone rule this out are never read. Log.Renames
// chains them across commits so that an old path's revisions can be
// counted for the file it became.
//
// Churn counts lines as multisets: a line matched anywhere in the other
// version is unchanged. For ordinary edits this equals git's numstat; a
// moved block counts as unchanged where git counts it as deleted and
// added. Binary files (a NUL byte in the first 8000 bytes) get no counts.
//
// Authors go through .mailmap (from the mined commit's tree, else the
// work tree), in all four forms of gitmailmap(5).
//
// # Cache
//
// With Options.CacheDir set, each commit's parents, tree, raw author and
// changes are kept under CacheDir/<hash of the repository's git dir>/ in
// checksummed segment files, one per run that added entries, merged when
// they pile up. Commits never change, so a re-run reads and diffs only
// the commits it has not seen; .mailmap is applied after the cache, so
// editing it needs no invalidation. Changes computed without churn are
// recomputed when churn is asked for; churn kept for some files only
// lives in a directory of its own; and a shallow boundary's changes
// are never cached, since deepening the clone changes them.
// A file that is damaged, of another format version or of another
// repository is ignored with a warning. Files are renamed into place, so
// concurrent runs sharing the directory are safe.
package history
