// The analyst's workbench in a real browser against a real `redflag serve` (docs/web.md).
// Run: node --test tests/web/   (ctest -L e2e runs it too)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startBrowser, signIn, seriousViolations, SCREENSHOTS, HOSTILE } from './harness.mjs';

let server;
let browser;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function newPage() {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => { throw error; });
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: false });
}

async function accessible(page, what) {
  assert.deepEqual(await seriousViolations(page), [], `axe-core on ${what}`);
}

test('the first page weighs at most 150 KB and carries strict headers', async () => {
  const page = await newPage();
  let bytes = 0;
  const pending = [];
  page.on('requestfinished', (request) => pending.push(request.sizes().then((s) => { bytes += s.responseBodySize + s.responseHeadersSize; })));
  const response = await page.goto(server.base + '/', { waitUntil: 'networkidle' });
  await Promise.all(pending);
  const headers = response.headers();
  assert.match(headers['content-security-policy'], /script-src 'self'/);
  assert.doesNotMatch(headers['content-security-policy'], /unsafe-inline|unsafe-eval/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  assert.ok(headers['cache-control'] && headers.etag);
  console.log(`first page: ${(bytes / 1024).toFixed(1)} KB transferred`);
  assert.ok(bytes <= 150 * 1024, `first page is ${bytes} bytes`);
  await accessible(page, 'sign-in');
  await shot(page, 'sign-in.png');
  await page.close();
});

test('sign-in keeps the key in sessionStorage only; a screener is not offered alerts; sign-out forgets it', async () => {
  const page = await newPage();
  await page.goto(server.base + '/');
  await page.getByLabel('API key').fill('rf_000000000000_' + '0'.repeat(48));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();

  await signIn(page, server.base, server.keys.screener);
  assert.equal(await page.locator('.role').textContent(), 'screener');
  assert.equal(await page.evaluate(() => document.cookie), '');
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('redflag.key')), server.keys.screener);
  assert.ok(!page.url().includes(server.keys.screener));
  const nav = await page.locator('#nav a').allTextContents();
  assert.deepEqual(nav, ['Search', 'Decide', 'Lists']);
  await page.goto(server.base + '/#/alerts/1');
  await page.locator('h1', { hasText: 'Search' }).waitFor();
  assert.equal(await page.locator('text=Approve').count(), 0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);

  // Each role is recognised; nothing the probe calls changes anything.
  for (const role of ['analyst', 'approver', 'admin']) {
    await signIn(page, server.base, server.keys[role]);
    assert.equal(await page.locator('.role').textContent(), role);
    assert.deepEqual(await page.locator('#nav a').allTextContents(), ['Search', 'Decide', 'Alerts', 'Lists']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
  }
  await page.close();
});

