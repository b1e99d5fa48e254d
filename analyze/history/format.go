package history

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	format "github.com/go-git/go-git/v5/plumbing/format/config"
)

// ErrUnsupported is wrapped by Mine's error when the repository is in a
// format seams cannot read: SHA-256 object names, refs kept in a
// reftable, or a repository format version or extension it does not
// know. The repository has a history; seams cannot read it.
var ErrUnsupported = errors.New("repository format not supported")

// checkFormat reads the repository format version and extensions as git
// does, and refuses what would make the reader misread the repository.
// Extensions that change only how a repository is written or where its
// config lives are accepted: worktreeConfig (set by git sparse-checkout
// and git worktree) moves settings to config.worktree, none of which
// reading history needs; partialClone and preciousObjects concern
// fetching and pruning.
func checkFormat(raw *format.Config) error {
	version := 0
	if raw.HasSection("core") {
		if v := strings.TrimSpace(raw.Section("core").Options.Get("repositoryformatversion")); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 1 {
				return fmt.Errorf("%w: core.repositoryformatversion = %s; seams reads versions 0 and 1", ErrUnsupported, v)
			}
			version = n
		}
	}
	if !raw.HasSection("extensions") {
		return nil
	}
	for _, o := range raw.Section("extensions").Options {
		value := strings.ToLower(strings.TrimSpace(o.Value))
		switch key := strings.ToLower(o.Key); key {
		case "noop", "noop-v1", "preciousobjects", "partialclone", "worktreeconfig",
			"relativeworktrees", "compatobjectformat":
		case "objectformat":
			if value != "sha1" {
				return fmt.Errorf("%w: the repository names its objects with %s (extensions.objectFormat); "+
					"seams reads only SHA-1 repositories", ErrUnsupported, o.Value)
			}
		case "refstorage":
			if value != "files" {
				return fmt.Errorf("%w: the repository keeps its references in the %s format "+
					"(extensions.refStorage); seams reads only the files format", ErrUnsupported, o.Value)
			}
		default:
			// Git ignores unknown extensions in a version 0 repository
			// and refuses them in a version 1 one.
			if version == 1 {
				return fmt.Errorf("%w: unknown extension extensions.%s", ErrUnsupported, o.Key)
			}
		}
	}
	return nil
}

// isPartialClone reports whether the config marks a partial clone: a
// promisor remote, or the extension older git versions set.
func isPartialClone(raw *format.Config) bool {
	if raw.HasSection("extensions") && raw.Section("extensions").Options.Get("partialclone") != "" {
		return true
	}
	if !raw.HasSection("remote") {
		return false
	}
	for _, ss := range raw.Section("remote").Subsections {
		if strings.EqualFold(strings.TrimSpace(ss.Options.Get("promisor")), "true") {
			return true
		}
	}
	return false
}
