// Command benchmine times history.Mine on one repository and prints the
// figures scripts/bench-history.sh compares with git log. It is a
// measuring tool, not part of seams.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/seams-tool/seams/analyze/history"
)

func main() {
	cacheDir := flag.String("cache", "", "cache directory (empty: no cache)")
	churnDays := flag.Int("churn-days", 0, "compute churn for commits of the last N days (0: none)")
	workers := flag.Int("workers", 0, "workers (0: GOMAXPROCS)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile here")
	memProfile := flag.String("memprofile", "", "write a heap profile here at the end")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: benchmine [-cache dir] [-churn-days n] REPO")
		os.Exit(2)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		_ = pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	opt := history.Options{CacheDir: *cacheDir, Workers: *workers}
	if *churnDays > 0 {
		opt.ChurnSince = time.Now().AddDate(0, 0, -*churnDays)
	}
	if d := os.Getenv("BENCHMINE_HEAP_AT"); d != "" {
		at, _ := time.ParseDuration(d)
		go func() {
			time.Sleep(at)
			if f, err := os.Create("/tmp/heap.prof"); err == nil {
				_ = pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	start := time.Now()
	log, err := history.Mine(flag.Arg(0), opt)
	elapsed := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *memProfile != "" {
		if f, err := os.Create(*memProfile); err == nil {
			_ = pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
	changes := 0
	for _, c := range log.Commits {
		changes += len(c.Changes)
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	// Maxrss is in KiB on Linux.
	fmt.Printf("commits=%d changes=%d merges=%d missing=%d cachehits=%d elapsed=%.3f peak_rss_mb=%.1f\n",
		len(log.Commits), changes, log.Merges, log.Missing, log.CacheHits,
		elapsed.Seconds(), float64(ru.Maxrss)/1024)
	for _, w := range log.Warnings {
		fmt.Println("warning:", w)
	}
}
