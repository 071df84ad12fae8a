// Checks a string against the Docker image reference grammar (distribution/reference), the way
// BuildKit's `ParseNormalizedNamed` does, with a hand-written scanner: no regular expression that
// could backtrack on user text.

export type ReferenceCheck = { ok: true } | { ok: false; reason: string };

const INVALID = 'invalid reference format';

export function checkImageReference(ref: string): ReferenceCheck {
  if (ref.length === 0) return { ok: false, reason: INVALID };
  if (ref.length > 512) return { ok: false, reason: 'repository name must not be more than 255 characters' };
  let name = ref;
  const at = name.indexOf('@');
  if (at !== -1) {
    if (!isDigest(name.slice(at + 1))) return { ok: false, reason: INVALID };
    name = name.slice(0, at);
  }
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) {
    if (!isTag(name.slice(colon + 1))) return { ok: false, reason: INVALID };
    name = name.slice(0, colon);
  }
  const parts = name.split('/');
  let first = 0;
  const head = parts[0];
  if (parts.length > 1 && (head.includes('.') || head.includes(':') || head === 'localhost' || head.toLowerCase() !== head)) {
    if (!isDomain(head)) return { ok: false, reason: INVALID };
    first = 1;
  }
  if (name.length - (first ? head.length + 1 : 0) > 255) return { ok: false, reason: 'repository name must not be more than 255 characters' };
  for (let k = first; k < parts.length; k++) {
    const p = parts[k];
    if (isPathComponent(p)) continue;
    if (p.toLowerCase() !== p && isPathComponent(p.toLowerCase())) return { ok: false, reason: 'repository name must be lowercase' };
    return { ok: false, reason: INVALID };
  }
  return { ok: true };
}

const isLowerAlnum = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
const isAlnum = (c: string) => isLowerAlnum(c) || (c >= 'A' && c <= 'Z');

/** [a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)* */
function isPathComponent(p: string): boolean {
  if (p.length === 0 || !isLowerAlnum(p[0]) || !isLowerAlnum(p[p.length - 1])) return false;
  let i = 0;
  while (i < p.length) {
    if (isLowerAlnum(p[i])) {
      i++;
      continue;
    }
    const sepStart = i;
    if (p[i] === '.') i++;
    else if (p[i] === '_') {
      i++;
      if (p[i] === '_') i++;
    } else if (p[i] === '-') {
      while (p[i] === '-') i++;
    } else return false;
    if (i === sepStart || !isLowerAlnum(p[i] ?? '')) return false;
  }
  return true;
}

function isTag(t: string): boolean {
  if (t.length === 0 || t.length > 128) return false;
  const word = (c: string) => isAlnum(c) || c === '_';
  if (!word(t[0])) return false;
  for (let i = 1; i < t.length; i++) if (!word(t[i]) && t[i] !== '.' && t[i] !== '-') return false;
  return true;
}

function isDigest(d: string): boolean {
  const colon = d.indexOf(':');
  if (colon <= 0) return false;
  const algo = d.slice(0, colon);
  const hex = d.slice(colon + 1);
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/.test(algo) || algo.length > 64) return false;
  return hex.length >= 32 && /^[0-9a-fA-F]+$/.test(hex);
}

function isDomain(h: string): boolean {
  let host = h;
  const colon = h.lastIndexOf(':');
  if (colon !== -1 && !h.startsWith('[')) {
    const port = h.slice(colon + 1);
    if (!/^[0-9]+$/.test(port)) return false;
    host = h.slice(0, colon);
  }
  if (host.startsWith('[')) return host.endsWith(']') || /^\[[0-9a-fA-F:]+\](:[0-9]+)?$/.test(h);
  if (host.length === 0) return false;
  for (const label of host.split('.')) {
    if (label.length === 0 || !isAlnum(label[0]) || !isAlnum(label[label.length - 1])) return false;
    for (const c of label) if (!isAlnum(c) && c !== '-') return false;
  }
  return true;
}
