package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"github.com/seams-tool/seams/analyze/vocab"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/config"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/report"
	"github.com/seams-tool/seams/report/schema"
)

// settings are the flags every analyzing command shares, merged with the
// repository's .seams.yaml: flags that were set win, then the file, then
// the defaults of analyze.DefaultConfig.
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
	def := analyze.DefaultConfig()
	fs.BoolVar(&s.tests, "tests", def.Tests, "analyze _test.go files too")
	fs.StringVar(&s.signals, "signals", "", "comma-separated `list` of signals to compute: "+schema.Join(schema.Signals)+" (default all)")
	fs.StringVar(&s.loader, "loader", "syntax", "import graph loader: syntax (seams reads the files and go.mod itself) or auto (the go command through go/packages, falling back to syntax)")
	fs.BoolVar(&s.verbose, "v", false, "log progress to stderr")
	fs.BoolVar(&s.timings, "timings", false, "add elapsed times and cache figures to the JSON (it then differs run to run)")
	fs.StringVar(&s.baseline, "baseline", "", "baseline `FILE`, relative to the repository root (default .seams/baseline.json)")
	fs.StringVar(&s.dialect, "dialect", "", "read SQL as `dialect` "+strings.Join(tables.Dialects, ", ")+" (default: guessed from the database driver imported)")
	fs.Var(&s.exclude, "exclude", "leave out paths matching the .gitignore-style `GLOB` (repeatable)")
	s.hist.register(fs, def)
	s.clus.register(fs, def)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		printFlags(fs.Output(), fs)
	}
	return s
}

// parse parses the flags and returns the directory argument. Flags may
// stand before or after the directory, as in go vet or staticcheck;
// "--" ends them. A nil error with help true means -h was asked for.
func (s *settings) parse(args []string) (dir string, help bool, err error) {
	flags, positional, unknown := splitArgs(s.fs, args)
	if unknown != "" {
		var names []string
		s.fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		fmt.Fprintf(s.stderr, "%s: flag provided but not defined: -%s%s\nRun \"%s -h\" for the flags.\n", s.name, unknown, didYouMean(unknown, names, "-"), s.name)
		return "", false, errUsage
	}
	if err := s.fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", true, nil
		}
		return "", false, errUsage
	}
	positional = append(s.fs.Args(), positional...)
	if len(positional) > 1 {
		return "", false, fmt.Errorf("want at most one directory, got %d: %s", len(positional), strings.Join(positional, " "))
	}
	if len(positional) == 1 {
		return positional[0], false, nil
	}
	return ".", false, nil
}

