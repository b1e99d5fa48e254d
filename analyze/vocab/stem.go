package vocab

import "strings"

// stem folds a lower-cased ASCII word so that its plural and its -ed and
// -ing forms meet the word itself; the result need not be a word
// (pipeline -> pipelin, policy -> polici) and is only compared, never
// shown. It reports false for stop words. The steps, in order:
//
//  1. plural: -sses -> -ss; -ies -> -i (longer than 4 letters); a final
//     -s is dropped (longer than 3 letters) unless the word ends in -ss,
//     -us or -is (status, analysis, process).
//  2. stop words are checked on the word after step 1 and 3 (so plurals
//     of stop words are stop words too: handlers, errors, utils).
//  3. -ing and -ed (not -eed: need, speed) are dropped when at least
//     three letters with a vowel remain, and a doubled final consonant
//     other than l, s, z is undoubled (mapping -> map, committed ->
//     commit). When that yields a stop word the step is undone, so that
//     settings and created stay themselves instead of becoming set and
//     create.
//  4. a final -e is dropped (longer than 3 letters), and a final -y after
//     a consonant becomes -i: merge, merges, merged and merging all give
//     merg; policy and policies give polici.
//
// It is deliberately weaker than Porter's: no -er, -ion, -ness or -able,
// which in code more often change the meaning (user, trigger, provider)
// than keep it. Known misses: alias (alia) vs aliases (alias), index vs
// indices, embed (emb) vs embedded (embed).
func stem(w string) (string, bool) {
	if !isASCII(w) {
		return w, !isStop(w)
	}
	p := plural(w)
	base := final(p)
	if isStop(base) {
		return "", false
	}
	if in := inflection(p); in != p {
		if full := final(in); !isStop(full) {
			return full, true
		}
	}
	return base, true
}

// isStop reports whether a folded word is a stop word. Most words are
// told apart by their first and last letters and length alone, which is
// cheaper than hashing them.
func isStop(w string) bool {
	if len(w) == 0 || len(w) >= 32 {
		return false
	}
	f, l := w[0]-'a', w[len(w)-1]-'a'
	if f >= 26 || l >= 26 || stopShapes[f][l]&(1<<len(w)) == 0 {
		return false
	}
	return stopWords[w]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func plural(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-2]
	case n > 3 && w[n-1] == 's':
		switch w[n-2] {
		case 's', 'u', 'i':
			return w
		}
		return w[:n-1]
	}
	return w
}

func inflection(w string) string {
	n := len(w)
	var s string
	switch {
	case n >= 6 && strings.HasSuffix(w, "ing"):
		s = w[:n-3]
	case n >= 5 && strings.HasSuffix(w, "ed") && w[n-3] != 'e':
		s = w[:n-2]
	default:
		return w
	}
	if !strings.ContainsAny(s, "aeiouy") {
		return w
	}
	if m := len(s); m >= 2 && s[m-1] == s[m-2] && !isVowel(s[m-1]) && !strings.ContainsRune("lsz", rune(s[m-1])) {
		s = s[:m-1]
	}
	return s
}

func final(w string) string {
	n := len(w)
	switch {
	case n > 3 && w[n-1] == 'e':
		return w[:n-1]
	case n > 2 && w[n-1] == 'y' && !isVowel(w[n-2]):
		return w[:n-1] + "i"
	}
	return w
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// stopList holds the words that name no domain in Go code: the language
// and its builtin types, the verbs of every CRUD method, the words of
// every layer (handler, service, store, repo, controller...), of
// transport and storage plumbing, of tests, and glue words. Single
// letters are dropped separately. It is a judgment call kept short on
// purpose: what else is everywhere in one repository is removed by the
// document-frequency cut of Options.MaxShare instead.
var stopList = []string{
	// The language.
	"func", "var", "const", "type", "struct", "interface", "chan", "map", "slice",
	"string", "str", "int", "uint", "float", "bool", "byte", "rune", "error", "err",
	"nil", "true", "false", "any", "iota", "len", "cap", "make", "append", "copy",
	"panic", "self", "this", "ptr", "pointer", "value", "val", "fn", "cb", "ok",
	"go", "golang", "main", "init", "pkg", "package", "internal", "lib", "impl",
	"arg", "param", "opt", "option", "default", "iface", "unknown", "invalid",
	// Verbs of every method.
	"get", "set", "new", "add", "create", "update", "delete", "remove", "find",
	"list", "fetch", "load", "save", "read", "write", "put", "run", "start", "stop",
	"handle", "process", "do", "is", "has", "can", "should", "must", "parse",
	"format", "convert", "validate", "check", "build", "register", "provide",
	"execute", "exec", "call", "apply", "use", "wrap", "must", "try", "want", "got",
	// Layers and patterns.
	"handler", "service", "svc", "store", "repo", "controller", "ctrl", "dao", "dto",
	"model", "entity", "manager", "mgr", "factory", "adapter", "wrapper", "helper",
	"util", "utils", "misc", "common", "core", "base", "middleware", "router", "wire",
	// Plumbing.
	"api", "http", "https", "grpc", "rpc", "rest", "json", "yaml", "yml", "xml", "toml",
	"proto", "pb", "sql", "db", "tx", "txn", "url", "uri", "path", "dir", "ctx",
	"context", "config", "cfg", "conf", "env", "client", "server", "srv", "request",
	"req", "response", "resp", "res", "log", "logger", "logging", "cmd", "cli",
	"com", "org", "io", "net", "www", "github",
	"tpl", "tmpl", // a web layer's template names (tplIssues): the layer, not the domain
	// Tests.
	"test", "testing", "mock", "fake", "stub", "assert", "require", "expected", "actual",
	// Generic nouns.
	"id", "ids", "uid", "uuid", "name", "kind", "data", "info", "item", "result",
	"input", "output", "count", "total", "num", "number", "size", "length", "max",
	"min", "page", "limit", "offset", "sort", "time", "timestamp", "at", "created",
	"updated", "deleted", "field", "obj", "object", "elem", "element", "msg", "opts",
	"args", "params", "key", "values", "idx", "index", "tmp", "temp", "buf", "src",
	"dst", "other", "next", "prev",
	// Glue.
	"to", "from", "by", "for", "of", "in", "on", "as", "or", "and", "not", "no", "the",
	"an", "all", "each", "if", "else", "then", "into", "over", "via", "per", "out",
	"up", "with", "without", "yes",
}

// stopWords is stopList folded by steps 1 and 4 of stem, the form stem
// checks; stopShapes has bit n of [first][last letter] set when some
// stop word of n letters has them.
var stopWords, stopShapes = func() (map[string]bool, *[26][26]uint32) {
	m := make(map[string]bool, len(stopList))
	var shapes [26][26]uint32
	for _, w := range stopList {
		w = final(plural(w))
		m[w] = true
		shapes[w[0]-'a'][w[len(w)-1]-'a'] |= 1 << len(w)
	}
	return m, &shapes
}()
