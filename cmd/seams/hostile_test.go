//go:build unix

package main

// The hostile-input suite: seams runs on generated repositories built to
// break it (links out of the repository, FIFOs, broken modules, traps
// that leave a marker if anything executes, names that try to inject
// markup, damaged git repositories) and on repositories of every shape
// git makes. Every case checks the exit code, that nothing panicked,
// that nothing outside the output directory changed, that the outputs
// are valid and escape what the repository says, and, where a signal
// degrades, its status and reason.

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/seams-tool/seams/report/schema"
)

// harness is one case's world: a parent directory holding the
// repository and a secret beside it, and an output directory elsewhere.
type harness struct {
	t       *testing.T
	parent  string // holds repo, the secret and whatever else the case makes
	repo    string // the repository's top
	out     string // the output directory (outside parent)
	secret  string // a file outside the repository whose content must never show
	markers string // where traps leave markers
	gitBin  string // the git binary, for cases that need it
}

// secretText is the content of the secret: if it shows in any output, a
// file outside the repository was read.
const secretText = "https://user:TOPSECRET-7f3a@example.com"

// hostileEnv is set up once for the suite: traps on PATH for every tool
// seams must never run, a home of its own, and the markers directory.
type hostileEnv struct {
	markers string
	gitBin  string // "" when git is missing
}

