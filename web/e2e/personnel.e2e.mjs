// End-to-end test of the personnel registry against a running server seeded
// with the demo (`liaison demo`, its synthetic force): the PASF HR officer
// imports a small CSV written the way a spreadsheet saves it (a BOM, CRLF,
// Arabic names, a quoted note); the dry run of a faulty file lists its
// error by row and column and keeps the commit closed; the dry run of the
// correct file is clean, the commit registers its rows, the persons are
// found with their Arabic names intact, and the rank pyramid of the Civil
// Police counts them.
//
//   BASE_URL=http://127.0.0.1:8080 E2E_PASSWORD=... SCREENSHOT_DIR=/tmp/shots \
//   node e2e/personnel.e2e.mjs
//
// Account (the demo's; override with E2E_HR): pasf.hr. Prints one line per
// check and "N passed, M failed".
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
const account = process.env.E2E_HR ?? 'pasf.hr';

const en = await readConsoleJson('src/i18n/en.json');

// The demo force's Civil Police district command in Nablus (docs/personnel.md, "Units").
const kService = 'CP';
const kUnit = 'CP-PS0115';
// A word no other record holds, so that the checks find this run's persons only.
const stamp = `E2E${Date.now().toString(36).toUpperCase()}`;
const persons = [
  { sn: `${stamp}-1`, ar: 'أحمد خليل يوسف', en: 'Ahmad Khalil Yousef', sex: 'm', born: '1988-03-14', joined: '2010-09-01', rank: 'SGT', band: 'nco' },
  { sn: `${stamp}-2`, ar: 'سارة محمود عودة', en: 'Sara Mahmoud Odeh', sex: 'f', born: '1990-11-02', joined: '2013-02-15', rank: 'CPT', band: 'officer' },
  { sn: `${stamp}-3`, ar: 'يوسف إبراهيم النجار', en: 'Yousef Ibrahim al-Najjar', sex: 'm', born: '1999-06-30', joined: '2019-07-01', rank: 'PVT', band: 'enlisted' },
];
const kHeader = 'service_number,name_ar,name_en,sex,birth_date,joined_on,service,unit,post,rank,status,education,notes';

/** The import file, as a spreadsheet saves "CSV UTF-8": a BOM and CRLF line ends. */
function csv(rows) {
  const lines = rows.map((p) =>
    [p.sn, p.ar, p.en, p.sex, p.born, p.joined, kService, kUnit, '', p.rank, 'active', 'ثانوية عامة', `"Imported by the e2e test, ""${stamp}"""`].join(','),
  );
  return Buffer.from(`\uFEFF${[kHeader, ...lines].join('\r\n')}\r\n`, 'utf8');
}

const { check, unexpected, finish } = createRun();
const browser = await launchBrowser();
const pageErrors = [];

const shot = (page, name) => page.screenshot({ path: path.join(shotDir, name), fullPage: true });

/** The page's own fetch, with its session cookie. */
const getJson = (page, url) =>
  page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: 'application/json' } });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, url);

/** Chooses `buffer` as the import file. */
const chooseFile = (page, name, buffer) => page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer });

/** The Civil Police counts of the rank pyramid shown, once its table is drawn. */
async function shownPyramid(page) {
  const row = page.locator(`[data-testid="pyramid-row"][data-service="${kService}"]`);
  await row.waitFor();
  const count = async (id) => Number(await row.getByTestId(id).getAttribute('data-count'));
  return { officer: await count('count-officer'), nco: await count('count-nco'), enlisted: await count('count-enlisted'), total: await count('pyramid-total') };
}

