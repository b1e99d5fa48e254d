package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"github.com/seams-tool/seams/report/schema"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	screenshots = flag.String("screenshots", "", "save PNG screenshots of the browser tests' reports into this directory")
	largeModel  = flag.String("large", os.Getenv("SEAMS_LARGE_MODEL"), "seams.json of a large repository for TestBrowserLargeReport (or $SEAMS_LARGE_MODEL)")
)

// openReport writes the report of m to a temporary file and opens it in
// a fresh headless Chromium; it returns the browser, the file:// URL and
// how long the page took to become ready.
func openReport(t *testing.T, m *schema.Model, width, height int) (*browser, string, time.Duration) {
	t.Helper()
	html, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, width, height)
	path := filepath.Join(t.TempDir(), "index.html")
	if err := os.WriteFile(path, html, 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + path
	return b, url, b.open(url)
}

// shot saves a screenshot when -screenshots is set.
func shot(t *testing.T, b *browser, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	p := filepath.Join(*screenshots, name+".png")
	b.screenshot(p)
	t.Logf("screenshot %s", p)
}

// clickContext clicks a context's node on the map with the mouse, as a
// reader would, and returns the context the detail panel then shows.
func clickContext(t *testing.T, b *browser, id string) string {
	t.Helper()
	var at struct{ X, Y float64 }
	b.eval(`(function () {
		var n = window.seamsMap.getElementById(`+jsString("c:"+id)+`);
		var box = document.getElementById('map');
		box.scrollIntoView({block: 'center'});
		var r = box.getBoundingClientRect(), p = n.renderedPosition();
		return {x: r.left + p.x, y: r.top + p.y};
	})()`, &at)
	b.click(at.X, at.Y)
	var shown string
	b.eval(`document.getElementById('detail').getAttribute('data-context')`, &shown)
	return shown
}

func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

func TestBrowserReport(t *testing.T) {
	m := loadModel(t, "testdata/shop.json")
	b, url, took := openReport(t, m, 1400, 1000)
	t.Logf("ready in %v", took)
	shot(t, b, "shop-top")

	var sections []string
	b.eval(`Array.from(document.querySelectorAll('section h2')).map(function (h) { return h.textContent; })`, &sections)
	for _, want := range []string{"Overview", "Ranked candidates", "Context map", "Dependency structure matrix", "Table access", "Context detail", "Warnings"} {
		if !strings.Contains(strings.Join(sections, "\n"), want) {
			t.Errorf("section %q missing; sections: %q", want, sections)
		}
	}

	tests := []struct {
		name string
		ctx  schema.Context
	}{{"second", m.Contexts[1]}, {"last", m.Contexts[len(m.Contexts)-1]}}
	for _, tt := range tests {
		t.Run("click "+tt.name, func(t *testing.T) {
			b.t = t
			if got := clickContext(t, b, tt.ctx.ID); got != tt.ctx.ID {
				t.Fatalf("clicked context %s on the map, the detail shows %q", tt.ctx.ID, got)
			}
			var listed []string
			b.eval(`Array.from(document.querySelectorAll('#detail code.pkg')).map(function (e) { return e.textContent; })`, &listed)
			if strings.Join(listed, "\n") != strings.Join(tt.ctx.Packages, "\n") {
				t.Errorf("context %s lists packages %q, want %q", tt.ctx.Name, listed, tt.ctx.Packages)
			}
		})
	}
	b.t = t
	shot(t, b, "shop-map")

	// Search by package name marks the package's context and lists it.
	var found []string
	b.eval(`(function () {
		var s = document.querySelector('input[type=search]');
		s.value = `+jsString(m.Contexts[0].Packages[0])+`;
		s.dispatchEvent(new Event('input'));
		return Array.from(document.querySelectorAll('#matches div')).map(function (e) { return e.textContent; });
	})()`, &found)
	if len(found) == 0 || !strings.HasPrefix(found[0], m.Contexts[0].Packages[0]) {
		t.Errorf("searching %s found %q", m.Contexts[0].Packages[0], found)
	}

	// Every layer of the matrix draws without error.
	var layers []string
	b.eval(`Array.from(document.querySelectorAll('#s-dsm button')).map(function (x) { x.click(); return x.getAttribute('data-layer'); })`, &layers)
	want := []string{"fused"}
	for _, l := range schema.Layers {
		want = append(want, string(l))
	}
	if !slices.Equal(layers, want) {
		t.Errorf("matrix layer buttons %q, want %q", layers, want)
	}
	b.eval(`document.getElementById('s-dsm').scrollIntoView()`, nil)
	shot(t, b, "shop-dsm")
	b.eval(`document.getElementById('s-tables').scrollIntoView()`, nil)
	shot(t, b, "shop-tables")
	b.eval(`document.getElementById('s-context').scrollIntoView()`, nil)
	shot(t, b, "shop-detail")

	for _, p := range b.problems(url) {
		t.Errorf("browser: %s", p)
	}
}

