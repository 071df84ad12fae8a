// A yum/dnf `.repo` file: the base URLs of its enabled sections, with `$releasever` and
// `$basearch` filled in. Sections with only a mirrorlist or metalink, or a URL still holding an
// unknown variable, name nothing that can be read.

export interface RepoVars {
  releasever: string;
  basearch: string;
}

export function repoFileBaseUrls(text: string, vars: RepoVars): string[] {
  const out: string[] = [];
  let urls: string[] = [];
  let enabled = true;
  let inBaseurl = false;
  const flush = () => {
    if (enabled) for (const u of urls) if (!out.includes(u)) out.push(u);
    urls = [];
    enabled = true;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      flush();
      inBaseurl = false;
      continue;
    }
    const eq = line.indexOf('=');
    const continued = inBaseurl && eq < 0 && line.length > 0 && (raw[0] === ' ' || raw[0] === '\t');
    if (!continued) inBaseurl = false;
    const key = eq > 0 ? line.slice(0, eq).trim().toLowerCase() : '';
    if (key === 'enabled') enabled = line.slice(eq + 1).trim() !== '0';
    if (key !== 'baseurl' && !continued) continue;
    inBaseurl = true;
    for (const word of (continued ? line : line.slice(eq + 1)).split(/[\s,]/)) {
      const url = fill(word, vars);
      if (url) urls.push(url);
    }
  }
  flush();
  return out;
}

function fill(word: string, vars: RepoVars): string | undefined {
  if (!word.startsWith('http://') && !word.startsWith('https://')) return undefined;
  const s = word.split('${releasever}').join(vars.releasever).split('$releasever').join(vars.releasever).split('${basearch}').join(vars.basearch).split('$basearch').join(vars.basearch);
  return s.includes('$') ? undefined : s.endsWith('/') ? s.slice(0, -1) : s;
}