// splitArgs separates the flags, with their values, from the positional
// arguments, wherever they stand. It returns the name of the first flag
// fs does not define, if any (-h and -help are the flag package's).
func splitArgs(fs *flag.FlagSet, args []string) (flags, positional []string, unknown string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flags, append(positional, args[i+1:]...), unknown
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		f := fs.Lookup(name)
		switch {
		case f == nil && (name == "h" || name == "help"):
		case f == nil:
			if unknown == "" {
				unknown = name
			}
		case hasValue || isBoolFlag(f):
		case i+1 < len(args):
			// The value, even one that starts with "-".
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, positional, unknown
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
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
	// baselinePath is absolute. baselineRel is it relative to the root
	// when the repository named it, and it is read through repo.DirFS;
	// baselineErr says why the path the repository named is refused.
	baselinePath string
	baselineRel  string
	baselineErr  error
	tolerances   map[schema.Metric]float64 // nil: the defaults
}

// resolve locates the repository, reads its config file, and merges.
func (s *settings) resolve(dir string, stderr io.Writer) (*resolved, error) {
	set := map[string]bool{}
	s.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	// The config file sits at the repository root, which is found before
	// the file is read, with the go command's conventions; the analysis
	// looks for the modules, under the file's rules. Only a root without
	// go.mod or go.work is scanned here, so that a directory with no Go
	// module at all fails with that reason before any command reads a
	// baseline.
	r, err := repo.FindRoot(dir, &scope.Rules{})
	if err != nil {
		return nil, err
	}
	if !fileExists(filepath.Join(r.Root, "go.mod")) && !fileExists(filepath.Join(r.Root, "go.work")) {
		if r, err = repo.Locate(dir, &scope.Rules{}); err != nil {
			return nil, err
		}
	}
	cf, err := config.Load(r.Root)
	switch {
	case config.Skipped(err):
		// A link out of the repository or a FIFO is not the user's
		// settings: say so, and go on with the defaults.
		fmt.Fprintf(stderr, "%s: warning: %v; using the defaults\n", s.name, err)
	case err != nil:
		return nil, err
	}
	res := &resolved{repo: r, file: cf, set: set, tolerances: cf.Tolerances}
	cfg := analyze.DefaultConfig()
	cfg.Dir, cfg.Version = r.Root, version()
	cfg.Exclude = append(append([]string(nil), cf.Exclude...), s.exclude...)
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
		cfg.Signals = nil
		for _, name := range strings.Split(s.signals, ",") {
			sig, err := schema.Parse(schema.Signals, "signal", strings.TrimSpace(name))
			if err != nil {
				return nil, fmt.Errorf("-signals: %v", err)
			}
			cfg.Signals = append(cfg.Signals, sig)
		}
	}
	ld := cf.Loader
	if set["loader"] || ld == "" {
		ld = s.loader
	}
	switch ld {
	case "auto":
		cfg.Syntax = false
	case "syntax":
		cfg.Syntax = true
	default:
		return nil, fmt.Errorf("-loader: want auto or syntax, got %q", ld)
	}
	if err := s.hist.merge(cf.History, set, &cfg.History); err != nil {
		return nil, err
	}
	if err := s.clus.merge(cf, set, &cfg); err != nil {
		return nil, err
	}
	if cfg.History.CacheDir != "" {
		// Next to the history cache; --no-cache turns both off.
		cfg.Cache = filepath.Join(filepath.Dir(cfg.History.CacheDir), "models")
	}
	cfg.SQL.Dialect, cfg.SQL.Ignore = cf.SQLDialect, cf.SQLIgnore
	if g := cf.SQLGenerated; g != nil {
		cfg.SQL.NoGenerated = !*g
	}
	if v := cf.Vocabulary; v != (vocab.Options{}) {
		o := &cfg.Vocabulary
		o.TopTerms = cmp.Or(v.TopTerms, o.TopTerms)
		o.Neighbours = cmp.Or(v.Neighbours, o.Neighbours)
		o.MinSimilarity = cmp.Or(v.MinSimilarity, o.MinSimilarity)
		o.MaxShare = cmp.Or(v.MaxShare, o.MaxShare)
	}
	if set["dialect"] {
		cfg.SQL.Dialect = s.dialect
	}
	cfg.Timings = s.timings
	cfg.Context = stopping
	if bar := newProgress(stderr); bar != nil {
		cfg.Progress = bar.update
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	res.cfg = cfg
	if err := res.locateBaseline(s.baseline, set["baseline"]); err != nil && s.name == "seams baseline" {
		// The one command that writes it: never through a link out.
		return nil, err
	}
	return res, nil
}

// locateBaseline sets where the baseline is. A flag may name any file
// (relative ones are relative to the repository root); the one the
// repository names itself, in .seams.yaml or by the default
// .seams/baseline.json, must stay inside it, links included: a
// repository whose .seams is a link elsewhere cannot make seams read or
// write there. Such a refusal is kept for readBaseline, and returned.
func (r *resolved) locateBaseline(flagPath string, flagSet bool) error {
	root := r.repo.Root
	if flagSet && flagPath != "" {
		r.baselinePath = flagPath
		if !filepath.IsAbs(flagPath) {
			r.baselinePath = filepath.Join(root, flagPath)
		}
		return nil
	}
	rel := r.file.Baseline
	if rel == "" {
		rel = filepath.Join(".seams", "baseline.json")
	}
	r.baselinePath = filepath.Join(root, rel)
	inside, err := repo.Inside(root, rel)
	if err != nil {
		r.baselineErr = fmt.Errorf("baseline %s: %w", rel, err)
		return r.baselineErr
	}
	r.baselineRel = repo.Rel(root, inside)
	return nil
}

// measureLike makes cfg measure as the baseline was measured: its
// signals and weights, unless flags or .seams.yaml set them, or the
// metrics would not compare.
func (r *resolved) measureLike(b *schema.Baseline) {
	if !r.set["signals"] && r.file.Signals == nil {
		r.cfg.Signals = b.Signals
	}
	if b.Settings != nil && !r.set["weights"] && r.file.Weights == nil {
		for l, name := range schema.Layers {
			r.cfg.Weights[l] = b.Settings.Weights[name]
		}
	}
}

// readBaseline reads the baseline, or says why it cannot.
func (r *resolved) readBaseline() (*schema.Baseline, error) {
	if r.baselineErr != nil {
		return nil, r.baselineErr
	}
	var f fs.File
	var err error
	if r.baselineRel != "" {
		f, err = repo.DirFS(r.repo.Root).Open(filepath.ToSlash(r.baselineRel))
	} else if st, serr := os.Stat(r.baselinePath); serr == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("%s: %w", r.baselinePath, repo.ErrNotRegular)
	} else {
		f, err = os.Open(r.baselinePath)
	}
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no baseline at %s: run seams baseline first", r.baselinePath)
	}
	if reason := repo.SkipReason(err); reason != "" {
		return nil, fmt.Errorf("baseline %s %s", r.baselineRel, reason)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A bound, so that a hostile repository's baseline cannot take all
	// memory; real ones are well below a megabyte per thousand packages.
	b, err := schema.DecodeBaseline(io.LimitReader(f, maxBaseline))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", r.baselinePath, err)
	}
	return b, nil
}

