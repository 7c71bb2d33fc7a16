// End-to-end test of the deconfliction screens against a running server
// seeded with the demo (`liaison demo`): two parties register activities
// that overlap in Nablus, and each sees only what docs/deconfliction.md
// lets it see.
//
//   BASE_URL=http://127.0.0.1:8080 E2E_PASSWORD=... SCREENSHOT_DIR=/tmp/shots \
//   node e2e/deconfliction.e2e.mjs
//
// Accounts (the demo's; override with E2E_SIDE_A, E2E_SIDE_B, E2E_DESK):
// isf.nablus registers first, pasf.nablus second, ussc.duty is the
// coordinator's duty desk. The desk registers a protected site where the
// two routes cross; each side is warned of it. The second registrant sees
// the conflict before and after registering as a pointer (the ISF's name,
// the window, Nablus, whom to call), never the ISF's title or details; the
// first side's conflicts inbox shows the conflict live; the desk sees both
// titles and resolves it. Prints one line per check and "N passed, M failed".
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  assert,
  clickMap,
  createRun,
  kTimeoutMs,
  kViewport,
  launchBrowser,
  readConsoleJson,
  requireEnv,
  signIn,
  waitForMapLayer,
  zoomMapTo,
} from './harness.mjs';

requireEnv(
  ['BASE_URL', 'E2E_PASSWORD', 'SCREENSHOT_DIR'],
  'set BASE_URL (e.g. http://127.0.0.1:8080), E2E_PASSWORD (the demo password) and SCREENSHOT_DIR',
);
const baseUrl = process.env.BASE_URL.replace(/\/+$/, '');
const password = process.env.E2E_PASSWORD;
const shotDir = process.env.SCREENSHOT_DIR;
const accounts = {
  isf: process.env.E2E_SIDE_A ?? 'isf.nablus',
  pasf: process.env.E2E_SIDE_B ?? 'pasf.nablus',
  desk: process.env.E2E_DESK ?? 'ussc.duty',
};

const en = await readConsoleJson('src/i18n/en.json');
const dcfAr = (await readConsoleJson('src/i18n/parts/deconfliction.ar.json')).deconfliction;

// Nablus city, north of the demo's Huwwara closure: an ISF route west to
// east and a PASF route north to south that crosses it, with a hospital at
// the crossing.
const kCentre = [32.229, 35.252];
const kZoomWidthDeg = 0.1;
const kIsfRoute = [
  [32.232, 35.238],
  [32.226, 35.266],
];
const kPasfRoute = [
  [32.242, 35.252],
  [32.216, 35.253],
];
const kHospital = [32.2295, 35.2525];

const isf = {
  title: 'ISF route check north of Nablus (e2e)',
  details: 'Two jeeps, call sign Tamar; e2e-isf-secret-details',
};
const pasf = { title: 'PASF convoy to Nablus (e2e)', details: 'Three vehicles; e2e-pasf-secret-details' };

const { check, unexpected, finish } = createRun();
const browser = await launchBrowser();
const pageErrors = [];

