package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chromium finds a headless-capable Chromium, or skips the test: CI
// installs Debian's chromium package, so there it always runs.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium on PATH (CI installs Debian's chromium): the browser test did not run")
	return ""
}

// load opens a report in headless Chromium and returns the DOM after its
// script ran, and every console message the page produced (a
// Content-Security-Policy violation, that is any attempt at a network
// request, is one).
func load(t *testing.T, html []byte, fragment string) (dom string, console []string) {
	t.Helper()
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "index.html")
	if err := os.WriteFile(page, html, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--enable-logging=stderr", "--v=0", "--virtual-time-budget=8000", "--dump-dom", "file://"+page+fragment)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errOut.String())
	}
	for _, line := range strings.Split(errOut.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			console = append(console, line)
		}
	}
	return out.String(), console
}

func TestBrowserReport(t *testing.T) {
	m := loadModel(t, "testdata/shop.json")
	html, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	c := m.Contexts[1]
	dom, console := load(t, html, "#context="+c.ID)
	if len(console) > 0 {
		t.Errorf("console messages (errors, blocked requests):\n%s", strings.Join(console, "\n"))
	}
	ready := regexp.MustCompile(`data-ready="(\d+)"`).FindStringSubmatch(dom)
	if ready == nil {
		t.Fatalf("the report's script did not finish:\n%.2000s", dom)
	}
	ms, _ := strconv.Atoi(ready[1])
	t.Logf("rendered in %d ms (page script)", ms)
	// Opening on a context goes through the map's click handler; its
	// packages must be listed in the detail panel.
	if !strings.Contains(dom, `id="detail" data-context="`+c.ID+`"`) {
		t.Fatalf("the detail panel does not show context %s", c.ID)
	}
	detail := dom[strings.Index(dom, `id="detail"`):]
	for _, p := range c.Packages {
		if !strings.Contains(detail, `<code class="pkg">`+p+`</code>`) {
			t.Errorf("package %s of context %s is not listed", p, c.Name)
		}
	}
	for _, want := range []string{"Ranked candidates", "Dependency structure matrix", "Table access", "Warnings"} {
		if !strings.Contains(dom, want) {
			t.Errorf("section %q missing", want)
		}
	}
}

func TestBrowserHostileNames(t *testing.T) {
	m := hostile()
	payload := `<img src=x onerror="document.body.setAttribute('data-pwned','1')"><script>document.body.setAttribute('data-pwned','2')</script>`
	m.Contexts[0].Name += payload
	m.Packages[0].Path += payload
	m.Warnings[0].Message += payload
	html, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(html, []byte("</script>")); n != 3 {
		t.Errorf("the page has %d </script> tags, want the 3 of its own: data escaped its element", n)
	}
	dom, console := load(t, html, "#context=c1")
	// The payload's text sits, escaped, in the JSON data; only the
	// attribute it would set proves it ran.
	if strings.Contains(dom, `data-pwned="`) {
		t.Fatal("a name from the repository ran script in the report")
	}
	if !strings.Contains(dom, "data-ready=") {
		t.Fatalf("the report's script did not finish on hostile names:\n%.2000s", dom)
	}
	if strings.Contains(dom, "<img src=\"x\"") || strings.Contains(dom, "<img src=x") {
		t.Error("an element was created from repository data")
	}
	if !strings.Contains(dom, "&lt;img src=x onerror=") {
		t.Error("the hostile name is not shown as text")
	}
	for _, l := range console {
		t.Errorf("console: %s", l)
	}
}
