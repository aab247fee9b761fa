// The browser tests' fixture: a fresh data dir with the real lists (REDFLAG_DATA_DIR) and a
// custom list of hostile names, API keys per role, `redflag serve` on a free loopback port,
// and Debian's Chromium driven by playwright-core (no browser download).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.REDFLAG_BIN || join(REPO, 'build-dev', 'redflag');
const DATA = process.env.REDFLAG_DATA_DIR || resolve(REPO, '..', 'shared', 'data');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Screenshots go to a scratch directory, so a test run leaves the checkout as it was; to refresh
// the ones in docs/, run with REDFLAG_SCREENSHOTS=docs/screenshots.
export const SCREENSHOTS = process.env.REDFLAG_SCREENSHOTS
  ? join(REPO, process.env.REDFLAG_SCREENSHOTS)
  : join(tmpdir(), 'redflag-web-screenshots');
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Names that would run script if any of them reached the page as markup.
export const HOSTILE = {
  script: '<script>window.__xss = "script"</script> Zed Hostile Trading',
  img: '"><img src=x onerror="window.__xss=\'img\'"> Quokka Hostile Holdings',
};

function redflag(home, ...args) {
  return execFileSync(BIN, ['--data-dir', home, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startServer() {
  const root = mkdtempSync(join(tmpdir(), 'redflag-web-'));
  const home = join(root, 'data');
  const custom = join(root, 'custom-hostile');
  mkdirSync(custom);
  const csv = (value) => '"' + value.replace(/"/g, '""') + '"';
  writeFileSync(join(custom, 'hostile.csv'),
    'id,name,type,aliases,country,remarks\n' +
    `H-1,${csv(HOSTILE.script)},organization,${csv('<b>bold</b>')},CN,${csv('<img src=x onerror=alert(1)>')}\n` +
    `H-2,${csv(HOSTILE.img)},organization,,RU,\n`);
  redflag(home, '-q', 'lists', 'import', join(DATA, 'lists'), join(DATA, 'ieee-oui'), custom);
  const key = (role, name) => redflag(home, 'keys', 'create', '--role', role, '--name', name).trim().split('\n').pop().trim();
  const keys = {
    screener: key('screener', 'sam-screener'),
    analyst: key('analyst', 'ana-analyst'),
    approver: key('approver', 'pat-approver'),
    approver2: key('approver', 'quinn-approver'),
    admin: key('admin', 'ada-admin'),
  };
  const child = spawn(BIN, ['--data-dir', home, 'serve', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('redflag serve did not start:\n' + log)), 30000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const found = /serving on port (\d+)/.exec(log);
      if (found) { clearTimeout(timer); ok(Number(found[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`redflag serve exited ${code}:\n${log}`)); });
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(base + '/readyz').then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base, keys, home, log: () => log,
    // A new version of the hostile custom list: H-1 renamed, H-2 removed, H-3 added.
    importNextCustomVersion() {
      writeFileSync(join(custom, 'hostile.csv'),
        'id,name,type,country\n' +
        'H-1,Zed Calm Trading,organization,CN\n' +
        `H-3,${csv('<svg onload="window.__xss=\'svg\'"> Wombat Hostile')},organization,RU\n`);
      redflag(home, '-q', 'lists', 'import', custom);
    },
    async api(key, method, path, body) {
      const response = await fetch(base + path, {
        method, headers: { Authorization: 'Bearer ' + key, 'Content-Type': 'application/json' },
        body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      });
      return { status: response.status, body: await response.json() };
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function startBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'redflag-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Nothing may leave loopback: every other request is refused and recorded.
  const offsite = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  return {
    context, offsite,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function signIn(page, base, key) {
  await page.goto(base + '/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.role').waitFor();
}

// axe-core in the page (evaluated through the debugging protocol: the page's CSP allows no
// injected script tag); the serious and critical violations.
export async function seriousViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
