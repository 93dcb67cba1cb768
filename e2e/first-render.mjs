// Time from navigation to the first rendered namespace tree, in headless
// Chromium, for scripts/budget.sh. Prints one line per run and the median.
// Usage: node first-render.mjs URL [RUNS]
import { launch } from './browser.js';

const url = process.argv[2];
const runs = Number(process.argv[3] || 5);
const browser = await launch();
const times = [];
for (let i = 0; i < runs; i++) {
  // A fresh context each time: empty cache, no autosave.
  const context = await browser.newContext();
  const page = await context.newPage();
  // performance.now() counts from the navigation's start (timeOrigin).
  await page.addInitScript(() => {
    const seen = () => document.querySelector('[role=button][aria-label*=", PID "]');
    const done = () => { window.__firstTree = performance.now(); };
    new MutationObserver((_, obs) => { if (seen()) { done(); obs.disconnect(); } })
      .observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__firstTree !== undefined, null, { timeout: 15000 });
  const t = await page.evaluate(() => window.__firstTree);
  times.push(t);
  console.log(`  run ${i + 1}: ${t.toFixed(0)} ms`);
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(`median ${times[Math.floor(times.length / 2)].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`);
