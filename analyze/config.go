package analyze

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/seams-tool/seams/analyze/scope"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/report/schema"
)

// Config is everything a run needs to know. DefaultConfig holds the
// defaults; the command line fills in only what flags or .seams.yaml set.
//
// Every field counts towards the cache key (see cacheKey) unless its
// json tag leaves it out: those are the fields that cannot change the
// result.
type Config struct {
	// Dir is the directory to analyze; the repository it lies in counts
	// towards the cache key by its root.
	Dir     string   `json:"-"`
	Exclude []string // .gitignore-style patterns of paths to leave out
	Tests   bool     // analyze _test.go files too
	// Signals to compute; nil means all that exist.
	Signals []schema.Signal
	// Syntax makes seams list packages and read their imports itself
	// (go/build's file matching, the repository's go.mod files), the
	// default; false asks the go command first (go/packages), falling
	// back to the syntax loader when it cannot run. On twelve real
	// monoliths both gave the same packages, imports and contexts, and
	// the go command took 2-3 s of a 6 s analysis of the largest.
	Syntax bool
	// Version is the seams version written into the model.
	Version string
	// SQL tunes the table-access signal; its Tests field follows Tests.
	SQL tables.Options
	// History tunes the history signal.
	History HistoryConfig
	// Vocabulary tunes the domain-vocabulary signal.
	Vocabulary vocab.Options
	// Weights scale the layers of the fused graph.
	Weights graph.Weights
	// Cluster tunes how candidate contexts are found.
	Cluster cluster.Options
	// NoContexts skips clustering and ranking: seams check and trend
	// measure a baseline's partition instead.
	NoContexts bool
	// Timings adds elapsed times to the model; they differ run to run, so
	// a run with timings is never cached.
	Timings bool
	// Cache, when set, is a directory where the analysis of an unchanged
	// repository is kept and reused (see cache.go).
	Cache string `json:"-"`
	// Log receives a line per finished stage; nil discards them.
	Log io.Writer `json:"-"`
	// Progress, if set, is told how far a long stage is: it is called with
	// the stage's name, work done and work in all. A total of 0 means not
	// known yet (a stage that has begun, or the history walk while it
	// finds commits, done then counting them); the stage "" ends the run.
	Progress func(stage string, done, total int) `json:"-"`
	// Context, when set, stops the child processes a run starts (the go
	// command) once it is done: seams cancels it on SIGINT and SIGTERM.
	Context context.Context `json:"-"`
}

// HistoryConfig tunes the history signal.
type HistoryConfig struct {
	Ref          string    // "" means HEAD
	Since, Until time.Time // author-time bounds; zero means unbounded
	// CoChange tunes how commits aggregate to packages: the bulk-commit
	// filter, the pair minimum and the pressure window.
	CoChange cochange.Options
	// CacheDir keeps per-commit changes between runs; "" means none.
	CacheDir string `json:"-"`
}

// DefaultConfig is the configuration of a run without flags or
// configuration file, on the current directory.
func DefaultConfig() Config {
	return Config{
		Dir:        ".",
		Version:    "(devel)",
		Syntax:     true,
		History:    HistoryConfig{CoChange: cochange.DefaultOptions()},
		Vocabulary: vocab.DefaultOptions(),
		Weights:    graph.DefaultWeights(),
		Cluster:    cluster.DefaultOptions(),
	}
}

// ErrConfig wraps every reason a Config cannot be used.
var ErrConfig = errors.New("bad configuration")

// Validate says which setting cannot be used, if one cannot.
func (c Config) Validate() error {
	for _, p := range c.Exclude {
		if err := scope.CheckPattern(p); err != nil {
			return fmt.Errorf("%w: %v", ErrConfig, err)
		}
	}
	for _, s := range c.Signals {
		if _, err := schema.Parse(schema.Signals, "signal", string(s)); err != nil {
			return fmt.Errorf("%w: %v", ErrConfig, err)
		}
	}
	checks := []struct {
		what string
		err  error
	}{
		{"sql", c.SQL.Validate()},
		{"history", c.History.CoChange.Validate()},
		{"vocabulary", c.Vocabulary.Validate()},
		{"weights", c.Weights.Validate()},
		{"clustering", c.Cluster.Validate()},
	}
	for _, ch := range checks {
		if ch.err != nil {
			return fmt.Errorf("%w: %s: %v", ErrConfig, ch.what, ch.err)
		}
	}
	if !c.History.Since.IsZero() && !c.History.Until.IsZero() && c.History.Until.Before(c.History.Since) {
		return fmt.Errorf("%w: history: until (%s) is before since (%s)", ErrConfig, c.History.Until.Format(time.DateOnly), c.History.Since.Format(time.DateOnly))
	}
	return nil
}

// wants reports whether the configuration asks for signal s.
func (c Config) wants(s schema.Signal) bool {
	return c.Signals == nil || slices.Contains(c.Signals, s)
}

// stepper returns a function that logs a finished stage with the time it
// took, to Config.Log (-v); it does nothing without one.
func (c Config) stepper() func(format string, a ...any) {
	if c.Log == nil {
		return func(string, ...any) {}
	}
	last := time.Now()
	return func(format string, a ...any) {
		now := time.Now()
		fmt.Fprintf(c.Log, "seams: "+format+" (%.2fs)\n", append(a, now.Sub(last).Seconds())...)
		last = now
	}
}

// phase tells Config.Progress that a stage has begun.
func (c Config) phase(stage string) {
	if c.Progress != nil {
		c.Progress(stage, 0, 0)
	}
}

// progress adapts Config.Progress to one stage.
func (c Config) progress(stage string) func(done, total int) {
	if c.Progress == nil {
		return nil
	}
	return func(done, total int) { c.Progress(stage, done, total) }
}
