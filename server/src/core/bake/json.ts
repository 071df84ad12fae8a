// docker-bake.json -> build sites: `{"target": {"name": {"context", "dockerfile", "target",
// "inherits"}}}`, parsed with jsonc-parser (Microsoft's tolerant parser, which keeps offsets).
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { computeLineStarts, positionAt } from '../model/lines';
import type { Range } from '../model/types';
import type { BuildSite, StringValue } from '../buildTargets/types';

export function parseBakeJson(text: string): BuildSite[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const targets = root && findNodeAtLocation(root, ['target']);
  if (!targets || targets.type !== 'object') return [];
  const lineStarts = computeLineStarts(text);
  const toRange = (start: number, end: number): Range => ({ start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) });
  const inner = (node: Node): Range => toRange(node.offset + 1, Math.max(node.offset + 1, node.offset + node.length - 1));
  const str = (node: Node | undefined): StringValue | undefined => (node?.type === 'string' && typeof node.value === 'string' ? { value: node.value, range: inner(node) } : undefined);
  const sites: BuildSite[] = [];
  for (const property of targets.children ?? []) {
    const [key, body] = property.children ?? [];
    if (!key || key.type !== 'string' || !body || body.type !== 'object') continue;
    const site: BuildSite = { name: String(key.value), nameRange: inner(key) };
    for (const attr of body.children ?? []) {
      const [k, v] = attr.children ?? [];
      if (!k || k.type !== 'string') continue;
      switch (k.value) {
        case 'context':
          site.context = str(v);
          break;
        case 'dockerfile':
          site.dockerfile = str(v);
          break;
        case 'dockerfile-inline':
          site.inline = true;
          break;
        case 'target':
          site.target = str(v);
          break;
        case 'inherits':
          if (v?.type === 'array') site.inherits = (v.children ?? []).filter((c) => c.type === 'string').map((c) => String(c.value));
          break;
      }
    }
    sites.push(site);
  }
  return sites;
}
