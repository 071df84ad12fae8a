// Every stage diagnostic code, with the BuildKit check it mirrors (where there is one). Quick fixes,
// suppressions and the CLI key on these strings; they never change once published.

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
} as const;

export type Code = (typeof CODES)[keyof typeof CODES];

/** BuildKit build-check rule names, for `# check=skip=` and `# check=error=true`. */
export const BUILDKIT_RULES: Partial<Record<Code, string>> = {
  'duplicate-stage': 'DuplicateStageName',
  'reserved-name': 'ReservedStageName',
  'stage-name-casing': 'StageNameCasing',
  'from-as-casing': 'FromAsCasing',
};

export const ALL_CODES: Code[] = Object.values(CODES);
