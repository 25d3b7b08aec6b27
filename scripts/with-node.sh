#!/usr/bin/env bash
# Runs a command with Node >= 22.12 first on PATH (see node-bootstrap.sh), so that
# `npm run build` and `npm test` work on machines whose own Node is older.
. "$(dirname "${BASH_SOURCE[0]}")/node-bootstrap.sh" || exit 1
exec "$@"
