// On paper (issue 9): the tree, the verdict and the kernel path at the step
// shown, and none of the controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from '../session.js';
import { pageHelpers } from '../page.js';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

let page;
const { processNode, send } = pageHelpers(() => page);
withPage((p) => { page = p; });

test('print shows the tree, the verdict and the path at its deciding step, no controls', async () => {
  await send('SIGKILL');
  await page.getByRole('button', { name: /^Jump to the deciding step/ }).click();
  await page.emulateMedia({ media: 'print' });
  const visible = (locator) => locator.first().isVisible();
  assert.equal(await visible(page.getByRole('list', { name: 'Signals' })), false, 'no palette');
  assert.equal(await visible(page.getByRole('button', { name: 'Undo', exact: true })), false, 'no toolbar');
  assert.equal(await visible(page.getByRole('toolbar', { name: 'Playback of the kernel path' })), false, 'no playback controls');
  assert.equal(await visible(page.getByRole('button', { name: /^send from here/ })), false, 'no process tools');
  assert.equal(await visible(page.getByRole('region', { name: /^Event log/ })), false, 'no side panels');
  assert.ok(await visible(page.getByRole('region', { name: 'Outcome' })), 'the verdict');
  assert.ok(await visible(processNode('ctr-init')), 'the tree');
  assert.ok(await visible(page.getByRole('group', { name: /^Kernel call path/ })), 'the path');
  await page.screenshot({ path: `${SHOTS}70-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.ok(await visible(page.getByRole('list', { name: 'Signals' })), 'back on screen');
});
