// The package indexes of a stage's distribution release, read off its base image: Debian (the
// release's `main`; releases before bullseye from archive.debian.org), Ubuntu (main, restricted,
// universe, multiverse; ports.ubuntu.com off x86), Alpine (main and community of the release, or
// latest-stable), and the EL family and Fedora (BaseOS and AppStream, or Everything). Amazon Linux
// publishes mirror lists only, and an image of unknown release names no index: both say why.
import type { Platform } from '../../shell/platform';
import { splitImage } from '../baseImage';
import { CODENAMES, UBUNTU } from '../debSuites';
import { rpmFlavor } from '../rpmPackages';
import type { BaseFigure, IndexSource } from '../types';

export type SourcePlan = { sources: IndexSource[]; release: { releasever: string; basearch: string; codename?: string } } | { reason: string };

type Format = IndexSource['format'];

const DEB_ARCH: Record<string, string> = { amd64: 'amd64', arm64: 'arm64', arm: 'armhf', '386': 'i386', ppc64le: 'ppc64el', s390x: 's390x', riscv64: 'riscv64' };
const APK_ARCH: Record<string, string> = { amd64: 'x86_64', arm64: 'aarch64', arm: 'armv7', '386': 'x86', ppc64le: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
const RPM_ARCH: Record<string, string> = { amd64: 'x86_64', arm64: 'aarch64', ppc64le: 'ppc64le', s390x: 's390x' };

const DEBIAN_NUMBERS: Record<string, string> = { 8: 'jessie', 9: 'stretch', 10: 'buster', 11: 'bullseye', 12: 'bookworm', 13: 'trixie', 14: 'forky' };
const ARCHIVED = new Set(['jessie', 'stretch', 'buster']);

export function distroSources(format: Format, figure: BaseFigure, platform: Platform): SourcePlan {
  if (format === 'deb') return debSources(figure, platform);
  if (format === 'apk') return apkSources(figure, platform);
  return rpmSources(figure, platform);
}

/** The words of the tag as written, then of the tag the table resolved it to. */
function tagWords(figure: BaseFigure): { image: string; tags: string[][] } {
  const { name, tag } = splitImage(figure.ref);
  const resolved = figure.resolved.slice(figure.resolved.lastIndexOf(':') + 1);
  return { image: name, tags: [tag, resolved].map((t) => t.toLowerCase().split(/[-_]/).filter(Boolean)) };
}

function isImage(image: string, name: string): boolean {
  return image === name || image.endsWith('/' + name);
}

/** The Debian or Ubuntu codename a tag's words name (`noble`, `bookworm`; `ubuntu:24.04`, `debian:12`). */
function codenameOf(image: string, words: string[]): { ubuntu?: string; debian?: string } | undefined {
  for (const w of words) {
    if (Object.hasOwn(UBUNTU, w)) return { ubuntu: w };
    if (Object.hasOwn(CODENAMES, w)) return { debian: w };
  }
  if (isImage(image, 'ubuntu')) {
    const ubuntu = Object.keys(UBUNTU).find((k) => words.includes(UBUNTU[k]));
    if (ubuntu) return { ubuntu };
  }
  if (isImage(image, 'debian')) {
    const debian = words.map((w) => DEBIAN_NUMBERS[w.split('.')[0]]).find(Boolean);
    if (debian) return { debian };
  }
  return undefined;
}

function debSources(figure: BaseFigure, platform: Platform): SourcePlan {
  const arch = DEB_ARCH[platform.arch];
  const { image, tags } = tagWords(figure);
  const named = codenameOf(image, tags[0]) ?? codenameOf(image, tags[1]);
  const ubuntu = named?.ubuntu;
  const debian = named?.debian ?? (!named && figure.distro === 'debian' ? figure.suite : undefined);
  if (!arch || (!ubuntu && !debian)) return { reason: arch ? "the base image's Debian or Ubuntu release is unknown" : `no index for ${platform.arch}` };
  if (ubuntu) {
    const root = platform.arch === 'amd64' || platform.arch === '386' ? 'http://archive.ubuntu.com/ubuntu' : 'http://ports.ubuntu.com/ubuntu-ports';
    const sources = ['main', 'restricted', 'universe', 'multiverse'].map((c) => ({ format: 'deb' as const, url: `${root}/dists/${ubuntu}/${c}/binary-${arch}/Packages.gz`, label: `Ubuntu ${ubuntu} ${c}` }));
    return { sources, release: { releasever: UBUNTU[ubuntu], basearch: arch, codename: ubuntu } };
  }
  const root = ARCHIVED.has(debian!) ? 'http://archive.debian.org/debian' : 'https://deb.debian.org/debian';
  return { sources: [{ format: 'deb', url: `${root}/dists/${debian}/main/binary-${arch}/Packages.gz`, label: `Debian ${debian} main` }], release: { releasever: debian!, basearch: arch, codename: debian } };
}

function apkSources(figure: BaseFigure, platform: Platform): SourcePlan {
  const arch = APK_ARCH[platform.arch];
  if (!arch) return { reason: `no index for ${platform.arch}` };
  const { image, tags } = tagWords(figure);
  let version: string | undefined;
  for (const w of [...tags[0], ...tags[1]]) {
    if (w === 'edge') version = 'edge';
    else if (w.startsWith('alpine') && isMajorMinor(w.slice(6))) version = 'v' + majorMinor(w.slice(6));
    else if (isImage(image, 'alpine') && isMajorMinor(w)) version = 'v' + majorMinor(w);
    if (version) break;
  }
  const release = version ?? 'latest-stable';
  const sources = ['main', 'community'].map((c) => ({ format: 'apk' as const, url: `https://dl-cdn.alpinelinux.org/alpine/${release}/${c}/${arch}/APKINDEX.tar.gz`, label: `Alpine ${release} ${c}` }));
  return { sources, release: { releasever: release, basearch: arch } };
}

function isMajorMinor(s: string): boolean {
  const parts = s.split('.');
  return parts.length >= 2 && parts.every((p) => p.length > 0 && p.length < 4 && [...p].every((c) => c >= '0' && c <= '9'));
}

function majorMinor(s: string): string {
  return s.split('.').slice(0, 2).join('.');
}

function rpmSources(figure: BaseFigure, platform: Platform): SourcePlan {
  const arch = RPM_ARCH[platform.arch];
  if (!arch) return { reason: `no index for ${platform.arch}` };
  const flavor = rpmFlavor(figure);
  const ref = `${figure.ref} ${figure.resolved}`.toLowerCase();
  const m = flavor.major;
  const release = { releasever: String(m), basearch: arch };
  const two = (label: string, base: (repo: string) => string, repos = ['BaseOS', 'AppStream']): SourcePlan => ({
    sources: repos.map((r) => ({ format: 'rpm' as const, url: base(r), label: `${label} ${r}`, arch })),
    release,
  });
  if (flavor.family === 'fedora') return two(`Fedora ${m}`, () => `https://dl.fedoraproject.org/pub/fedora/linux/releases/${m}/Everything/${arch}/os`, ['Everything']);
  if (flavor.family === 'amazon') return { reason: 'Amazon Linux publishes its repositories through mirror lists' };
  if (flavor.family !== 'el') return { reason: "the base image's RPM distribution is unknown" };
  if (ref.includes('rocky')) return two(`Rocky Linux ${m}`, (r) => `https://dl.rockylinux.org/pub/rocky/${m}/${r}/${arch}/os`);
  if (ref.includes('alma')) return two(`AlmaLinux ${m}`, (r) => `https://repo.almalinux.org/almalinux/${m}/${r}/${arch}/os`);
  if (ref.includes('centos') && ref.includes('stream')) return two(`CentOS Stream ${m}`, (r) => `https://mirror.stream.centos.org/${m}-stream/${r}/${arch}/os`);
  if (ref.includes('ubi')) return two(`UBI ${m}`, (r) => `https://cdn-ubi.redhat.com/content/public/ubi/dist/ubi${m}/${m}/${arch}/${r.toLowerCase()}/os`);
  if (ref.includes('oraclelinux')) return two(`Oracle Linux ${m}`, (r) => `https://yum.oracle.com/repo/OracleLinux/OL${m}/${r.toLowerCase()}/latest/${arch}`);
  return { reason: `no public index known for ${flavor.label} images of this vendor` };
}
