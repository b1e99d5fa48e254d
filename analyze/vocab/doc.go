// Package vocab measures semantic coupling: how alike two packages'
// vocabularies are. On a layered monolith (app/api/controller/<domain>,
// app/store/<domain>, app/services/<domain>) the import graph joins each
// layer to the next, so its clusters are the layers; the words the code
// uses name the business domains instead: the pull-request controller,
// store and service all speak of pull requests, reviewers and merges.
// This is the semantic coupling of Mazlami, Cito and Leitner (2017) and
// of Löhnertz and Oprescu's Steinmetz (2020): packages as TF-IDF
// documents, compared by cosine similarity.
//
// # Use
//
// seams parses every Go file once and hands each syntax tree to a
// Collector (AddFile, safe for concurrent use); the caller may add terms
// it knows, such as the tables a package touches (AddTerms). Finish
// returns each package's heaviest terms and the pairs of packages among
// each other's nearest neighbours, weighted by their cosine similarity.
//
//	c := vocab.NewCollector()
//	for _, f := range files { c.AddFile(f.Dir, fset, f.AST) }
//	c.AddTerms("app/store/pullreq", "pullreqs", "pullreq_reviewers")
//	res := c.Finish(vocab.Options{})
//
// # Terms
//
// A package's terms come from the segments of its directory, its
// declared type, function, method, struct-field, interface-method and
// package-level constant names, and the identifier-like string literals
// of its package-level constants and variables ("pull_request",
// "pipelineTrigger", "repo.created"; not prose, SQL, URLs, paths or
// format strings). Function bodies are not read: walking them costs about
// a tenth of the parse again, for words the declarations mostly hold
// too. Test files are skipped.
//
// Every distinct name is analyzed once, in Finish: split into words at
// underscores, hyphens, dots, camelCase steps and digits (HTTPServer ->
// http, server; PRNumber -> pr, number; IDs stays one word),
// lower-cased, and folded by a small stemmer (see stem) so that issues
// and issue, pullreqs and pullreq, repositories and repository, webhooks
// and webhook, policies and policy, merge and merged are one term. Single
// letters, digits and a fixed list of stop words (the language, CRUD
// verbs, layer names such as handler, service, store, repo, controller,
// plumbing such as http, json, config, ctx; see stopList) are dropped.
//
// Go package names join their words (pullreq, usergroup) where
// identifiers capitalize them (PullReq, UserGroup), so two or three
// adjacent words are also tried joined: such a compound counts as a term
// when it is the term of some directory segment of the repository. The
// other way round, a directory name that glues a layer's abbreviation
// (cmd, svc, ctl, ctrl, srv, mgr) to another directory's name gives that
// name too: boundary's commands/accountscmd speaks of accounts.
//
// Finally, a term found in more than Options.MaxShare of the packages
// names no domain (app, registry) and is dropped; Result.Common lists
// those.
//
// # Weights and neighbours
//
// See Finish: log-scaled term frequency times smoothed inverse document
// frequency, doubled for directory segments and raised by half for type
// names and caller terms, L2-normalized. Each package keeps its
// Options.Neighbours most similar packages with a cosine of at least
// Options.MinSimilarity; the union of these relations, each pair once,
// is Result.Pairs. The dot products come from an inverted index, so only
// packages sharing a term are ever compared.
package vocab
