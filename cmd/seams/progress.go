package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressBar draws the stage seams is in on a terminal: "history
// [=====>    ] 5120/24003 812/s" when the stage knows its total, "load
// 3.2s" (or "history 12040 found 1.1s") while it does not. A finished
// stage leaves its line, with its time, as a log of the run. It draws
// nothing when w is not a terminal, so CI logs stay clean.
type progressBar struct {
	w     io.Writer
	mu    sync.Mutex
	stage string
	start time.Time
	shown bool
	// done and total are the stage's last report; a ticker redraws an
	// open-ended stage so that its clock moves.
	done, total int
	quit        chan struct{}
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

// update is analyze.Config.Progress: stage "" ends the run.
func (p *progressBar) update(stage string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if stage != p.stage {
		p.finishLocked()
		if stage == "" {
			p.stopTicker()
			return
		}
		p.stage, p.start = stage, time.Now()
		p.startTicker()
	}
	p.done, p.total = done, total
	p.drawLocked()
	if total > 0 && done >= total {
		p.finishLocked()
	}
}

func (p *progressBar) drawLocked() {
	if p.stage == "" {
		return
	}
	elapsed := time.Since(p.start).Seconds()
	if p.total <= 0 {
		found := ""
		if p.done > 0 {
			found = fmt.Sprintf(" %d found", p.done)
		}
		fmt.Fprintf(p.w, "\r%-10s%s %.1fs\x1b[K", p.stage, found, elapsed)
		p.shown = true
		return
	}
	const width = 30
	fill := min(width, width*p.done/p.total)
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
	rate := float64(p.done) / max(elapsed, 1e-3)
	fmt.Fprintf(p.w, "\r%-10s[%s] %d/%d %.0f/s %.1fs\x1b[K", p.stage, bar, p.done, p.total, rate, elapsed)
	p.shown = true
}

func (p *progressBar) finishLocked() {
	if p.shown {
		p.drawLocked() // the final time
		fmt.Fprint(p.w, "\n")
		p.shown = false
	}
	p.stage = ""
}

// startTicker redraws the stage four times a second, until stopTicker.
func (p *progressBar) startTicker() {
	if p.quit != nil {
		return
	}
	quit := make(chan struct{})
	p.quit = quit
	go func() {
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				p.mu.Lock()
				p.drawLocked()
				p.mu.Unlock()
			}
		}
	}()
}

func (p *progressBar) stopTicker() {
	if p.quit != nil {
		close(p.quit)
		p.quit = nil
	}
}
