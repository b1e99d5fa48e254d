package report_test

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// A minimal Chrome DevTools Protocol client for the browser tests. It
// talks to Chromium over --remote-debugging-pipe (commands on fd 3,
// replies and events on fd 4, each message a JSON text ending in NUL), so
// it needs neither a websocket nor a free port, and no Go dependency.

// chromium finds a headless-capable Chromium, or skips the test: CI
// installs Debian's chromium package, so there it always runs.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missingTool(t, "no Chromium on PATH (CI installs Debian's chromium): the browser test did not run")
	return ""
}

// cdpEvent is one event the browser sent, kept for the test to inspect.
type cdpEvent struct {
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

type cdpReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// browser is one headless Chromium with one page attached.
type browser struct {
	t        *testing.T
	cmd      *exec.Cmd
	toChrome *os.File
	session  string

	mu      sync.Mutex
	nextID  int
	pending map[int]chan cdpReply
	events  []cdpEvent
	stderr  strings.Builder
}

// startBrowser launches Chromium, opens a blank page of the given size
// and subscribes to everything the tests check: console, exceptions,
// log entries (CSP violations land there), network requests and dialogs.
func startBrowser(t *testing.T, width, height int) *browser {
	t.Helper()
	bin := chromium(t)
	dir := t.TempDir()
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, toChrome: cmdW, pending: map[int]chan cdpReply{}}
	b.cmd = exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--remote-debugging-pipe", "--user-data-dir="+filepath.Join(dir, "profile"), "about:blank")
	b.cmd.ExtraFiles = []*os.File{cmdR, outW}
	b.cmd.Stderr = &lockedWriter{b: b}
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmdR.Close()
	outW.Close()
	t.Cleanup(b.close)
	go b.read(outR)

	var target struct {
		TargetID string `json:"targetId"`
	}
	b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct {
		SessionID string `json:"sessionId"`
	}
	b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	for _, domain := range []string{"Runtime", "Log", "Network", "Page"} {
		b.call(b.session, domain+".enable", nil, nil)
	}
	b.call(b.session, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil)
	// A dialog would be script run from data: turn each into a console
	// error the test sees, rather than a modal that blocks the page.
	// Every main-thread task over 50 ms is recorded (PerformanceObserver
	// longtask), for the tests to fail those over their budget.
	b.call(b.session, "Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": `
		['alert', 'confirm', 'prompt', 'print'].forEach(function (n) {
			window[n] = function () { console.error('dialog ' + n + ' called: ' + Array.prototype.join.call(arguments, ' ')); };
		});
		window.__longTasks = [];
		new PerformanceObserver(function (list) {
			list.getEntries().forEach(function (e) { window.__longTasks.push({start: e.startTime, duration: e.duration}); });
		}).observe({type: 'longtask', buffered: true});`}, nil)
	return b
}

// startTrace records the browser's tasks from now on (Chrome's trace,
// with each task's wall and thread time) and the page's user-timing
// marks.
func (b *browser) startTrace() {
	b.t.Helper()
	b.call("", "Tracing.start", map[string]any{"categories": "toplevel,blink.user_timing", "transferMode": "ReportEvents"}, nil)
}

// task is one task of the page's main thread, from the trace.
type task struct {
	Wall, CPU float64 // ms
	At        float64 // µs, the trace's clock
}

// mark is a performance.mark the page made, on the trace's clock.
type mark struct {
	Name string
	At   float64
}

