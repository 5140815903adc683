// tests/e2e/e2e.js — browser tests: Debian's headless Chromium driven by
// playwright-core, accessibility checked by axe-core injected into the page.
//
//   BASE_URL=http://127.0.0.1:PORT node tests/e2e/e2e.js [NAME-REGEXP]
//
// Started by tests/e2e/run.sh, which brings the servers up with the
// integration harness. Prints one line per test (ok / FAIL and why) and,
// last, "COUNTS <passed> <failed>" for run.sh to turn into the RESULT line.
// Never downloads a browser: CHROMIUM (default /usr/bin/chromium) is used.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BASE = process.env.BASE_URL;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE = require.resolve('axe-core/axe.min.js');
const only = process.argv[2] ? new RegExp(process.argv[2]) : null;

const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  pc: { width: 1280, height: 900 },
};

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

class Failure extends Error {}
function check(cond, msg) {
  if (!cond) throw new Failure(msg);
}

// The public pages of issue 2. Project and group URLs are found by following
// links, the way a person would reach them (set by the first test).
const pages = {
  top: '/',
  projects: '/projects',
  project: null,
  groups: '/groups',
  group: null,
  forms: '/forms',
  hojo: '/forms/hojo',
  notfound: '/no-such-page',
};

let browser;

async function newPage(opts = {}) {
  const context = await browser.newContext({
    locale: 'ja-JP',
    viewport: VIEWPORTS.pc,
    ...opts,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return { context, page };
}

// goto PAGE URL EXPECTED-STATUS — open URL, check the status.
async function goto(page, url, status = 200) {
  const resp = await page.goto(BASE + url, { waitUntil: 'load' });
  check(resp, `${url}: no response`);
  check(resp.status() === status, `${url}: status ${resp.status()}, expected ${status}`);
  return resp;
}

async function h1(page) {
  const loc = page.locator('h1');
  check((await loc.count()) === 1, `${page.url()}: ${await loc.count()} h1 elements, expected 1`);
  const text = (await loc.first().innerText()).trim();
  check(text.length > 0, `${page.url()}: empty h1`);
  return text;
}

// ---------------------------------------------------------------- tests ----

test('follow links: top → projects → a project', async () => {
  const { context, page } = await newPage();
  const problems = [];
  // CSP violations and failed loads of the page's own assets show up here.
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.url().startsWith(BASE + '/static/') && r.status() !== 200) {
      problems.push(`${r.url()}: ${r.status()}`);
    }
  });
  try {
    await goto(page, '/');
    check((await page.getAttribute('html', 'lang')) === 'ja', '/: html lang is not ja');
    await h1(page);
    await page.locator('a[href="/projects"]').first().click();
    await page.waitForURL(/\/projects$/);
    check((await h1(page)).includes('協働事業'), '/projects: h1 does not mention 協働事業');
    pages.projects = '/projects';

    const link = page.locator('main a[href^="/projects/"]').filter({ hasNotText: /^$/ }).first();
    const href = await link.getAttribute('href');
    check(/^\/projects\/\d+$/.test(href), `first project link is ${href}`);
    const linkText = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL(new RegExp(href + '$'));
    const title = await h1(page);
    check(title === linkText || title.includes(linkText) || linkText.includes(title),
      `project page h1 "${title}" does not match the link "${linkText}"`);
    check((await page.title()).includes(title), `<title> "${await page.title()}" lacks the h1`);
    pages.project = href;

    await goto(page, '/groups');
    const g = await page.locator('main a[href^="/groups/"]').first().getAttribute('href');
    check(/^\/groups\/\d+$/.test(g || ''), `first group link is ${g}`);
    pages.group = g;
    check(problems.length === 0, problems.join('\n'));
  } finally {
    await context.close();
  }
});

for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  for (const key of Object.keys(pages)) {
    test(`axe ${vpName} ${key}`, async () => {
      const url = pages[key];
      check(url, `no URL for ${key} (the link-following test failed)`);
      // bypassCSP: the page's CSP forbids injected script, axe is ours.
      const { context, page } = await newPage({ viewport, bypassCSP: true });
      try {
        await goto(page, url, key === 'notfound' ? 404 : 200);
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
            count: v.nodes.length,
          }));
        });
        check(result.length === 0, `${url}: ${result.length} axe violation(s):\n` +
          result.map((v) => `      ${v.id} [${v.impact}] ${v.help} (${v.count} node(s)): ${v.targets.join(' | ')}`).join('\n'));
        // a phone-sized page must not scroll sideways
        if (vpName === 'phone') {
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          check(wide <= viewport.width, `${url}: page is ${wide}px wide on a ${viewport.width}px phone`);
        }
      } finally {
        await context.close();
      }
    });
  }
}

