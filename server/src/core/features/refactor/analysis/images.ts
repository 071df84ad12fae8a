// What an image reference says about the image: its name and tag, the distribution family and
// release it is built on (which decides the libc and the package manager), and the environment
// the common toolchain images set (GOPATH, CARGO_HOME, PHPIZE_DEPS ...).

export type Family = 'debian' | 'ubuntu' | 'alpine' | 'rpm' | 'scratch' | 'distroless' | 'unknown';

export interface ImageInfo {
  /** As written (after global ARG expansion). */
  ref: string;
  /** Registry and path before the last segment, with a trailing `/` (`gcr.io/distroless/`), or ''. */
  prefix: string;
  /** Last path segment: `golang`, `php`, `fedora`. */
  name: string;
  /** Tag, '' when none (latest). */
  tag: string;
  /** `@sha256:...` when pinned by digest. */
  digest: string;
  family: Family;
  /** Debian codename or Ubuntu release when the tag names one. */
  release?: string;
  /** `3.20` for alpine tags that carry a version. */
  alpineVersion?: string;
}

/** Debian codenames newest first. An untagged Debian-based official image is on the newest one. */
const DEBIAN_RELEASES = ['trixie', 'bookworm', 'bullseye', 'buster', 'stretch', 'jessie'];
const UBUNTU_RELEASES = ['noble', 'jammy', 'focal', 'bionic'];
const UBUNTU_VERSIONS: Record<string, string> = { '24.04': 'noble', '22.04': 'jammy', '20.04': 'focal', '18.04': 'bionic', latest: 'noble', '': 'noble' };
export const DEFAULT_UBUNTU = 'noble';
export const DEFAULT_DEBIAN = 'trixie';
export const DEFAULT_ALPINE = '3.22';

/** Official images built on Debian unless the tag says otherwise. */
const DEBIAN_IMAGES = new Set(['debian', 'golang', 'gcc', 'rust', 'node', 'python', 'php', 'ruby', 'perl', 'buildpack-deps', 'haskell', 'erlang', 'elixir', 'clojure', 'swift', 'julia', 'r-base', 'pypy', 'composer', 'httpd', 'nginx', 'redis', 'postgres', 'mysql', 'mariadb', 'wordpress', 'drupal', 'nextcloud', 'openjdk']);
const UBUNTU_IMAGES = new Set(['ubuntu', 'eclipse-temurin', 'maven', 'gradle', 'sapmachine', 'ibm-semeru-runtimes']);
const RPM_IMAGES = new Set(['fedora', 'fedora-minimal', 'centos', 'rockylinux', 'almalinux', 'oraclelinux', 'amazonlinux', 'ubi', 'ubi-minimal', 'ubi8', 'ubi9', 'ubi10', 'amazoncorretto', 'photon', 'mageia', 'opensuse', 'leap', 'tumbleweed']);

/** Images of a service that a build extends in place (a PostgreSQL extension, an nginx module): the program lives in the service's own folders, so no runtime stage could be told what to take. */
const SERVICE_IMAGES = new Set(['postgres', 'postgis', 'mysql', 'mariadb', 'mongo', 'redis', 'valkey', 'nginx', 'httpd', 'haproxy', 'traefik', 'wordpress', 'drupal', 'nextcloud', 'rabbitmq', 'elasticsearch', 'memcached', 'cassandra', 'couchdb', 'influxdb', 'grafana']);

export function isServiceImage(info: ImageInfo): boolean {
  return SERVICE_IMAGES.has(info.name);
}

export function imageInfo(ref: string): ImageInfo {
  let rest = ref.trim();
  let digest = '';
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag = '';
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const prefix = slash === -1 ? '' : rest.slice(0, slash + 1);
  const name = rest.slice(slash + 1).toLowerCase();
  const info: ImageInfo = { ref, prefix, name, tag, digest, family: 'unknown' };
  const t = tag.toLowerCase();
  const alpine = /alpine(\d+\.\d+)?/.exec(t);
  if (name === 'scratch' && !prefix) info.family = 'scratch';
  else if (prefix.includes('distroless') || name.startsWith('distroless')) info.family = 'distroless';
  else if (name === 'alpine') {
    info.family = 'alpine';
    const v = /^(\d+\.\d+)/.exec(t);
    if (v) info.alpineVersion = v[1];
  } else if (alpine) {
    info.family = 'alpine';
    if (alpine[1]) info.alpineVersion = alpine[1];
  } else if (DEBIAN_RELEASES.some((r) => t.includes(r))) {
    info.family = 'debian';
    info.release = DEBIAN_RELEASES.find((r) => t.includes(r));
  } else if (UBUNTU_RELEASES.some((r) => t.includes(r))) {
    info.family = 'ubuntu';
    info.release = UBUNTU_RELEASES.find((r) => t.includes(r));
  } else if (RPM_IMAGES.has(name) || name.startsWith('ubi') || prefix.includes('fedoraproject') || prefix.includes('redhat')) info.family = 'rpm';
  else if (name === 'ubuntu') {
    info.family = 'ubuntu';
    info.release = UBUNTU_VERSIONS[t] ?? UBUNTU_VERSIONS[/^\d+\.\d+/.exec(t)?.[0] ?? 'none'];
  }
  else if (name === 'openjdk' && !t.includes('slim') && !t.includes('buster') && !t.includes('bullseye')) info.family = /^(1[2-9]|2\d)/.test(t) ? 'rpm' : 'debian';
  else if (UBUNTU_IMAGES.has(name)) {
    info.family = 'ubuntu';
    info.release = DEFAULT_UBUNTU;
  }
  else if (DEBIAN_IMAGES.has(name)) info.family = 'debian';
  return info;
}

