// Sizes of things Dockerfiles commonly download (toolchain tarballs, installers), and what they
// unpack to. Compressed and unpacked sizes of recent releases (linux/amd64), rounded; derived
// from the published archives and the official images that install them.
import { MB } from './units';

export interface KnownDownload {
  /** Bytes of the archive as downloaded. */
  archive: number;
  /** Bytes once unpacked (or installed, for an installer script). */
  unpacked: number;
  what: string;
}

const TABLE: [string[], KnownDownload][] = [
  [['go1.', 'linux-'], { archive: 70 * MB, unpacked: 225 * MB, what: 'Go toolchain' }],
  [['node-v', 'linux-'], { archive: 28 * MB, unpacked: 185 * MB, what: 'Node.js' }],
  [['python-3', '.tar'], { archive: 21 * MB, unpacked: 105 * MB, what: 'Python source tree' }],
  [['rustup'], { archive: 15 * MB, unpacked: 560 * MB, what: 'Rust toolchain (rustup)' }],
  [['sh.rustup.rs'], { archive: 0.02 * MB, unpacked: 560 * MB, what: 'Rust toolchain (rustup)' }],
  [['openjdk', 'jdk'], { archive: 190 * MB, unpacked: 320 * MB, what: 'JDK' }],
  [['temurin', 'jre'], { archive: 50 * MB, unpacked: 140 * MB, what: 'JRE' }],
  [['apache-maven'], { archive: 9 * MB, unpacked: 10 * MB, what: 'Maven' }],
  [['gradle-', '.zip'], { archive: 130 * MB, unpacked: 145 * MB, what: 'Gradle' }],
  [['docker-', '.tgz'], { archive: 70 * MB, unpacked: 200 * MB, what: 'Docker CLI and engine' }],
  [['kubectl'], { archive: 50 * MB, unpacked: 50 * MB, what: 'kubectl' }],
  [['helm-'], { archive: 16 * MB, unpacked: 50 * MB, what: 'Helm' }],
  [['terraform_'], { archive: 27 * MB, unpacked: 85 * MB, what: 'Terraform' }],
  [['awscli-exe'], { archive: 60 * MB, unpacked: 230 * MB, what: 'AWS CLI v2' }],
  [['get-pip.py'], { archive: 2.5 * MB, unpacked: 15 * MB, what: 'pip' }],
  [['install-poetry', 'python-poetry'], { archive: 0.03 * MB, unpacked: 45 * MB, what: 'Poetry' }],
  [['astral.sh/uv'], { archive: 0.02 * MB, unpacked: 40 * MB, what: 'uv' }],
  [['tini'], { archive: 0.9 * MB, unpacked: 0.9 * MB, what: 'tini' }],
  [['gosu'], { archive: 2.3 * MB, unpacked: 2.3 * MB, what: 'gosu' }],
  [['php-', '.tar'], { archive: 13 * MB, unpacked: 110 * MB, what: 'PHP source tree' }],
  [['nginx-', '.tar'], { archive: 1.2 * MB, unpacked: 7 * MB, what: 'nginx source tree' }],
  [['redis-', '.tar'], { archive: 3.5 * MB, unpacked: 20 * MB, what: 'Redis source tree' }],
];

export function knownDownload(url: string): KnownDownload | undefined {
  const u = url.toLowerCase();
  for (const [needles, d] of TABLE) {
    if (needles.length > 1 && needles.every((n) => u.includes(n))) return d;
    if (needles.length === 1 && u.includes(needles[0])) return d;
  }
  return undefined;
}

/** A download we know nothing about. */
export const UNKNOWN_DOWNLOAD: KnownDownload = { archive: 10 * MB, unpacked: 30 * MB, what: 'download' };
