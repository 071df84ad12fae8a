// InvalidBaseImagePlatform (dockerfile2llb/convert.go validateBaseImagePlatform): a stage the target
// builds whose base image exists only for another OS or architecture. BuildKit pulls it anyway and
// warns; the RUNs then need emulation or fail with "exec format error". The image's platforms come
// from an injected lookup (the local engine or the registry, both opt-in), so without one nothing is
// reported. A multi-platform image that lacks the build's platform fails the build ("no match for
// platform in manifest"): that is an error of its own.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { StageModel } from '../../model/types';
import type { SizeIO } from '../../sizes/types';
import { formatPlatform, platformOf, type Platform } from '../../shell/platform';
import { CODES, SOURCE } from '../diagnostics/codes';
import { report } from './report';
import { CHECK_RULES } from './rules';

/** What a lookup knows of an image: its platforms (`linux/arm64`, `linux/arm/v7`) and whether it is a multi-platform index. */
export interface ImagePlatforms {
  platforms: string[];
  index: boolean;
}

export type ImagePlatformLookup = (ref: string) => ImagePlatforms | undefined;

/** Platforms from the size lookups: the local image first (the engine's builder uses it), else the registry's tag. */
export function platformsFromLookups(io: Pick<SizeIO, 'engineImage' | 'registryImage'>): ImagePlatformLookup {
  return (ref) => {
    const local = io.engineImage?.(ref);
    if (local?.platform) return { platforms: [local.platform], index: false };
    const tag = io.registryImage?.(ref);
    return tag?.platforms?.length ? { platforms: tag.platforms, index: !!tag.index } : undefined;
  };
}

/** The base images a lookup is asked about: the FROM images, ARGs expanded. */
export function baseImageRefs(model: StageModel): string[] {
  const refs = new Set<string>();
  for (const stage of model.stages) {
    const from = model.stageRefs[stage.index]?.find((r) => r.kind === 'from');
    if (from && !from.value.includes('$') && IMAGE_KINDS.has(from.resolution.kind)) refs.add(from.value);
  }
  return [...refs];
}

const IMAGE_KINDS = new Set(['image', 'unknown', 'later-stage']);

/** `build`: the platform the builder builds for when FROM has no --platform (this machine's). */
export function baseImagePlatformChecks(model: StageModel, reachable: Set<number>, lookup: ImagePlatformLookup, build: Platform): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const stage of model.stages) {
    if (!reachable.has(stage.index) || !stage.imageRange) continue;
    const from = model.stageRefs[stage.index]?.find((r) => r.kind === 'from');
    if (!from || from.value.includes('$') || !IMAGE_KINDS.has(from.resolution.kind)) continue;
    const expected = expectedPlatform(stage.platform?.value, build);
    const found = expected && lookup(from.value);
    if (!expected || !found || found.platforms.length === 0) continue;
    const want = formatPlatform(expected);
    if (found.platforms.some((p) => sameOsArch(platformOf(p), expected))) continue;
    if (found.index) {
      out.push({ range: stage.imageRange, severity: DiagnosticSeverity.Error, code: CODES.baseImagePlatformMissing, source: SOURCE, message: `${from.value} has no image for ${want} (it has ${found.platforms.join(', ')}): the build fails with "no match for platform in manifest"` });
    } else {
      out.push(report(CHECK_RULES.invalidBaseImagePlatform, stage.imageRange, `Base image ${from.value} was pulled with platform "${found.platforms[0]}", expected "${want}" for current build`, stage.fromKeywordLine));
    }
  }
  return out;
}

/** The stage's --platform when it can be read without a build, else the build's platform. */
function expectedPlatform(flag: string | undefined, build: Platform): Platform | undefined {
  if (flag === undefined) return build;
  const value = flag.replace(/^["']|["']$/g, '');
  if (/^\$\{?(BUILD|TARGET)PLATFORM\}?$/.test(value)) return build;
  return value.includes('$') ? undefined : platformOf(value);
}

function sameOsArch(a: Platform | undefined, b: Platform): boolean {
  return !!a && a.os === b.os && a.arch === b.arch;
}