func setupHostile(t *testing.T) *hostileEnv {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the hostile suite needs FIFOs, symbolic links and sh")
	}
	env := &hostileEnv{markers: t.TempDir()}
	env.gitBin, _ = exec.LookPath("git") // before the traps shadow it
	// Traps: a tool seams must never run leaves a marker named after it.
	bin := t.TempDir()
	for _, tool := range []string{"pkg-config", "gcc", "cc", "clang", "git", "ssh", "go1.99.0", "make", "sh-trap"} {
		script := fmt.Sprintf("#!/bin/sh\ntouch %q\n", filepath.Join(env.markers, tool))
		if err := os.WriteFile(filepath.Join(bin, tool), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	t.Setenv("SEAMS_TRAP_MARKER", filepath.Join(env.markers, "fixture-trap"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	return env
}

// needGit returns the git binary, skipping the case without one unless
// SEAMS_REQUIRE_TOOLS=1, when it fails.
func (e *hostileEnv) needGit(t *testing.T) string {
	t.Helper()
	if e.gitBin == "" {
		if os.Getenv("SEAMS_REQUIRE_TOOLS") == "1" {
			t.Fatal("SEAMS_REQUIRE_TOOLS=1 and git is missing")
		}
		t.Skip("git is not installed")
	}
	return e.gitBin
}

func newHarness(t *testing.T, env *hostileEnv) *harness {
	base := t.TempDir()
	h := &harness{t: t, parent: filepath.Join(base, "parent"), out: filepath.Join(base, "out"), markers: env.markers, gitBin: env.gitBin}
	h.repo = filepath.Join(h.parent, "repo")
	os.MkdirAll(h.repo, 0o755)
	h.secret = filepath.Join(h.parent, "outside", "credentials")
	h.write("../outside/credentials", secretText+"\n")
	return h
}

// write writes a file below the repository (rel may climb out with ..).
func (h *harness) write(rel, content string) {
	h.t.Helper()
	p := filepath.Join(h.repo, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) symlink(target, rel string) {
	h.t.Helper()
	p := filepath.Join(h.repo, filepath.FromSlash(rel))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.Symlink(target, p); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) fifo(rel string) {
	h.t.Helper()
	p := filepath.Join(h.repo, filepath.FromSlash(rel))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// shopFiles is a small monolith: three domains sharing tables, and a
// command importing them all.
var shopFiles = map[string]string{
	"go.mod": "module example.com/shop\n\ngo 1.22\n",
	"catalog/catalog.go": `package catalog

import "database/sql"

// Products lists the catalog.
func Products(db *sql.DB) error {
	_, err := db.Query("SELECT id, name FROM products")
	return err
}
`,
	"catalog/schema.sql": "CREATE TABLE products (id int, name text);\nCREATE TABLE orders (id int, product int);\n",
	"ordering/order.go": `package ordering

import (
	"database/sql"

	"example.com/shop/catalog"
)

// Place places an order.
func Place(db *sql.DB) error {
	if err := catalog.Products(db); err != nil {
		return err
	}
	_, err := db.Exec("INSERT INTO orders (id, product) VALUES (1, 2)")
	return err
}
`,
	"billing/bill.go": `package billing

import (
	"database/sql"

	"example.com/shop/ordering"
)

// Bill bills an order.
func Bill(db *sql.DB) error {
	if err := ordering.Place(db); err != nil {
		return err
	}
	_, err := db.Exec("UPDATE orders SET id = 2 WHERE id = 1")
	return err
}
`,
	"cmd/shop/main.go": `package main

import (
	"example.com/shop/billing"
	"example.com/shop/catalog"
)

func main() {
	_ = billing.Bill
	_ = catalog.Products
}
`,
}

// shop writes the monolith and commits it with go-git in three commits
// by two authors; files added later stay untracked.
func (h *harness) shop() {
	h.t.Helper()
	h.shopAt(h.repo, object.Signature{Name: "Ann", Email: "ann@example.com"}, "catalog", "ordering then billing")
}

// shopAt builds the monolith's history in dir, with author a for the
// first commit and msg in the later ones.
func (h *harness) shopAt(dir string, a object.Signature, msgs ...string) {
	h.t.Helper()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		h.t.Fatal(err)
	}
	w, _ := r.Worktree()
	when := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	steps := [][]string{
		{"go.mod", "catalog/catalog.go", "catalog/schema.sql", "cmd/shop/main.go"},
		{"ordering/order.go", "catalog/catalog.go"},
		{"billing/bill.go", "ordering/order.go", "cmd/shop/main.go"},
	}
	bob := object.Signature{Name: "Bob", Email: "bob@example.com"}
	for i, files := range steps {
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			os.MkdirAll(filepath.Dir(p), 0o755)
			content := shopFiles[f]
			if i > 0 && strings.HasSuffix(f, ".go") {
				content += fmt.Sprintf("\n// revision %d\n", i)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				h.t.Fatal(err)
			}
			if _, err := w.Add(f); err != nil {
				h.t.Fatal(err)
			}
		}
		sig := a
		msg := "start"
		if i > 0 {
			sig, msg = bob, msgs[min(i, len(msgs))-1]
		}
		sig.When = when.AddDate(0, i, 0)
		if _, err := w.Commit(msg, &git.CommitOptions{Author: &sig, Committer: &sig}); err != nil {
			h.t.Fatal(err)
		}
	}
}

// commitAll commits every file of the work tree with go-git, creating
// the repository if need be.
func (h *harness) commitAll(msg string) {
	h.t.Helper()
	r, err := git.PlainOpen(h.repo)
	if err != nil {
		if r, err = git.PlainInit(h.repo, false); err != nil {
			h.t.Fatal(err)
		}
	}
	w, _ := r.Worktree()
	if err := w.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		h.t.Fatal(err)
	}
	sig := &object.Signature{Name: "Ann", Email: "ann@example.com", When: time.Date(2024, 6, 1, 10, 0, 0, 0, time.UTC)}
	if _, err := w.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		h.t.Fatal(err)
	}
}

// git runs the git binary in dir, isolated from the user's settings.
func (h *harness) git(dir string, args ...string) string {
	h.t.Helper()
	cmd := exec.Command(h.gitBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Ann", "GIT_AUTHOR_EMAIL=ann@example.com",
		"GIT_COMMITTER_NAME=Ann", "GIT_COMMITTER_EMAIL=ann@example.com",
		"GIT_AUTHOR_DATE=2024-05-01T12:00:00Z", "GIT_COMMITTER_DATE=2024-05-01T12:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		h.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// hashTree hashes every path, type and content below dir without
// following links or opening anything but regular files.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(h, "%s error\n", p)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		fmt.Fprintf(h, "%s %s %d\n", p, info.Mode(), info.ModTime().UnixNano())
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			io.WriteString(h, target+"\n")
		case info.Mode().IsRegular():
			data, _ := os.ReadFile(p)
			h.Write(data)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
}

// result is what a case's run gave.
type result struct {
	code           int
	stdout, stderr string
	model          *schema.Model // from seams.json in the output directory, if written
}

// hostileCase is one repository and one run of seams on it.
type hostileCase struct {
	name string
	git  bool // the case needs the git binary
	// build makes the repository and returns the directory to analyze
	// ("" for the repository's top).
	build func(h *harness) string
	// args are the command line; nil means analyze --no-cache --loader
	// auto --out OUT DIR. "OUT" and "DIR" in them are replaced.
	args   []string
	code   int
	stderr string // must appear in stderr
	// forbidden must appear in no output, stream or file.
	forbidden []string
	check     func(t *testing.T, h *harness, res *result)
}

func TestHostile(t *testing.T) {
	env := setupHostile(t)
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, env)
			if tc.git {
				env.needGit(t)
			}
			dir := h.repo
			if tc.build != nil {
				if d := tc.build(h); d != "" {
					dir = d
				}
			}
			args := tc.args
			if args == nil {
				// The go command is the riskier loader on a hostile
				// repository: the cases run it, and check that it falls
				// back to the default syntax loader where it must.
				args = []string{"analyze", "--no-cache", "--loader", "auto", "--out", "OUT", "DIR"}
			}
			args = slices.Clone(args)
			for i, a := range args {
				args[i] = strings.NewReplacer("OUT", h.out, "DIR", dir).Replace(a)
			}
			before := hashTree(t, h.parent)
			res := runBounded(t, args)
			if after := hashTree(t, h.parent); after != before {
				t.Error("something outside the output directory changed")
			}
			all := res.stdout + res.stderr
			if strings.Contains(all, "panic:") || strings.Contains(all, "goroutine ") {
				t.Fatalf("seams panicked:\n%s", all)
			}
			if res.code != tc.code || !strings.Contains(res.stderr, tc.stderr) {
				t.Fatalf("exit %d, want %d with %q in stderr\nstdout: %.2000s\nstderr: %.2000s", res.code, tc.code, tc.stderr, res.stdout, res.stderr)
			}
			res.model = checkOutputs(t, h, &res, append([]string{secretText, "TOPSECRET", "root:x:0:0"}, tc.forbidden...))
			if m, _ := os.ReadDir(env.markers); len(m) > 0 {
				t.Fatalf("something was executed: marker %s", m[0].Name())
			}
			if tc.check != nil {
				tc.check(t, h, &res)
			}
		})
	}
}

