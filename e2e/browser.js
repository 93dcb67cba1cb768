// Shared by the end-to-end tests and scripts/budget.sh: Debian's Chromium
// driven by playwright-core (which downloads no browser).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** The served dist/ (run.sh starts the server and exports its address). */
export const BASE_URL = process.env.SIGSCOPE_URL || 'http://127.0.0.1:8080/';