// stopTrace ends the trace and returns the tasks of the page's main
// thread (CrRendererMain) over 50 ms of wall time, and the marks.
func (b *browser) stopTrace() ([]task, []mark) {
	b.t.Helper()
	b.call("", "Tracing.end", nil, nil)
	start := time.Now()
	for {
		b.mu.Lock()
		done := slices.ContainsFunc(b.events, func(e cdpEvent) bool { return e.Method == "Tracing.tracingComplete" })
		b.mu.Unlock()
		if done {
			break
		}
		if time.Since(start) > 10*time.Second {
			b.t.Fatal("the trace did not complete in 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	type event struct {
		Name string         `json:"name"`
		Ph   string         `json:"ph"`
		Ts   float64        `json:"ts"`
		Dur  float64        `json:"dur"`
		Tdur float64        `json:"tdur"`
		Pid  int            `json:"pid"`
		Tid  int            `json:"tid"`
		Args map[string]any `json:"args"`
	}
	var evs []event
	b.mu.Lock()
	for _, e := range b.events {
		if e.Method == "Tracing.dataCollected" {
			var d struct {
				Value []event `json:"value"`
			}
			json.Unmarshal(e.Params, &d)
			evs = append(evs, d.Value...)
		}
	}
	b.events = slices.DeleteFunc(b.events, func(e cdpEvent) bool { return strings.HasPrefix(e.Method, "Tracing.") })
	b.mu.Unlock()
	main := map[[2]int]bool{}
	for _, e := range evs {
		if e.Ph == "M" && e.Name == "thread_name" && e.Args["name"] == "CrRendererMain" {
			main[[2]int{e.Pid, e.Tid}] = true
		}
	}
	var tasks []task
	var marks []mark
	for _, e := range evs {
		switch {
		case (e.Name == "ThreadControllerImpl::RunTask" || e.Name == "RunTask") && e.Ph == "X" && main[[2]int{e.Pid, e.Tid}] && e.Dur > 50000:
			cpu := e.Tdur
			if cpu == 0 { // no thread time recorded: count the wall time
				cpu = e.Dur
			}
			tasks = append(tasks, task{Wall: e.Dur / 1000, CPU: cpu / 1000, At: e.Ts})
		case strings.HasPrefix(e.Name, "step: ") && (e.Ph == "R" || e.Ph == "I" || e.Ph == "n" || e.Ph == "b"):
			marks = append(marks, mark{strings.TrimPrefix(e.Name, "step: "), e.Ts})
		}
	}
	slices.SortFunc(marks, func(a, b mark) int { return int(a.At - b.At) })
	return tasks, marks
}

// viewport sets the page's size, as a window of that size would have.
func (b *browser) viewport(width, height int) {
	b.t.Helper()
	b.call(b.session, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil)
}

// waitFor polls a JavaScript condition until it holds, or fails the test
// after 10 s.
func (b *browser) waitFor(cond string) {
	b.t.Helper()
	start := time.Now()
	for {
		var ok bool
		b.eval("!!("+cond+")", &ok)
		if ok {
			return
		}
		if time.Since(start) > 10*time.Second {
			b.t.Fatalf("%s did not hold within 10 s", cond)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type lockedWriter struct{ b *browser }

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.b.mu.Lock()
	defer w.b.mu.Unlock()
	if w.b.stderr.Len() < 1<<16 {
		w.b.stderr.Write(p)
	}
	return len(p), nil
}

func (b *browser) read(f *os.File) {
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for {
		msg, err := r.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			for id, ch := range b.pending {
				close(ch)
				delete(b.pending, id)
			}
			b.mu.Unlock()
			return
		}
		var m struct {
			ID int `json:"id"`
			cdpReply
			cdpEvent
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch := b.pending[m.ID]; ch != nil {
				ch <- m.cdpReply
				delete(b.pending, m.ID)
			}
		} else {
			b.events = append(b.events, m.cdpEvent)
		}
		b.mu.Unlock()
		if m.Method == "Page.javascriptDialogOpening" {
			go b.send(b.session, "Page.handleJavaScriptDialog", map[string]any{"accept": false})
		}
	}
}

// send issues a command and returns its reply channel.
func (b *browser) send(session, method string, params any) (chan cdpReply, error) {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpReply, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return nil, err
	}
	_, err = b.toChrome.Write(append(data, 0))
	return ch, err
}

// call runs a command and decodes its result into out (when not nil);
// a protocol error or a silent browser fails the test.
func (b *browser) call(session, method string, params, out any) {
	b.t.Helper()
	ch, err := b.send(session, method, params)
	if err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
	select {
	case r, ok := <-ch:
		if !ok {
			b.t.Fatalf("%s: the browser went away:\n%s", method, b.stderrText())
		}
		if r.Error != nil {
			b.t.Fatalf("%s: %s", method, r.Error.Message)
		}
		if out != nil {
			if err := json.Unmarshal(r.Result, out); err != nil {
				b.t.Fatalf("%s: %v", method, err)
			}
		}
	case <-time.After(20 * time.Second):
		b.t.Fatalf("%s: no reply in 20 s", method)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its
// value into out; an exception fails the test.
func (b *browser) eval(expr string, out any) {
	b.t.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	b.call(b.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r)
	if r.ExceptionDetails != nil {
		b.t.Fatalf("evaluating %s: %s %s", expr, r.ExceptionDetails.Text, r.ExceptionDetails.Exception.Description)
	}
	if out != nil && len(r.Result.Value) > 0 {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			b.t.Fatalf("evaluating %s: %v (%s)", expr, err, r.Result.Value)
		}
	}
}

// open navigates to url and waits until the report sets
// window.seamsReady; it returns the time that took.
func (b *browser) open(url string) time.Duration {
	b.t.Helper()
	start := time.Now()
	b.call(b.session, "Page.navigate", map[string]any{"url": url}, nil)
	for {
		var ready bool
		b.eval("window.seamsReady === true", &ready)
		if ready {
			return time.Since(start)
		}
		if time.Since(start) > 15*time.Second {
			b.t.Fatalf("the report did not become ready in 15 s; problems so far:\n%s", strings.Join(b.problems(url), "\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// click sends a real mouse click (move, press, release) at page
// coordinates x, y of the viewport.
func (b *browser) click(x, y float64) {
	b.t.Helper()
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		b.call(b.session, "Input.dispatchMouseEvent", map[string]any{
			"type": typ, "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1}, nil)
	}
}

// screenshot saves the viewport as a PNG.
func (b *browser) screenshot(path string) {
	b.t.Helper()
	var r struct {
		Data string `json:"data"`
	}
	b.call(b.session, "Page.captureScreenshot", map[string]any{"format": "png"}, &r)
	png, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// problems lists every console message, uncaught exception, log entry,
// and network request other than the page itself and data: URLs.
func (b *browser) problems(page string) []string {
	b.mu.Lock()
	events := append([]cdpEvent(nil), b.events...)
	b.mu.Unlock()
	var out []string
	for _, e := range events {
		var p struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
			ExceptionDetails struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
			Entry struct {
				Level, Text, URL string
			} `json:"entry"`
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
			Message string `json:"message"`
		}
		json.Unmarshal(e.Params, &p)
		switch e.Method {
		case "Runtime.consoleAPICalled":
			var args []string
			for _, a := range p.Args {
				args = append(args, fmt.Sprint(a.Value)+a.Description)
			}
			out = append(out, "console."+p.Type+": "+strings.Join(args, " "))
		case "Runtime.exceptionThrown":
			out = append(out, "exception: "+p.ExceptionDetails.Text+" "+p.ExceptionDetails.Exception.Description)
		case "Log.entryAdded":
			out = append(out, "log "+p.Entry.Level+": "+p.Entry.Text+" "+p.Entry.URL)
		case "Network.requestWillBeSent":
			if p.Request.URL != page && !strings.HasPrefix(p.Request.URL, "data:") {
				out = append(out, "request: "+p.Request.URL)
			}
		case "Page.javascriptDialogOpening":
			out = append(out, "dialog: "+p.Message)
		}
	}
	return out
}

func (b *browser) stderrText() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stderr.String()
}

func (b *browser) close() {
	if ch, err := b.send("", "Browser.close", nil); err == nil {
		select {
		case <-ch:
		case <-time.After(3 * time.Second):
		}
	}
	b.toChrome.Close()
	done := make(chan struct{})
	go func() { b.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		b.cmd.Process.Kill()
		<-done
	}
}