async function openAs(username) {
  const context = await browser.newContext({ viewport: kViewport, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(kTimeoutMs);
  page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
  await signIn(page, baseUrl, en.login, username, password);
  return page;
}

async function go(page, hash, testId) {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.getByTestId(testId).waitFor();
}

const text = (page) => page.evaluate(() => document.body.innerText);

/** Draws a route on the activity form's map, once its base layers are there. */
async function drawRoute(page, points) {
  await waitForMapLayer(page, 'footprint-map', 'governorates');
  await page.getByTestId('draw-route').click();
  await zoomMapTo(page, 'footprint-map', kCentre[0], kCentre[1], kZoomWidthDeg);
  await clickMap(page, 'footprint-map', points);
  const n = await page.getByTestId('footprint-map').getAttribute('data-vertices');
  assert(n === String(points.length), `the map holds ${n} vertices, expected ${points.length}`);
}

/** Waits for the dry run of the current drawing and returns how many conflicts it found. */
async function dryRunCount(page) {
  const panel = page.locator('[data-testid="dry-run"][data-state="done"]');
  await panel.waitFor();
  return Number(await panel.getAttribute('data-conflicts'));
}

const shot = (page, name) => page.screenshot({ path: path.join(shotDir, name) });

try {
  await mkdir(shotDir, { recursive: true });
  let desk;
  let isfPage;
  let pasfPage;
  let isfName = 'isf';
  let pasfName = 'pasf';
  let siteId = null;
  let isfActivity = null;
  let conflictId = null;

  await check('the three accounts sign in', async () => {
    [desk, isfPage, pasfPage] = await Promise.all([openAs(accounts.desk), openAs(accounts.isf), openAs(accounts.pasf)]);
    const parties = await isfPage.evaluate(async () => (await (await fetch('/api/v1/parties')).json()).items);
    isfName = parties.find((p) => p.id === 'isf')?.name_en ?? 'isf';
    pasfName = parties.find((p) => p.id === 'pasf')?.name_en ?? 'pasf';
  });

  await check('the server has the deconfliction API', async () => {
    const status = await isfPage.evaluate(async () => (await fetch('/api/v1/activities?limit=1')).status);
    assert(status === 200, `GET /api/v1/activities returned ${status}`);
  });

  await check('the navigation bar offers activities, conflicts and protected sites', async () => {
    for (const key of ['activities', 'conflicts', 'protected_sites']) await isfPage.getByTestId(`nav-${key}`).waitFor();
  });

  await check('the coordinator desk registers a hospital where the routes will cross', async () => {
    await go(desk, '#/protected-sites', 'site-form');
    await desk.getByTestId('field-kind').selectOption('hospital');
    await desk.getByTestId('field-name').fill('Nablus Field Hospital (e2e)');
    await desk.getByTestId('field-buffer_m').fill('100');
    await waitForMapLayer(desk, 'site-map', 'governorates');
    await desk.getByTestId('draw-point').click();
    await zoomMapTo(desk, 'site-map', kCentre[0], kCentre[1], kZoomWidthDeg);
    await clickMap(desk, 'site-map', [kHospital]);
    await desk.getByTestId('submit-site').click();
    const receipt = await desk.getByTestId('receipt').innerText();
    siteId = /SITE-\d+/.exec(receipt)?.[0] ?? null;
    assert(siteId, `receipt "${receipt}" names no site`);
    await desk.locator(`[data-testid="site-row"][data-id="${siteId}"]`).waitFor();
  });

  await check('the ISF side sees the site in the list', async () => {
    await go(isfPage, '#/protected-sites', 'sites-page');
    await isfPage.locator(`[data-testid="site-row"][data-id="${siteId}"]`).waitFor();
    assert((await isfPage.getByTestId('site-form').count()) === 0, 'a party is offered the site registration form');
  }, { fatal: false });

  await check('ISF: the dry run of its route finds no conflict but warns of the hospital', async () => {
    await isfPage.getByTestId('nav-activities').click();
    await isfPage.getByTestId('new-activity').click();
    await isfPage.getByTestId('new-activity-page').waitFor();
    await isfPage.getByTestId('field-kind').selectOption('patrol');
    await isfPage.getByTestId('field-title').fill(isf.title);
    await isfPage.getByTestId('field-details').fill(isf.details);
    await isfPage.getByTestId('field-poc').fill('Maj. Levi, 02-555-0100');
    await drawRoute(isfPage, kIsfRoute);
    const n = await dryRunCount(isfPage);
    assert(n === 0, `the dry run found ${n} conflicts before anything else is registered`);
    const warnings = await isfPage.getByTestId('check-warnings').innerText();
    assert(warnings.includes('Nablus Field Hospital (e2e)'), `warnings read "${warnings}"`);
  });

  await check('ISF: registers the activity', async () => {
    await isfPage.getByTestId('submit-activity').click();
    const page = isfPage.locator('[data-testid="new-activity-page"][data-registered]');
    await page.waitFor();
    isfActivity = await page.getAttribute('data-registered');
    assert(/^ACT-\d{4}-\d{6}$/.test(isfActivity ?? ''), `activity id "${isfActivity}"`);
    await isfPage.getByTestId('receipt-no-conflicts').waitFor();
    await shot(isfPage, 'activity-registered-en.png');
  });

  await check('ISF: opens its conflicts inbox before the PASF registers', async () => {
    await go(isfPage, '#/conflicts', 'conflicts-page');
    await isfPage.locator('[data-testid="list-empty"], [data-testid="conflict-list"]').first().waitFor();
  });

  await check('PASF: the dry run shows a pointer to the ISF, not the ISF activity', async () => {
    await go(pasfPage, '#/activities/new', 'new-activity-page');
    await pasfPage.getByTestId('field-kind').selectOption('movement');
    await pasfPage.getByTestId('field-title').fill(pasf.title);
    await pasfPage.getByTestId('field-details').fill(pasf.details);
    await drawRoute(pasfPage, kPasfRoute);
    const n = await dryRunCount(pasfPage);
    assert(n >= 1, 'the dry run found no conflict');
    const pointer = pasfPage.locator('[data-testid="check-conflict"] [data-testid="pointer"][data-party="isf"]').first();
    await pointer.waitFor();
    const summary = await pointer.getByTestId('pointer-summary').innerText();
    assert(summary.includes(isfName), `the pointer reads "${summary}", not naming ${isfName}`);
    assert(summary.includes('Nablus'), `the pointer reads "${summary}", not naming Nablus`);
    const contact = await pointer.getByTestId('pointer-contact').innerText();
    assert(/duty desk/.test(contact), `the contact reads "${contact}"`);
    assert((await pasfPage.getByTestId('check-conflict-record').count()) === 0, 'a party sees the other record');
    const body = await text(pasfPage);
    assert(!body.includes(isf.title) && !body.includes('e2e-isf-secret-details'), 'the ISF title or details are shown');
    await pasfPage.getByTestId('dry-run').scrollIntoViewIfNeeded();
    await shot(pasfPage, 'activity-dry-run-en.png');
  });

  await check('PASF: registers and is shown the conflict it created as a pointer', async () => {
    await pasfPage.getByTestId('submit-activity').click();
    const card = pasfPage.locator('[data-testid="receipt-conflicts"] [data-testid="conflict-card"]').first();
    await card.waitFor();
    assert((await card.getAttribute('data-view')) === 'pointer', 'the receipt shows the full view to a party');
    conflictId = await card.getAttribute('data-id');
    assert(/^CFL-\d{4}-\d{6}$/.test(conflictId ?? ''), `conflict id "${conflictId}"`);
    const summary = await card.getByTestId('pointer-summary').innerText();
    assert(summary.includes(isfName), `the pointer reads "${summary}"`);
    const body = await text(pasfPage);
    assert(!body.includes(isf.title) && !body.includes('e2e-isf-secret-details'), 'the ISF title or details are shown');
    await shot(pasfPage, 'activity-conflict-receipt-en.png');
  });

  await check('ISF: the new conflict appears in its inbox without a reload', async () => {
    const row = isfPage.locator(`[data-testid="conflict-row"][data-id="${conflictId}"]`);
    await row.waitFor();
    assert((await row.getAttribute('data-view')) === 'pointer', 'a side sees the full view');
    const other = await row.getByTestId('conflict-other').innerText();
    assert(other.includes(pasfName), `the row names "${other}", not ${pasfName}`);
    const mine = await row.getByTestId('conflict-record-title').innerText();
    assert(mine === isf.title, `its own record reads "${mine}"`);
    const body = await text(isfPage);
    assert(!body.includes(pasf.title) && !body.includes('e2e-pasf-secret-details'), 'the PASF title or details are shown');
    await shot(isfPage, 'conflicts-inbox-en.png');
  });

  await check('ISF: its activity page lists the conflict', async () => {
    await go(isfPage, `#/activities/${isfActivity}`, 'activity-page');
    await isfPage.locator(`[data-testid="activity-conflicts"] [data-testid="conflict-card"][data-id="${conflictId}"]`).waitFor();
    const body = await text(isfPage);
    assert(body.includes(isf.details), 'the owner does not see its own details');
    assert(!body.includes(pasf.title), 'the PASF title is shown');
  }, { fatal: false });

  await check('ISF: the map shows its activities, the protected sites and the conflict', async () => {
    await isfPage.getByTestId('nav-map').click();
    await isfPage.getByTestId('operational-layers').waitFor();
    for (const id of ['activities', 'protected_sites', 'conflicts']) await isfPage.getByTestId(`overlay-toggle-${id}`).check();
    await isfPage.waitForFunction(() => {
      const ids = (document.querySelector('[data-testid="operational-layers"]')?.getAttribute('data-overlays-loaded') ?? '').split(',');
      return ['activities', 'protected_sites', 'conflicts'].every((id) => ids.includes(id));
    });
    await isfPage.locator(`[data-testid="map-conflict-list"] [data-id="${conflictId}"]`).waitFor();
    const paths = await isfPage.locator('[data-testid="map"] .leaflet-liaison-operations-pane path').count();
    assert(paths >= 3, `the operational layers drew ${paths} shapes`);
    await shot(isfPage, 'map-operations-en.png');
  }, { fatal: false });

  await check('PASF: the conflict page is the pointer, and it acknowledges', async () => {
    await go(pasfPage, `#/conflicts/${conflictId}`, 'conflict-page');
    const page = pasfPage.locator(`[data-testid="conflict-page"][data-id="${conflictId}"]`);
    await page.waitFor();
    assert((await page.getAttribute('data-view')) === 'pointer', 'a side sees the full view');
    assert((await pasfPage.getByTestId('conflict-map').count()) === 0, 'a side sees the footprints');
    const mine = await pasfPage.getByTestId('conflict-mine').innerText();
    assert(mine.includes(pasf.title), `its own record reads "${mine}"`);
    const body = await text(pasfPage);
    assert(!body.includes(isf.title) && !body.includes('e2e-isf-secret-details'), 'the ISF title or details are shown');
    await pasfPage.getByTestId('acknowledge-note').fill('Calling the coordinator now.');
    await pasfPage.getByTestId('action-acknowledge').click();
    await pasfPage.getByTestId('receipt').waitFor();
    await pasfPage.locator('[data-testid="acknowledgements"] [data-party="pasf"][data-acknowledged="true"]').waitFor();
  });

  await check('the coordinator desk sees both sides in full', async () => {
    await go(desk, `#/conflicts/${conflictId}`, 'conflict-page');
    await desk.locator(`[data-testid="conflict-page"][data-id="${conflictId}"][data-view="full"]`).waitFor();
    const titles = await desk.getByTestId('conflict-side-title').allInnerTexts();
    assert(titles.includes(isf.title) && titles.includes(pasf.title), `the desk sees titles ${JSON.stringify(titles)}`);
    const refs = await desk.getByTestId('conflict-side').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')));
    assert(refs.includes(isfActivity), `the sides are ${refs.join(', ')}`);
    await desk.getByTestId('conflict-distance').waitFor();
    await waitForMapLayer(desk, 'conflict-map', 'governorates');
    await shot(desk, 'conflict-full-en.png');
  });

  await check('the coordinator desk resolves it: joint, with a note', async () => {
    await desk.getByTestId('resolve-outcome').selectOption('joint');
    await desk.getByTestId('resolve-note').fill('One convoy, escorted by both sides, 08:00.');
    await desk.getByTestId('action-resolve').click();
    await desk.locator('[data-testid="resolution-outcome"][data-outcome="joint"]').waitFor();
  });

  await check('ISF: the conflict page reads resolved, in Arabic, right to left', async () => {
    await isfPage.getByTestId('lang-ar').click();
    await isfPage.waitForFunction(() => document.documentElement.dir === 'rtl');
    await go(isfPage, `#/conflicts/${conflictId}`, 'conflict-page');
    await isfPage.locator(`[data-testid="conflict-page"][data-id="${conflictId}"][data-state="resolved"]`).waitFor();
    const outcome = await isfPage.getByTestId('resolution-outcome').innerText();
    assert(outcome.includes(dcfAr.outcome.joint), `the outcome reads "${outcome}"`);
    await shot(isfPage, 'conflict-pointer-ar.png');
  }, { fatal: false });

  await check('no uncaught page errors', async () => {
    assert(pageErrors.length === 0, `page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
  }, { fatal: false });
} catch (e) {
  unexpected(e);
} finally {
  await browser.close();
}

process.exit(finish());
