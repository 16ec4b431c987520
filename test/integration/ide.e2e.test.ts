import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDE_EXAMPLES } from '../../src/server/ide-examples.js';
import { startApp, type TestApp } from '../helpers/app.js';

// The IDE in a real browser: Debian's chromium driven by playwright-core. In CI a missing browser
// fails the test (.ci/run installs it); elsewhere the test is skipped with the reason in its name.

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: in CI the IDE end-to-end test must run (.ci/run installs chromium)`);

describe.skipIf(!present)(`the IDE in headless Chromium${present ? '' : ` (skipped: ${CHROMIUM} not installed)`}`, () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({ demoSeed: true, graphqlIntrospection: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('loads from this server only, runs the first example, and shows its result', async () => {
    const page = await browser.newPage();
    const origin = new URL(app.url).origin;
    const foreign: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !/^(data|blob|about|chrome-extension):/.test(url)) foreign.push(url);
    });
    await page.goto(app.url, { waitUntil: 'load' });
    // One tab per example, the last one active: switch to the first, whose variables are preloaded.
    const firstTab = page.getByText(IDE_EXAMPLES[0]!.name).first();
    await firstTab.waitFor({ timeout: 30_000 });
    await firstTab.click();
    const response = page.waitForResponse((r) => r.url() === app.url && r.request().method() === 'POST'
      && (r.request().postData() ?? '').includes('authorize'), { timeout: 30_000 });
    await page.locator('button.send-request__button').first().click();
    expect((await response).status()).toBe(200);
    await expect.poll(async () => page.locator('app-query-result, .app-result').first().innerText(), { timeout: 15_000 })
      .toMatch(/"decision":\s*"ALLOW"/);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
