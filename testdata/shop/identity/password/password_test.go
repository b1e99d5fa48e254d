package password

import "testing"

func TestHashVerify(t *testing.T) {
	h := Hash("correct horse battery")
	if !Verify(h, "correct horse battery") {
		t.Fatal("Verify rejected the right password")
	}
	if Verify(h, "correct horse battery!") {
		t.Fatal("Verify accepted a wrong password")
	}
	if Verify("no-dollar", "x") {
		t.Fatal("Verify accepted a malformed hash")
	}
}

func TestCheck(t *testing.T) {
	for pw, ok := range map[string]bool{"short": false, "long enough!": true, "ééééééééé": false} {
		if err := Check(pw); (err == nil) != ok {
			t.Errorf("Check(%q) = %v, want ok=%v", pw, err, ok)
		}
	}
}
