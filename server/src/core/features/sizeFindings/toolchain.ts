// size-toolchain-in-final: the final stage builds a program and ships the compiler, the -dev
// packages and the build's caches with it. The fix is "Split into builder stage" (the same
// refactoring, planned once per version), and the saving its estimate: the stage before, the
// runtime stage after. What the split moves into the builder leaves the image with it, so the
// other findings on those lines are dropped (index.ts).
// Only when there is a toolchain to move: the runtime gets another image, or the builder keeps
// compilers or -dev packages (a split that moves pip's cache alone is size-package-cache's).
import { SIZE_CODES } from '../diagnostics/codes';
import { packageRole } from '../refactor/analysis/packages';
import { SPLIT_TITLE, stageSplitOffer } from '../refactor/splitBuilder';
import { stageEstimator } from '../refactor/sizes';
import { MB } from '../../sizes/units';
import { about, type SizeFinding, type StageView } from './view';

const MIN_SAVING = 20 * MB;

/** Fetch and unpack tools the split counts as build tools: alone they are no toolchain. */
const FETCHERS = new Set(['git', 'curl', 'wget', 'unzip', 'xz-utils', 'bzip2', 'tar', 'gnupg', 'ca-certificates', 'openssh-client']);

function isToolchainPackage(name: string): boolean {
  const role = packageRole(name);
  return role === 'dev' || (role === 'build' && !FETCHERS.has(name));
}

export interface ToolchainFinding {
  finding: SizeFinding;
  /** The builder's last line: findings up to it go with the split. */
  builderEnd: number;
}

export function toolchainFinding(view: StageView): ToolchainFinding | undefined {
  const { model, stage, options } = view;
  if (!stage.imageRange) return undefined;
  const offer = stageSplitOffer(model, stage, { estimate: stageEstimator('uncompressed', options.io), target: options.target });
  if (!offer?.before || !offer.after) return undefined;
  // The split moves caches too; the finding is about a toolchain: another image, or compilers or -dev packages left behind.
  if (offer.sameImage && ![...offer.builderPackages].some(isToolchainPackage)) return undefined;
  // A split that leaves a TODO (what the build wrote is not known) is a refactoring to finish by hand, not a fix.
  if (offer.edits.some((e) => e.newText.includes('# TODO: fill in'))) return undefined;
  const saving = offer.before.bytes - offer.after.bytes;
  // A split restructures the file: worth suggesting for a real share of the image only.
  if (saving < MIN_SAVING || saving < offer.before.bytes * 0.1) return undefined;
  return {
    builderEnd: offer.builderEnd,
    finding: {
      code: SIZE_CODES.toolchainInFinal,
      stage: stage.index,
      range: stage.imageRange,
      message: `The final image ships the build toolchain, its packages and caches: ${about(offer.before.bytes)}, ${about(offer.after.bytes)} with the build in a builder stage (saves ${about(saving)})`,
      saving,
      fix: { title: SPLIT_TITLE, edits: offer.edits },
    },
  };
}