test('no JavaScript: every page works and links can be followed', async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false });
  try {
    for (const key of Object.keys(pages)) {
      const url = pages[key];
      check(url, `no URL for ${key}`);
      await goto(page, url, key === 'notfound' ? 404 : 200);
      await h1(page);
      check(await page.locator('main').isVisible(), `${url}: no visible <main>`);
    }
    // follow the navigation by clicking, as a person would
    await goto(page, '/');
    await page.locator('a[href="/groups"]').first().click();
    await page.waitForURL(/\/groups$/);
    await page.locator('main a[href^="/groups/"]').first().click();
    await page.waitForURL(/\/groups\/\d+$/);
    await h1(page);
    await page.locator('a[href="/forms"]').first().click();
    await page.waitForURL(/\/forms$/);
    await page.locator('main a[href="/forms/hojo"]').first().click();
    await page.waitForURL(/\/forms\/hojo$/);
    check((await page.content()).includes('対等性を失いやすい'), '/forms/hojo lacks its description');
    // the project filter is a plain GET form: it works without script
    await goto(page, '/projects');
    const year = page.locator('select[name="year"]');
    if (await year.count()) {
      const values = await year.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      check(values.length > 0, '/projects: no year to choose');
      await year.selectOption(values[0]);
      await Promise.all([
        page.waitForURL(new RegExp(`year=${values[0]}`)),
        page.locator('main form button[type="submit"], main form input[type="submit"]').first().click(),
      ]);
      await h1(page);
    }
    // the skip link is the first focusable element
    await goto(page, '/');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('href'));
    check(first === '#main', `the first Tab stop is ${first}, not the skip link`);
  } finally {
    await context.close();
  }
});

test('screenshots (phone and PC) render', async () => {
  const dir = process.env.E2E_SHOTS;
  for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
    const { context, page } = await newPage({ viewport });
    try {
      for (const key of ['top', 'projects', 'project', 'forms', 'hojo']) {
        if (!pages[key]) continue;
        await goto(page, pages[key]);
        const png = await page.screenshot({ fullPage: true });
        check(png.length > 1000, `${pages[key]}: empty screenshot`);
        if (dir) fs.writeFileSync(path.join(dir, `${vpName}-${key}.png`), png);
      }
    } finally {
      await context.close();
    }
  }
});

// More tests: every other tests/e2e/*.js exports register(helpers) and adds
// its tests, run after the ones above, in file-name order.
for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.js') && n !== 'e2e.js').sort()) {
  require(path.join(__dirname, f))({ test, check, Failure, newPage, goto, h1, BASE, AXE, VIEWPORTS, pages });
}

// ----------------------------------------------------------------- main ----

async function main() {
  if (!BASE) {
    console.error('e2e: BASE_URL is not set (run tests/e2e/run.sh)');
    process.exit(2);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-chromium-'));
  let passed = 0;
  let failed = 0;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
        `--disk-cache-dir=${path.join(profile, 'cache')}`,
      ],
      env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    });
  } catch (e) {
    console.log(`FAIL launch ${CHROMIUM}: ${e.message.split('\n')[0]}`);
    console.log('COUNTS 0 1');
    fs.rmSync(profile, { recursive: true, force: true });
    return 1;
  }
  for (const t of tests) {
    if (only && !only.test(t.name)) continue;
    const t0 = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      const msg = e instanceof Failure ? e.message : (e.stack || String(e)).split('\n').slice(0, 4).join('\n');
      console.log(`FAIL ${t.name}\n    ${msg.replace(/\n/g, '\n    ')}`);
    }
  }
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
  console.log(`COUNTS ${passed} ${failed}`);
  return failed ? 1 : 0;
}

main().then((rc) => process.exit(rc), (e) => {
  console.log(`FAIL e2e runner: ${e.stack || e}`);
  console.log('COUNTS 0 1');
  process.exit(1);
});
