// docker-bake.hcl -> build sites: each top-level `target "name" { ... }` block with its context,
// dockerfile, target and inherits attributes (plain strings only; an expression is left alone).
import { computeLineStarts, positionAt } from '../model/lines';
import type { Range } from '../model/types';
import type { BuildSite, StringValue } from '../buildTargets/types';
import { scanHcl, type Token } from './hclScanner';

const MAX_NESTING = 64;

export function parseBakeHcl(text: string): BuildSite[] {
  const tokens = scanHcl(text);
  const lineStarts = computeLineStarts(text);
  const toRange = (start: number, end: number): Range => ({ start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) });
  const sites: BuildSite[] = [];
  let i = 0;
  const n = tokens.length;
  const isPunct = (t: Token | undefined, c: string) => t?.type === 'punct' && t.text === c;

  /** Index after an expression that starts at `from`: up to a newline or `}` outside brackets. */
  const skipExpression = (from: number): number => {
    let depth = 0;
    let k = from;
    for (; k < n; k++) {
      const t = tokens[k];
      if (t.type === 'newline' && depth === 0) break;
      if (t.type !== 'punct') continue;
      if (t.text === '{' || t.text === '[' || t.text === '(') depth++;
      else if (t.text === '}' || t.text === ']' || t.text === ')') {
        if (depth === 0) break;
        depth--;
      }
    }
    return k;
  };

  /** Index after the block body opened at `open` (the `{`), calling `onAttribute` for its own attributes. */
  const parseBody = (open: number, onAttribute?: (name: Token, eq: Token, value: Token[]) => void, depth = 0): number => {
    if (depth > MAX_NESTING) return skipBlock(open);
    let k = open + 1;
    while (k < n) {
      const t = tokens[k];
      if (t.type === 'newline' || isPunct(t, ',')) {
        k++;
      } else if (isPunct(t, '}')) {
        return k + 1;
      } else if (t.type === 'ident' && isPunct(tokens[k + 1], '=')) {
        const end = skipExpression(k + 2);
        onAttribute?.(t, tokens[k + 1], tokens.slice(k + 2, end));
        k = end;
      } else if (t.type === 'ident') {
        let j = k + 1;
        while (j < n && (tokens[j].type === 'string' || tokens[j].type === 'ident')) j++;
        k = isPunct(tokens[j], '{') ? parseBody(j, undefined, depth + 1) : j;
      } else {
        k = skipExpression(k + 1);
      }
    }
    return n;
  };

  /** Index after the block opened at `open`, counting brackets only. */
  const skipBlock = (open: number): number => {
    let depth = 0;
    for (let k = open; k < n; k++) {
      const t = tokens[k];
      if (isPunct(t, '{')) depth++;
      else if (isPunct(t, '}') && --depth === 0) return k + 1;
    }
    return n;
  };

  const str = (value: Token[]): StringValue | undefined => {
    if (value.length !== 1 || value[0].type !== 'string' || value[0].text === undefined) return undefined;
    return { value: value[0].text, range: toRange(value[0].contentStart!, value[0].contentEnd!) };
  };

  while (i < n) {
    const t = tokens[i];
    if (t.type !== 'ident') {
      i++;
      continue;
    }
    if (isPunct(tokens[i + 1], '=')) {
      i = skipExpression(i + 2);
      continue;
    }
    let j = i + 1;
    while (j < n && (tokens[j].type === 'string' || tokens[j].type === 'ident')) j++;
    if (!isPunct(tokens[j], '{')) {
      i = j + 1;
      continue;
    }
    const label = tokens[i + 1];
    if (t.text !== 'target' || j !== i + 2 || !label) {
      i = parseBody(j);
      continue;
    }
    const name = label.text;
    const site: BuildSite = { name: name ?? '', nameRange: label.type === 'string' ? toRange(label.contentStart!, label.contentEnd!) : toRange(label.start, label.end) };
    i = parseBody(j, (attr, eq, value) => {
      switch (attr.text) {
        case 'context':
          site.context = str(value);
          break;
        case 'dockerfile':
          site.dockerfile = str(value);
          break;
        case 'dockerfile-inline':
          site.inline = true;
          break;
        case 'target':
          site.target = str(value);
          if (!value.length) site.emptyTarget = toRange(eq.end, lineEnd(text, eq.end));
          break;
        case 'inherits':
          site.inherits = value.filter((v) => v.type === 'string' && v.text !== undefined).map((v) => v.text!);
          break;
      }
    });
    if (name !== undefined) sites.push(site);
  }
  return sites;
}

function lineEnd(text: string, from: number): number {
  let k = from;
  while (k < text.length && text[k] !== '\n' && text[k] !== '\r' && text[k] !== '#') k++;
  return k;
}
