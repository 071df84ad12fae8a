// What each diagnostic code means, for SARIF rule metadata and `check --help`. Every code the
// core can report has an entry (a test keeps them in step).
import type { Code } from '../core/features/diagnostics/codes';
import { CHECK_RULES, ruleHref } from '../core/features/checks/rules';

export interface RuleInfo {
  description: string;
  /** The SARIF level it is usually reported at (BuildKit's outcome decides; see SEMANTICS.md). */
  level: 'error' | 'warning' | 'note';
  /** The rule's documentation page (BuildKit checks). */
  href?: string;
}

export const RULES: Record<Code, RuleInfo> = {
  'undefined-stage': { level: 'warning', description: 'A --from or mount from= names no stage; it is read as a named build context or an image' },
  'invalid-reference': { level: 'error', description: 'A stage reference that is neither a stage nor a valid image reference: the build fails' },
  'forward-reference': { level: 'error', description: 'A stage is used before it is defined: the build fails when that stage is built' },
  'self-reference': { level: 'error', description: 'A stage copies or mounts from itself: every build fails' },
  'circular-dependency': { level: 'error', description: 'Stages copy or mount from each other in a cycle: every build fails' },
  'index-out-of-range': { level: 'error', description: 'A numeric --from names no stage index: the build fails' },
  'variable-in-from': { level: 'error', description: '--from and mount from= do not expand variables: the build fails' },
  'duplicate-stage': { level: 'warning', description: 'Two stages share a name (BuildKit DuplicateStageName)' },
  'reserved-name': { level: 'warning', description: 'A stage is named scratch or context (BuildKit ReservedStageName)' },
  'stage-name-casing': { level: 'warning', description: 'A stage name has uppercase letters (BuildKit StageNameCasing)' },
  'from-as-casing': { level: 'warning', description: 'FROM and AS are written in different cases (BuildKit FromAsCasing)' },
  'invalid-stage-name': { level: 'error', description: 'A stage name BuildKit rejects: it must match [a-z][a-z0-9-_.]*' },
  'add-from': { level: 'error', description: 'ADD has no --from flag: the build fails; use COPY --from' },
  'unreachable-stage': { level: 'note', description: 'A stage the target never builds (a hint; shown with --severity hint)' },
  'empty-from': { level: 'warning', description: 'An empty --from= or mount from=: BuildKit reads it as no --from (the build context)' },
  'implicit-stage-index': { level: 'warning', description: '--from=N past the stages: BuildKit counts an implicit stage for every --from image and mount, and copies from that image' },
  'invalid-check-directive': { level: 'error', description: 'A # check= directive BuildKit cannot parse: every build fails' },
  'unknown-instruction': { level: 'error', description: 'An instruction BuildKit does not know: the parse fails' },
  'base-image-platform-missing': { level: 'error', description: 'A multi-platform base image with no image for the build\'s platform (from an engine or registry lookup): the pull fails' },
  'unknown-flag': { level: 'error', description: 'A flag BuildKit does not know here (COPY --parents needs a labs syntax): the parse fails' },
  ...Object.fromEntries(Object.values(CHECK_RULES).map((r) => [r.code, { level: 'warning', description: `${r.description} (BuildKit ${r.name}${r.experimental ? ', experimental' : ''})`, href: ruleHref(r.name) }])),
};
