// What /etc/os-release says on a stage's base: ID, VERSION_ID, VERSION_CODENAME (and ID_LIKE on
// Ubuntu), so that `. /etc/os-release`, `$(. /etc/os-release && echo "$VERSION_CODENAME")` and
// `lsb_release -cs` expand in a RUN script: release archives named for the distribution
// (`app-${ID}${VERSION_ID}-amd64.tar.gz`) and `if [ "$ID" = ubuntu ]` arms are then read as on
// that base. Only what the base's row tells for certain; nothing for an unknown base.

const DEBIAN: Record<string, string> = { buster: '10', bullseye: '11', bookworm: '12', trixie: '13', forky: '14' };
const UBUNTU: Record<string, string> = {
  '14.04': 'trusty', '16.04': 'xenial', '18.04': 'bionic', '20.04': 'focal', '22.04': 'jammy', '24.04': 'noble', '26.04': 'resolute',
};

export interface OsBase {
  distro?: 'debian' | 'alpine' | 'rpm';
  /** Debian suite (for Ubuntu, the Debian suite of the same vintage: not used). */
  suite?: string;
  /** Ubuntu release (`24.04`). */
  ubuntu?: string;
}

/** The os-release variables the base is known to set; undefined when nothing is known. */
export function osReleaseVars(base: OsBase): ReadonlyMap<string, string> | undefined {
  if (base.ubuntu) {
    const codename = UBUNTU[base.ubuntu];
    const m = new Map([['ID', 'ubuntu'], ['ID_LIKE', 'debian'], ['VERSION_ID', base.ubuntu]]);
    if (codename) {
      m.set('VERSION_CODENAME', codename);
      m.set('UBUNTU_CODENAME', codename);
    }
    return m;
  }
  if (base.distro === 'debian' && base.suite && DEBIAN[base.suite]) {
    return new Map([['ID', 'debian'], ['VERSION_ID', DEBIAN[base.suite]], ['VERSION_CODENAME', base.suite]]);
  }
  if (base.distro === 'alpine') return new Map([['ID', 'alpine']]);
  return undefined;
}

/** `lsb_release -cs` / `-is` / `-rs` (short flags in any order, or the long ones) as it prints on that base. */
export function lsbReleaseOutput(args: string[], vars: ReadonlyMap<string, string> | undefined): string | undefined {
  if (!vars) return undefined;
  const flags = new Set<string>();
  for (const a of args) {
    if (a.startsWith('--')) flags.add(a.slice(2, 3));
    else if (a.startsWith('-')) for (const ch of a.slice(1)) flags.add(ch);
  }
  if (!flags.has('s')) return undefined;
  const id = vars.get('ID');
  if (flags.has('c')) return vars.get('VERSION_CODENAME');
  if (flags.has('r')) return vars.get('VERSION_ID');
  if (flags.has('i')) return id ? id[0].toUpperCase() + id.slice(1) : undefined;
  return undefined;
}

/** `. /etc/os-release` and `source /usr/lib/os-release`. */
export function sourcesOsRelease(words: string[]): boolean {
  return (words[0] === '.' || words[0] === 'source') && (words[1] === '/etc/os-release' || words[1] === '/usr/lib/os-release');
}
