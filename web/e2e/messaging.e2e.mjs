// End-to-end test of crisis rooms and messaging against a running server
// seeded with the demo (`liaison demo`): an ISF officer reports an incident
// shared with the PASF, both open its crisis room, and each sees the
// other's messages arrive live, without reloading; a phrase sent from the
// English console is read in Arabic on the other side, with the text of
// data/phrasebook.json; a FLASH message is acknowledged and the sender sees
// who did; the channel list counts unread messages live; search finds a
// message.
//
//   BASE_URL=http://127.0.0.1:8080 E2E_PASSWORD=... SCREENSHOT_DIR=/tmp/shots \
//   node e2e/messaging.e2e.mjs
//
// Accounts (the demo's; override with E2E_SIDE_A, E2E_SIDE_B): isf.jenin
// and pasf.jenin. Prints one line per check and "N passed, M failed".
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
const accounts = {
  isf: process.env.E2E_SIDE_A ?? 'isf.jenin',
  pasf: process.env.E2E_SIDE_B ?? 'pasf.jenin',
};

const en = await readConsoleJson('src/i18n/en.json');
// The phrases as the server reads them at start (docs/messaging.md, "The phrasebook").
const phrasebook = await readConsoleJson('../data/phrasebook.json');
const phrases = phrasebook.items ?? phrasebook.phrases ?? [];

// A phrase with a parameter when the book has it (its {unit} filled in on
// both sides), else the plain "received, stand by".
const kUnit = 'DCO Jenin';
const phrase = phrases.find((p) => p.key === 'movement_completed') ?? phrases.find((p) => p.key === 'received_stand_by');
const fill = (template) => template.replace(/\{unit\}/g, kUnit);

// A word no other message holds, so that the checks find this run's messages only.
const stamp = `e2e${Date.now().toString(36)}`;
const isfText = `ISF crisis desk: road 60 open again ${stamp}`;
const pasfText = `PASF DCL Jenin: understood, patrol on its way ${stamp}`;
const flashText = `FLASH: shots heard near Qabatiya ${stamp}`;
const laterText = `ISF: next update at 10:00 ${stamp}`;

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

/** A message of the open chat whose text contains `text`. */
const messageWith = (page, text) =>
  page.locator('[data-testid="message"]', { has: page.locator('[data-testid="message-text"]', { hasText: text }) });

/** Sends free text from the composer of the open chat. */
async function sendText(page, text, { flash = false } = {}) {
  await page.getByTestId('composer-mode-text').click();
  await page.getByTestId('composer-text').fill(text);
  await page.getByTestId(flash ? 'priority-flash' : 'priority-routine').check();
  await page.getByTestId('composer-send').click();
  await messageWith(page, text).waitFor();
}

/** Marks the document, so a later check can tell that the page was not reloaded. */
const markPage = (page) =>
  page.evaluate(() => {
    window.__e2eNoReload = true;
  });
const notReloaded = async (page) => assert(await page.evaluate(() => window.__e2eNoReload === true), 'the page was reloaded');

const shot = (page, name) => page.screenshot({ path: path.join(shotDir, name) });

