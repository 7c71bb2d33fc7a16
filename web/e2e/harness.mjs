// Shared pieces of the console's browser tests: Debian's Chromium through
// playwright-core (never a downloaded browser), named checks that print one
// line each and a final "N passed, M failed", signing in, and turning map
// coordinates into pixels so a test can draw on the footprint maps.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const kChromium = '/usr/bin/chromium';
const kArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const kTimeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 20_000);
export const kViewport = { width: 1400, height: 900 };

/** Exits with a usage message unless every variable is set. */
export function requireEnv(names, usage) {
  const missing = names.filter((n) => !process.env[n]);
  if (missing.length > 0) {
    console.error(`e2e: missing environment variable(s): ${missing.join(', ')}`);
    console.error(`e2e: ${usage}`);
    console.log('0 passed, 1 failed');
    process.exit(2);
  }
}

/** Starts Chromium, or exits saying why it could not. */
export async function launchBrowser() {
  return chromium.launch({ executablePath: kChromium, args: kArgs }).catch((e) => {
    console.error(`e2e: cannot start ${kChromium}: ${e.message.split('\n')[0]}`);
    console.log('0 passed, 1 failed');
    process.exit(2);
  });
}

/** Reads a JSON file of the console (path relative to web/). */
export async function readConsoleJson(rel) {
  const here = path.dirname(new URL(import.meta.url).pathname);
  return JSON.parse(await readFile(path.join(here, '..', rel), 'utf8'));
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Thrown by a fatal check to end the run; not itself a failure. */
export class StopRun extends Error {}

/**
 * A run of named checks. `check(name, fn, {fatal})` runs one: a failure is
 * counted and printed, and a fatal one (the default) ends the run.
 * `finish()` prints the totals and returns the exit code.
 */
export function createRun() {
  let passed = 0;
  let failed = 0;
  return {
    async check(name, fn, { fatal = true } = {}) {
      try {
        await fn();
        passed += 1;
        console.log(`ok   ${name}`);
        return true;
      } catch (e) {
        failed += 1;
        const msg = (e && e.message ? e.message : String(e)).split('\n')[0];
        console.log(`FAIL ${name}: ${msg}`);
        if (fatal) throw new StopRun();
        return false;
      }
    },
    /** Counts an error that escaped the checks (not a StopRun). */
    unexpected(e) {
      if (e instanceof StopRun) return;
      failed += 1;
      console.log(`FAIL unexpected error: ${e && e.message ? e.message.split('\n')[0] : e}`);
    },
    finish() {
      console.log(`${passed} passed, ${failed} failed`);
      return failed === 0 ? 0 : 1;
    },
  };
}

/** Signs in on the login page (no TOTP) and waits for the shell. */
export async function signIn(page, baseUrl, labels, username, password) {
  await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('login-page').waitFor();
  await page.getByLabel(labels.username).fill(username);
  await page.getByLabel(labels.password).fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header').waitFor();
}

/** Mercator y of a latitude, as Leaflet's default CRS projects it. */
function mercatorY(lat) {
  const r = (lat * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + r / 2));
}

/**
 * Page pixel of [lat, lon] inside a map container that exposes its view as
 * data-bounds="south,west,north,east" (requests/FootprintMap.tsx).
 */
export async function mapPixel(map, lat, lon) {
  const [south, west, north, east] = (await map.getAttribute('data-bounds')).split(',').map(Number);
  const box = await map.boundingBox();
  const fx = (lon - west) / (east - west);
  const fy = (mercatorY(north) - mercatorY(lat)) / (mercatorY(north) - mercatorY(south));
  assert(fx > 0 && fx < 1 && fy > 0 && fy < 1, `[${lat}, ${lon}] is outside the map view`);
  return { x: box.x + fx * box.width, y: box.y + fy * box.height };
}

/**
 * Zooms the footprint map `testId` in around [lat, lon] with the mouse wheel
 * (Leaflet zooms around the pointer, a level per 60 px) until its view is
 * less than `widthDeg` degrees of longitude wide.
 */
export async function zoomMapTo(page, testId, lat, lon, widthDeg) {
  const map = page.getByTestId(testId);
  await map.scrollIntoViewIfNeeded();
  const centre = await mapPixel(map, lat, lon);
  await page.mouse.move(centre.x, centre.y);
  for (let i = 0; i < 12; i += 1) {
    const before = await map.getAttribute('data-bounds');
    const [, west, , east] = before.split(',').map(Number);
    if (east - west < widthDeg) break;
    await page.mouse.wheel(0, -60);
    await page.waitForFunction(
      ([id, b]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-bounds') !== b,
      [testId, before],
      { timeout: kTimeoutMs },
    );
    await page.waitForTimeout(350);
  }
}

/** Clicks the points [lat, lon] on the footprint map `testId`, in order. */
export async function clickMap(page, testId, points) {
  const map = page.getByTestId(testId);
  for (const [lat, lon] of points) {
    const p = await mapPixel(map, lat, lon);
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(120);
  }
}

/** Waits until the map `testId` has drawn the server's base layer `layer`. */
export async function waitForMapLayer(page, testId, layer) {
  await page.waitForFunction(
    ([id, l]) => (document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-layers-loaded') ?? '').split(',').includes(l),
    [testId, layer],
    { timeout: kTimeoutMs },
  );
}
