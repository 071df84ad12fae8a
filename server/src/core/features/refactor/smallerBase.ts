// "Switch base image": a runtime stage (one that builds nothing) on a big image gets a smaller one
// that still runs what the stage runs: the -slim variant (node, python, debian), the JRE instead of
// a JDK or Maven/Gradle image, the family's small image instead of a toolchain image (gcc, rust,
// golang), and scratch when everything the stage copies in is a static binary and nothing needs a
// shell, a package manager or /etc/passwd. A candidate keeps the stage's package manager when its
// RUNs use one. The title shows the estimated saving when an estimator is given.
import type { Range, Stage, StageModel } from '../../model/types';
import { estimateAfter, estimateBefore, stageAtLine, type RefactorAction } from './action';
import { stageFacts, type StageFacts } from './analysis/facts';
import { familyRuntimeImage, hasShell, imageInfo, packageManagerOf, retag, type ImageInfo } from './analysis/images';
import { programHint, tlsLikely } from './analysis/program';
import { EditSet } from './edits';
import { memoized } from './memo';
import { fromRef, refIndex, usersOf } from './stageRefs';
import { sizeChange, type RefactorOptions } from './sizes';
import { analyzeBuild } from './toolchains';
import { jreImage } from './toolchains/java';
import { slimNode } from './toolchains/node';
import { slimPython } from './toolchains/python';

export function smallerBaseActions(model: StageModel, range: Range, options: RefactorOptions = {}): RefactorAction[] {
  const stage = stageAtLine(model, range.start.line);
  if (!stage || !stage.imageRange || range.start.line > stage.headerRange.end.line) return [];
  return memoized(model, `smaller-base ${stage.index}`, options, () => switchBase(model, stage, options));
}

function switchBase(model: StageModel, stage: Stage, options: RefactorOptions): RefactorAction[] {
  const from = fromRef(model, stage.index);
  const users = usersOf(model, stage.index);
  if (!from || from.resolution.kind !== 'image' || users.bases.length || users.copies.length) return [];
  const facts = stageFacts(model, stage.index);
  if (!facts.root || analyzeBuild({ model, facts, end: facts.instructions.length - 1, program: programHint(facts) })) return [];
  const candidate = smallerImage(model, stage, facts, facts.root);
  if (!candidate || candidate === stage.image) return [];
  const edits = new EditSet(model);
  edits.replaceRange(stage.imageRange!, candidate);
  const finished = edits.finish()!;
  const before = estimateBefore(model, stage.index, options);
  const after = before && estimateAfter(model, finished, stage.index, options);
  if (before && after && after.bytes >= before.bytes) return [];
  return [{ title: `Switch base image to ${candidate}${sizeChange(before, after)}`, kind: 'refactor.rewrite', edits: edits.textEdits(finished) }];
}

/** The smallest image that still runs the stage, or undefined when none is known to be smaller. */
export function smallerImage(model: StageModel, stage: Stage, facts: StageFacts, root: ImageInfo): string | undefined {
  const list = facts.instructions;
  const runs = list.some((i) => i.keyword === 'RUN');
  if (facts.commands.some((c) => !COMMON_COMMANDS.has(c.name))) return undefined;
  const shell = runs || facts.shellForm.some(Boolean) || list.some((i) => i.keyword === 'HEALTHCHECK');
  const manager = facts.packages.length ? packageManagerOf(root.ref) : undefined;
  const user = facts.endUser.split(':')[0];
  const namedUser = /^[a-z_][a-z0-9_-]*$/i.test(user) && user !== 'root';
  const userExists = (image: string) => !namedUser || hasShell(image) || (imageInfo(image).family === 'distroless' && (user === 'nonroot' || user === 'nobody'));
  const fits = (image: string) => (!shell || hasShell(image)) && (!manager || packageManagerOf(image) === manager) && userExists(image);
  const raw = stage.image;
  const candidates: string[] = [];
  const starts = list.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  if (starts && staticArtifactsOnly(model, stage)) candidates.push(tlsLikely(facts) ? 'gcr.io/distroless/static-debian12' : 'scratch');
  switch (root.name) {
    case 'node':
      candidates.push(retag(raw, root, slimNode(root.tag)));
      break;
    case 'python':
    case 'pypy':
      candidates.push(retag(raw, root, slimPython(root.tag)));
      break;
    case 'debian':
      if (!root.tag.includes('slim')) candidates.push(retag(raw, root, root.tag ? `${root.tag}-slim` : 'stable-slim'));
      break;
    case 'eclipse-temurin':
    case 'openjdk':
    case 'maven':
    case 'gradle':
    case 'amazoncorretto':
      if (!root.tag.includes('jre')) candidates.push(jreImage(root));
      break;
    case 'gcc':
    case 'rust':
    case 'golang': {
      const small = familyRuntimeImage(root);
      if (small && !runs) candidates.push(small);
      break;
    }
  }
  return candidates.find((c) => c !== raw && fits(c) && imageInfo(c).ref !== root.ref);
}

/** Commands a smaller image of the same family still has (a toolchain stage uses others). */
const COMMON_COMMANDS = new Set([
  'set', 'true', 'false', 'echo', 'printf', 'mkdir', 'rm', 'rmdir', 'cp', 'mv', 'ln', 'chmod', 'chown', 'chgrp', 'touch', 'cat', 'test', '[',
  'sed', 'grep', 'find', 'ls', 'id', 'env', 'useradd', 'adduser', 'groupadd', 'addgroup', 'usermod', 'apt-get', 'apt', 'dpkg', 'apk',
  'dnf', 'microdnf', 'yum', 'node', 'python', 'python3', 'java', 'php', 'docker-php-ext-enable', 'update-ca-certificates', 'ldconfig',
]);

/** Everything the stage adds comes from COPY --from stages that build static binaries. */
function staticArtifactsOnly(model: StageModel, stage: Stage): boolean {
  const copies = stage.outline.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
  if (!copies.length) return false;
  for (const ins of copies) {
    const ref = refIndex(model).outgoing[stage.index].find((r) => r.kind === 'copy' && r.instructionRange.start.line === ins.range.start.line);
    if (!ref || ref.resolution.kind !== 'stage') return false;
    const source = ref.resolution.target;
    const facts = stageFacts(model, source);
    const analysis = analyzeBuild({ model, facts, end: facts.instructions.length - 1, program: programHint(facts) });
    if (!analysis || analysis.linkage !== 'static' || analysis.builderChanges.length) return false;
  }
  return true;
}
