#!/usr/bin/env bash
# Puts rmbench-site $RMBENCH_SITE_VERSION on the job's PATH: the self-contained Linux binary
# from $RMBENCH_SITE_RELEASES, checked against its SHA-256. A runner that already has
# rmbench-site on its PATH (a self-hosted one, or an offline test) keeps the one it has.
set -euo pipefail
if command -v rmbench-site >/dev/null 2>&1; then
  echo "using $(command -v rmbench-site): $(rmbench-site --version)"
  exit 0
fi
name="rmbench-site-${RMBENCH_SITE_VERSION}-linux-x86_64"
folder="${RUNNER_TEMP:-$(mktemp -d)}/rmbench-site"
mkdir -p "$folder"
cd "$folder"
curl -fsSL --retry 3 -o "$name.tar.gz" "$RMBENCH_SITE_RELEASES/$name.tar.gz"
curl -fsSL --retry 3 -o "$name.tar.gz.sha256" "$RMBENCH_SITE_RELEASES/$name.tar.gz.sha256"
sha256sum -c "$name.tar.gz.sha256"
tar -xzf "$name.tar.gz"
echo "$folder/$name/bin" >> "$GITHUB_PATH"
echo "installed $("$folder/$name/bin/rmbench-site" --version)"
