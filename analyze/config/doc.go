// Package config reads .seams.yaml, the optional per-repository
// configuration file at the repository root.
//
// Every key is documented in the README and checked here: an unknown key,
// a value of the wrong type or a bad pattern is an error that names the
// file and line, so a typo never silently changes an analysis. Command
// line flags override what the file says.
//
// The file belongs to the analyzed repository, which may be hostile: it
// is read only when it is a regular file (not a FIFO, nor a link out of
// the repository; Skipped tells such an error apart), and the paths it
// gives (out, baseline) must lie inside the repository: absolute paths,
// ".." escapes and links on the way that lead out are refused at their
// line. Only flags may point elsewhere.
package config
