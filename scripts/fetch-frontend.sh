#!/usr/bin/env bash
# Re-fetches the front-end library the HTML report embeds, from the npm
# registry, at the pinned version, with its licence beside it.
# Usage: scripts/fetch-frontend.sh   (run from anywhere; needs npm)
set -euo pipefail
version=3.34.4
dest="$(cd "$(dirname "$0")/.." && pwd)/report/assets"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "cytoscape@$version" >/dev/null
tar xzf "cytoscape-$version.tgz"
cp package/dist/cytoscape.min.js "$dest/cytoscape.min.js"
cp package/LICENSE "$dest/cytoscape.LICENSE"
echo "cytoscape $version -> $dest"
