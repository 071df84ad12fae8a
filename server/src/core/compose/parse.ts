// Compose file -> build sites: for each service with a `build`, its context, dockerfile and target
// with their ranges. Parsed with the `yaml` package (positions kept, errors tolerated), following
// aliases and `<<` merge keys so anchored build sections count too.
import { isAlias, isMap, isPair, isScalar, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { computeLineStarts, positionAt } from '../model/lines';
import type { Range } from '../model/types';
import type { BuildSite, StringValue } from '../buildTargets/types';

const MAX_DEPTH = 8;

export function parseCompose(text: string): BuildSite[] {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return [];
  }
  const lineStarts = computeLineStarts(text);
  const toRange = (start: number, end: number): Range => ({ start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) });
  const services = mapValue(doc, doc.contents, 'services');
  if (!isMap(services)) return [];
  const sites: BuildSite[] = [];
  for (const item of services.items) {
    if (!isScalar(item.key) || !item.key.range) continue;
    const service = resolve(doc, item.value as Node | null);
    if (!isMap(service)) continue;
    const build = mapValue(doc, service, 'build');
    if (!build) continue;
    const site: BuildSite = { name: String(item.key.value), nameRange: toRange(item.key.range[0], item.key.range[1]) };
    if (isScalar(build)) {
      site.context = stringValue(build, toRange);
    } else if (isMap(build)) {
      site.context = stringValue(mapValue(doc, build, 'context'), toRange);
      site.dockerfile = stringValue(mapValue(doc, build, 'dockerfile'), toRange);
      site.inline = mapValue(doc, build, 'dockerfile_inline') !== undefined;
      const targetPair = findPair(doc, build, 'target');
      const target = targetPair && resolve(doc, targetPair.value as Node | null);
      site.target = stringValue(target, toRange);
      if (targetPair && !site.target && isEmpty(target)) {
        const keyEnd = (targetPair.key as Node).range?.[1];
        if (keyEnd !== undefined) site.emptyTarget = toRange(keyEnd, lineEndOffset(text, keyEnd));
      }
    } else {
      continue;
    }
    sites.push(site);
  }
  return sites;
}

function isEmpty(node: Node | undefined): boolean {
  return node === undefined || node === null || (isScalar(node) && (node.value === null || node.value === ''));
}

function stringValue(node: Node | undefined, toRange: (s: number, e: number) => Range): StringValue | undefined {
  if (!isScalar(node) || !node.range || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value !== 'string' && typeof node.value !== 'number') return undefined;
  const value = String(node.value);
  let [start, end] = node.range;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    start += 1;
    end = Math.max(start, end - 1);
  }
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return undefined;
  return { value, range: toRange(start, end) };
}

function resolve(doc: Document.Parsed, node: Node | null | undefined): Node | undefined {
  let n: unknown = node ?? undefined;
  for (let i = 0; i < MAX_DEPTH && isAlias(n); i++) n = n.resolve(doc);
  return isAlias(n) || n === null || n === undefined ? undefined : (n as Node);
}

/** The pair for `key` in a map, looking through `<<` merge keys (own keys first). */
function findPair(doc: Document.Parsed, map: YAMLMap, key: string, depth = 0): Pair | undefined {
  const merges: Node[] = [];
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    if (item.key.value === key) return item;
    if (item.key.value === '<<' && depth < MAX_DEPTH) merges.push(item.value as Node);
  }
  for (const m of merges) {
    const sources = resolve(doc, m);
    const list = isMap(sources) ? [sources] : sources && 'items' in sources ? (sources.items as Node[]).map((s) => resolve(doc, s)) : [];
    for (const source of list) {
      if (!isMap(source)) continue;
      const found = findPair(doc, source, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function mapValue(doc: Document.Parsed, node: unknown, key: string): Node | undefined {
  const map = resolve(doc, node as Node);
  if (!isMap(map)) return undefined;
  const pair = findPair(doc, map, key);
  return pair ? resolve(doc, pair.value as Node | null) : undefined;
}

function lineEndOffset(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r' && text[i] !== '#') i++;
  return i;
}
