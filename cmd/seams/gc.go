package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// heapFloor is the memory below which seams lets its heap grow before
// it collects. A run's live heap rises and falls by phase (the parsed
// files, then the history walk, then the clustering), so the default
// GOGC=100 collects often while the heap is small and overshoots when
// it peaks. On stackrox (1,717 packages, 23,850 commits) a cold run with
// GOGC=400 and this limit took 16.6-18.5 s of CPU and peaked at 511-513 MB
// against 18.5-19.5 s and 560-607 MB with the default.
const heapFloor = 420 << 20

// limitSlack is what the memory limit leaves above twice the live heap:
// it counts stacks and the runtime's own memory too, which GOGC does not.
const limitSlack = 64 << 20

// tuneGC collects less often while the heap is small: GOGC=400 under a
// memory limit of max(heapFloor, twice the live heap), raised after every
// collection. Above the floor that is what GOGC=100 would give, so a big
// repository's run neither takes more memory nor collects more often than
// with the defaults. A GOGC or GOMEMLIMIT in the environment is left to
// the runtime. The watch ends when stop is called.
func tuneGC(getenv func(string) string) (stop func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(heapFloor)
	var stopped atomic.Bool
	watchGC(&stopped)
	return func() { stopped.Store(true) }
}

// watchGC raises the memory limit with the live heap after each
// collection: a cleanup of an unreachable object runs once the collector
// has found it so, and arms the next one.
func watchGC(stopped *atomic.Bool) {
	sentinel := new([32]byte) // more than 16 bytes: not tiny-allocated, so freed alone
	runtime.AddCleanup(sentinel, func(stopped *atomic.Bool) {
		if stopped.Load() {
			return
		}
		debug.SetMemoryLimit(memoryLimit(liveHeap()))
		watchGC(stopped)
	}, stopped)
}

// memoryLimit is the limit for a live heap of live bytes.
func memoryLimit(live uint64) int64 {
	return max(heapFloor, int64(2*live)+limitSlack)
}

// liveHeap is the heap the last collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
