#!/usr/bin/env bash
# Installs the agent clients of the end-to-end agent tier (their own package, kept out of
# the product's `npm ci`) when they are missing or their lock file changed since the last
# install. `npm test` runs it before Jest, so a fresh machine's test command installs them.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.keeprouter-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
echo "Installing the agent clients (test/agents)..."
npm ci --no-audit --no-fund
echo "$want" > "$stamp"