test('search as you type, keyboard to the best hit, open the entity', async () => {
  const page = await newPage();
  await signIn(page, server.base, server.keys.analyst);
  await page.locator('body').press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-name');
  await page.keyboard.type('Hik-Vision Digital Tech', { delay: 20 });
  const first = page.locator('ol.hits li').first();
  await first.locator('.tok').first().waitFor();
  await page.locator('#search-status', { hasText: /\d+ hits? in \d+ ms/ }).waitFor();
  assert.match(await first.textContent(), /hikvision/i);
  assert.match(await first.locator('.score').textContent(), /^\d+ %$/);
  assert.ok(await first.locator('.tok.near').count() >= 1, 'the joined token is highlighted');
  assert.match(await first.locator('ul.why').textContent(), /joined or split/);

  // The round trip as the page measures it (fetch + JSON), for the notes: median of 9.
  const times = [];
  for (const name of ['Rosoboronexport', 'Huawei Technologies', 'Bank Melli', 'Kim Jong Un', 'Hikvision',
    'Gazprom Neft', 'Mahan Air', 'Sea Breeze', 'Hik-Vision Digital Tech']) {
    await page.locator('#search-name').fill(name);
    await page.waitForFunction((n) => {
      const s = document.getElementById('search-status');
      return s && s.dataset.ms && document.querySelector('#search-name').value === n && /in \d+ ms/.test(s.textContent);
    }, name);
    await page.waitForTimeout(200);
    times.push(Number(await page.locator('#search-status').getAttribute('data-ms')));
  }
  times.sort((a, b) => a - b);
  console.log(`search round trip in the page: median ${times[4].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[8].toFixed(1)} ms`);
  // Reported, not asserted: speed is a benchmark figure (docs/web.md), never a timed test.
  assert.ok(times.every((t) => t > 0), 'every round trip measured');

  await page.locator('#search-name').fill('Hik-Vision Digital Tech');
  await page.locator('#search-status', { hasText: /hits? in/ }).waitFor();
  await page.waitForTimeout(300);
  await accessible(page, 'search');
  await shot(page, 'search.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'search-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 800 });
  await shot(page, 'search-narrow.png');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.locator('#search-name').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('hit-link')), true);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.locator('h2', { hasText: 'Names' }).waitFor();
  assert.match(page.url(), /#\/entity\//);
  assert.match(await page.locator('h1').textContent(), /hikvision/i);
  assert.ok(await page.locator('h2', { hasText: /^Listing/ }).count() >= 1);
  await accessible(page, 'entity');
  await shot(page, 'entity.png');

  await page.goto(server.base + '/#/entity/ofac_cons:30946');
  await page.locator('h2', { hasText: 'Same party on other lists' }).waitFor();
  assert.match(await page.locator('main').textContent(), /us_csl:30946/);
  assert.match(await page.locator('main').textContent(), /CNE100000PM8/);
  await page.close();
});

test('decide a transaction from the form', async () => {
  const page = await newPage();
  await signIn(page, server.base, server.keys.screener);
  await page.getByRole('link', { name: 'Decide' }).click();
  await page.getByLabel('Transaction', { exact: true }).selectOption('export');
  await page.getByLabel('Date').fill('2019-10-10');
  await page.getByLabel('Destination').fill('CN');
  const parties = page.locator('.party');
  await parties.nth(0).getByLabel('Name').fill('Acme Sensors Inc.');
  await parties.nth(1).getByLabel('Name').fill('Hangzhou Hikvision Digital Technology Co., Ltd.');
  await parties.nth(1).getByLabel('Country').fill('CN');
  const item = page.locator('.item').first();
  await item.getByLabel('Item', { exact: true }).fill('thermal imaging module');
  await item.getByLabel('ECCN').fill('6A003.b.4');
  await page.setViewportSize({ width: 390, height: 800 });
  await shot(page, 'decide-narrow.png');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Decide' }).click();
  await page.locator('.outcome-badge').waitFor();
  assert.equal(await page.locator('.outcome-badge').textContent(), 'license required');
  const findings = await page.locator('section', { has: page.locator('h2', { hasText: 'Findings' }) }).textContent();
  assert.match(findings, /744\.11/);
  assert.match(findings, /84 FR 54002/);
  const items = await page.locator('section', { has: page.locator('h2', { hasText: 'Items' }) }).textContent();
  assert.match(items, /presumption of denial/);
  await accessible(page, 'decide');
  await page.locator('#decision').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'decide.png');

  // The same transaction pasted as JSON.
  await page.getByLabel('Paste JSON instead of the form').check();
  assert.match(await page.locator('#t-json').inputValue(), /6A003\.b\.4/);
  await page.getByRole('button', { name: 'Decide' }).click();
  await page.locator('.outcome-badge', { hasText: 'license required' }).waitFor();

  // A procurement with a device: the form's device rows appear for that type only.
  await page.getByLabel('Paste JSON instead of the form').uncheck();
  await page.getByLabel('Transaction', { exact: true }).selectOption('procurement');
  await page.getByLabel('MAC address').fill('44:19:B6:00:00:01');
  await page.getByLabel('Brand').fill('Hikvision');
  // s.889 prohibits only with a federal nexus; without it the same device is review.
  await page.getByLabel('Federal agency, contractor or grant involved (NDAA §889)').check();
  await page.locator('.party').nth(0).getByLabel('Role').selectOption('vendor');
  await page.locator('.party').nth(1).getByRole('button', { name: 'Remove party' }).click();
  await page.locator('.item').first().getByRole('button', { name: 'Remove item' }).click();
  await page.getByRole('button', { name: 'Decide' }).click();
  await page.locator('.outcome-badge', { hasText: 'prohibited' }).waitFor();
  assert.match(await page.locator('#decision').textContent(), /889/);
  await page.getByLabel('Paste JSON instead of the form').check();

  // Ownership (OFAC 50 % rule): a pasted transaction with an owner chain.
  await page.locator('#t-json').fill(JSON.stringify({
    type: 'payment', date: '2022-01-01',
    parties: [{ role: 'beneficiary', name: 'Target Holdings Ltd', country: 'AE',
      owners: [{ name: 'Middle Co', percent: 60, owners: [{ name: 'Bank Melli Iran', percent: 60 }] },
        { name: 'Quiet Family Trust', percent: 40 }] }],
  }));
  await page.getByRole('button', { name: 'Decide' }).click();
  await page.locator('.outcome-badge', { hasText: 'blocked' }).waitFor();
  const chain = page.locator('section', { has: page.locator('h2', { hasText: 'Ownership' }) });
  await chain.locator('.owner.listed').first().waitFor();
  assert.deepEqual(await chain.locator('.owner.listed .owner-name').allTextContents(), ['Bank Melli Iran']);
  assert.match(await chain.textContent(), /60 %Middle Co/);
  await accessible(page, 'decide with ownership');
  await chain.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'decide-ownership.png');
  await page.close();
});

