// The life of one test's page, shared by every end-to-end test file: a
// fresh browser context per test, the default world loaded, and two checks
// after each test — no request left the page's origin, and nothing threw.
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL } from './browser.js';

/**
 * Registers the hooks; `onPage(page, seen)` receives each test's fresh page
 * and what it has seen so far: `seen.requests` (none may leave the page's
 * origin), `seen.errors` (uncaught errors: there must be none; a test
 * that provokes one on purpose takes it out) and `seen.browser`, for a
 * test that needs a context of its own (touch, a broken build).
 */
export function withPage(onPage) {
  let browser;
  let context;
  let seen;

  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    seen = { requests: [], errors: [], browser };
    page.on('request', (r) => seen.requests.push(r.url()));
    page.on('pageerror', (e) => seen.errors.push(e.message));
    await page.goto(BASE_URL);
    // The default world is on screen once the container's init is.
    await page.getByRole('button', { name: /^ctr-init, PID/ }).waitFor();
    onPage(page, seen);
  });

  afterEach(async () => {
    const origin = new URL(BASE_URL).origin;
    const foreign = seen.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'no request to any other origin');
    assert.deepEqual(seen.errors, [], 'no uncaught error in the page');
    await context.close();
  });
}
