// `install-php-extensions gd intl zip` (mlocati/docker-php-extension-installer, the common way to
// add PHP extensions to the php images): each extension's .so, and the runtime libraries it keeps
// once its build dependencies are removed, read from the Debian -dev packages it builds against
// (scaled for Alpine as other derived Alpine sizes are).
import type { RunCtx } from '../runContext';
import { runtimeLibraries } from '../tables';
import { MB, formatBytes } from '../units';
import { artifact, r } from './common';

/** Extension -> the Debian -dev packages it is built against (their runtime libraries stay). */
const BUILT_AGAINST: Record<string, string> = {
  intl: 'libicu-dev', gd: 'libpng-dev libjpeg62-turbo-dev libfreetype-dev libwebp-dev libxpm-dev', zip: 'libzip-dev',
  pgsql: 'libpq-dev', pdo_pgsql: 'libpq-dev', ldap: 'libldap-dev', xsl: 'libxslt1-dev', imagick: 'libmagickwand-6.q16-dev',
  memcached: 'libmemcached-dev', gmp: 'libgmp-dev', tidy: 'libtidy-dev', bz2: 'libbz2-dev', sodium: 'libsodium-dev',
  amqp: 'librabbitmq-dev', yaml: 'libyaml-dev', zstd: 'libzstd-dev', ssh2: 'libssh2-1-dev', imap: 'libc-client2007e-dev',
  snmp: 'libsnmp-dev', enchant: 'libenchant-2-dev', mcrypt: 'libmcrypt-dev', pspell: 'libpspell-dev', odbc: 'unixodbc-dev',
  pdo_odbc: 'unixodbc-dev', pdo_dblib: 'freetds-dev', ffi: 'libffi-dev', maxminddb: 'libmaxminddb-dev', event: 'libevent-dev',
};

/** The .so of an extension built from source, stripped: most are under 1 MB. */
const SO = 0.8 * MB;

export function phpExtensionInstaller(words: string[], ctx: RunCtx): boolean {
  const exts = words.slice(1).filter((w) => !w.startsWith('-') && w !== '@composer').map((w) => w.split('-')[0].split('@')[0].toLowerCase());
  if (!exts.length) return true;
  const so = exts.length * SO;
  artifact(ctx, '/usr/local/lib/php/extensions', r(so, so * 0.4, so * 5), `install-php-extensions ${exts.join(' ')}: ≈ ${formatBytes(so)}`);
  const devs = exts.flatMap((e) => BUILT_AGAINST[e]?.split(' ') ?? []);
  if (!devs.length) return true;
  const manager = ctx.figure.distro === 'alpine' ? 'apk' : ctx.figure.distro === 'rpm' ? 'rpm' : 'deb';
  const libs = runtimeLibraries(manager, devs, ctx.installed, ctx.figure.slim ? 0.85 : 1, ctx.figure.suite);
  if (libs.bytes <= 0) return true;
  ctx.addPackages(libs, [], r(libs.bytes, libs.bytes * 0.6, libs.bytes * 1.6), `runtime libraries of ${exts.filter((e) => BUILT_AGAINST[e]).join(' ')} ≈ ${formatBytes(libs.bytes)}`);
  return true;
}
