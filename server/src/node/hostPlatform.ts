// The platform a build on this machine targets when nothing says otherwise: Linux on the machine's
// architecture (Docker Desktop on an Apple silicon Mac builds linux/arm64).
import type { Platform } from '../core/shell/platform';

const ARCH: Record<string, Platform> = {
  x64: { os: 'linux', arch: 'amd64', variant: '' },
  arm64: { os: 'linux', arch: 'arm64', variant: '' },
  arm: { os: 'linux', arch: 'arm', variant: 'v7' },
  ia32: { os: 'linux', arch: '386', variant: '' },
  ppc64: { os: 'linux', arch: 'ppc64le', variant: '' },
  s390x: { os: 'linux', arch: 's390x', variant: '' },
  riscv64: { os: 'linux', arch: 'riscv64', variant: '' },
};

let host: Platform | undefined;

export function hostBuildPlatform(): Platform {
  return (host ??= ARCH[process.arch] ?? ARCH.x64);
}
