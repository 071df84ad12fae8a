// What a RUN script reads from /etc/os-release (issue 22, found on the emqx image, which downloads
// `emqx-<v>-${ID}${VERSION_ID}-<arch>.tar.gz` after `. /etc/os-release`): the base's ID,
// VERSION_ID and VERSION_CODENAME expand, so branches on the distribution take the right arm and
// a release archive named for it is named as it is downloaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { runCommands } from '../../../server/src/core/shell/evaluate';
import { osReleaseVars } from '../../../server/src/core/shell/osRelease';
import { parseScript } from '../../../server/src/core/shell/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const finalStage = (text: string) => estimateStages(parseDockerfile(text)).find((e) => e.final)!;
const runLayer = (text: string) => finalStage(text).layers.filter((l) => l.instruction === 'RUN').pop()!;

test('an if on $ID after `. /etc/os-release` takes the arm of the base distribution', () => {
  const script = (from: string) => `FROM ${from}
RUN . /etc/os-release; \\
    if [ "$ID" = "ubuntu" ]; then \\
      apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless; \\
    else \\
      apt-get update && apt-get install -y --no-install-recommends curl; \\
    fi; \\
    rm -rf /var/lib/apt/lists/*
`;
  const debian = runLayer(script('debian:bookworm-slim'));
  const ubuntu = runLayer(script('ubuntu:24.04'));
  // Debian takes the curl arm (a few MB), Ubuntu the JRE (well over 100 MB).
  assert.ok(debian.bytes < 20 * MB, `debian arm ${debian.bytes}: ${debian.note}`);
  assert.match(debian.note, /curl/);
  assert.doesNotMatch(debian.note, /openjdk/);
  assert.ok(ubuntu.bytes > 100 * MB, `ubuntu arm ${ubuntu.bytes}: ${ubuntu.note}`);
});

test('a release archive named with ${ID}${VERSION_ID} is named as downloaded on that base', () => {
  const stage = finalStage(`FROM debian:12-slim
RUN set -eu; . /etc/os-release; \\
    curl -fLO "https://example.com/releases/v2.1/myapp-2.1-\${ID}\${VERSION_ID}-amd64.tar.gz"; \\
    mkdir /opt/myapp && tar -xzf myapp-2.1-\${ID}\${VERSION_ID}-amd64.tar.gz -C /opt/myapp; rm myapp-*.tar.gz
`);
  assert.ok(stage.unknowns.some((u) => u.includes('myapp-2.1-debian12-amd64.tar.gz')), stage.unknowns.join('; '));
  assert.ok(!stage.unknowns.some((u) => u.includes('${ID}')), stage.unknowns.join('; '));
});

test('$(. /etc/os-release && echo $VERSION_CODENAME), $(lsb_release -cs) and sourcing in a subshell', () => {
  const osRelease = osReleaseVars({ distro: 'debian', suite: 'trixie' });
  const run = (script: string) => runCommands(parseScript(script)!, { vars: new Map(), workdir: '/', distro: 'debian', osRelease });
  const [deb] = run('echo "deb https://apt.example.com/debian $(. /etc/os-release && echo "$VERSION_CODENAME") main"');
  assert.equal(deb.words[1], 'deb https://apt.example.com/debian trixie main');
  assert.ok(deb.known[1]);
  const [lsb] = run('echo "$(lsb_release -cs)-pgdg" "$(lsb_release -is)" "$(lsb_release -sr)"');
  assert.deepEqual(lsb.words.slice(1), ['trixie-pgdg', 'Debian', '13']);
  // The substitution's subshell does not set VERSION_CODENAME for the rest of the script.
  const after = run('X="$(. /etc/os-release; echo $ID)"; echo "$X" "$VERSION_CODENAME"');
  assert.equal(after[after.length - 1].words[1], 'debian');
  assert.equal(after[after.length - 1].known[2], false);
  // Ubuntu's os-release: the release and its codename; an unknown base sets nothing.
  assert.equal(osReleaseVars({ distro: 'debian', suite: 'bookworm', ubuntu: '22.04' })?.get('VERSION_CODENAME'), 'jammy');
  assert.equal(osReleaseVars({}), undefined);
  const unknown = runCommands(parseScript('. /etc/os-release; echo "$ID"')!, { vars: new Map(), workdir: '/' });
  assert.equal(unknown[unknown.length - 1].known[1], false);
});
