package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressBar draws "stage [=====>    ] done/total rate" on a terminal. It
// draws nothing when w is not a terminal, so CI logs stay clean.
type progressBar struct {
	w     io.Writer
	mu    sync.Mutex
	stage string
	start time.Time
	shown bool
}

// newProgress returns nil unless w is a terminal.
func newProgress(w io.Writer) *progressBar {
	if s, ok := w.(*safeWriter); ok {
		w = s.w // its carriage returns are its own
	}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progressBar{w: w}
}

func (p *progressBar) update(stage string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if stage != p.stage {
		p.finishLocked()
		p.stage, p.start = stage, time.Now()
	}
	const width = 30
	fill := 0
	if total > 0 {
		fill = width * done / total
	}
	rate := float64(done) / max(time.Since(p.start).Seconds(), 1e-3)
	bar := make([]byte, width)
	for i := range bar {
		switch {
		case i < fill:
			bar[i] = '='
		case i == fill:
			bar[i] = '>'
		default:
			bar[i] = ' '
		}
	}
	fmt.Fprintf(p.w, "\r%-8s [%s] %d/%d %.0f/s ", stage, bar, done, total, rate)
	p.shown = true
	if done >= total {
		p.finishLocked()
	}
}

func (p *progressBar) finishLocked() {
	if p.shown {
		fmt.Fprint(p.w, "\n")
		p.shown = false
	}
	p.stage = ""
}
