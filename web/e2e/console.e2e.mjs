// End-to-end test of the Liaison console against a running server.
//
//   BASE_URL=http://127.0.0.1:8080 E2E_USER=... E2E_PASSWORD=... \
//   SCREENSHOT_DIR=/tmp/shots npm run e2e
//
// Optional: E2E_TOTP (a current code, for an account with TOTP), E2E_TIMEOUT_MS.
// Drives Debian's /usr/bin/chromium through playwright-core (no browser
// download). Prints one line per check and a final "N passed, M failed";
// exits non-zero on any failure.
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
  waitForMapLayer,
  zoomMapTo,
} from './harness.mjs';

requireEnv(
  ['BASE_URL', 'E2E_USER', 'E2E_PASSWORD', 'SCREENSHOT_DIR'],
  'set BASE_URL (e.g. http://127.0.0.1:8080), E2E_USER, E2E_PASSWORD and SCREENSHOT_DIR',
);
const baseUrl = process.env.BASE_URL.replace(/\/+$/, '');
const user = process.env.E2E_USER;
const password = process.env.E2E_PASSWORD;
const totp = process.env.E2E_TOTP ?? '';
const shotDir = process.env.SCREENSHOT_DIR;
const origin = new URL(baseUrl).origin;

const en = await readConsoleJson('src/i18n/en.json');
const ar = await readConsoleJson('src/i18n/ar.json');
const he = await readConsoleJson('src/i18n/he.json');
const reqEn = (await readConsoleJson('src/i18n/parts/requests.en.json')).requests;

const { check, unexpected, finish } = createRun();
const browser = await launchBrowser();

const foreignRequests = [];
const pageErrors = [];

