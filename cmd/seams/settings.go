package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/config"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/report"
)

// settings are the flags every analyzing command shares, merged with the
// repository's .seams.yaml: flags that were set win.
type settings struct {
	name     string // "seams analyze", for messages
	stderr   io.Writer
	fs       *flag.FlagSet
	tests    bool
	signals  string
	loader   string
	verbose  bool
	timings  bool
	baseline string
	dialect  string
	exclude  listFlag
	hist     historyFlags
	clus     clusterFlags
}

func newSettings(name, usage string, stderr io.Writer) *settings {
	s := &settings{name: name, stderr: stderr, fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	fs := s.fs
	fs.SetOutput(stderr)
	fs.BoolVar(&s.tests, "tests", false, "analyze _test.go files too")
	fs.StringVar(&s.signals, "signals", "", "comma-separated `list` of signals to compute: imports, sql, history (default all)")
	fs.StringVar(&s.loader, "loader", "auto", "import graph loader: auto (go/packages, falling back to syntax) or syntax")
	fs.BoolVar(&s.verbose, "v", false, "log progress to stderr")
	fs.BoolVar(&s.timings, "timings", false, "add elapsed times and cache figures to the JSON (it then differs run to run)")
	fs.StringVar(&s.baseline, "baseline", "", "baseline `FILE`, relative to the repository root (default .seams/baseline.json)")
	fs.StringVar(&s.dialect, "dialect", "", "read SQL as `postgres`, mysql or sqlite (default: guessed from the database driver imported)")
	fs.Var(&s.exclude, "exclude", "leave out paths matching the .gitignore-style `GLOB` (repeatable)")
	s.hist.register(fs)
	s.clus.register(fs)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return s
}

// parse parses the flags and returns the directory argument. A nil error
// with help true means -h was asked for.
func (s *settings) parse(args []string) (dir string, help bool, err error) {
	if err := s.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", true, nil
		}
		return "", false, errUsage
	}
	if s.fs.NArg() > 1 {
		return "", false, fmt.Errorf("want at most one directory, got %d", s.fs.NArg())
	}
	if s.fs.NArg() == 1 {
		return s.fs.Arg(0), false, nil
	}
	return ".", false, nil
}

// start parses the arguments and resolves the settings. When it returns
// ok false the command is over, with the exit code it returns (help
// shown, or a usage error or an unusable repository reported).
func (s *settings) start(args []string) (rs *resolved, code int, ok bool) {
	dir, help, err := s.parse(args)
	switch {
	case help:
		return nil, exitOK, false
	case err == errUsage:
		return nil, exitFailure, false
	case err != nil:
		return nil, s.fail(err), false
	}
	rs, err = s.resolve(dir, s.stderr)
	if err != nil {
		return nil, s.fail(err), false
	}
	return rs, exitOK, true
}

// fail reports err as the command's and returns the failure exit code.
func (s *settings) fail(err error) int {
	fmt.Fprintf(s.stderr, "%s: %v\n", s.name, err)
	return exitFailure
}

// errUsage is a usage error the flag package has already printed.
var errUsage = errors.New("usage")

// resolved is what the settings say once the repository is known.
type resolved struct {
	repo *repo.Repo
	file *config.File
	cfg  analyze.Config
	set  map[string]bool
	// baselinePath is absolute.
	baselinePath string
	tolerances   graph.Tolerances
}

// resolve locates the repository, reads its config file, and merges.
func (s *settings) resolve(dir string, stderr io.Writer) (*resolved, error) {
	set := map[string]bool{}
	s.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	// The config file sits at the repository root, which is found before
	// the file is read: locate once with the go command's conventions.
	r, err := repo.Locate(dir, &scope.Rules{})
	if err != nil {
		return nil, err
	}
	cf, err := config.Load(r.Root)
	if err != nil {
		return nil, err
	}
	res := &resolved{repo: r, file: cf, set: set}
	cfg := analyze.Config{Dir: r.Root, Version: version(), Exclude: append(append([]string(nil), cf.Exclude...), s.exclude...)}
	if s.verbose {
		cfg.Log = stderr
		if cf.Path != "" {
			fmt.Fprintf(stderr, "seams: using %s\n", cf.Path)
		}
	}
	if cf.Tests != nil {
		cfg.Tests = *cf.Tests
	}
	if set["tests"] {
		cfg.Tests = s.tests
	}
	cfg.Signals = cf.Signals
	if set["signals"] {
		cfg.Signals = strings.Split(s.signals, ",")
	}
	ld := cf.Loader
	if set["loader"] || ld == "" {
		ld = s.loader
	}
	switch ld {
	case "auto":
	case "syntax":
		cfg.Syntax = true
	default:
		return nil, fmt.Errorf("-loader: want auto or syntax, got %q", ld)
	}
	if cfg.History, err = s.hist.merge(cf.History, set); err != nil {
		return nil, err
	}
	if cfg.Cluster, err = s.clus.merge(cf, set); err != nil {
		return nil, err
	}
	if cfg.History.CacheDir != "" {
		// Next to the history cache; --no-cache turns both off.
		cfg.ModelCache = filepath.Join(filepath.Dir(cfg.History.CacheDir), "models")
	}
	cfg.SQL = analyze.SQLConfig{Dialect: cf.SQLDialect, Ignore: cf.SQLIgnore}
	if set["dialect"] {
		cfg.SQL.Dialect = s.dialect
	}
	cfg.Timings = s.timings
	if bar := newProgress(stderr); bar != nil {
		cfg.Progress = bar.update
	}
	res.cfg = cfg

	bp := cf.Baseline
	if set["baseline"] || bp == "" {
		bp = s.baseline
	}
	if bp == "" {
		bp = filepath.Join(".seams", "baseline.json")
	}
	if !filepath.IsAbs(bp) {
		bp = filepath.Join(r.Root, bp)
	}
	res.baselinePath = bp
	res.tolerances = graph.DefaultTolerances
	if cf.Tolerances != nil {
		res.tolerances = cf.Tolerances
	}
	return res, nil
}

// readBaseline reads the baseline, or says why it cannot.
func (r *resolved) readBaseline() (*report.Baseline, error) {
	f, err := os.Open(r.baselinePath)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no baseline at %s: run seams baseline first", r.baselinePath)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := report.DecodeBaseline(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", r.baselinePath, err)
	}
	return b, nil
}

// keepIdentity renames today's contexts after the baseline's, when there
// is one, so that names stay put between runs.
func (r *resolved) keepIdentity(m *report.Model) {
	if b, err := r.readBaseline(); err == nil {
		graph.KeepIdentity(b.Contexts, m)
	}
}