// TestBrowserHostileNames opens the report of a repository whose names
// are markup and script: none of it may run or become an element.
func TestBrowserHostileNames(t *testing.T) {
	m := loadModel(t, "testdata/hostile.json")
	payload := `<img src=x onerror="window.pwned=1;alert('img')"><script>window.pwned=2;alert('script')</script>`
	m.Contexts[0].Name += payload
	m.Packages[0].Path += payload
	m.Contexts[0].Packages[0] = m.Packages[0].Path
	m.Warnings[0].Message += payload
	html, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(html, []byte("</script>")); n != 4 {
		t.Errorf("the page has %d </script> tags, want the 4 of its own (data, vocabulary, library, app): data escaped its element", n)
	}
	b, url, _ := openReport(t, m, 1400, 1000)
	for _, c := range m.Contexts {
		if got := clickContext(t, b, c.ID); got != c.ID {
			t.Errorf("clicked context %s, the detail shows %q", c.ID, got)
		}
	}
	// Expanding a context and searching draw package names too.
	b.eval(`void window.seamsMap.getElementById('c:c1').emit('dbltap')`, nil)
	b.eval(`(function () {
		var s = document.querySelector('input[type=search]');
		s.value = 'script'; s.dispatchEvent(new Event('input'));
	})()`, nil)
	shot(t, b, "hostile")

	var r struct {
		Pwned    any
		Elements []string
		Shown    bool
	}
	b.eval(`(function () {
		var bad = Array.from(document.querySelectorAll('#app img, #app script, #app iframe, #app object, #app b, [onerror], [onload]'));
		return {
			pwned: window.pwned === undefined ? null : window.pwned,
			elements: bad.map(function (e) { return e.outerHTML.slice(0, 80); }),
			shown: document.getElementById('detail').textContent.indexOf('<script>alert(1)</script>') >= 0
		};
	})()`, &r)
	if r.Pwned != nil {
		t.Errorf("a name from the repository ran script: window.pwned = %v", r.Pwned)
	}
	if len(r.Elements) > 0 {
		t.Errorf("elements made from repository data: %q", r.Elements)
	}
	if !r.Shown {
		t.Error("the hostile names are not shown as text in the context detail")
	}
	for _, p := range b.problems(url) {
		t.Errorf("browser: %s", p)
	}
}

// TestBrowserLargeReport opens the report of a large repository
// (-large seams.json or $SEAMS_LARGE_MODEL): it must stay under 5 MB and
// be ready within 3 s.
func TestBrowserLargeReport(t *testing.T) {
	if *largeModel == "" {
		t.Skip("no large model: pass -large path/to/seams.json or set SEAMS_LARGE_MODEL")
	}
	m := loadModel(t, *largeModel)
	html, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	b, url, took := openReport(t, m, 1400, 1000)
	var since float64
	b.eval(`Number(document.body.getAttribute('data-ready-since-navigation'))`, &since)
	t.Logf("%d packages, %d contexts: index.html %.2f MB, ready %v after navigation was asked for (%.0f ms since navigation start, by the page)",
		len(m.Packages), len(m.Contexts), float64(len(html))/1e6, took.Round(time.Millisecond), since)
	if len(html) > 5e6 {
		t.Errorf("index.html is %d bytes, over 5 MB", len(html))
	}
	if took > 3*time.Second {
		t.Errorf("the report took %v to become ready, over 3 s", took)
	}
	shot(t, b, "large-top")
	b.eval(`document.getElementById('s-candidates').scrollIntoView()`, nil)
	shot(t, b, "large-candidates")
	if got := clickContext(t, b, m.Contexts[0].ID); got != m.Contexts[0].ID {
		t.Errorf("clicked context %s, the detail shows %q", m.Contexts[0].ID, got)
	}
	shot(t, b, "large-map")
	b.eval(`document.getElementById('s-dsm').scrollIntoView()`, nil)
	shot(t, b, "large-dsm")
	for _, p := range b.problems(url) {
		t.Errorf("browser: %s", p)
	}
}
