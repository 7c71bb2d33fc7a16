// End-to-end test of enrolment gating against a running server seeded with
// the demo's sample programmes (`liaison demo --sample-requests`, as `make
// run` seeds it): the coordinator's trainer opens a session of the sample
// training data from the navigation, finds a synthetic person who holds no
// current vetting clearance, checks and then tries to enrol them, and sees
// the refusal with its reason as a translated sentence, in English and in
// Arabic.
//
//   BASE_URL=http://127.0.0.1:8080 E2E_PASSWORD=... SCREENSHOT_DIR=/tmp/shots \
//   node e2e/training.e2e.mjs
//
// Account (the demo's; override with E2E_TRAINER): ussc.trainer. Prints one
// line per check and "N passed, M failed".
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { assert, createRun, kTimeoutMs, kViewport, launchBrowser, readConsoleJson, requireEnv, signIn } from './harness.mjs';

requireEnv(
  ['BASE_URL', 'E2E_PASSWORD', 'SCREENSHOT_DIR'],
  'set BASE_URL (e.g. http://127.0.0.1:8080), E2E_PASSWORD (the demo password) and SCREENSHOT_DIR',
);
const baseUrl = process.env.BASE_URL.replace(/\/+$/, '');
const password = process.env.E2E_PASSWORD;
const shotDir = process.env.SCREENSHOT_DIR;
const trainer = process.env.E2E_TRAINER ?? 'ussc.trainer';

const en = await readConsoleJson('src/i18n/en.json');
const trainingEn = (await readConsoleJson('src/i18n/parts/training.en.json')).training;
const trainingAr = (await readConsoleJson('src/i18n/parts/training.ar.json')).training;

// How many synthetic persons to check before giving up on finding one
// without a clearance (the sample clears only a few).
const kCandidates = 40;

const { check, unexpected, finish } = createRun();
const browser = await launchBrowser();
const pageErrors = [];

/** A JSON call from the signed-in page (same origin, session cookie, CSRF header). */
const call = (page, method, url, body) =>
  page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u, {
        method: m,
        headers: { 'X-Liaison-Request': '1', ...(b === null ? {} : { 'Content-Type': 'application/json' }) },
        body: b === null ? undefined : JSON.stringify(b),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [method, url, body ?? null],
  );

const shot = (page, name) => page.screenshot({ path: path.join(shotDir, name) });

/** The visible refusal's reasons, as [code, text] pairs. */
const reasons = (page) =>
  page
    .locator('[data-testid="refusal-reason"]')
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-reason'), e.querySelector('[data-testid="refusal-text"]')?.textContent ?? '']),
    );

try {
  await mkdir(shotDir, { recursive: true });
  const context = await browser.newContext({ viewport: kViewport, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(kTimeoutMs);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let sessionId = null;
  let person = null;

  await check(`${trainer} signs in`, async () => {
    await signIn(page, baseUrl, en.login, trainer, password);
  });

  await check('the navigation offers training and vetting, not the allegations register', async () => {
    await page.getByTestId('nav-training').waitFor();
    await page.getByTestId('nav-vetting').waitFor();
    assert((await page.getByTestId('nav-allegations').count()) === 0, 'a trainer is offered the allegations register');
  });

  await check('the demo has a sample session with a free seat', async () => {
    const r = await call(page, 'GET', '/api/v1/sessions?limit=200');
    assert(r.status === 200, `GET /api/v1/sessions returned ${r.status}`);
    const open = (r.body.items ?? []).find((s) => s.seats_taken < s.capacity);
    assert(open, `no sample session with a free seat (${(r.body.items ?? []).length} sessions); seed with --sample-requests`);
    sessionId = open.id;
  });

  await check('a synthetic person without a current clearance is found', async () => {
    const r = await call(page, 'GET', `/api/v1/personnel?q=SYN-&limit=${kCandidates}`);
    assert(r.status === 200, `GET /api/v1/personnel returned ${r.status}`);
    const candidates = (r.body.items ?? []).filter((p) => p.synthetic !== false);
    for (const p of candidates) {
      const c = await call(page, 'POST', '/api/v1/enrolments/check', { session: sessionId, person: p.id });
      assert(c.status === 200, `POST /api/v1/enrolments/check returned ${c.status}`);
      if ((c.body.reasons ?? []).includes('not_cleared')) {
        person = p;
        break;
      }
    }
    assert(person, `none of ${candidates.length} synthetic persons lacks a clearance`);
  });

  await check('the session opens from the navigation: training, sessions, the session', async () => {
    await page.getByTestId('nav-training').click();
    await page.getByTestId('courses-page').waitFor();
    await page.getByTestId('tab-sessions').click();
    await page.getByTestId('sessions-page').waitFor();
    await page.locator(`[data-testid="session-row"][data-id="${sessionId}"] [data-testid="session-link"]`).click();
    await page.locator(`[data-testid="session-page"][data-id="${sessionId}"]`).waitFor();
    await page.getByTestId('seats').waitFor();
  });

  await check('the trainer finds the person by service number', async () => {
    await page.getByTestId('person-query').fill(person.service_number);
    await page.getByTestId('person-search').click();
    await page.locator(`[data-testid="person-match"][data-id="${person.id}"]`).click();
    await page.locator(`[data-testid="person-picked"][data-id="${person.id}"]`).waitFor();
  });

  await check('a check lists not_cleared as a sentence, writing nothing', async () => {
    const enrolments = async () => {
      const q = `session=${encodeURIComponent(sessionId)}&person=${encodeURIComponent(person.id)}`;
      const r = await call(page, 'GET', `/api/v1/enrolments?${q}`);
      assert(r.status === 200, `GET /api/v1/enrolments returned ${r.status}`);
      return (r.body.items ?? []).length;
    };
    const before = await enrolments();
    await page.getByTestId('enrol-check').click();
    await page.locator('[data-testid="refusal"][data-kind="check"]').waitFor();
    const got = await reasons(page);
    const line = got.find(([code]) => code === 'not_cleared');
    assert(line, `reasons shown: ${got.map(([c]) => c).join(', ')}`);
    assert(line[1] === trainingEn.refusal.not_cleared, `not_cleared reads "${line[1]}"`);
    assert((await enrolments()) === before, 'the check wrote an enrolment');
  });

  await check('enrolling is refused; the refusal shows the not_cleared reason', async () => {
    await page.getByTestId('enrol-submit').click();
    const box = page.locator('[data-testid="refusal"][data-kind="refused"]');
    await box.waitFor();
    await box.getByText(trainingEn.refusal.not_cleared, { exact: true }).waitFor();
    await box.getByText(trainingEn.refusal.title_refused).waitFor();
    assert((await page.getByTestId('enrolled').count()) === 0, 'an enrolment was reported');
    await page.getByTestId('request-vetting-not_cleared').waitFor();
  });

  await check('screenshot training-refusal-en.png', async () => {
    await page.getByTestId('enrol-panel').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot(page, 'training-refusal-en.png');
  });

  await check('in Arabic the refusal reads in Arabic, right to left', async () => {
    await page.getByTestId('lang-ar').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page
      .locator('[data-testid="refusal"][data-kind="refused"]')
      .getByText(trainingAr.refusal.not_cleared, { exact: true })
      .waitFor();
    await page.waitForTimeout(300);
    await shot(page, 'training-refusal-ar.png');
    await page.getByTestId('lang-en').click();
  }, { fatal: false });

  await check('no page errors', async () => {
    assert(pageErrors.length === 0, `page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
  });
} catch (e) {
  unexpected(e);
} finally {
  await browser.close();
}
process.exit(finish());
