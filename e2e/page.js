// What every end-to-end test file asks of its page, by role and name as a
// screen reader would. Bound to a getter: each test has a fresh page.
import assert from 'node:assert/strict';

export function pageHelpers(getPage) {
  /** A process of the tree, by its name. */
  function processNode(name) {
    return getPage().getByRole('button', { name: new RegExp(`^${name}, PID`) });
  }

  /** A process's whole card (its name is the keyboard's stop; the card
   *  shows its state, badges and what happened to it). */
  function processCard(name) {
    return processNode(name).locator('xpath=ancestor::li[1]');
  }

  /** Polls until `check` holds (the page renders asynchronously). */
  async function eventually(check, what, timeout = 4000) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await check();
        if (last !== false) return last;
      } catch (e) {
        last = e;
      }
      if (Date.now() > end) assert.fail(`${what}: ${last}`);
      await getPage().waitForTimeout(50);
    }
  }

  /** The outcome sentence (the polite live region). */
  async function statusText() {
    return (await getPage().getByRole('status').textContent()).trim();
  }

  /** Sends `signal` to ctr-init by keyboard: pick the chip, pick the target, Enter. */
  async function send(signal) {
    const page = getPage();
    await page.getByRole('button', { name: new RegExp(`^${signal.replace(/[+]/g, '\\+')}( |$)`) }).focus();
    await page.keyboard.press('Enter');
    await processNode('ctr-init').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: /^Kernel call path/ }).waitFor();
  }

  return { processNode, processCard, eventually, statusText, send };
}
