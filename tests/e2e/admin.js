// tests/e2e/admin.js — browser tests of 協働推進課's data pages: master data
// (every list, the new and edit forms, a 422 with the message beside the
// field, the levels of a scale) and the CSV import (a file chosen in the
// file input, checked, its problems listed with row and column), each
// page checked with axe-core, at a phone and a PC width.
//
// Loaded by tests/e2e/e2e.js, which calls register() with its helpers. The
// demo account admin (password kyodo-demo) comes from `kyodo demo`.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = function register({ test, check, newPage, goto, AXE, VIEWPORTS }) {
  // login PAGE — as admin, through the login form.
  async function login(page) {
    await goto(page, '/login');
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', 'kyodo-demo');
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.locator('main form button[type="submit"]').first().click(),
    ]);
  }

  // axeCheck PAGE — zero violations on the current page.
  async function axeCheck(page) {
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
    check(result.length === 0, `${page.url()}: ${result.length} axe violation(s):\n` +
      result.map((v) => `      ${v.id} [${v.impact}] ${v.help} (${v.count} node(s)): ${v.targets.join(' | ')}`).join('\n'));
  }

  const pages = [
    '/admin/master',
    '/admin/departments',
    '/admin/departments/kyodo/edit',
    '/admin/departments/new',
    '/admin/master/fields',
    '/admin/master/forms',
    '/admin/master/forms/hojo/edit',
    '/admin/master/group-kinds/npo/edit',
    '/admin/master/partner-roles',
    '/admin/master/principle-sets',
    '/admin/master/principles',
    '/admin/master/principles/new',
    '/admin/master/scales',
    '/admin/master/scales/five/edit',
    '/admin/master/plans',
    '/admin/master/policies',
    '/admin/master/policies/new',
    '/admin/import',
  ];

  for (const [vpName, vp] of Object.entries(VIEWPORTS)) {
    test(`admin: axe ${vpName} on every master data page`, async () => {
      // bypassCSP: the page's CSP forbids injected script, axe is ours
      const { context, page } = await newPage({ bypassCSP: true, viewport: vp });
      try {
        await login(page);
        for (const p of pages) {
          const resp = await goto(page, p);
          check(resp.status() === 200, `${p}: status ${resp.status()}`);
          await axeCheck(page);
        }
      } finally {
        await context.close();
      }
    });
  }

  test('admin: a field edited with a mistake (422, message beside it), then saved', async () => {
    const { context, page } = await newPage({ bypassCSP: true });
    try {
      await login(page);
      await goto(page, '/admin/master/fields/kenko/edit');
      await page.locator('#f-name').fill('');
      const [bad] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('main form.form button[type="submit"]').first().click(),
      ]);
      await page.waitForLoadState('load');
      check(bad.status() === 422, `status ${bad.status()}, expected 422`);
      check(await page.locator('#f-name-error').count() === 1, 'no message beside 名称');
      check(await page.locator('#f-name[aria-invalid="true"]').count() === 1, '名称 not marked invalid');
      await axeCheck(page);
      await page.locator('#f-name').fill('健康');
      const [ok] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('main form.form button[type="submit"]').first().click(),
      ]);
      await page.waitForLoadState('load');
      check(ok.status() === 303, `save answered ${ok.status()}`);
      check(new URL(page.url()).pathname === '/admin/master/fields', `landed on ${page.url()}`);
      check((await page.textContent('main')).includes('変更を保存しました'), 'no saved notice');
    } finally {
      await context.close();
    }
  });

  test('admin: a CSV file with problems is checked and its problems listed', async () => {
    const { context, page } = await newPage({ bypassCSP: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-e2e-'));
    const file = path.join(dir, '団体一覧.csv');
    fs.writeFileSync(file, '\ufeff団体名,フリガナ,種別,会員数\r\n' +
      'e2eよい団体,イーツーイー,町内会・自治会,3\r\ne2e悪い団体,イーツーイー,ひみつ結社,たくさん\r\n');
    try {
      await login(page);
      await goto(page, '/admin/import');
      await page.check('#kind-groups');
      await page.setInputFiles('#file', file);
      const [resp] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('button[name="mode"][value="check"]').click(),
      ]);
      await page.waitForLoadState('load');
      check(resp.status() === 422, `status ${resp.status()}, expected 422`);
      const text = await page.textContent('main');
      check(text.includes('ひみつ結社') && text.includes('C（3列目）'), 'the problem with its column is not listed');
      check(text.includes('何も登録していません'), 'no nothing-written notice');
      await axeCheck(page);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
};