// maxBaseline bounds the size of a baseline file seams reads.
const maxBaseline = 256 << 20

// keepIdentity renames the analysis's contexts after the baseline's,
// when there is one, so that names stay put between runs.
func (r *resolved) keepIdentity(a *analyze.Analysis) {
	if b, err := r.readBaseline(); err == nil {
		a.KeepIdentity(b)
	}
}

// writeBaseline writes a baseline file, creating its directory.
func writeBaseline(path string, b *schema.Baseline) error {
	data, err := schema.Encode(b)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return report.WriteFile(path, data)
}

// flagGroups sorts the flags in help by what they are about; a flag of no
// group is the command's own, listed first.
var flagGroups = []struct {
	title string
	flags []string
}{
	{"Output", []string{"out", "json", "dot-max-edges", "dot-edge-label", "timings", "v"}},
	{"What to read", []string{"tests", "exclude", "signals", "loader", "dialect", "baseline"}},
	{"History", []string{"ref", "since", "until", "window", "max-commit-files", "min-shared", "cache", "no-cache"}},
	{"Clustering", []string{"weights", "seed", "restarts", "resolution", "shared"}},
}

// printFlags writes the flags of fs in groups, each as flag.PrintDefaults
// writes one.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	grouped := map[string]bool{}
	for _, g := range flagGroups {
		for _, f := range g.flags {
			grouped[f] = true
		}
	}
	section := func(title string, keep func(string) bool) {
		var b strings.Builder
		fs.VisitAll(func(f *flag.Flag) {
			if !keep(f.Name) {
				return
			}
			name, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(&b, "  -%s", f.Name)
			if name != "" {
				fmt.Fprintf(&b, " %s", name)
			}
			fmt.Fprintf(&b, "\n    \t%s", strings.ReplaceAll(usage, "\n", "\n    \t"))
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
				if fmt.Sprintf("%T", f.Value) == "*flag.stringValue" {
					fmt.Fprintf(&b, " (default %q)", f.DefValue)
				} else {
					fmt.Fprintf(&b, " (default %s)", f.DefValue)
				}
			}
			b.WriteString("\n")
		})
		if b.Len() > 0 {
			fmt.Fprintf(w, "\n%s:\n%s", title, b.String())
		}
	}
	section("Flags", func(n string) bool { return !grouped[n] })
	for _, g := range flagGroups {
		section(g.title+" flags", func(n string) bool { return slices.Contains(g.flags, n) })
	}
}
