/**
 * Headless Debian Chromium driven by playwright-core (no browser download). WebGL works through
 * SwiftShader. Every request the page makes is recorded, so tests can prove that none leaves the
 * app's origin, and console errors are collected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Path of the system Chromium (Debian package `chromium`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** A fresh browser profile with request and console recording. */
export interface RecordedBrowser {
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested (including blocked ones). */
  requests: string[];
  /** Console messages of type error, and uncaught page errors. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Options of `launchBrowser`. */
export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /**
   * Abort requests off the app's origin (default). Adversarial tests turn this off, so that only
   * the app's own defences stand between a request and another server.
   */
  blockOffOrigin?: boolean;
  /**
   * Let the app register its service worker (off by default: a test of anything else should not
   * spend a core precaching 47 MB in the background, nor be served by the worker's cache).
   */
  serviceWorkers?: boolean;
}

/** Launches Chromium with a fresh profile; off-origin requests are recorded (and aborted). */
export async function launchBrowser(
  origin: string,
  options: LaunchOptions = {},
): Promise<RecordedBrowser> {
  const {
    viewport = { width: 1440, height: 900 },
    blockOffOrigin = true,
    serviceWorkers = false,
  } = options;
  const profile = mkdtempSync(join(tmpdir(), 'atlas-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport,
    deviceScaleFactor: 1,
    timezoneId: 'UTC',
    locale: 'en-GB',
    permissions: ['clipboard-read', 'clipboard-write'],
    serviceWorkers: serviceWorkers ? 'allow' : 'block',
  });
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const expected = new URL(origin).origin;
  if (serviceWorkers) {
    // Routing requests keeps a service worker from controlling the page (Playwright intercepts
    // them first): record them instead; `blockOffOrigin` cannot apply.
    context.on('request', (r) => requests.push(r.url()));
  } else {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      const u = new URL(url);
      const sameOrigin = u.origin === expected || u.protocol === 'data:' || u.protocol === 'blob:';
      return sameOrigin || !blockOffOrigin ? route.continue() : route.abort('blockedbyclient');
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  return {
    context,
    page,
    requests,
    consoleErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until no panel or figure strip is loading (call after an action has started one). */
export async function waitForIdle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
    timeout,
  });
}

/** Waits until the app has booted and the header figures are shown. */
export async function waitForShell(page: Page, timeout = 60_000): Promise<void> {
  // Present mode has no figure strip: its frame stands for the shell.
  await page.waitForSelector('.figures[data-state="ready"], [data-testid="present"] .panel', {
    timeout,
  });
}