try {
  await mkdir(shotDir, { recursive: true });
  const context = await browser.newContext({ viewport: kViewport, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(kTimeoutMs);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let before = null;

  await check(`${account} signs in and the navigation bar offers the registry, the establishment and the analytics`, async () => {
    await signIn(page, baseUrl, en.login, account, password);
    for (const id of ['nav-personnel', 'nav-establishment', 'nav-personnel_analytics']) await page.getByTestId(id).waitFor();
  });

  await check('the server has the personnel API, the ranks and the demo force unit', async () => {
    const ref = await getJson(page, '/api/v1/personnel/reference');
    assert(ref.status === 200, `GET /api/v1/personnel/reference returned ${ref.status}`);
    for (const p of persons) {
      const rank = ref.body.ranks.find((r) => r.code === p.rank);
      assert(rank && rank.band === p.band, `the reference has no ${p.rank} in band ${p.band}`);
    }
    const units = await getJson(page, `/api/v1/establishment?service=${kService}&district=PS0115&limit=200`);
    assert(units.status === 200, `GET /api/v1/establishment returned ${units.status}`);
    assert(units.body.items.some((u) => u.id === kUnit), `the demo force has no unit ${kUnit}`);
    const pyramid = await getJson(page, '/api/v1/analytics/personnel/rank-pyramid');
    assert(pyramid.status === 200, `GET rank-pyramid returned ${pyramid.status}`);
    const cp = pyramid.body.items.find((i) => i.service === kService) ?? { officer: 0, nco: 0, enlisted: 0, total: 0 };
    before = { officer: cp.officer, nco: cp.nco, enlisted: cp.enlisted, total: cp.total };
  });

  await check('the import screen opens from the registry', async () => {
    await page.getByTestId('nav-personnel').click();
    await page.getByTestId('personnel-page').waitFor();
    await page.getByTestId('import-link').click();
    await page.getByTestId('import-page').waitFor();
  });

  await check('the dry run of a faulty file lists its error by row and column and keeps the commit closed', async () => {
    const faulty = persons.map((p, i) => (i === 1 ? { ...p, rank: 'XYZ' } : p));
    await chooseFile(page, 'persons-faulty.csv', csv(faulty));
    assert(await page.getByTestId('import-commit').isDisabled(), 'the commit is open before the dry run');
    await page.getByTestId('import-dry-run').click();
    const error = page.locator('[data-testid="import-error"][data-row="2"][data-column="rank"]');
    await error.waitFor();
    assert((await page.getByTestId('import-report').getAttribute('data-clean')) === 'false', 'the report calls the file clean');
    assert(await page.getByTestId('import-commit').isDisabled(), 'the commit is open after a dry run with errors');
    await shot(page, 'personnel-import-errors.png');
  });

  await check('the dry run of the correct file is clean and opens the commit of its 3 rows', async () => {
    await chooseFile(page, 'persons.csv', csv(persons));
    assert(await page.getByTestId('import-commit').isDisabled(), 'the commit stays open for a new file');
    await page.getByTestId('import-dry-run').click();
    await page.locator('[data-testid="import-report"][data-clean="true"]').waitFor();
    const rows = await page.getByTestId('report-rows').innerText();
    assert(/\b3\b/.test(rows), `the report reads "${rows}" rows`);
    const commit = page.getByTestId('import-commit');
    await page.waitForFunction(() => !document.querySelector('[data-testid="import-commit"]')?.disabled);
    assert((await commit.innerText()) === 'Commit 3 rows', `the button reads "${await commit.innerText()}"`);
    await shot(page, 'personnel-import-dry-run.png');
  });

  await check('the commit registers the 3 persons', async () => {
    await page.getByTestId('import-commit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    assert((await result.getAttribute('data-registered')) === '3', `registered ${await result.getAttribute('data-registered')}`);
    const id = await result.getAttribute('data-import');
    assert(/^IMP-/.test(id ?? ''), `the import id is ${id}`);
    await shot(page, 'personnel-import-committed.png');
  });

  await check('the persons are found, their Arabic names exactly as in the file', async () => {
    await page.evaluate((q) => {
      location.hash = `#/personnel?q=${encodeURIComponent(q)}`;
    }, stamp);
    await page.getByTestId('personnel-page').waitFor();
    const rows = page.getByTestId('person-row');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="person-row"]').length === 3);
    assert((await rows.count()) === 3, `the search found ${await rows.count()} persons`);
    const sara = rows.filter({ hasText: persons[1].sn });
    await sara.getByTestId('person-link').click();
    await page.getByTestId('person-page').waitFor();
    await page.getByTestId('person-name-ar').waitFor();
    const name = await page.getByTestId('person-name-ar').innerText();
    assert(name === persons[1].ar, `the profile reads "${name}"`);
    assert((await page.getByTestId('synthetic-badge').count()) === 0, 'an imported person is marked synthetic');
    await shot(page, 'personnel-profile.png');
  }, { fatal: false });

  await check('the rank pyramid of the Civil Police counts the imported persons', async () => {
    await page.getByTestId('nav-personnel_analytics').click();
    await page.getByTestId('analytics-page').waitFor();
    await page.getByTestId(`pyramid-${kService}`).waitFor();
    const shown = await shownPyramid(page);
    const want = { officer: before.officer + 1, nco: before.nco + 1, enlisted: before.enlisted + 1, total: before.total + 3 };
    assert(JSON.stringify(shown) === JSON.stringify(want), `the pyramid shows ${JSON.stringify(shown)}, expected ${JSON.stringify(want)}`);
    const bars = page.getByTestId(`pyramid-${kService}`).getByTestId('pyramid-bar');
    assert((await bars.count()) === 3, `the Civil Police pyramid has ${await bars.count()} bars`);
    await page.getByTestId('pyramid').scrollIntoViewIfNeeded();
    await page.getByTestId('pyramid').screenshot({ path: path.join(shotDir, 'personnel-pyramid.png') });
  });

  await check('no script errors', async () => {
    assert(pageErrors.length === 0, pageErrors.join(' | '));
  });
} catch (e) {
  unexpected(e);
} finally {
  await browser.close();
}
process.exit(finish());
