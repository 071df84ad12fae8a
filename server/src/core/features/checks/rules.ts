// BuildKit's build checks (frontend/dockerfile/linter/ruleset.go): our code for each, its BuildKit
// name for `# check=skip=`, and whether it is experimental (off unless `# check=experimental=`).
// The documentation page of a rule is https://docs.docker.com/go/dockerfile/rule/<kebab-name>/.

export interface CheckRule {
  code: string;
  name: string;
  experimental?: boolean;
  description: string;
}

const rule = (name: string, description: string, experimental = false, code = kebab(name)): CheckRule => ({ code, name, description, ...(experimental ? { experimental } : {}) });

export const CHECK_RULES = {
  undefinedArgInFrom: rule('UndefinedArgInFrom', 'FROM uses an ARG that is not declared before the first FROM'),
  invalidDefaultArgInFrom: rule('InvalidDefaultArgInFrom', "The global ARGs' defaults make an empty or invalid base image name"),
  redundantTargetPlatform: rule('RedundantTargetPlatform', 'FROM --platform=$TARGETPLATFORM is the default'),
  fromPlatformFlagConstDisallowed: rule('FromPlatformFlagConstDisallowed', 'FROM --platform with a constant value'),
  multipleInstructionsDisallowed: rule('MultipleInstructionsDisallowed', 'More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage: only the last one counts'),
  invalidDefinitionDescription: rule('InvalidDefinitionDescription', 'A comment right above FROM or ARG should start with the stage or argument name', true),
  jsonArgsRecommended: rule('JSONArgsRecommended', 'CMD or ENTRYPOINT in shell form: the process does not get OS signals'),
  consistentInstructionCasing: rule('ConsistentInstructionCasing', 'An instruction keyword cased unlike the majority of the file'),
  noEmptyContinuation: rule('NoEmptyContinuation', 'An empty line inside a continued instruction'),
  legacyKeyValueFormat: rule('LegacyKeyValueFormat', 'ENV or LABEL written as "key value" instead of key=value'),
  maintainerDeprecated: rule('MaintainerDeprecated', 'MAINTAINER is deprecated; use LABEL'),
  workdirRelativePath: rule('WorkdirRelativePath', 'A relative WORKDIR before any absolute one'),
  undefinedVar: rule('UndefinedVar', 'A variable used before it is defined (ENV, ARG) in the stage'),
  secretsUsedInArgOrEnv: rule('SecretsUsedInArgOrEnv', 'An ARG or ENV name that looks like a secret (it stays in the image)'),
  exposeProtoCasing: rule('ExposeProtoCasing', 'An EXPOSE protocol in upper case'),
  exposeInvalidFormat: rule('ExposeInvalidFormat', 'EXPOSE with an IP address or a host port'),
  copyIgnoredFile: rule('CopyIgnoredFile', 'COPY or ADD of a file that .dockerignore excludes', true),
  invalidBaseImagePlatform: rule('InvalidBaseImagePlatform', 'The base image has another platform than the build'),
} as const;

export type CheckCode = (typeof CHECK_RULES)[keyof typeof CHECK_RULES]['code'];

export const RULE_BY_CODE = new Map<string, CheckRule>(Object.values(CHECK_RULES).map((r) => [r.code, r]));

/** `JSONArgsRecommended` -> `json-args-recommended`. */
export function kebab(name: string): string {
  return name.replace(/JSON/g, 'Json').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function ruleHref(name: string): string {
  return `https://docs.docker.com/go/dockerfile/rule/${kebab(name)}/`;
}
