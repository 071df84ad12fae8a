// `make` in a Go project: when the stage has Go (a golang image, the go package, or a `go` command
// earlier in the RUN), the Makefile runs `go build`, so its targets are Go programs: each about as
// large as a `go build` whose go.mod is not read (9 MB, ×0.6-2), not a fraction of the source tree
// as a C build's objects would give.
import { normalizePath } from '../ledger';
import type { RunCtx } from '../runContext';
import { MB, formatBytes } from '../units';
import { artifact, r } from './common';

const GO_PACKAGES = ['apk:go', 'deb:golang-go', 'deb:golang', 'rpm:golang'];
/** Targets that name a step, not a file the build writes. */
const STEP = /^(all|build|binaries|bin|default|static|release|deps|vendor|generate|fmt|lint|vet|dist|cross)$/;
const EACH = 9 * MB;

/** The stage can build Go: its image is golang, it installed Go, or this RUN already ran `go`. */
export function hasGo(ctx: RunCtx): boolean {
  if (ctx.ranGo || /(^|\/)golang:/.test(ctx.figure.ref)) return true;
  return GO_PACKAGES.some((p) => ctx.installed.has(p) || ctx.stage.installed.has(p));
}

/** One Go program per target that names a file (`make ./bin/server ./bin/signer`), else one of unknown name in `where`. */
export function goMakeBinaries(targets: string[], where: string, ctx: RunCtx): void {
  const files = targets.filter((t) => !STEP.test(t));
  const unknown = 'the Go programs the Makefile builds (go.mod and sources not read)';
  if (!files.length) {
    artifact(ctx, where, r(EACH, EACH * 0.6, EACH * 2 * 3), `make in a Go project: Go programs ≈ ${formatBytes(EACH)} (targets not named)`, true, unknown);
    return;
  }
  for (const t of files) {
    artifact(ctx, normalizePath(t, where, ctx.envAndVars()), r(EACH, EACH * 0.6, EACH * 2), `make ${t} in a Go project: a Go program ≈ ${formatBytes(EACH)}`, false, unknown);
  }
}
