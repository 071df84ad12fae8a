// What the docker-library Dockerfiles install on top of a base image, with --no-install-recommends:
// the recipes of the package sets that are computed rather than recorded (a set is its parent set
// plus the closure of these names in the suite). Read by build-deb-index.mjs (Debian suites) and
// build-ubuntu-sets.mjs (Ubuntu releases, whose curl set is recorded instead).
export const CURL = ['ca-certificates', 'curl', 'gnupg', 'netbase', 'sq', 'wget'];
export const SCM = ['git', 'mercurial', 'openssh-client', 'subversion', 'procps'];
export const FULL = ['autoconf', 'automake', 'bzip2', 'default-libmysqlclient-dev', 'dpkg-dev', 'file', 'g++', 'gcc', 'imagemagick', 'libbz2-dev', 'libc6-dev', 'libcurl4-openssl-dev', 'libdb-dev', 'libevent-dev', 'libffi-dev', 'libgdbm-dev', 'libglib2.0-dev', 'libgmp-dev', 'libjpeg-dev', 'libkrb5-dev', 'liblzma-dev', 'libmagickcore-dev', 'libmagickwand-dev', 'libmaxminddb-dev', 'libncurses5-dev', 'libncursesw5-dev', 'libpng-dev', 'libpq-dev', 'libreadline-dev', 'libsqlite3-dev', 'libssl-dev', 'libtool', 'libwebp-dev', 'libxml2-dev', 'libxslt-dev', 'libyaml-dev', 'make', 'patch', 'unzip', 'xz-utils', 'zlib1g-dev'];

/** key: [parent set, names installed on it] (buildpack-deps curl/scm/full, python/node slim, golang, rust). */
export const SETS = {
  curl: ['base', CURL], scm: ['curl', SCM], full: ['scm', FULL], slim: ['base', ['ca-certificates', 'netbase', 'tzdata']],
  gobuild: ['scm', ['g++', 'gcc', 'libc6-dev', 'make', 'pkg-config']], rust: ['base', ['ca-certificates', 'gcc', 'libc6-dev', 'wget']],
};
