#!/usr/bin/env bash
# Compares history.Mine with git log on one repository:
#   scripts/bench-history.sh REPO
# prints mining time without cache, git log time, their ratio and peak
# memory, then a cold and a warm run sharing a cache directory.
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 REPO" >&2
	exit 2
fi
repo=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$root"
go build -o "$tmp/benchmine" ./analyze/history/internal/benchmine

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2" | head -1; }
now() { date +%s.%N; }

# Warm the page cache so that neither side pays for the first read.
git -C "$repo" rev-list --all --objects >/dev/null 2>&1 || true

out=$("$tmp/benchmine" "$repo")
echo "seams: $out" | head -1
seams=$(field elapsed "$out")
rss=$(field peak_rss_mb "$out")

# git log with its defaults (rename detection on) needs blobs and stops
# at the first missing one; --no-renames reads trees only, like the
# comparison the walk itself does.
t=$(now)
if git -C "$repo" log --no-merges --name-only --format=%H >/dev/null 2>"$tmp/git.err"; then
	gitlog=$(echo "$(now) - $t" | bc)
	gitnote="git log --no-merges --name-only"
else
	echo "git log failed: $(tail -1 "$tmp/git.err"); timing --no-renames instead"
	t=$(now)
	git -C "$repo" log --no-merges --no-renames --name-only --format=%H >/dev/null
	gitlog=$(echo "$(now) - $t" | bc)
	gitnote="git log --no-merges --no-renames --name-only"
fi
t=$(now)
git -C "$repo" log --no-merges --no-renames --name-only --format=%H >/dev/null 2>&1 || true
norenames=$(echo "$(now) - $t" | bc)

printf 'commits          %s\n' "$(field commits "$out")"
printf 'seams (no cache) %.3f s\n' "$seams"
printf 'git              %.3f s  (%s)\n' "$gitlog" "$gitnote"
printf 'ratio            %.2f\n' "$(echo "$seams / $gitlog" | bc -l)"
printf 'ratio vs --no-renames %.2f  (git %.3f s)\n' "$(echo "$seams / $norenames" | bc -l)" "$norenames"
printf 'peak RSS         %s MB\n' "$rss"

cold=$("$tmp/benchmine" -cache "$tmp/cache" "$repo")
warm=$("$tmp/benchmine" -cache "$tmp/cache" "$repo")
c=$(field elapsed "$cold")
w=$(field elapsed "$warm")
printf 'cache cold       %.3f s  (peak RSS %s MB)\n' "$c" "$(field peak_rss_mb "$cold")"
printf 'cache warm       %.3f s  (peak RSS %s MB, %s hits)\n' "$w" "$(field peak_rss_mb "$warm")" "$(field cachehits "$warm")"
printf 'warm/cold        %.1f%%\n' "$(echo "100 * $w / $c" | bc -l)"
