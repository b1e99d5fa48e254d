// Package config reads .seams.yaml, the optional per-repository
// configuration file at the repository root.
//
// Every key is documented in the README and checked here: an unknown key,
// a value of the wrong type or a bad pattern is an error that names the
// file and line, so a typo never silently changes an analysis. Command
// line flags override what the file says.
package config