test('four-eyes: analyst marks false positive, another user approves, the customer is not alerted again', async () => {
  const customer = 'CUST-E2E-' + Date.now();
  const first = await server.api(server.keys.analyst, 'POST', '/v1/screen', { name: 'Hikvision', customer_ref: customer });
  assert.equal(first.status, 200);
  const opened = first.body.alerts.filter((a) => a.outcome === 'opened');
  assert.ok(opened.length >= 1, JSON.stringify(first.body.alerts));
  const alertId = opened[0].alert_id;

  const analyst = await newPage();
  await signIn(analyst, server.base, server.keys.analyst);
  assert.equal(await analyst.locator('.role').textContent(), 'analyst');
  await analyst.getByRole('link', { name: 'Alerts' }).click();
  await analyst.getByLabel('Customer ref').fill(customer);
  await analyst.getByRole('button', { name: 'Filter' }).click();
  await analyst.getByRole('link', { name: '#' + alertId, exact: true }).waitFor();
  await accessible(analyst, 'alerts');
  await shot(analyst, 'alerts.png');
  await analyst.getByRole('link', { name: '#' + alertId, exact: true }).click();
  await analyst.getByLabel(/False positive/).check();
  await analyst.getByLabel(/Comment/).fill('Different company: our customer is a Hikvision reseller in Lyon.');
  await accessible(analyst, 'alert');
  await analyst.getByRole('button', { name: 'Submit for approval' }).click();
  await analyst.locator('h1 .badge', { hasText: 'pending approval' }).waitFor();
  assert.equal(await analyst.getByRole('button', { name: /Approve/ }).count(), 0, 'an analyst has no approve button');

  const approver = await newPage();  // a second tab: its own sessionStorage, so its own user
  await signIn(approver, server.base, server.keys.approver);
  assert.equal(await approver.locator('.role').textContent(), 'approver');
  await approver.goto(server.base + '/#/alerts/' + alertId);
  await approver.getByRole('button', { name: 'Approve disposition' }).waitFor();
  await shot(approver, 'alert-approve.png');
  await approver.getByRole('button', { name: 'Approve disposition' }).click();
  await approver.locator('h1 .badge', { hasText: 'closed' }).waitFor();
  assert.match(await approver.locator('main').textContent(), /false positive/);

  const again = await server.api(server.keys.analyst, 'POST', '/v1/screen', { name: 'Hikvision', customer_ref: customer });
  const same = again.body.alerts.find((a) => a.alert_id === alertId || a.entity_id === opened[0].entity_id);
  assert.equal(same.outcome, 'suppressed', JSON.stringify(again.body.alerts));

  // An approver never sees an approve button for their own disposition.
  const other = opened[1] || (await server.api(server.keys.analyst, 'POST', '/v1/screen', { name: 'Huawei Technologies', customer_ref: customer })).body.alerts[0];
  await approver.goto(server.base + '/#/alerts/' + other.alert_id);
  await approver.getByLabel(/True match/).check();
  await approver.getByRole('button', { name: 'Submit for approval' }).click();
  await approver.locator('h1 .badge', { hasText: 'pending approval' }).waitFor();
  assert.equal(await approver.getByRole('button', { name: /Approve/ }).count(), 0);
  assert.match(await approver.locator('main').textContent(), /different approver must confirm/);
  await analyst.close();
  await approver.close();
});

