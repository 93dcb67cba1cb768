// Sessions as permalink fragments (src/permalink.rs: #s=<base64url of the
// sigscene/1 JSON>&from=…&how=…), built from the default world, so a test
// can open the page on a session without clicking one together.
import { readFileSync } from 'node:fs';

// The world alone, as the page's own links carry it: the file's `meta` (its
// lesson's words) stays out of the session (src/default_world.rs).
const { meta: _lesson, ...DEFAULT } = JSON.parse(readFileSync(new URL('../scenarios/default.json', import.meta.url), 'utf8'));
const b64 = (s) => Buffer.from(s).toString('base64url');

/** The default world after `sends` ([from, target, signal]), as a fragment without '#'. */
export function fragmentWith(sends, kernel = '6.18') {
  const scenario = {
    ...DEFAULT,
    kernel,
    actions: sends.map(([from, target, sig]) => ({ from, kill: { pid_of: target }, sig })),
  };
  return `s=${b64(JSON.stringify(scenario))}&from=${b64('shell')}&how=kill`;
}

/** SIGKILL from the host's shell onto the container's init: the long path. */
export const KILL_FROM_HOST = fragmentWith([['shell', 'ctr-init', 'SIGKILL']]);
/** SIGTERM from the host's shell onto the container's init: dropped. */
export const TERM_FROM_HOST = fragmentWith([['shell', 'ctr-init', 'SIGTERM']]);
