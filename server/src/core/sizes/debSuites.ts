// The Debian suite an image installs packages from, and the Ubuntu release it is built on (both
// read off its name and tag; the Ubuntu package sets are ubuntuSets.ts), and that suite's
// package index, loaded on first use: a suite's file (2-3 MB) is read only when a stage built on it
// installs something, never while a document is typed. Ubuntu's archive is not shipped: an Ubuntu
// release reads the Debian suite of its vintage (Ubuntu imports from Debian unstable about half a
// year before it releases): up to 21.04 (focal, and older ones for want of buster) bullseye,
// 21.10-23.04 (jammy) bookworm, 23.10 on (noble, resolute) trixie.
import { DebIndex, type DebIndexData } from './debIndex';

export type DebSuite = 'bullseye' | 'bookworm' | 'trixie';

/** What an image of unknown suite installs from. */
export const DEFAULT_SUITE: DebSuite = 'bookworm';

// Literal paths, so the bundler turns each into a require of the file beside dist/ (esbuild.mjs).
const FILES: Record<DebSuite, () => DebIndexData> = {
  bullseye: () => require('../../../../data/deb-bullseye.json'),
  bookworm: () => require('../../../../data/deb-bookworm.json'),
  trixie: () => require('../../../../data/deb-trixie.json'),
};

const loaded = new Map<DebSuite, DebIndex>();

export function debIndex(suite: DebSuite = DEFAULT_SUITE): DebIndex {
  let index = loaded.get(suite);
  if (!index) {
    index = new DebIndex(FILES[suite]());
    loaded.set(suite, index);
  }
  return index;
}

/** The suites read so far (a stage that installs nothing reads none). */
export function loadedSuites(): DebSuite[] {
  return [...loaded.keys()];
}

/** Debian codenames; older and newer releases read the nearest shipped suite. */
export const CODENAMES: Record<string, DebSuite> = {
  jessie: 'bullseye', stretch: 'bullseye', buster: 'bullseye', bullseye: 'bullseye', bookworm: 'bookworm', trixie: 'trixie', forky: 'trixie', sid: 'trixie',
};

/** What only a `debian:` tag means by a number or an alias (`node:12` is not Debian 12). */
const DEBIAN_TAGS: Record<string, DebSuite> = {
  8: 'bullseye', 9: 'bullseye', 10: 'bullseye', 11: 'bullseye', 12: 'bookworm', 13: 'trixie', 14: 'trixie',
  oldoldstable: 'bullseye', oldstable: 'bookworm', stable: 'trixie', testing: 'trixie', unstable: 'trixie',
};

export const UBUNTU: Record<string, string> = {
  trusty: '14.04', xenial: '16.04', bionic: '18.04', cosmic: '18.10', disco: '19.04', eoan: '19.10', focal: '20.04', groovy: '20.10', hirsute: '21.04',
  impish: '21.10', jammy: '22.04', kinetic: '22.10', lunar: '23.04', mantic: '23.10', noble: '24.04', oracular: '24.10', plucky: '25.04',
  questing: '25.10', resolute: '26.04',
};

/** `22.04` -> bookworm: the Debian suite of an Ubuntu release's vintage (see the header). */
export function ubuntuSuite(version: string): DebSuite | undefined {
  const dot = version.indexOf('.');
  const year = Number(version.slice(0, dot));
  const month = Number(version.slice(dot + 1, dot + 3));
  if (dot < 1 || !Number.isInteger(year) || !Number.isInteger(month)) return undefined;
  const at = year * 100 + month;
  return at <= 2104 ? 'bullseye' : at <= 2304 ? 'bookworm' : 'trixie';
}

/** Where an image's packages come from: the suite it is sized with, and the Ubuntu release (`24.04`) when it is built on Ubuntu. */
export interface ImageDistro {
  suite: DebSuite;
  ubuntu?: string;
}

function codename(word: string): ImageDistro | undefined {
  if (Object.hasOwn(UBUNTU, word)) return ubuntuDistro(UBUNTU[word]);
  return Object.hasOwn(CODENAMES, word) ? { suite: CODENAMES[word] } : undefined;
}

function ubuntuDistro(version: string): ImageDistro | undefined {
  const suite = ubuntuSuite(version);
  return suite && { suite, ubuntu: version.split('.').slice(0, 2).join('.') };
}

/** The codename a tag carries (`3.12-slim-trixie`, `21-jdk-noble`, `bookworm-20240110`), or a debian/ubuntu version. */
function tagDistro(image: string, tag: string): ImageDistro | undefined {
  const words = tag.toLowerCase().split(/[-_]/);
  for (const w of words) {
    const s = codename(w);
    if (s) return s;
  }
  const lead = words[0];
  if (image === 'debian' || image.endsWith('/debian')) {
    const major = lead.split('.')[0];
    return Object.hasOwn(DEBIAN_TAGS, major) ? { suite: DEBIAN_TAGS[major] } : undefined;
  }
  if (image === 'ubuntu' || image.endsWith('/ubuntu')) return ubuntuDistro(lead);
  return undefined;
}

/** The Ubuntu release of the table's `ubuntu:latest`: what eclipse-temurin (and maven, gradle on it) build on when the tag names none. */
const UBUNTU_LATEST = '24.04';

function temurinDefault(image: string, tag: string): ImageDistro | undefined {
  if (/alpine|ubi|windows|nanoserver|corretto|graal/.test(tag)) return undefined;
  const temurin = image === 'eclipse-temurin' || tag.includes('eclipse-temurin') || (image === 'gradle' && /(^|-)jdk\d+$/.test(tag));
  return temurin ? ubuntuDistro(UBUNTU_LATEST) : undefined;
}

/**
 * The suite (and Ubuntu release) of an image, from the tag as written, else from the tag a table
 * row resolved it to (`python:3.12` -> `3.12.14-trixie`), else eclipse-temurin's default Ubuntu,
 * else from a `-debian12` image name (distroless).
 */
export function imageDistro(image: string, tag: string, resolvedTag?: string): ImageDistro | undefined {
  const fromTag = tagDistro(image, tag) ?? (resolvedTag ? tagDistro(image, resolvedTag) : undefined) ?? temurinDefault(image, tag);
  if (fromTag) return fromTag;
  const at = image.lastIndexOf('-debian');
  return at >= 0 && Object.hasOwn(DEBIAN_TAGS, image.slice(at + 7)) ? { suite: DEBIAN_TAGS[image.slice(at + 7)] } : undefined;
}

/** The Debian suite an image installs from (see imageDistro). */
export function imageSuite(image: string, tag: string, resolvedTag?: string): DebSuite | undefined {
  return imageDistro(image, tag, resolvedTag)?.suite;
}
