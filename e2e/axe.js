// axe-core (pinned in package.json) as the e2e tests run it: serious and
// critical violations of WCAG 2.2 A/AA and best practice, with the
// label-in-name rule (WCAG 2.5.3, experimental in axe) turned on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Still open (issue 9, noted there): a process node's and a call-graph
 *  node's name is a summary ("app, PID 2 · 4, running") while the node
 *  shows more (uid, group, badges; notes). They are the two rich widgets
 *  whose names the tests and readers rely on. Only this rule, only those
 *  nodes. */
const OPEN = (id, target) => id === 'label-content-name-mismatch'
  && /(\.proc-main|^div\[aria-label="[^"]+[,，] ?PID |^g\[|\.cc-nodes > |\.cc-lane-|\.cc-current|\.cc-visited|\[data-func=)/.test(target);

/** Serious and critical violations on `page` (or a frame), one line each. */
export async function violations(page) {
  // Evaluated by the driver, which the page's CSP does not govern.
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    rules: { 'label-content-name-mismatch': { enabled: true } },
    resultTypes: ['violations'],
  }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.filter((n) => !OPEN(v.id, n.target.join(' '))).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}`));
}

export async function assertClean(page, where) {
  const found = await violations(page);
  assert.deepEqual(found, [], `axe at ${where}:\n${found.join('\n')}`);
}
