// Time from navigation to the first rendered namespace tree, in headless
// Chromium, for scripts/budget.sh. Prints one line per run and the median.
// With SELECTOR, also the time until it is in the page (a session's
// kernel path: the session replayed, after its starting world).
// Usage: node first-render.mjs URL [RUNS] [SELECTOR]
import { launch } from './browser.js';

const url = process.argv[2];
const runs = Number(process.argv[3] || 5);
const then = process.argv[4];
const browser = await launch();
const times = [];
const laterTimes = [];
for (let i = 0; i < runs; i++) {
  // A fresh context each time: empty cache, no autosave.
  const context = await browser.newContext();
  const page = await context.newPage();
  // performance.now() counts from the navigation's start (timeOrigin).
  await page.addInitScript((later) => {
    const seen = () => document.querySelector('[role=button][aria-label*=", PID "]');
    new MutationObserver((_, obs) => {
      if (window.__firstTree === undefined && seen()) window.__firstTree = performance.now();
      if (later && window.__then === undefined && document.querySelector(later)) window.__then = performance.now();
      if (window.__firstTree !== undefined && (!later || window.__then !== undefined)) obs.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, then ?? null);
  await page.goto(url);
  await page.waitForFunction((later) => window.__firstTree !== undefined && (!later || window.__then !== undefined), then ?? null, { timeout: 15000 });
  const [t, t2] = await page.evaluate(() => [window.__firstTree, window.__then]);
  times.push(t);
  if (then) laterTimes.push(t2);
  console.log(`  run ${i + 1}: ${t.toFixed(0)} ms${then ? `, ${then} at ${t2.toFixed(0)} ms` : ''}`);
  await context.close();
}
await browser.close();
const summary = (xs) => {
  xs.sort((a, b) => a - b);
  return `median ${xs[Math.floor(xs.length / 2)].toFixed(0)} ms (min ${xs[0].toFixed(0)}, max ${xs[xs.length - 1].toFixed(0)})`;
};
if (then) console.log(`${then}: ${summary(laterTimes)}`);
console.log(summary(times));
