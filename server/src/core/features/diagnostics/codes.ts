// Every stage diagnostic code, with the BuildKit check it mirrors (where there is one). Quick fixes,
// suppressions and the CLI key on these strings; they never change once published.

import { CHECK_RULES, type CheckCode } from '../checks/rules';

export const SOURCE = 'dockerfile-stages';

export const CODES = {
  undefinedStage: 'undefined-stage',
  invalidReference: 'invalid-reference',
  forwardReference: 'forward-reference',
  selfReference: 'self-reference',
  circularDependency: 'circular-dependency',
  indexOutOfRange: 'index-out-of-range',
  variableInFrom: 'variable-in-from',
  duplicateStage: 'duplicate-stage',
  reservedName: 'reserved-name',
  stageNameCasing: 'stage-name-casing',
  fromAsCasing: 'from-as-casing',
  invalidStageName: 'invalid-stage-name',
  addFrom: 'add-from',
  unreachableStage: 'unreachable-stage',
  emptyFrom: 'empty-from',
  implicitStage: 'implicit-stage-index',
  invalidCheckDirective: 'invalid-check-directive',
  unknownInstruction: 'unknown-instruction',
  unknownFlag: 'unknown-flag',
  baseImagePlatformMissing: 'base-image-platform-missing',
} as const;

/** Size findings (core/features/sizeFindings): what makes the final image bigger than it needs to be. */
export const SIZE_CODES = {
  aptLists: 'size-apt-lists',
  recommends: 'size-recommends',
  packageCache: 'size-package-cache',
  deletedLater: 'size-deleted-later',
  toolchainInFinal: 'size-toolchain-in-final',
  context: 'size-context',
} as const;

export type SizeCode = (typeof SIZE_CODES)[keyof typeof SIZE_CODES];

export type StageCode = (typeof CODES)[keyof typeof CODES];
export type Code = StageCode | CheckCode;

/** BuildKit build-check rule names, for `# check=skip=` and `# check=error=true`. */
export const BUILDKIT_RULES: Partial<Record<Code, string>> = {
  'duplicate-stage': 'DuplicateStageName',
  'reserved-name': 'ReservedStageName',
  'stage-name-casing': 'StageNameCasing',
  'from-as-casing': 'FromAsCasing',
  ...Object.fromEntries(Object.values(CHECK_RULES).map((r) => [r.code, r.name])),
};

export const ALL_CODES: Code[] = [...Object.values(CODES), ...Object.values(CHECK_RULES).map((r) => r.code)];
