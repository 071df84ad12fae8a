// Seeded random multi-stage Dockerfiles for the differential run: stage names (casing, reserved,
// duplicate, invalid), FROM bases through global ARGs (quotes, defaults, unset), COPY --from
// (names, indices, images, empty, variables, quotes) and RUN --mount (from=, none, cache, tmpfs),
// and now and then a check directive. Only FROM, ARG, COPY, RUN and WORKDIR, one line each.
import { random } from '../fuzz/cases';

export function generate(seed: number): string {
  const r = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const lines: string[] = [];
  if (r() < 0.08) lines.push(pick(['# check=skip=DuplicateStageName , ReservedStageName', '# check=error=maybe', '# check=error=true', '# check=skip=all', '# check=experimental=all']));
  if (r() < 0.5) lines.push(pick(['ARG BASE=alpine:3.20', 'ARG BASE', 'ARG V=${V:-"supported"}', 'ARG X="sup"ported', 'ARG TAG=3.20']));
  if (r() < 0.3) lines.push(pick(['ARG TAG=3.20', 'ARG STAGE=build', 'ARG BASE=build']));
  const count = 2 + Math.floor(r() * 5);
  const names: string[] = [];
  const odd = (p: number) => r() < p;
  const pool = ['build', 'builder', 'test', 'app', 'base', 'deps', 'stage-supported', 'license-set', 'node'];
  // Names mostly unique (a duplicate now and then), sometimes unnamed, rarely odd.
  for (let i = 0; i < count; i++) {
    const fresh = pool.filter((p) => !names.includes(p));
    names.push(odd(0.95) ? (odd(0.1) ? '' : odd(0.93) && fresh.length ? pick(fresh) : pick(pool)) : pick(['Build', 'scratch', 'context', '1bad', 'web:dev']));
  }
  // Mostly earlier stages, as real files do; sometimes any stage, an image or a typo.
  const refName = (i: number) => {
    const earlier = names.slice(0, i).filter(Boolean);
    if (earlier.length && odd(0.8)) return pick(earlier);
    return odd(0.3) ? pick(names.filter(Boolean).concat(['build'])) : pick(['busybox', 'busybox', 'alpine:3.20', 'Foo', 'buidler', 'set']);
  };
  const fromValue = (i: number) => (odd(0.9) ? refName(i) : pick([String(Math.floor(r() * (count + 3)) - 1), '', '$X', 'x$', '"build"', 'bu"ild"', '${STAGE}', 'BUILD']));
  for (let i = 0; i < count; i++) {
    const base = odd(0.85) ? pick(['alpine', 'alpine:3.20', 'debian:bookworm', i > 0 ? names[i - 1] || 'alpine' : 'alpine']) : pick(['alpine:"3.20"', '${BASE}', 'stage-${V}', 'alpine:${TAG}', 'golang:${GO}', refName(i), 'scratch', 'Builder', '${STAGE}']);
    const as = pick(['AS', 'AS', 'AS', 'as']);
    lines.push(`FROM ${base}${names[i] ? ` ${as} ${names[i]}` : ''}`);
    const n = Math.floor(r() * 4);
    for (let k = 0; k < n; k++) {
      const kind = r();
      if (kind < 0.45) lines.push(`COPY --from=${fromValue(i)} /a /a${k}`);
      else if (kind < 0.75) {
        const mount = pick([`type=bind,from=${fromValue(i)},target=/m`, 'type=cache,target=/c', 'type=tmpfs,target=/t', `from=${fromValue(i)},target=/m`, 'type=secret,id=s']);
        lines.push(`RUN --mount=${mount} true`);
      } else if (kind < 0.8) lines.push(pick(['ADD --from=build /a /a', 'WORKDIR /w', 'RUN true', 'WORKDIR /w']));
      else lines.push('RUN echo hi');
    }
  }
  return lines.join('\n') + '\n';
}