/** The image reference with another tag (digest dropped: it pins the old tag). */
export function withTag(info: ImageInfo, tag: string): string {
  return `${info.prefix}${info.name}${tag ? ':' + tag : ''}`;
}

/**
 * `raw` (an image as written, maybe with `${VARS}` in its tag) with the tag `tag` of `info` (its
 * expansion) changed to `newTag`: a suffix is appended to the tag as written (`node:${V}` ->
 * `node:${V}-slim`), anything else replaces it.
 */
export function retag(raw: string, info: ImageInfo, newTag: string): string {
  if (newTag === info.tag && !info.digest) return raw;
  const at = raw.indexOf('@');
  const base = at === -1 ? raw : raw.slice(0, at);
  const slash = base.lastIndexOf('/');
  const colon = base.lastIndexOf(':');
  const name = colon > slash ? base.slice(0, colon) : base;
  const written = colon > slash ? base.slice(colon + 1) : '';
  if (info.tag && newTag.startsWith(info.tag)) return `${name}:${written}${newTag.slice(info.tag.length)}`;
  return `${name}:${newTag}`;
}

/** A small image of the same distribution and release, for a dynamically linked artifact. */
export function familyRuntimeImage(info: ImageInfo): string | undefined {
  switch (info.family) {
    case 'debian':
      return `debian:${info.release ?? DEFAULT_DEBIAN}-slim`;
    case 'ubuntu':
      return info.name === 'ubuntu' ? info.ref : `ubuntu:${info.release ?? DEFAULT_UBUNTU}`;
    case 'alpine':
      return `alpine:${info.alpineVersion ?? DEFAULT_ALPINE}`;
    case 'rpm':
      return rpmMinimal(info);
    default:
      return undefined;
  }
}

function rpmMinimal(info: ImageInfo): string | undefined {
  const major = /^\d+/.exec(info.tag)?.[0];
  if (info.name === 'fedora') return `registry.fedoraproject.org/fedora-minimal${major ? ':' + major : ''}`;
  if ((info.name === 'rockylinux' || info.name === 'almalinux') && major) return `${info.prefix}${info.name}:${major}-minimal`;
  if (/^ubi\d*$/.test(info.name) && info.prefix) return `${info.prefix}ubi-minimal${info.tag ? ':' + info.tag : ''}`;
  if (info.name === 'ubi' && info.prefix) return `${info.prefix}ubi-minimal${info.tag ? ':' + info.tag : ''}`;
  return info.ref;
}

export type PackageManager = 'apt' | 'apk' | 'dnf' | 'microdnf' | 'yum';

/** The package manager of an image family (`undefined` on scratch/distroless, which have none). */
export function packageManagerOf(image: string): PackageManager | undefined {
  const info = imageInfo(image);
  switch (info.family) {
    case 'debian':
    case 'ubuntu':
      return 'apt';
    case 'alpine':
      return 'apk';
    case 'rpm':
      if (info.name.includes('minimal') || info.tag.includes('minimal')) return 'microdnf';
      if (info.name === 'centos' || info.name === 'amazonlinux') return 'yum';
      return 'dnf';
    default:
      return undefined;
  }
}

/** Has a shell (and so can RUN, and run shell-form CMD). */
export function hasShell(image: string): boolean {
  const f = imageInfo(image).family;
  return f !== 'scratch' && f !== 'distroless';
}

/** Environment the common toolchain images set, so `$GOPATH/bin` and `$PHPIZE_DEPS` can be read. */
export function imageEnv(info: ImageInfo): Map<string, string> {
  const env = new Map<string, string>([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOME', '/root']]);
  switch (info.name) {
    case 'golang':
      env.set('GOPATH', '/go');
      env.set('PATH', '/go/bin:/usr/local/go/bin:' + env.get('PATH'));
      break;
    case 'rust':
      env.set('CARGO_HOME', '/usr/local/cargo');
      env.set('RUSTUP_HOME', '/usr/local/rustup');
      env.set('PATH', '/usr/local/cargo/bin:' + env.get('PATH'));
      break;
    case 'php':
      env.set('PHP_INI_DIR', '/usr/local/etc/php');
      env.set('PHPIZE_DEPS', info.family === 'alpine' ? 'autoconf dpkg-dev dpkg file g++ gcc libc-dev make pkgconf re2c' : 'autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c');
      break;
    case 'maven':
      env.set('MAVEN_HOME', '/usr/share/maven');
      break;
  }
  return env;
}