try {
  await mkdir(shotDir, { recursive: true });
  let isfPage;
  let pasfPage;
  let channelId = null;
  let channelHash = null;

  await check('both officers sign in', async () => {
    [isfPage, pasfPage] = await Promise.all([openAs(accounts.isf), openAs(accounts.pasf)]);
  });

  await check('the server has the messaging API and the phrasebook', async () => {
    assert(phrase, 'data/phrasebook.json has neither movement_completed nor received_stand_by');
    const book = await isfPage.evaluate(async () => {
      const r = await fetch('/api/v1/phrasebook');
      return { status: r.status, body: r.ok ? await r.json() : null };
    });
    assert(book.status === 200, `GET /api/v1/phrasebook returned ${book.status}`);
    const served = (book.body.items ?? []).find((p) => p.key === phrase.key);
    assert(served, `the server's phrasebook has no ${phrase.key}`);
    assert(served.ar === phrase.ar, `the server reads ${phrase.key} in Arabic as "${served.ar}", the file says "${phrase.ar}"`);
  });

  await check('the navigation bar offers Messages', async () => {
    await isfPage.getByTestId('nav-messages').waitFor();
    await pasfPage.getByTestId('nav-messages').waitFor();
  });

  await check('isf.jenin reports an incident shared with the PASF; it has a crisis room', async () => {
    const reply = await isfPage.evaluate(async (stampArg) => {
      const r = await fetch('/api/v1/incidents', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Liaison-Request': '1' },
        body: JSON.stringify({
          type: 'joint_accident',
          severity: 3,
          title: `Collision on road 60 near Jenin (${stampArg})`,
          description: 'Two vehicles, one of each side; no casualties reported so far.',
          location: { type: 'Point', coordinates: [35.3, 32.46] },
          occurred_at: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          shared_with: ['pasf'],
        }),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    }, stamp);
    assert(reply.status === 201, `POST /api/v1/incidents returned ${reply.status}: ${JSON.stringify(reply.body)}`);
    channelId = reply.body.channel_id;
    assert(channelId === `incident:${reply.body.id}`, `channel_id is ${channelId}`);
    channelHash = `#/messages/${encodeURIComponent(channelId)}`;
  });

  await check('the crisis room is in both channel lists', async () => {
    for (const page of [isfPage, pasfPage]) {
      await page.getByTestId('nav-messages').click();
      await page.getByTestId('messages-page').waitFor();
      await page.locator(`[data-testid="channel-row"][data-id="${channelId}"]`).waitFor();
    }
    await shot(pasfPage, 'messaging-list.png');
  });

  await check('both open the crisis room', async () => {
    for (const page of [isfPage, pasfPage]) {
      await page.locator(`[data-testid="channel-row"][data-id="${channelId}"] [data-testid="channel-link"]`).click();
      await page.locator(`[data-testid="chat-room"][data-channel="${channelId}"]`).waitFor();
      await page.getByTestId('composer').waitFor();
      assert((await page.evaluate(() => location.hash)) === channelHash, `the address is not ${channelHash}`);
      await markPage(page);
    }
  });

  await check('a message of isf.jenin reaches pasf.jenin live', async () => {
    await sendText(isfPage, isfText);
    const arrived = messageWith(pasfPage, isfText);
    await arrived.waitFor();
    assert((await arrived.getAttribute('data-mine')) === 'false', 'the message is shown as pasf.jenin\'s own');
    assert(
      (await arrived.getByTestId('message-text').getAttribute('dir')) === 'auto',
      'free text is not shown with dir="auto"',
    );
    await notReloaded(pasfPage);
  });

  await check('the answer of pasf.jenin reaches isf.jenin live', async () => {
    await sendText(pasfPage, pasfText);
    await messageWith(isfPage, pasfText).waitFor();
    await notReloaded(isfPage);
  });

  await check('pasf.jenin switches the console to Arabic; the room stays', async () => {
    await pasfPage.getByTestId('lang-ar').click();
    await pasfPage.waitForFunction(() => document.documentElement.dir === 'rtl');
    await messageWith(pasfPage, pasfText).waitFor();
  });

  const english = fill(phrase.en);
  const arabic = fill(phrase.ar);

  await check(`isf.jenin sends the phrase ${phrase.key} from the English console`, async () => {
    await isfPage.getByTestId('composer-mode-phrase').click();
    await isfPage.getByTestId('phrase-select').selectOption(phrase.key);
    if (phrase.params.some((p) => p.name === 'unit')) await isfPage.getByTestId('phrase-param-unit').fill(kUnit);
    const preview = await isfPage.getByTestId('phrase-preview').innerText();
    assert(preview === english, `the preview reads "${preview}", expected "${english}"`);
    await isfPage.getByTestId('composer-send').click();
    await messageWith(isfPage, english).waitFor();
  });

  await check('pasf.jenin reads the phrase in Arabic, live, as the phrasebook writes it', async () => {
    const arrived = messageWith(pasfPage, arabic);
    await arrived.waitFor();
    assert((await arrived.getAttribute('data-kind')) === 'phrase', 'the message is not marked as a phrase');
    assert(!(await pasfPage.getByTestId('message-log').innerText()).includes(english), 'the English text shows too');
    await notReloaded(pasfPage);
    await shot(pasfPage, 'messaging-room-pasf-ar.png');
  });

  await check('a FLASH from isf.jenin is highlighted for pasf.jenin, who acknowledges it', async () => {
    await sendText(isfPage, flashText, { flash: true });
    const flash = messageWith(pasfPage, flashText);
    await flash.waitFor();
    assert((await flash.getAttribute('data-priority')) === 'flash', 'the message is not FLASH');
    assert((await flash.getAttribute('class')).includes('msg--unacknowledged'), 'the FLASH is not highlighted');
    await flash.getByTestId('acknowledge').click();
    await flash.getByTestId('acknowledged-by-me').waitFor();
  });

  await check('isf.jenin sees, live, that pasf.jenin acknowledged the FLASH', async () => {
    const flash = messageWith(isfPage, flashText);
    await flash.locator(`[data-testid="acknowledgement"][data-username="${accounts.pasf}"]`).waitFor();
    await shot(isfPage, 'messaging-room-isf.png');
  });

  await check('isf.jenin switches to Hebrew: the phrase reads in Hebrew', async () => {
    await isfPage.getByTestId('lang-he').click();
    await messageWith(isfPage, fill(phrase.he)).waitFor();
    await messageWith(isfPage, isfText).waitFor();
  });

  await check("pasf.jenin's channel list counts a new message live", async () => {
    await pasfPage.getByTestId('back-to-messages').click();
    await pasfPage.locator(`[data-testid="channel-row"][data-id="${channelId}"]`).waitFor();
    await sendText(isfPage, laterText);
    // Everything shown in the room was read when pasf.jenin left it: one new message.
    await pasfPage.waitForFunction(
      (id) => document.querySelector(`[data-testid="channel-row"][data-id="${id}"]`)?.getAttribute('data-unread') === '1',
      channelId,
    );
  });

  await check('search finds the message of isf.jenin', async () => {
    await go(pasfPage, `#/messages/search?q=${encodeURIComponent(stamp)}`, 'message-search-page');
    const hits = pasfPage.locator(`[data-testid="search-hit"][data-channel="${channelId}"]`);
    await hits.first().waitFor();
    assert((await hits.count()) >= 4, `search found ${await hits.count()} of the run's messages`);
    await shot(pasfPage, 'messaging-search.png');
  }, { fatal: false });

  await check('no script errors in either console', async () => {
    assert(pageErrors.length === 0, pageErrors.join(' | '));
  });
} catch (e) {
  unexpected(e);
} finally {
  await browser.close();
}
process.exit(finish());
