// Package repositories a Dockerfile adds, read off its commands: a deb line written into
// /etc/apt/sources.list(.d) (echo/printf > file, | tee file, a deb822 .sources file), `add-apt-repository`,
// a .repo file in /etc/yum.repos.d or `dnf config-manager --add-repo`, a repository package
// (`dnf install https://.../pgdg-redhat-repo-latest.noarch.rpm`, `epel-release`), a line in
// /etc/apk/repositories or `apk add --repository`, and vendor setup scripts (`curl .../setup_22.x | bash`).
// Later package installs of the stage ask which added repository ships a name (vendors.ts).
import { vendorOf, type Vendor } from './vendors';

export interface AddedRepo {
  /** What the file or command said (a URL or repository line, else the file name). */
  text: string;
  /** The known vendor, if its mark is in the text. */
  vendor?: Vendor;
  /** `the repository at download.opensuse.org` when the vendor is not known. */
  label: string;
  /** The package format of the file or command it was added by (a deb line, an apk repository, a .repo file). */
  kind?: 'deb' | 'apk' | 'rpm';
}

const REPO_FILES = ['/etc/apt/sources.list', '/etc/yum.repos.d/', '/etc/apk/repositories', '/etc/zypp/repos.d/', '/etc/distro.repos.d/'];

/** A path whose content names a package repository. */
export function isRepoFile(path: string): boolean {
  return REPO_FILES.some((p) => path.startsWith(p)) && !path.endsWith('.gpg') && !path.endsWith('.asc');
}

/** The package format of a repository file (`/etc/apt/sources.list.d/x.list` -> deb). */
export function repoFileKind(path: string): AddedRepo['kind'] {
  if (path.startsWith('/etc/apt/')) return 'deb';
  if (path.startsWith('/etc/apk/')) return 'apk';
  return isRepoFile(path) ? 'rpm' : undefined;
}

/** The repository `text` names: a known vendor, else the host of its first URL. */
export function repoFrom(text: string, kind?: AddedRepo['kind']): AddedRepo {
  const r = labelled(text);
  if (kind) r.kind = kind;
  return r;
}

function labelled(text: string): AddedRepo {
  const vendor = vendorOf(text);
  if (vendor) return { text, vendor, label: vendor.label };
  const host = firstHost(text);
  if (host) return { text, label: `the repository at ${host}` };
  const ppa = text.indexOf('ppa:');
  if (ppa >= 0) return { text, label: `the PPA ${text.slice(ppa, ppa + 80).split(/\s/)[0]}` };
  const slash = text.lastIndexOf('/');
  return { text, label: `the repository of ${text.slice(slash + 1).slice(0, 80) || text.slice(0, 80)}` };
}

function firstHost(text: string): string | undefined {
  const at = text.indexOf('://');
  if (at < 0) return undefined;
  let end = at + 3;
  while (end < text.length && !'/ \t\n"\'$'.includes(text[end])) end++;
  return end > at + 3 ? text.slice(at + 3, end) : undefined;
}

/** A file or URL of a repository package (`*-release*.rpm`, `pgdg-redhat-repo-latest.noarch.rpm`, `mysql-apt-config_*.deb`). */
export function isRepoPackage(word: string): boolean {
  const w = word.toLowerCase();
  const base = w.slice(w.lastIndexOf('/') + 1);
  if (base === 'epel-release' || base.startsWith('epel-release-')) return true;
  if (!base.endsWith('.rpm') && !base.endsWith('.deb')) return false;
  return base.includes('-release') || base.includes('-repo') || base.includes('apt-config') || base.includes('repos-') || base.includes('-prod.') || base.includes('keyring');
}

export interface RepoCommand {
  words: string[];
  stdout?: string;
  /** Text an earlier command of the same pipeline or RUN printed (`echo "deb ..." | tee file`). */
  printed?: string;
}

/** The repositories a command adds (none for most commands). */
export function reposAdded(c: RepoCommand): AddedRepo[] {
  const [p, ...args] = c.words;
  const name = p ? p.slice(p.lastIndexOf('/') + 1) : '';
  if ((name === 'echo' || name === 'printf' || name === 'cat') && c.stdout && isRepoFile(c.stdout)) {
    const text = name === 'cat' ? c.printed ?? '' : args.filter((a) => !a.startsWith('-') || a.includes('://')).join(' ');
    return [repoFrom(text.includes('://') || vendorOf(text) ? text : c.stdout + ' ' + text, repoFileKind(c.stdout))];
  }
  if (name === 'tee') {
    const file = args.find((a) => !a.startsWith('-'));
    if (file && isRepoFile(file)) return [repoFrom(c.printed && (c.printed.includes('://') || vendorOf(c.printed)) ? c.printed : file + ' ' + (c.printed ?? ''), repoFileKind(file))];
  }
  if (name === 'add-apt-repository' || name === 'apt-add-repository') {
    const spec = args.find((a) => !a.startsWith('-'));
    if (spec) return [repoFrom(spec, 'deb')];
  }
  if (name === 'yum-config-manager' || ((name === 'dnf' || name === 'yum' || name === 'dnf5') && args[0] === 'config-manager')) {
    const out: AddedRepo[] = [];
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (a === '--add-repo' && args[k + 1]) out.push(repoFrom(args[k + 1], 'rpm'));
      else if (a.startsWith('--add-repo=') || a.startsWith('--from-repofile=')) out.push(repoFrom(a.slice(a.indexOf('=') + 1), 'rpm'));
    }
    return out;
  }
  if (name === 'curl' || name === 'wget') {
    // A vendor's setup script (NodeSource's setup_22.x) adds its repository when piped to a shell.
    const url = args.find((a) => a.includes('://'));
    const vendor = url ? vendorOf(url) : undefined;
    if (url && vendor && (url.includes('/setup') || url.endsWith('.repo') || url.endsWith('.list'))) return [repoFrom(url)];
  }
  if (name === 'rpm' || name === 'dnf' || name === 'yum' || name === 'microdnf' || name === 'dpkg' || name === 'apt-get' || name === 'apt') {
    return args.filter(isRepoPackage).map((a) => repoFrom(a));
  }
  return [];
}

/** `apk add --repository URL` / `-X URL`: a repository for this command only. */
export function apkCommandRepos(words: string[]): AddedRepo[] {
  const out: AddedRepo[] = [];
  for (let k = 1; k < words.length; k++) {
    const w = words[k];
    if ((w === '--repository' || w === '-X') && words[k + 1]) out.push(repoFrom(words[k + 1], 'apk'));
    else if (w.startsWith('--repository=')) out.push(repoFrom(w.slice(13), 'apk'));
  }
  return out;
}

/** Repositories Alpine itself publishes (edge, testing, community): the Alpine tables still apply. */
export function isAlpineRepo(r: AddedRepo): boolean {
  return !r.vendor && r.text.includes('alpinelinux.org') || r.text.includes('/alpine/edge') || r.text.includes('/alpine/v3');
}

/** EPEL, CRB/PowerTools and the distribution's own extra repositories: built like the distribution's packages. */
export function isDistroExtra(r: AddedRepo): boolean {
  const t = r.text.toLowerCase();
  return !r.vendor && (t.includes('epel') || t.includes('powertools') || t.includes('crb') || t.includes('codeready') || t.includes('rpmfusion') || t.includes('deb.debian.org') || t.includes('security.debian.org') || t.includes('archive.ubuntu.com') || t.includes('backports'));
}
