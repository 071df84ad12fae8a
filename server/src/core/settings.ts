// Settings the core reads (dockerfileStages.* in the editor, flags in the CLI), with their defaults.

export type SizeMetric = 'uncompressed' | 'compressed' | 'containerd';
export type GeneralFeatures = 'auto' | 'on' | 'off';
export type BuildkitChecks = 'auto' | 'on' | 'off';

export interface Settings {
  /** The stage a build targets (`docker build --target`); empty: the last stage. */
  target: string;
  /** Fade stages the target never builds. */
  unreachableStageHints: boolean;
  /** Hint on a --from that names no stage (a named build context or an image). */
  unknownReferenceHints: boolean;
  /** Inlay hints after `--from=N` and `FROM <stage>`. */
  inlayHints: boolean;
  /** Size CodeLens above every FROM. */
  sizeLens: boolean;
  /** Inlay hints at the end of each instruction that adds at least sizeHintThreshold MB (`+236 MB`). */
  sizeHints: boolean;
  /** Smallest size (MB) an instruction adds to get a size hint. */
  sizeHintThreshold: number;
  /** Size findings (size-apt-lists, size-recommends ...) on the stages of the final image, with quick fixes. */
  sizeFindings: boolean;
  sizeMetric: SizeMetric;
  /** Look up sizes of local images with `docker image inspect` (trusted workspaces only). */
  dockerEngineLookup: boolean;
  /** Ask registries for unknown tags. */
  registryLookup: boolean;
  /** Size package installs from the distributions' real package indexes (trusted workspaces only). */
  packageIndexLookup: boolean;
  /** Ask download URLs for their length, HEAD requests (trusted workspaces only). */
  downloadLookup: boolean;
  /** At most this many stage names in one completion list (the nearest); 0: no limit. 1,000 by default: 5,000 items took 9 ms to send and parse, 1,000 take 1.2 ms. */
  completionLimit: number;
  /** General Dockerfile features (instruction completion, hover, formatting, lint) from dockerfile-language-service. */
  generalFeatures: GeneralFeatures;
  /** BuildKit's build checks beyond the stage ones; `auto`: off when Docker DX (which shows them through buildx) is installed. */
  buildkitChecks: BuildkitChecks;
}

export const DEFAULT_SETTINGS: Settings = {
  target: '',
  unreachableStageHints: true,
  unknownReferenceHints: true,
  inlayHints: true,
  sizeLens: true,
  sizeHints: true,
  sizeHintThreshold: 1,
  sizeFindings: true,
  sizeMetric: 'uncompressed',
  dockerEngineLookup: false,
  registryLookup: false,
  packageIndexLookup: false,
  downloadLookup: false,
  completionLimit: 1000,
  generalFeatures: 'auto',
  buildkitChecks: 'auto',
};

/** Merges untrusted input (from the client or a config file) over the defaults, keeping only well-typed values. */
export function normalizeSettings(input: unknown): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  if (!input || typeof input !== 'object') return out;
  const src = input as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const value = src[key];
    if (typeof value === typeof DEFAULT_SETTINGS[key]) (out as unknown as Record<string, unknown>)[key] = value;
  }
  if (!['uncompressed', 'compressed', 'containerd'].includes(out.sizeMetric)) out.sizeMetric = DEFAULT_SETTINGS.sizeMetric;
  if (!Number.isInteger(out.completionLimit) || out.completionLimit < 0) out.completionLimit = DEFAULT_SETTINGS.completionLimit;
  if (!Number.isFinite(out.sizeHintThreshold) || out.sizeHintThreshold < 0) out.sizeHintThreshold = DEFAULT_SETTINGS.sizeHintThreshold;
  if (!['auto', 'on', 'off'].includes(out.generalFeatures)) out.generalFeatures = DEFAULT_SETTINGS.generalFeatures;
  if (!['auto', 'on', 'off'].includes(out.buildkitChecks)) out.buildkitChecks = DEFAULT_SETTINGS.buildkitChecks;
  return out;
}
