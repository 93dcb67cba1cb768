// axe-core (pinned in package.json) as the e2e tests run it: serious and
// critical violations of WCAG 2.2 A/AA and best practice, with the
// label-in-name rule (WCAG 2.5.3, experimental in axe) turned on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical violations on `page` (or a frame), one line each. */
export async function violations(page) {
  // Colours are read when they have settled: a callout fading in is
  // part-transparent for a moment (finite animations only; a spinner runs
  // forever).
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => {}))));
  // Evaluated by the driver, which the page's CSP does not govern.
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    rules: { 'label-content-name-mismatch': { enabled: true } },
    resultTypes: ['violations'],
  }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}`));
}

export async function assertClean(page, where) {
  const found = await violations(page);
  assert.deepEqual(found, [], `axe at ${where}:\n${found.join('\n')}`);
}