// runBounded runs seams in-process, failing the case if it hangs.
func runBounded(t *testing.T, args []string) result {
	t.Helper()
	done := make(chan result, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		done <- result{code: code, stdout: stdout.String(), stderr: stderr.String()}
	}()
	select {
	case res := <-done:
		return res
	case <-time.After(90 * time.Second):
		t.Fatalf("seams %s hangs", strings.Join(args, " "))
	}
	return result{}
}

// checkOutputs checks every file seams wrote: valid JSON, HTML with no
// markup of the repository's making, DOT that parses, Markdown with no
// raw HTML, a checksum manifest that matches, and none of forbidden
// anywhere. It returns the model, if seams.json was written.
func checkOutputs(t *testing.T, h *harness, res *result, forbidden []string) *schema.Model {
	t.Helper()
	for _, f := range forbidden {
		if strings.Contains(res.stdout+res.stderr, f) {
			t.Errorf("%q shows in the output streams", f)
		}
	}
	ents, _ := os.ReadDir(h.out)
	var m *schema.Model
	for _, e := range ents {
		p := filepath.Join(h.out, e.Name())
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		for _, f := range forbidden {
			if bytes.Contains(data, []byte(f)) {
				t.Errorf("%q shows in %s", f, e.Name())
			}
		}
		switch name := e.Name(); {
		case name == "seams.json":
			if m, err = schema.DecodeModel(bytes.NewReader(data)); err != nil {
				t.Errorf("seams.json: %v", err)
			}
		case name == "index.html":
			checkHTML(t, data)
		case strings.HasSuffix(name, ".dot"):
			checkDOT(t, p)
		case name == "summary.md":
			checkMarkdown(t, data)
		case name == "seams.sum":
			checkSums(t, h.out, data)
		case strings.HasPrefix(name, "."):
			t.Errorf("temporary left in the output directory: %s", name)
		}
	}
	// Stages beside the output directory are gone too.
	sibs, _ := os.ReadDir(filepath.Dir(h.out))
	for _, e := range sibs {
		if strings.Contains(e.Name(), ".seams-new-") {
			t.Errorf("stage left beside the output directory: %s", e.Name())
		}
	}
	return m
}

