import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

// Debian's chromium, driven by playwright-core (no bundled browser download).
// .ci/run installs it: `apt-get install -y chromium`.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export type Browser = { context: BrowserContext; close: () => Promise<void> };

/** A fresh profile each time, so no state leaks between runs. */
export async function launch(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<Browser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'medclusters-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    // en-US unless told otherwise; it also sets the Accept-Language the browser sends.
    locale: options.locale ?? 'en-US',
    // Tests never touch the internet: anything not on loopback fails fast.
    offline: false,
  });
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
