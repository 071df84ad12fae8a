// What a base image's size figure is, in words for someone who has never seen the size table: a
// published size, an estimate from related images, the nearest known tag, a guess. Shown by the
// image hover and the size breakdown. How a figure was worked out (the table's source column,
// e.g. "derived: measured golang 1.26-alpine3.23 (241.35 MB) and ...") stays available as a
// separate `Source:` / `Basis:` line, never as the sentence itself.
import type { BaseFigure } from '../sizes/types';

export interface BaseImageAbout {
  /** One sentence: what the figure is. */
  about: string;
  /** A few words for the breakdown's FROM row. */
  short: string;
  /** `Source: <listing>` or `Basis: <how it was estimated>`; '' when there is nothing to add. */
  sourceLine: string;
}

/** The estimator appends how the tag was matched to the row's source; the sentence says that instead. */
const MATCH_NOTE = /; (floating tag |"[^"]*" not in the table|\S+ not in the table).*$/;
const DERIVED = 'derived:';

export function aboutBaseImage(f: BaseFigure): BaseImageAbout {
  if (f.kind === 'scratch') return { about: 'An empty image.', short: 'empty image', sourceLine: '' };
  if (f.kind === 'engine') return { about: 'Measured by the local Docker engine (`docker image inspect`).', short: 'measured by the local Docker engine', sourceLine: '' };
  if (f.kind === 'registry') return { about: 'Not in the built-in size table: estimated from the compressed size the registry reports.', short: 'estimated from the registry', sourceLine: '' };
  if (f.kind === 'unknown') return { about: 'Not in the built-in size table: its size is unknown, and the stage\'s estimate is what it adds on top of it. `dockerfileStages.dockerEngineLookup` or `registryLookup` can fill it in.', short: 'not in the size table: size unknown, not counted', sourceLine: '' };
  const source = f.source.replace(MATCH_NOTE, '');
  const derived = source.startsWith(DERIVED);
  const sourceLine = derived ? `Basis: ${source.slice(DERIVED.length).trim()}` : `Source: ${source}`;
  const when = f.date ? ` (${f.date})` : '';
  const image = `\`${f.resolved}\`${when}`;
  if (f.kind === 'nearest') {
    const how = derived ? 'whose size is estimated from related images' : 'whose size is published';
    return { about: `Not in the built-in size table: sized as the nearest known tag, ${image}, ${how}.`, short: `nearest known tag, ${image}`, sourceLine };
  }
  const drifts = / floating tag /.test(f.source) ? ' The tag moves to newer images, so its size drifts.' : '';
  if (derived) return { about: `Estimated from the published sizes of related images${f.resolved !== f.ref ? `, as ${image}` : when}.${drifts}`, short: `estimated from related images${when}`, sourceLine };
  return { about: `Published size of ${image}.${drifts}`, short: `published size of ${image}`, sourceLine };
}
