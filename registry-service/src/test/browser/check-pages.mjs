// Drives Debian's Chromium through the registry's pages the way a person would, with JavaScript
// turned off (the pages must not need it), and checks what is on screen. Started by
// PagesBrowserTest with one JSON argument:
//   {base, search, server, versions, badge, finding, keyId, hidden, screenshots}
// Exit 0 when every check passed; 1 with one line per failed check on stderr; 2 on bad usage.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (process.argv.length !== 3) {
  console.error('usage: node check-pages.mjs <json config>');
  process.exit(2);
}
const cfg = JSON.parse(process.argv[2]);
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const foreign = [];
const failedResponses = [];
mkdirSync(cfg.screenshots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'toolseal-chromium-'));
const launched = Date.now();
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM, headless: true, args: ARGS, javaScriptEnabled: false,
  viewport: { width: 1280, height: 900 }, locale: 'en-US', timeout: 60_000,
});
context.on('request', (r) => {
  const url = new URL(r.url());
  if (url.protocol !== 'data:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    foreign.push(r.url());
  }
});
context.on('response', (r) => {
  if (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && !r.url().includes('/servers/io.nobody/')) {
    failedResponses.push(`${r.status()} ${r.url()}`);
  }
});

const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(15_000);
console.log(`chromium start: ${Date.now() - launched} ms`);

/** Checks every page has the basics a person with a screen reader or keyboard relies on. */
async function basics(name) {
  check(await page.locator('html[lang="en"]').count() === 1, `${name}: <html lang="en">`);
  check(await page.locator('h1').count() === 1, `${name}: exactly one h1`);
  check((await page.title()).includes('ToolSeal registry'), `${name}: title`);
  check(await page.locator('main#main').count() === 1, `${name}: main landmark`);
  check(await page.locator('script').count() === 0, `${name}: no script elements`);
  await page.keyboard.press('Tab');
  check(await page.locator('a.skip:focus').count() === 1, `${name}: the first Tab focuses the skip link`);
  check(await page.locator('a.skip:focus').isVisible(), `${name}: the focused skip link is visible`);
}

async function shot(file) {
  await page.locator('main').focus(); // moves focus off the skip link, which shows only when focused
  await page.screenshot({ path: join(cfg.screenshots, file), fullPage: true });
}

/** Runs a navigation and prints how long it took until the page loaded (information, not a check). */
async function timed(label, navigation) {
  const start = Date.now();
  const result = await navigation();
  await page.waitForLoadState('load');
  console.log(`${label}: ${Date.now() - start} ms`);
  return result;
}

async function mainText() {
  return page.locator('main').innerText();
}

try {
  // 1. The list page
  let response = await timed('list', () => page.goto(cfg.base + '/'));
  check(response.status() === 200, `list: status ${response.status()}`);
  await basics('list');
  check(await page.getByRole('heading', { level: 1, name: 'MCP servers' }).isVisible(), 'list: heading');
  await shot('01-list.png');

  // 2. Search through the labelled form
  await page.getByLabel('Search servers by name or title').fill(cfg.search);
  await timed('search', () => Promise.all([page.waitForURL(/[?&]q=/),
    page.getByRole('button', { name: 'Search' }).click()]));
  const serverLink = page.getByRole('link', { name: cfg.server, exact: true });
  check(await serverLink.count() === 1, 'search: one link to the server');
  const results = await mainText();
  check(results.includes(cfg.versions[0]), 'search: shows the newest version');
  await shot('02-search.png');

  // 3. Open the server
  await timed('server', () => Promise.all([page.waitForURL(/\/servers\//), serverLink.click()]));
  await basics('server');
  const server = await mainText();
  for (const v of cfg.versions) {
    check(await page.getByRole('link', { name: v, exact: true }).count() >= 1, `server: version ${v} linked`);
  }
  check(server.includes(cfg.badge), `server: status "${cfg.badge}"`);
  const badge = page.locator('img.badge');
  check(await badge.evaluate((img) => img.complete && img.naturalWidth > 0), 'server: the badge image loaded');
  check(server.includes(cfg.keyId), 'server: publisher key id');
  check(server.includes(cfg.finding), 'server: the review finding');
  check(server.includes('FAILED'), 'server: the review verdict');
  for (const h of cfg.hidden) {
    const marks = page.locator('mark.hidden-char', { hasText: h });
    check(await marks.count() >= 1 && await marks.first().isVisible(), `server: hidden character marker ${h} visible`);
  }
  check(server.includes('<script>alert(1)</script>'), 'server: the hostile markup shows as text');
  check(await page.locator('p.warning').first().isVisible(), 'server: the hidden-character warning');
  check(server.includes(`Changes from ${cfg.versions[1]} to ${cfg.versions[0]}`), 'server: the diff heading');
  check(await page.locator('pre.diff .add').count() >= 1, 'server: an added line in the diff');
  await shot('03-server.png');

  // 4. The diff page, then compare through its form
  await timed('diff', () => Promise.all([page.waitForURL(/\/diff\?/),
    page.getByRole('link', { name: `changes since ${cfg.versions[1]}` }).click()]));
  await basics('diff');
  check((await mainText()).includes(`From ${cfg.versions[1]} to ${cfg.versions[0]}`), 'diff: heading');
  check(await page.locator('pre.diff mark.hidden-char').count() >= 1, 'diff: hidden characters marked');
  await shot('04-diff.png');
  await page.getByLabel('From version').selectOption(cfg.versions[0]);
  await Promise.all([page.waitForURL(/from=/), page.getByRole('button', { name: 'Compare' }).click()]);
  check((await mainText()).includes('No changes'), 'diff: comparing a version with itself shows no changes');

  // 5. The log page through the site navigation
  await timed('log', () => Promise.all([page.waitForURL(/transparency-log/),
    page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Transparency log' }).click()]));
  await basics('log');
  const log = await mainText();
  const size = /Entries \(tree size\)\s+(\d+)/.exec(log);
  check(size !== null && Number(size[1]) >= 5, 'log: checkpoint tree size');
  check(log.includes('How to verify'), 'log: how to verify');
  check(log.includes('toolseal verify'), 'log: the verify command');
  check(await page.getByRole('link', { name: cfg.server + '@' + cfg.versions[0] }).count() >= 1,
    'log: the release entry links to its server');
  await shot('05-log.png');

  // 6. A page that does not exist
  response = await page.goto(cfg.base + '/servers/io.nobody/nothing');
  check(response.status() === 404, `not found: status ${response.status()}`);
  await basics('not found');
} catch (e) {
  failures.push(`error: ${e.message.split('\n')[0]}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
check(failedResponses.length === 0, `failed responses: ${failedResponses.join(', ')}`);
if (failures.length > 0) {
  for (const f of failures) {
    console.error('FAILED ' + f);
  }
  process.exit(1);
}
console.log('all page checks passed');