// checkHTML checks that the page holds exactly its own three script
// elements (data, vocabulary, app), that the data is base64 of gzipped
// JSON (so it cannot close the element it sits in), and that nothing
// repo-derived reaches the markup outside them.
func checkHTML(t *testing.T, page []byte) {
	t.Helper()
	s := string(page)
	if n := strings.Count(strings.ToLower(s), "<script"); n != 3 {
		t.Errorf("index.html has %d script elements, want its own 3", n)
	}
	const open = `<script type="application/json" id="seams-data" data-encoding="gzip+base64">`
	start := strings.Index(s, open)
	if start < 0 {
		t.Fatal("index.html has no data element")
	}
	data := s[start+len(open):]
	data = data[:strings.Index(data, "</script>")]
	// A JSON string of base64.
	raw, err := base64.StdEncoding.DecodeString(strings.Trim(data, `"`))
	if err != nil {
		t.Fatalf("the page's data is not base64: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the page's data is not gzip: %v", err)
	}
	if js, err := io.ReadAll(zr); err != nil || !json.Valid(js) {
		t.Errorf("the page's data does not decode to JSON (%v)", err)
	}
	// Outside the scripts, the page is the template's own markup.
	for _, bad := range []string{"<img", "onerror", "<b>", "<iframe"} {
		outside := s[:start]
		if strings.Contains(outside, bad) {
			t.Errorf("index.html shows %q outside its scripts", bad)
		}
	}
}

// checkDOT parses a DOT file with Graphviz, when it is installed.
func checkDOT(t *testing.T, path string) {
	t.Helper()
	dot, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("SEAMS_REQUIRE_TOOLS") == "1" {
			t.Fatal("SEAMS_REQUIRE_TOOLS=1 and Graphviz is missing")
		}
		return
	}
	if out, err := exec.Command(dot, "-Tcanon", "-o", os.DevNull, path).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("%s does not parse: %v\n%s", filepath.Base(path), err, out)
	}
}

// checkMarkdown checks that the summary holds no raw HTML: the only
// angle brackets are the Mermaid line break and the folded table's
// details element it writes itself.
func checkMarkdown(t *testing.T, md []byte) {
	t.Helper()
	// Mermaid's own syntax (its line break and its arrows), and GitHub's
	// folding.
	s := strings.NewReplacer("<br/>", "", "-->", "", "<details>", "", "</details>", "", "<summary>", "", "</summary>", "").Replace(string(md))
	if i := strings.IndexAny(s, "<>"); i >= 0 {
		t.Errorf("summary.md holds raw markup: %q", s[max(0, i-40):min(len(s), i+40)])
	}
}

// checkSums checks seams.sum against the files beside it.
func checkSums(t *testing.T, dir string, sums []byte) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		data, err := os.ReadFile(filepath.Join(dir, name))
		if !ok || err != nil || fmt.Sprintf("%x", sha256.Sum256(data)) != sum {
			t.Errorf("seams.sum does not match %s", name)
		}
	}
}

// health returns the model's health of a signal, failing without one.
func health(t *testing.T, res *result, s schema.Signal) schema.SignalHealth {
	t.Helper()
	if res.model == nil {
		t.Fatal("no seams.json written")
	}
	return res.model.Signals.Of(s)
}

// wantStatus checks a signal's status, and that its detail holds each of
// want.
func wantStatus(t *testing.T, res *result, s schema.Signal, status schema.Status, want ...string) {
	t.Helper()
	h := health(t, res, s)
	if h.Status != status {
		t.Errorf("%s status %s (%s), want %s", s, h.Status, h.Detail, status)
	}
	for _, w := range want {
		if !strings.Contains(h.Detail, w) {
			t.Errorf("%s detail %q lacks %q", s, h.Detail, w)
		}
	}
}

// wantWarning checks that a warning holds msg, at where (or a line of
// it) when where is set.
func wantWarning(t *testing.T, res *result, where, msg string) {
	t.Helper()
	if res.model == nil {
		t.Fatal("no seams.json written")
	}
	for _, w := range res.model.Warnings {
		if strings.Contains(w.Message, msg) && (where == "" || w.Where == where || strings.HasPrefix(w.Where, where+":")) {
			return
		}
	}
	var all []string
	for _, w := range res.model.Warnings {
		all = append(all, w.Where+": "+w.Message)
	}
	t.Errorf("no warning %q at %q in\n%s", msg, where, strings.Join(all, "\n"))
}

// wantFallback checks that the import graph came from the syntax loader
// because of reason.
func wantFallback(t *testing.T, res *result, reason string) {
	t.Helper()
	health(t, res, schema.SignalImports)
	im := res.model.Signals.Imports
	if im.Loader != "syntax" || !strings.Contains(im.FallbackReason, reason) {
		t.Errorf("loader %s, fallback reason %q; want the syntax loader because %q", im.Loader, im.FallbackReason, reason)
	}
}

