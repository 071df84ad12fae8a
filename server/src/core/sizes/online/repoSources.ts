// The package indexes of repositories a Dockerfile adds, when their URL is written in it: a deb
// line (one-line or deb822 `URIs:`/`Suites:`/`Components:`) gives `dists/<suite>/<component>/
// binary-<arch>/Packages.gz` (a flat repository `<suite>/Packages.gz`); an apk repository line
// `<url>/<arch>/APKINDEX.tar.gz`; a .repo file its base URLs, and `dnf config-manager --add-repo`
// the .repo file's URL (read by the lookup) or a base URL. Text still holding a variable or a
// command substitution names nothing that can be read.
import type { AddedRepo } from '../repos';
import type { IndexSource } from '../types';
import { repoFileBaseUrls, type RepoVars } from './repoFile';

export function repoSources(format: IndexSource['format'], repo: AddedRepo, release: RepoVars): IndexSource[] {
  if (repo.kind !== format) return [];
  const label = repo.label;
  if (format === 'deb') return debLines(repo.text, release.basearch).map((url) => ({ format, url, label }));
  if (format === 'apk') {
    const url = firstUrl(repo.text);
    return url ? [{ format, url: `${trimSlash(url)}/${release.basearch}/APKINDEX.tar.gz`, label }] : [];
  }
  const text = repo.text.split('\\n').join('\n');
  const arch = release.basearch;
  if (text.includes('baseurl')) return repoFileBaseUrls(text, release).map((url) => ({ format, url, label, arch }));
  const url = firstUrl(text);
  if (!url) return [];
  return url.endsWith('.repo') ? [{ format, url, label, repoFile: release }] : [{ format, url: trimSlash(url), label, arch }];
}

function debLines(text: string, arch: string): string[] {
  if (text.includes('URIs:')) return deb822(text, arch);
  const words = text.split(/\s+/);
  const out: string[] = [];
  for (let k = 0; k < words.length; k++) {
    if (words[k] !== 'deb') continue;
    let j = k + 1;
    if (words[j]?.startsWith('[')) while (j < words.length && !words[j].endsWith(']')) j++;
    if (words[j]?.startsWith('[')) j++;
    else if (words[j]?.endsWith(']')) j++;
    const [url, suite, ...rest] = words.slice(j);
    const components: string[] = [];
    for (const c of rest) {
      if (c === 'deb' || c.includes('://') || c.startsWith('[')) break;
      components.push(c);
    }
    out.push(...debUrls(url, suite, components, arch));
  }
  return out;
}

function deb822(text: string, arch: string): string[] {
  const field = (key: string) => {
    const at = text.indexOf(key + ':');
    if (at < 0) return [];
    const end = text.indexOf('\n', at);
    return text.slice(at + key.length + 1, end < 0 ? text.length : end).trim().split(/\s+/).filter(Boolean);
  };
  const out: string[] = [];
  for (const url of field('URIs')) for (const suite of field('Suites')) out.push(...debUrls(url, suite, field('Components'), arch));
  return out;
}

function debUrls(url: string | undefined, suite: string | undefined, components: string[], arch: string): string[] {
  if (!url || !suite || !isHttp(url) || [url, suite, ...components].some(hasVariable)) return [];
  const root = trimSlash(url);
  if (suite.endsWith('/')) return [`${root}/${suite === './' ? '' : suite}Packages.gz`];
  return components.map((c) => `${root}/dists/${suite}/${c}/binary-${arch}/Packages.gz`);
}

function firstUrl(text: string): string | undefined {
  const url = text.split(/\s+/).find(isHttp);
  return url && !hasVariable(url) ? url : undefined;
}

function isHttp(word: string): boolean {
  return word.startsWith('http://') || word.startsWith('https://');
}

function hasVariable(s: string): boolean {
  return s.includes('$') || s.includes('`');
}

function trimSlash(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}
