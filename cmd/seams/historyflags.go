package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/config"
)

// historyFlags are the flags of the history signal, shared by the
// commands that mine history.
type historyFlags struct {
	ref, since, until, window string
	maxCommitFiles, minShared int
	cache                     string
	noCache                   bool
}

func (h *historyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&h.ref, "ref", "", "mine history from this branch, tag or commit (default HEAD)")
	fs.StringVar(&h.since, "since", "", "only commits authored on or after this `date` (YYYY-MM-DD or RFC 3339)")
	fs.StringVar(&h.until, "until", "", "only commits authored on or before this `date`")
	fs.StringVar(&h.window, "window", "12m", "pressure window before the newest commit: months (12m) or years (1y)")
	fs.IntVar(&h.maxCommitFiles, "max-commit-files", 50, "drop commits touching more than `N` files from co-change (bulk edits); -1 keeps all")
	fs.IntVar(&h.minShared, "min-shared", 3, "drop package pairs sharing fewer than `N` commits")
	fs.StringVar(&h.cache, "cache", "", "history cache `DIR` (default the user cache directory's seams/history)")
	fs.BoolVar(&h.noCache, "no-cache", false, "mine all history afresh and keep no cache")
}

// merge combines the config file's history section with the flags that
// were set on the command line; set flags win.
func (h *historyFlags) merge(cf config.History, set map[string]bool) (analyze.HistoryConfig, error) {
	var hc analyze.HistoryConfig
	pick := func(flagName, flagVal, fileVal string) string {
		if set[flagName] || fileVal == "" {
			return flagVal
		}
		return fileVal
	}
	hc.Ref = pick("ref", h.ref, cf.Ref)
	var err error
	if s := pick("since", h.since, cf.Since); s != "" {
		if hc.Since, err = config.ParseDate(s); err != nil {
			return hc, fmt.Errorf("-since: %v", err)
		}
	}
	if s := pick("until", h.until, cf.Until); s != "" {
		if hc.Until, err = config.ParseDate(s); err != nil {
			return hc, fmt.Errorf("-until: %v", err)
		}
	}
	if hc.WindowMonths, err = config.ParseMonths(pick("window", h.window, cf.Window)); err != nil {
		return hc, fmt.Errorf("-window: %v", err)
	}
	hc.MaxCommitFiles = h.maxCommitFiles
	if cf.MaxCommitFiles != nil && !set["max-commit-files"] {
		hc.MaxCommitFiles = *cf.MaxCommitFiles
	}
	if hc.MaxCommitFiles == 0 || hc.MaxCommitFiles < -1 {
		return hc, fmt.Errorf("-max-commit-files: want a positive number or -1, got %d", hc.MaxCommitFiles)
	}
	hc.MinShared = h.minShared
	if cf.MinShared != nil && !set["min-shared"] {
		hc.MinShared = *cf.MinShared
	}
	if hc.MinShared < 1 {
		return hc, fmt.Errorf("-min-shared: want at least 1, got %d", hc.MinShared)
	}
	switch {
	case h.noCache:
	case h.cache != "":
		hc.CacheDir = h.cache
	default:
		if dir, err := os.UserCacheDir(); err == nil {
			hc.CacheDir = filepath.Join(dir, "seams", "history")
		}
	}
	return hc, nil
}
