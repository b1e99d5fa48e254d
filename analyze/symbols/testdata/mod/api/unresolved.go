package api

func anything() any { return nil }

type namer interface{ Name() string }

// Unresolved calls methods on values of unknown type.
func Unresolved() {
	v := anything()
	_ = v.(namer).Name()
	m := map[string]namer{}
	_ = m["a"].Name()
	f := func() namer { return nil }
	_ = f().Name()
}
