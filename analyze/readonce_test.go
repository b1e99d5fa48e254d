package analyze

import (
	"io"
	"io/fs"
	"sync"
	"testing"
	"testing/fstest"
)

// countingFS counts the opens of each name, as a snapshot's reads of
// the object store.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestReadOnce: however a file is opened or read, the tree below reads
// it once for two opens; directories are not cached.
func TestReadOnce(t *testing.T) {
	under := &countingFS{FS: fstest.MapFS{"a/x.go": {Data: []byte("package a\n")}, "a/y.go": {Data: []byte("package a // y\n")}}, opens: map[string]int{}}
	r := newReadOnce(under, nil)
	for range 4 {
		f, err := r.Open("a/x.go")
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		data, _ := io.ReadAll(f)
		f.Close()
		if string(data) != "package a\n" || st.Size() != int64(len(data)) || st.Name() != "x.go" {
			t.Errorf("Open: %q, %d bytes, name %s", data, st.Size(), st.Name())
		}
		if data, err := fs.ReadFile(r, "a/y.go"); err != nil || string(data) != "package a // y\n" {
			t.Errorf("ReadFile: %q, %v", data, err)
		}
	}
	if under.opens["a/x.go"] != 2 || under.opens["a/y.go"] != 2 {
		t.Errorf("the tree was read %v times, want twice a file (once for two opens)", under.opens)
	}
	if len(r.files) != 0 {
		t.Errorf("after an even number of opens, %d files are still held", len(r.files))
	}
	if es, err := fs.ReadDir(r, "a"); err != nil || len(es) != 2 {
		t.Errorf("ReadDir: %v, %v", es, err)
	}
	if _, err := fs.ReadFile(r, "a"); err == nil {
		t.Error("reading a directory as a file succeeded")
	}
	if _, err := r.Open("missing.go"); err == nil {
		t.Error("a missing file opened")
	}
}
