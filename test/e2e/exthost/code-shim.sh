#!/usr/bin/env bash
# A stand-in for the VS Code executable that @vscode/test-electron's runTests launches
# (vscodeExecutablePath): runs the same extension tests in code-server's extension host instead.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec node --import tsx "$here/shim.ts" "$@"
