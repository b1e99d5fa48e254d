package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, heapFloor},
		{100 << 20, heapFloor},            // 264 MiB is under the floor
		{300 << 20, 600<<20 + limitSlack}, // what GOGC=100 would let it reach
		{4 << 30, 8<<30 + limitSlack},     // a big heap is never squeezed
	} {
		if got := memoryLimit(c.live); got != c.want {
			t.Errorf("memoryLimit(%d MiB) = %d MiB, want %d MiB", c.live>>20, got>>20, c.want>>20)
		}
	}
}

// restoreGC puts the collector's settings back after a test changed them.
func restoreGC(t *testing.T) {
	pct, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(pct)
	t.Cleanup(func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	})
}

func TestTuneGCLeavesTheEnvironmentsSettings(t *testing.T) {
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		restoreGC(t)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		stop := tuneGC(func(k string) string {
			if k == name {
				return "200"
			}
			return ""
		})
		stop()
		if pct := debug.SetGCPercent(100); pct != 100 {
			t.Errorf("with %s set, GOGC became %d", name, pct)
		}
		if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
			t.Errorf("with %s set, the memory limit became %d", name, l)
		}
	}
}

func TestTuneGCFollowsTheLiveHeap(t *testing.T) {
	restoreGC(t)
	stop := tuneGC(func(string) string { return "" })
	t.Cleanup(stop) // before restoreGC's cleanup, which runs later
	if pct := debug.SetGCPercent(-1); pct != 400 {
		t.Fatalf("GOGC = %d, want 400", pct)
	}
	// Knock the limit off; the watcher must set it again from the live
	// heap after the next collections.
	debug.SetMemoryLimit(1 << 50)
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) == 1<<50 {
		if time.Now().After(deadline) {
			t.Fatal("no collection reset the memory limit")
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if l, want := debug.SetMemoryLimit(-1), memoryLimit(liveHeap()); l < heapFloor || l > want+(64<<20) {
		t.Errorf("memory limit %d MiB after a collection, want about %d MiB", l>>20, want>>20)
	}
}
