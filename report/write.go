package report

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// WriteFile writes data to path atomically: readers see the old file or
// the new one, never a mix, and a failed write leaves no debris. A
// temporary file a killed run left behind is removed by the next write
// of the same file.
func WriteFile(path string, data []byte) error {
	dir, base := filepath.Dir(path), filepath.Base(path)
	removeStale(dir, "."+base+".", ".tmp")
	f, err := os.CreateTemp(dir, "."+base+"."+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// CreateTemp makes the file 0600; outputs are meant to be shared.
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// Output is one file of a set that WriteSet writes.
type Output struct {
	Name string // a file name, without a directory
	Data []byte
}

// SumFile is the manifest WriteSet writes with every set: the SHA-256
// and name of each file, as sha256sum prints them (sha256sum -c checks
// it). It is written last, so a set without it, or that does not match
// it, is one a run did not finish.
const SumFile = "seams.sum"

// ownNames are the files seams writes into an output directory. A
// directory holding nothing else is seams' own, and WriteSet replaces it
// as a whole.
var ownNames = []string{"seams.json", "index.html", "contexts.dot", "packages.dot", "tables.dot", "summary.md", "trend.json", "trend.csv", "trend.html", "trend.md", SumFile}

// perContext matches the per-context package graphs, packages-03-billing.dot:
// seams' own too, but never carried over, since they belong to the set
// of contexts that wrote them.
var perContext = regexp.MustCompile(`^packages-[0-9]+-[A-Za-z0-9._-]*\.dot$`)

// own reports whether seams writes files of this name.
func own(name string) bool { return slices.Contains(ownNames, name) || perContext.MatchString(name) }

// writeHook, when set by a test, runs after each file of a set is
// staged; an error stops WriteSet there, as a crash or a full disk would.
var writeHook func(name string) error

// WriteSet writes files into the directory dir as one set: readers see
// the old set or the new one, never some files of each.
//
// The files, and SumFile, are written to a temporary directory beside
// dir, which then takes dir's place: when dir holds only seams' outputs
// (files of the old set that the new one does not replace, such as
// trend.json, are carried over), by renaming the old directory away and
// the new one in. A directory that holds anything else (the user's own
// files, or it is a link or a mount point) is never moved: the files
// are moved into it one by one, SumFile last, so that a half-updated set
// is one whose SumFile is missing or does not match. Temporaries that a
// killed run left are removed.
func WriteSet(dir string, files []Output) error {
	if err := checkNames(files); err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStale(parent, "."+base+".seams-", "")
	removeStale(dir, ".seams-", "")
	for _, name := range ownNames {
		removeStale(dir, "."+name+".", ".tmp") // WriteFile's
	}
	stage, err := makeStage(parent, "."+base+".seams-new-")
	inside := false
	if err != nil {
		// A parent we cannot write to: stage inside dir instead.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if stage, err = makeStage(dir, ".seams-new-"); err != nil {
			return err
		}
		inside = true
	}
	defer os.RemoveAll(stage) // gone once renamed; debris otherwise
	sums := ""
	for _, f := range files {
		if err := writeSynced(filepath.Join(stage, f.Name), f.Data); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, f.Name), err)
		}
		if writeHook != nil {
			if err := writeHook(f.Name); err != nil {
				return err
			}
		}
		sums += fmt.Sprintf("%x  %s\n", sha256.Sum256(f.Data), f.Name)
	}
	if err := writeSynced(filepath.Join(stage, SumFile), []byte(sums)); err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Join(dir, SumFile), err)
	}
	if !inside {
		replaced, err := replaceDir(dir, stage, files)
		if replaced || err != nil {
			return err
		}
	}
	return moveEach(dir, stage, files)
}

// checkNames refuses names that are not plain file names, or repeat.
func checkNames(files []Output) error {
	seen := map[string]bool{}
	for _, f := range files {
		if f.Name == "" || f.Name == "." || f.Name == ".." || f.Name == SumFile || strings.ContainsAny(f.Name, `/\`) || filepath.Base(f.Name) != f.Name || seen[f.Name] {
			return fmt.Errorf("report: bad output file name %q", f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

// makeStage makes a temporary directory in dir named prefix, the
// process id and a random suffix, readable by all as outputs are.
func makeStage(dir, prefix string) (string, error) {
	stage, err := os.MkdirTemp(dir, prefix+strconv.Itoa(os.Getpid())+"-")
	if err == nil {
		err = os.Chmod(stage, 0o755)
	}
	return stage, err
}

// writeSynced writes a new file and flushes it to the disk, so that a
// crash after the rename cannot leave it empty.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// replaceDir puts stage in dir's place when dir is missing or holds only
// seams' outputs. It reports whether it did; false with a nil error means
// dir must be updated file by file.
func replaceDir(dir, stage string, files []Output) (bool, error) {
	st, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.Rename(stage, dir) == nil, nil
	}
	if err != nil || !st.IsDir() {
		return false, nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false, nil
	}
	var carry []string
	for _, e := range ents {
		if !e.Type().IsRegular() || !own(e.Name()) {
			return false, nil // not ours alone: never move it
		}
		if e.Name() != SumFile && !perContext.MatchString(e.Name()) && !slices.ContainsFunc(files, func(f Output) bool { return f.Name == e.Name() }) {
			carry = append(carry, e.Name())
		}
	}
	for _, name := range carry {
		if err := carryOver(filepath.Join(dir, name), filepath.Join(stage, name)); err != nil {
			return false, nil
		}
	}
	old := stage + ".old"
	if err := os.Rename(dir, old); err != nil {
		return false, nil // a mount point, or busy: file by file then
	}
	if err := os.Rename(stage, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return true, fmt.Errorf("replacing %s: %v; the previous report is in %s", dir, err, old)
		}
		return false, nil
	}
	os.RemoveAll(old)
	return true, nil
}

// carryOver links (or, across file systems, copies) a file of the old
// set that the new one keeps.
func carryOver(from, to string) error {
	if os.Link(from, to) == nil {
		return nil
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return writeSynced(to, data)
}

// moveEach moves the staged files into dir one by one: the old SumFile
// first goes, the new one comes last.
func moveEach(dir, stage string, files []Output) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, SumFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, name := range append(names(files), SumFile) {
		if err := os.Rename(filepath.Join(stage, name), filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, name), err)
		}
	}
	return nil
}

func names(files []Output) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Name
	}
	return out
}

// staleAge is how old a temporary must be to go even when the process
// that made it seems alive: its id may have been reused.
const staleAge = 24 * time.Hour

// removeStale removes the entries of dir named prefix, a process id, "-"
// and anything ending in suffix, whose process is gone: temporaries of
// a run that was killed.
func removeStale(dir, prefix, suffix string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !strings.HasSuffix(rest, suffix) {
			continue
		}
		if suffix == "" {
			// A stage: a directory, "new-" past the prefix, then the pid.
			var ok bool
			if rest, ok = strings.CutPrefix(rest, "new-"); !ok || !e.IsDir() {
				continue
			}
		} else if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		age := time.Since(info.ModTime())
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		switch {
		case err != nil || pid <= 0:
			// Named by an older seams, without its process id.
			if age < time.Hour {
				continue
			}
		case pid == os.Getpid() || alive(pid) && age < staleAge:
			continue
		}
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// alive reports whether a process with this id runs.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" {
		return true // FindProcess fails for a process that is gone
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
