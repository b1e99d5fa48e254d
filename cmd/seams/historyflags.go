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

func (h *historyFlags) register(fs *flag.FlagSet, def analyze.Config) {
	co := def.History.CoChange
	fs.StringVar(&h.ref, "ref", "", "mine history from this branch, tag or commit (default HEAD)")
	fs.StringVar(&h.since, "since", "", "only commits authored on or after this `date` (YYYY-MM-DD or RFC 3339)")
	fs.StringVar(&h.until, "until", "", "only commits authored on or before this `date`")
	fs.StringVar(&h.window, "window", fmt.Sprintf("%dm", co.WindowMonths), "pressure window before the newest commit: months (12m) or years (1y)")
	fs.IntVar(&h.maxCommitFiles, "max-commit-files", co.MaxCommitFiles, "drop commits touching more than `N` files from co-change (bulk edits); -1 keeps all")
	fs.IntVar(&h.minShared, "min-shared", co.MinShared, "drop package pairs sharing fewer than `N` commits")
	fs.StringVar(&h.cache, "cache", "", "history cache `DIR` (default the user cache directory's seams/history)")
	fs.BoolVar(&h.noCache, "no-cache", false, "mine all history afresh and keep no cache")
}

// merge sets what the config file's history section and the flags given
// say; flags win.
func (h *historyFlags) merge(cf config.History, set map[string]bool, hc *analyze.HistoryConfig) error {
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
			return fmt.Errorf("-since: %v", err)
		}
	}
	if s := pick("until", h.until, cf.Until); s != "" {
		if hc.Until, err = config.ParseDate(s); err != nil {
			return fmt.Errorf("-until: %v", err)
		}
	}
	if s := pick("window", h.window, cf.Window); s != "" {
		if hc.CoChange.WindowMonths, err = config.ParseMonths(s); err != nil {
			return fmt.Errorf("-window: %v", err)
		}
	}
	co := &hc.CoChange
	if cf.MaxCommitFiles != nil {
		co.MaxCommitFiles = *cf.MaxCommitFiles
	}
	if set["max-commit-files"] {
		co.MaxCommitFiles = h.maxCommitFiles
	}
	if cf.MinShared != nil {
		co.MinShared = *cf.MinShared
	}
	if set["min-shared"] {
		co.MinShared = h.minShared
	}
	co.Bots = append(co.Bots, cf.Bots...)
	if cf.CodeFiles != nil {
		co.CodeFiles = cf.CodeFiles
	}
	if err := co.Validate(); err != nil {
		return fmt.Errorf("history: %v", err)
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
	return nil
}
