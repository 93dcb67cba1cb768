// Redo beside undo (issue 10): by button and by Ctrl+Z / Ctrl+Shift+Z /
// Ctrl+Y, for a send and for an edit of the world; an edit after an undo
// ends redo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';

let page;
const { processNode, eventually, statusText, send } = pageHelpers(() => page);
withPage((p) => { page = p; });

const log = (n) => page.getByRole('region', { name: `Event log (${n})` });
const button = (name) => page.getByRole('button', { name, exact: true });

test('undo and redo by button: a send comes back with its outcome', async () => {
  await send('SIGTERM');
  const answer = await statusText();
  assert.ok(await button('Redo').isDisabled(), 'nothing to redo yet');
  await button('Undo').click();
  await log(0).waitFor();
  await button('Redo').click();
  await log(1).waitFor();
  assert.equal(await statusText(), answer, 'the same outcome, shown again');
  assert.ok(await button('Redo').isDisabled());
});

test('undo and redo by keyboard; an edit after an undo ends redo', async () => {
  await send('SIGTERM');
  await send('SIGKILL');
  await log(2).waitFor();
  await processNode('ctr-init').focus();
  await page.keyboard.press('Control+z');
  await log(1).waitFor();
  await page.keyboard.press('Control+z');
  await log(0).waitFor();
  await page.keyboard.press('Control+Shift+z');
  await log(1).waitFor();
  await page.keyboard.press('Control+y');
  await log(2).waitFor();
  await eventually(async () => /Killed/.test(await statusText()), 'the SIGKILL outcome again');
  await page.keyboard.press('Control+z');
  await log(1).waitFor();
  await send('SIGCONT');
  await log(2).waitFor();
  assert.ok(await button('Redo').isDisabled(), 'a new send ends redo');
  await page.keyboard.press('Control+y');
  await eventually(async () => /Nothing to redo/.test(await statusText()), 'nothing to redo');
});

test('the skip link is the first Tab stop and lands in the tree', async () => {
  await page.keyboard.press('Tab');
  const link = page.getByRole('link', { name: 'Skip to the namespace tree' });
  assert.equal(await link.evaluate((a) => a === document.activeElement), true);
  assert.ok((await link.boundingBox()).y >= 0, 'it shows when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tree');
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label') || document.activeElement.textContent), /namespace|host|kill\(-1\)/i);
});