try {
  await mkdir(shotDir, { recursive: true });
  const context = await browser.newContext({ viewport: kViewport, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(kTimeoutMs);
  page.on('request', (r) => {
    const u = r.url();
    if (/^(https?|wss?):/.test(u) && new URL(u).origin !== origin && !u.startsWith(origin.replace(/^http/, 'ws'))) {
      foreignRequests.push(u);
    }
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await check('server answers /healthz', async () => {
    const res = await page.request.get(`${baseUrl}/healthz`);
    assert(res.ok(), `GET /healthz returned ${res.status()}`);
    const body = await res.json();
    assert(body.status === 'ok', `unexpected body ${JSON.stringify(body)}`);
  });

  await check('login page is shown', async () => {
    await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('login-page').waitFor();
    await page.getByLabel(en.login.username).waitFor();
    const dir = await page.evaluate(() => document.documentElement.dir);
    assert(dir === 'ltr', `expected dir=ltr on the login page, got ${dir}`);
  });

  await check('sign in', async () => {
    await page.getByLabel(en.login.username).fill(user);
    await page.getByLabel(en.login.password).fill(password);
    await page.getByTestId('login-submit').click();
    // Whichever appears first; the losers are left to time out quietly.
    const settle = (locator, name) => locator.waitFor().then(() => name, () => new Promise(() => {}));
    const outcome = await Promise.race([
      settle(page.getByTestId('header'), 'shell'),
      settle(page.getByTestId('login-totp'), 'totp'),
      settle(page.locator('[data-testid=login-error]:not(:empty)'), 'error'),
      page.waitForTimeout(kTimeoutMs).then(() => 'timeout'),
    ]);
    assert(outcome !== 'timeout', 'neither the shell, a TOTP step nor an error appeared after submitting');
    if (outcome === 'totp') {
      assert(totp !== '', 'the server asks for a TOTP code; set E2E_TOTP');
      await page.getByTestId('login-totp').fill(totp);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('header').waitFor();
    } else if (outcome === 'error') {
      throw new Error(`login refused: ${await page.getByTestId('login-error').innerText()}`);
    }
  });

  // What the server says, to compare the page against.
  const fromServer = await page.evaluate(async () => {
    const get = async (url) => {
      const r = await fetch(url, { credentials: 'same-origin' });
      return r.ok ? r.json() : null;
    };
    const me = await get('/api/v1/me');
    const catalog = await get('/api/v1/map/layers');
    const govLayer = catalog?.layers.find((l) => l.id === 'governorates');
    const governorates = govLayer ? await get(govLayer.url) : null;
    return { me, catalog, governorates };
  });
  const me = fromServer.me;
  const govNames = (fromServer.governorates?.features ?? []).map((f) => f.properties ?? {});
  // A governorate with English and Arabic names, Nablus if there is one.
  const sampleGov =
    govNames.find((p) => p.name_en === 'Nablus' && p.name_ar) ?? govNames.find((p) => p.name_en && p.name_ar) ?? null;

  await check('header shows the unit and party of /api/v1/me', async () => {
    assert(me !== null, 'GET /api/v1/me failed after login');
    const unit = (await page.getByTestId('user-unit').innerText()).trim();
    const party = (await page.getByTestId('user-party').innerText()).trim();
    assert(unit === (me.unit_name || me.unit), `unit shows "${unit}", /me says "${me.unit_name}"`);
    assert(party === (me.party_name || me.party), `party shows "${party}", /me says "${me.party_name}"`);
    const badge = await page.getByTestId('coordinator-badge').count();
    assert(badge === (me.is_coordinator ? 1 : 0), `coordinator badge shown=${badge} but is_coordinator=${me.is_coordinator}`);
  });

  await check('map draws oslo_areas and governorates', async () => {
    const map = page.getByTestId('map');
    await map.waitFor();
    await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="map"]');
        const ids = (el?.getAttribute('data-layers-loaded') ?? '').split(',');
        return ids.includes('oslo_areas') && ids.includes('governorates');
      },
      null,
      { timeout: kTimeoutMs },
    );
    const drawn = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="map"]');
      const paths = el.querySelectorAll('svg path.leaflet-interactive, svg path').length;
      const canvases = el.querySelectorAll('canvas').length;
      return { paths, canvases, failed: el.getAttribute('data-layers-failed') };
    });
    assert(drawn.paths + drawn.canvases > 0, 'no SVG path or canvas inside the map');
    assert(!drawn.failed, `layers failed to load: ${drawn.failed}`);
  });

  await check('map labels governorates and shows the attribution from the API', async () => {
    assert(sampleGov !== null, 'the governorates layer has no feature with name_en and name_ar');
    await page.locator('[data-testid=map] .map-label', { hasText: sampleGov.name_en }).first().waitFor();
    const expected = (fromServer.catalog?.attribution ?? '').trim();
    assert(expected !== '', 'GET /api/v1/map/layers returned no attribution');
    const shown = await page.locator('[data-testid=map] .leaflet-control-attribution').innerText();
    assert(shown.replace(/\s+/g, ' ').includes(expected.replace(/\s+/g, ' ')), `attribution shows "${shown}"`);
  });

  await check('event stream connects', async () => {
    await page.locator('[data-testid=stream-state][data-state=open]').waitFor();
  }, { fatal: false });

  await check('screenshot console-map-en.png', async () => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shotDir, 'console-map-en.png') });
  });

  // A movement request drawn on the map, evaluated, sent, and shown with its receipt.
  // A route from the centre of Jenin (Area A) east into Area C.
  const kJeninRoute = [
    [32.462, 35.285],
    [32.458, 35.3],
    [32.455, 35.33],
  ];
  let requestId = null;
  let submittedSeq = 0;
  let submittedAt = 0;

  await check('navigation bar opens the new-request form', async () => {
    await page.getByTestId('nav-new_request').click();
    await page.getByTestId('new-request-page').waitFor();
    assert((await page.evaluate(() => location.hash)) === '#/requests/new', 'hash is not #/requests/new');
  });

  // The fallback channel: only a duty officer may log a request received by
  // phone or radio; it is from the calling party, by default to the officer's own.
  await check('the phone or radio section is offered to duty officers only', async () => {
    await page.locator('[data-testid="field-to_party"] option:not([value=""])').first().waitFor({ state: 'attached' });
    const box = page.getByTestId('logged-call');
    if (!me.roles.includes('duty')) {
      assert((await box.count()) === 0, 'the section is offered to a user without the duty role');
      return;
    }
    await box.check();
    await page.getByTestId('logged-call-fields').waitFor();
    const to = await page.getByTestId('field-to_party').inputValue();
    assert(me.is_coordinator || to === me.party, `the receiver defaults to "${to}", not the user's own party`);
    const callers = await page
      .locator('[data-testid="field-logged_call.party"] option')
      .evaluateAll((els) => els.map((e) => e.getAttribute('value')));
    assert(!callers.includes(me.party) && callers.length > 1, `calling parties offered: ${callers.join(',')}`);
    await box.uncheck();
    await page.getByTestId('logged-call-fields').waitFor({ state: 'detached' });
  }, { fatal: false });

  await check('new request: movement to the ISF, with personnel, a vehicle and weapons', async () => {
    await page.getByTestId('field-type').selectOption('movement');
    await page.locator('[data-testid="field-to_party"] option[value="isf"]').waitFor({ state: 'attached' });
    const own = await page.locator(`[data-testid="field-to_party"] option[value="${me.party}"]`).count();
    assert(own === 0, 'the form offers the user\'s own party as the receiver');
    await page.getByTestId('field-to_party').selectOption('isf');
    await page.getByTestId('field-precedence').selectOption('PRIORITY');
    await page.getByTestId('field-title').fill('Convoy Jenin city to Area C (e2e)');
    await page.getByTestId('field-details').fill('قافلة من مدينة جنين — two jeeps, DCL escort.');
    await page.getByTestId('field-movement.personnel').fill('8');
    await page.getByTestId('add-vehicle').click();
    await page.getByTestId('field-movement.vehicles.0.plate').fill('12-345-67');
    await page.getByTestId('field-movement.vehicles.0.description').fill('jeep');
    await page.getByTestId('add-weapon').click();
    await page.getByTestId('field-movement.weapons.0.kind').fill('rifle');
    await page.getByTestId('field-movement.weapons.0.count').fill('8');
    await page.getByTestId('field-movement.route_description').fill('Route 585 east of Jenin');
  });

  await check('draw a route of three points across Jenin into Area C', async () => {
    const map = page.getByTestId('footprint-map');
    await waitForMapLayer(page, 'footprint-map', 'oslo_areas');
    await page.getByTestId('draw-route').click();
    // Zoom in on Jenin until the view is a few kilometres wide.
    await zoomMapTo(page, 'footprint-map', 32.458, 35.305, 0.25);
    await clickMap(page, 'footprint-map', kJeninRoute);
    const vertices = await map.getAttribute('data-vertices');
    assert(vertices === '3', `the map holds ${vertices} vertices, expected 3`);
  });

  await check('the Oslo areas and the ISF approval requirement appear before sending', async () => {
    const areas = page.getByTestId('evaluation-areas');
    await areas.locator('[data-area="C"]').waitFor();
    const codes = await areas.locator('[data-area]').evaluateAll((els) => els.map((e) => e.getAttribute('data-area')));
    assert(codes.includes('A') && codes.includes('C'), `areas shown: ${codes.join(',')}`);
    const need = page.locator('[data-testid="evaluation-coordination"] li[data-party="isf"][data-requirement="approval"]').first();
    await need.waitFor();
    const text = await need.innerText();
    assert(text.includes('approval required'), `coordination reads "${text}"`);
    assert(text.includes('pasf-armed-b-c'), `coordination does not name the rule: "${text}"`);
    assert(text.includes('Interim Agreement'), `coordination does not name the basis: "${text}"`);
    assert((await page.getByTestId('request-row').count()) === 0, 'nothing should be listed yet');
  });

  await check('screenshot new-request-en.png', async () => {
    await page.getByTestId('evaluation').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shotDir, 'new-request-en.png') });
  });

  await check('send: the request page shows a REQ- id in state submitted', async () => {
    await page.getByTestId('submit-request').click();
    await page.locator('[data-testid="request-page"][data-state="submitted"]').waitFor();
    submittedAt = Date.now();
    requestId = (await page.getByTestId('request-id').innerText()).trim();
    assert(/^REQ-\d{4}-\d{6}$/.test(requestId), `request id "${requestId}"`);
    const hash = await page.evaluate(() => location.hash);
    assert(hash === `#/requests/${requestId}`, `hash is ${hash}`);
    const state = (await page.getByTestId('request-state').innerText()).trim();
    assert(state === reqEn.state.submitted, `state shows "${state}"`);
    const need = await page.locator('[data-testid="request-coordination"] li[data-party="isf"][data-requirement="approval"]').count();
    assert(need > 0, 'the request page does not show the ISF approval requirement');
    await page.locator('[data-testid="countdown-acknowledge"]').waitFor();
  });

  await check('the timeline shows the submission with its seq (the receipt)', async () => {
    const entry = page.locator('[data-testid="timeline-entry"][data-type="request.submitted"]').first();
    await entry.waitFor();
    submittedSeq = Number(await entry.getAttribute('data-seq'));
    assert(submittedSeq > 0, `seq "${submittedSeq}"`);
  });

  // The page scrolls inside the shell, so a screenshot shows its top.
  await check('screenshot request-en.png', async () => {
    await page.getByTestId('request-id').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shotDir, 'request-en.png') });
  });

  await check('the outbox lists the new request', async () => {
    await page.getByTestId('nav-requests').click();
    await page.getByTestId('box-outbox').click();
    await page.locator(`[data-testid="request-row"][data-id="${requestId}"]`).waitFor();
    await page.screenshot({ path: path.join(shotDir, 'requests-outbox-en.png') });
  }, { fatal: false });

  await check('back to the map', async () => {
    await page.getByTestId('nav-map').click();
    await page.getByTestId('map').waitFor();
  });

  await check('switch to Arabic: <html dir=rtl lang=ar>', async () => {
    await page.getByTestId('lang-ar').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl' && document.documentElement.lang === 'ar');
    const stored = await page.evaluate(() => localStorage.getItem('liaison.language'));
    assert(stored === 'ar', `localStorage holds ${stored}`);
  });

  await check('Arabic UI text is visible', async () => {
    await page.getByRole('button', { name: ar.shell.logout }).waitFor();
    await page.getByText(ar.map.layer.oslo_areas, { exact: true }).waitFor();
    await page.locator('[data-testid=map] .map-label', { hasText: sampleGov.name_ar }).first().waitFor();
    const label = await page.getByText(ar.shell.unit, { exact: true }).first().isVisible();
    assert(label, `"${ar.shell.unit}" not visible`);
  });

  await check('screenshot console-map-ar.png', async () => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shotDir, 'console-map-ar.png') });
  });

  await check('screenshot request-ar.png', async () => {
    await page.evaluate((id) => { location.hash = `#/requests/${id}`; }, requestId);
    await page.locator(`[data-testid="request-page"][data-id="${requestId}"]`).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(shotDir, 'request-ar.png') });
  }, { fatal: false });

  await check('language survives a reload', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByTestId('header').waitFor();
    const lang = await page.evaluate(() => document.documentElement.lang);
    assert(lang === 'ar', `after reload lang=${lang}`);
  });

  await check('switch to Hebrew: <html dir=rtl lang=he>', async () => {
    await page.getByTestId('lang-he').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl' && document.documentElement.lang === 'he');
    await page.getByRole('button', { name: he.shell.logout }).waitFor();
  });

  await check('screenshot request-he.png', async () => {
    await page.evaluate((id) => { location.hash = `#/requests/${id}`; }, requestId);
    await page.locator(`[data-testid="request-page"][data-id="${requestId}"]`).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(shotDir, 'request-he.png') });
  }, { fatal: false });

  // The log signs a tree head every minute or so: until then the proof
  // button says "not yet"; retry until the submission is covered.
  await check('the submission has an inclusion proof once a tree head covers it', async () => {
    const kSigningWaitMs = 75_000;
    const button = page.getByTestId(`proof-button-${submittedSeq}`);
    const state = page.getByTestId(`proof-${submittedSeq}`);
    for (;;) {
      await button.click();
      await page.waitForFunction(
        (seq) => ['done', 'pending', 'error'].includes(document.querySelector(`[data-testid="proof-${seq}"]`)?.getAttribute('data-state')),
        submittedSeq,
      );
      const now = await state.getAttribute('data-state');
      if (now === 'done') break;
      assert(now === 'pending', `the proof request failed: ${await state.innerText()}`);
      assert(Date.now() - submittedAt < kSigningWaitMs, 'no signed tree head covers the submission after 75 s');
      await page.waitForTimeout(5_000);
    }
    const hash = (await page.getByTestId('proof-leaf-hash').first().innerText()).trim();
    assert(/^[0-9a-f]{64}$/.test(hash), `leaf hash "${hash}"`);
    const size = Number(await page.getByTestId('proof-tree-size').first().innerText());
    assert(size >= submittedSeq, `tree size ${size} < seq ${submittedSeq}`);
  }, { fatal: false });

  await check('sign out returns to the login page', async () => {
    await page.getByTestId('logout').click();
    await page.getByTestId('login-page').waitFor();
    await page.getByLabel(he.login.username).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status);
    assert(status === 401, `GET /api/v1/me after logout returned ${status}`);
  });

  await check('no requests left the server origin', async () => {
    assert(foreignRequests.length === 0, `requests to other origins: ${foreignRequests.slice(0, 3).join(', ')}`);
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