test('hostile list data shows as text and never runs', async () => {
  const page = await newPage();
  await signIn(page, server.base, server.keys.analyst);
  for (const shown of [HOSTILE.script, HOSTILE.img]) {
    const query = shown;  // the user's input is hostile too
    await page.goto(server.base + '/#/search');
    await page.locator('#search-name').fill(query);
    const link = page.locator('a.hit-link', { hasText: shown.split(' ').slice(-3).join(' ') }).first();
    await link.waitFor();
    assert.equal(await link.textContent(), shown);
    await link.click();
    await page.locator('h1', { hasText: 'Hostile' }).waitFor();
    assert.equal(await page.locator('h1').textContent(), shown);
  }
  assert.match(await page.locator('main').textContent(), /<img src=x onerror=alert\(1\)>|Quokka/);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('main img, main script').count(), 0);
  await page.goto(server.base + '/#/entity/custom-hostile:H-1');
  await page.locator('h2', { hasText: 'Names' }).waitFor();
  assert.match(await page.locator('main').textContent(), /<b>bold<\/b>/);
  assert.match(await page.locator('main').textContent(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('main b').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);

  // The same names as a list diff (old values of changed and removed entities).
  server.importNextCustomVersion();
  await page.getByRole('link', { name: 'Lists' }).click();
  await page.getByRole('button', { name: 'custom-hostile' }).click();
  await page.getByRole('button', { name: /^from version/ }).first().click();
  const diff = page.locator('section', { has: page.locator('h2', { hasText: /^Changes in custom-hostile/ }) });
  await diff.waitFor();
  const text = await diff.textContent();
  assert.match(text, /1 added, 1 removed, 1 changed/);
  assert.ok(text.includes(HOSTILE.img), 'the removed name shows literally');
  assert.ok(text.includes('<script>window.__xss'), 'the old name shows literally');
  assert.ok(text.includes('<svg onload='), 'the added name shows literally');
  assert.equal(await page.locator('main img, main script, main svg, main b').count(), 0);
  await accessible(page, 'list diff');
  await diff.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'list-diff.png');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await page.close();
});

test('lists: versions and counts', async () => {
  const page = await newPage();
  await signIn(page, server.base, server.keys.screener);
  await page.getByRole('link', { name: 'Lists' }).click();
  await page.getByRole('button', { name: 'ofac_sdn' }).waitFor();
  await page.getByRole('button', { name: 'ofac_sdn' }).click();
  await page.locator('h2', { hasText: 'Versions of ofac_sdn' }).waitFor();
  await accessible(page, 'lists');
  await shot(page, 'lists.png');
  await page.close();
  assert.deepEqual(browser.offsite, [], 'no request left loopback');
});
