package analyze

import (
	"os"
	"testing"
)

// sharedTemp holds what tests build once and share (the fixture's git
// repository); it is removed when the tests end.
var sharedTemp string

func TestMain(m *testing.M) {
	var err error
	sharedTemp, err = os.MkdirTemp("", "seams-analyze-test")
	if err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(sharedTemp)
	os.Exit(code)
}