// wantPackages checks the model's package directories.
func wantPackages(t *testing.T, res *result, want ...string) {
	t.Helper()
	if res.model == nil {
		t.Fatal("no seams.json written")
	}
	var got []string
	for _, p := range res.model.Packages {
		got = append(got, p.Path)
	}
	if !slices.Equal(got, want) {
		t.Errorf("packages %q, want %q", got, want)
	}
}

// shopPackages are the monolith's packages.
var shopPackages = []string{"billing", "catalog", "cmd/shop", "ordering"}

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// seamsBinary builds seams once per test binary, for the cases that
// need a process of its own (signals).
func seamsBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "seams-bin")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "seams")
		out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

// TestHostileSignals kills seams while the go command runs: the go
// command must not outlive it. A fake go on PATH records its process id
// and sleeps; one obeys the interrupt go/packages sends, one ignores it
// and must be killed.
func TestHostileSignals(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs POSIX signals and sh")
	}
	bin := seamsBinary(t)
	for _, tc := range []struct {
		name   string
		sig    syscall.Signal
		ignore bool // the fake go ignores SIGINT
	}{
		{"SIGTERM", syscall.SIGTERM, false},
		{"SIGINT", syscall.SIGINT, false},
		{"SIGTERM, go deaf to interrupts", syscall.SIGTERM, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := &harness{t: t, repo: filepath.Join(t.TempDir(), "repo")}
			h.shop()
			fake := t.TempDir()
			pids := filepath.Join(fake, "pids")
			script := "#!/bin/sh\necho $$ >> " + pids + "\n"
			if tc.ignore {
				script += "trap '' INT\n"
			}
			script += "exec sleep 300\n"
			os.WriteFile(filepath.Join(fake, "go"), []byte(script), 0o755)
			cmd := exec.Command(bin, "analyze", "--no-cache", "--loader", "auto", "--out", filepath.Join(t.TempDir(), "out"), h.repo)
			cmd.Env = append(os.Environ(), "PATH="+fake+string(os.PathListSeparator)+os.Getenv("PATH"), "HOME="+t.TempDir())
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			var children []int
			for deadline := time.Now().Add(30 * time.Second); len(children) == 0; {
				if time.Now().After(deadline) {
					t.Fatalf("the go command never started\n%s", stderr.String())
				}
				time.Sleep(20 * time.Millisecond)
				data, _ := os.ReadFile(pids)
				for _, f := range strings.Fields(string(data)) {
					var pid int
					fmt.Sscan(f, &pid)
					children = append(children, pid)
				}
			}
			cmd.Process.Signal(tc.sig)
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case <-exited:
			case <-time.After(20 * time.Second):
				t.Fatal("seams did not stop")
			}
			if code := cmd.ProcessState.ExitCode(); code != exitFailure {
				t.Errorf("exit %d, want %d", code, exitFailure)
			}
			if !strings.Contains(stderr.String(), "seams: interrupted") || strings.Contains(stderr.String(), "panic:") {
				t.Errorf("stderr:\n%s", stderr.String())
			}
			for _, pid := range children {
				for deadline := time.Now().Add(3 * time.Second); running(pid); time.Sleep(20 * time.Millisecond) {
					if time.Now().After(deadline) {
						syscall.Kill(pid, syscall.SIGKILL)
						t.Fatalf("the go command (pid %d) outlived seams", pid)
					}
				}
			}
		})
	}
}

// running reports whether a process runs: it exists and is no zombie.
func running(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil {
		return false
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return runtime.GOOS != "linux"
	}
	i := bytes.LastIndexByte(data, ')')
	return i < 0 || i+2 >= len(data) || data[i+2] != 'Z'
}

// TestHostileGitTrapsArmed checks that the git configuration traps of
// the suite would fire if git ran: git status runs the fsmonitor.
func TestHostileGitTrapsArmed(t *testing.T) {
	env := &hostileEnv{}
	env.gitBin, _ = exec.LookPath("git")
	gitBin := env.needGit(t)
	markers := t.TempDir()
	h := &harness{t: t, repo: filepath.Join(t.TempDir(), "repo"), gitBin: gitBin}
	h.shop()
	f, _ := os.OpenFile(filepath.Join(h.repo, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("[core]\n\tfsmonitor = \"touch " + filepath.Join(markers, "fsmonitor") + "\"\n")
	f.Close()
	cmd := exec.Command(gitBin, "status")
	cmd.Dir = h.repo
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	cmd.Run()
	if _, err := os.Stat(filepath.Join(markers, "fsmonitor")); err != nil {
		t.Error("git status did not run the fsmonitor: the suite's git traps are not armed")
	}
}
