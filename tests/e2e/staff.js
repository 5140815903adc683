// tests/e2e/staff.js — browser tests of the staff side (issue 3): a staff
// member logs in, registers a group and a project through the forms (each
// with a deliberate mistake that comes back as 422 with a message beside
// the field, then is corrected), the project appears on the public pages,
// and axe-core finds no violation on any staff page (forms, lists, the 422
// and 409 pages, the history).
//
// Loaded by tests/e2e/e2e.js, which calls register() with its helpers; the
// tests run in the order written, after the public ones. The demo accounts
// (staff, admin; password kyodo-demo) come from `kyodo demo`.
'use strict';

const PASSWORD = 'kyodo-demo';

module.exports = function register({ test, check, newPage, goto, h1, BASE, AXE, VIEWPORTS }) {
  // URLs found on the way, for the axe tests at the end.
  const staffPages = {
    dashboard: '/staff',
    groups: '/staff/groups',
    groupNew: '/staff/groups/new',
    projects: '/staff/projects',
    projectNew: '/staff/projects/new',
    groupEdit: null,
    projectEdit: null,
    history: null,
    projectHistory: null,
  };
  // Unique names, so a second run against the same database finds its own.
  const stamp = Date.now().toString(36);
  const groupName = `e2eみなと川をきれいにする会${stamp}`;
  const projectTitle = `e2e川のクリーン作戦${stamp}`;

  // login PAGE USER — through the login form, as a person would.
  async function login(page, user) {
    await goto(page, '/login');
    await page.fill('input[name="username"]', user);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.locator('main form button[type="submit"]').first().click(),
    ]);
  }

  // submit PAGE — click the form's save button, wait for the response to
  // the POST; returns its status.
  async function submit(page) {
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('main form.staff-form .form-actions button[type="submit"]').click(),
    ]);
    await page.waitForLoadState('load');
    return resp.status();
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

  // The problems a page reports to the console (CSP, failed assets).
  function watch(page) {
    const problems = [];
    page.on('console', (m) => {
      // the 422 and 409 answers are expected; Chromium logs them
      if (m.type() === 'error' && !/status of (422|409)/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.url().startsWith(BASE + '/static/') && r.status() !== 200) problems.push(`${r.url()}: ${r.status()}`);
    });
    return problems;
  }

  test('staff: log in, see the dashboard', async () => {
    const { context, page } = await newPage();
    const problems = watch(page);
    try {
      await login(page, 'staff');
      check(new URL(page.url()).pathname === '/staff', `after login the page is ${page.url()}`);
      check((await h1(page)) === '職員トップ', 'the dashboard h1 is not 職員トップ');
      check(await page.locator('nav[aria-label="職員メニュー"]').isVisible(), 'no staff navigation');
      check(await page.locator('a[href="/staff/projects/new"]').first().isVisible(), 'no link to register a project');
      check(problems.length === 0, problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('staff: the dashboard links to all of a status, /staff/projects pages through a filter', async () => {
    const { context, page } = await newPage({ bypassCSP: true });
    const problems = watch(page);
    try {
      await login(page, 'admin');
      await goto(page, '/staff');
      // a status of this year with more projects than the 10 shown
      const more = page.locator('main a', { hasText: 'この状況の事業をすべて見る' }).first();
      check((await more.count()) === 1, 'no link to all of a status (no status of this year has more than 10 projects?)');
      const text = await more.innerText();
      const n = Number((text.match(/（(\d+)件）/) || [])[1]);
      check(n > 10, `the link says ${text}`);
      const section = more.locator('xpath=preceding::table[1]');
      check((await section.locator('tbody tr').count()) === 10, 'the status shows other than 10 rows');
      await Promise.all([page.waitForURL(/\/staff\/projects\?year=\d+&status=/), more.click()]);
      const count = await page.locator('main .results__count').innerText();
      check(count.startsWith(`${n}件`), `the list says ${count}, the link ${n}件`);
      check((await page.locator('main table tbody tr').count()) === Math.min(n, 50), 'the list shows other than its rows');
      await axeCheck(page);

      // a filter with more than one page: the pager keeps it
      await goto(page, '/staff/projects?status=hyoka');
      const first = await page.locator('main .results__count').innerText();
      const total = Number((first.match(/^(\d+)件/) || [])[1]);
      check(total > 50, `status=hyoka has ${first}: no second page to test`);
      await Promise.all([page.waitForURL(/page=2/), page.locator('nav.pager a[rel="next"]').click()]);
      const u = new URL(page.url());
      check(u.searchParams.get('status') === 'hyoka' && u.searchParams.get('page') === '2', `next page is ${page.url()}`);
      check((await page.locator('select#status').inputValue()) === 'hyoka', 'the status filter is lost on page 2');
      const rows = await page.locator('main table tbody tr').count();
      check(rows === Math.min(total - 50, 50), `page 2 shows ${rows} rows of ${total}`);
      const current = await page.locator('nav.pager [aria-current="page"]').textContent();
      check(current.trim().endsWith('2'), `the current page is marked ${current}`);
      await axeCheck(page);
      check(problems.length === 0, problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('staff: register a group (a mistake, then corrected)', async () => {
    const { context, page } = await newPage({ bypassCSP: true });
    const problems = watch(page);
    try {
      await login(page, 'staff');
      await page.locator('main a[href="/staff/groups/new"]').first().click();
      await page.waitForURL(/\/staff\/groups\/new$/);
      await page.locator('#f-name').fill(groupName);
      // the mistake: フリガナ in latin letters
      await page.locator('#f-kana').fill('Minato Kawa');
      await page.locator('#f-kind').selectOption('npo');
      await page.locator('input[name="fields"][value="kankyo"]').check();
      await page.locator('#f-rep_name').fill('川野清');
      await page.locator('#f-rep_phone').fill('090-9876-5432');
      let status = await submit(page);
      check(status === 422, `the form with a mistake answered ${status}`);
      const summary = page.locator('.error-summary');
      check(await summary.isVisible(), 'no error summary');
      check((await summary.innerText()).includes('フリガナ'), 'the summary does not name フリガナ');
      const kana = page.locator('#f-kana');
      check((await kana.getAttribute('aria-invalid')) === 'true', 'kana is not aria-invalid');
      check((await kana.getAttribute('aria-describedby')).includes('f-kana-error'), 'kana is not described by its message');
      check(await page.locator('#f-kana-error').isVisible(), 'no message beside フリガナ');
      // everything typed is still there
      check((await page.locator('#f-name').inputValue()) === groupName, 'name lost');
      check((await kana.inputValue()) === 'Minato Kawa', 'kana lost');
      check(await page.locator('input[name="fields"][value="kankyo"]').isChecked(), 'field checkbox lost');
      check((await page.locator('#f-rep_phone').inputValue()) === '090-9876-5432', 'private phone lost');
      await axeCheck(page); // the 422 page
      // the summary links to the field
      await summary.locator('a[href="#f-kana"]').click();
      // correct it
      await kana.fill('みなとがわをきれいにするかい');
      status = await submit(page);
      check(status === 303 || status === 200, `the corrected form answered ${status}`);
      await page.waitForURL(/\/staff\/groups\/\d+\/edit\?saved=1$/);
      check((await page.locator('main').innerText()).includes('保存しました'), 'no 保存しました notice');
      check((await page.locator('#f-kana').inputValue()) === 'ミナトガワヲキレイニスルカイ', 'kana not stored in katakana');
      staffPages.groupEdit = new URL(page.url()).pathname;
      staffPages.history = staffPages.groupEdit.replace(/^\/staff\/groups\/(\d+)\/edit$/, '/staff/history/group/$1');
      check(problems.length === 0, problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('staff: register a project (a mistake, then corrected); it appears on /projects', async () => {
    // bypassCSP: the page's CSP forbids injected script, axe is ours
    const { context, page } = await newPage({ bypassCSP: true });
    const problems = watch(page);
    try {
      await login(page, 'staff');
      await goto(page, '/staff/projects/new');
      await page.locator('#f-fiscal_year').fill('2025');
      await page.locator('#f-title').fill(projectTitle);
      await page.locator('#f-summary').fill('市民と市が協力して川を清掃します');
      await page.locator('#f-period_start').fill('2025-05-01');
      await page.locator('#f-period_end').fill('2025-10-31');
      await page.locator('#f-form').selectOption('hojo');
      await page.locator('#f-domain').selectOption('shimin_shudo');
      await page.locator('input[name="fields"][value="kankyo"]').check();
      await page.locator('input[name="proposal_type"][value="shimin"]').check();
      // the partner: found by a part of the group's name (団体を探す posts
      // the form, nothing is saved, the candidates come back as radios)
      await page.locator('#f-partner_group_1-find').fill(stamp);
      const [found] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('#f-partner_group_1 button[name="find"]').click(),
      ]);
      await page.waitForLoadState('load');
      check(found.status() === 200, `団体を探す answered ${found.status()}`);
      check(page.url().endsWith('#partner-1'), `団体を探す did not come back at the row: ${page.url()}`);
      check((await page.locator('#f-title').inputValue()) === projectTitle, 'the title was lost by 団体を探す');
      const candidate = page.locator('#f-partner_group_1 input[type="radio"][name="partner_group_1"]');
      check(await candidate.count() === 1, `${await candidate.count()} candidates for the stamp, expected 1`);
      check((await page.locator('#f-partner_group_1 label').filter({ hasText: groupName }).count()) === 1, 'the candidate is not the group');
      await axeCheck(page); // the form with candidates
      const firstGroup = await candidate.first().getAttribute('value');
      await candidate.first().check();
      const partner = page.locator('input[name="partner_group_1"]');
      await page.locator('#f-partner_role_1').selectOption('hojo');
      await page.locator('#f-partner_part_1').fill('清掃の実施');
      await page.locator('#f-ind_name_1').fill('参加者数');
      await page.locator('#f-ind_unit_1').fill('人');
      await page.locator('#f-ind_target_1').fill('100');
      await page.locator('#f-budget_planned').fill('500000');
      await page.locator('#f-city_share_planned').fill('250000');
      await page.locator('#f-status').selectOption('saitaku');
      await page.locator('#f-published').check();
      // the mistake: 補助 without its programme and amount; sent by Enter
      // in the title box, which must save (the hidden default button), not
      // search (the rows' 団体を探す buttons come first otherwise)
      const [sent] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('#f-title').press('Enter'),
      ]);
      await page.waitForLoadState('load');
      let status = sent.status();
      check(status === 422, `the form with a mistake answered ${status}`);
      check(await page.locator('#f-grant_programme-error').isVisible(), 'no message beside the programme');
      check(await page.locator('#f-grant_amount-error').isVisible(), 'no message beside the amount');
      check((await page.locator('.error-summary').innerText()).includes('補助金・助成金の名称'), 'the summary does not name the programme');
      // the repeated rows and choices are kept
      check((await partner.first().inputValue()) === firstGroup, 'partner row lost');
      check((await page.locator('#f-partner_group_1 .sf-pick__name').innerText()) === groupName, 'the chosen group is not shown by name');
      check((await page.locator('#f-partner_role_1').inputValue()) === 'hojo', 'partner role lost');
      check((await page.locator('#f-ind_name_1').inputValue()) === '参加者数', 'indicator lost');
      check(await page.locator('#f-published').isChecked(), 'published lost');
      await axeCheck(page); // the 422 page
      // correct it
      await page.locator('#f-grant_programme').fill('まちづくり活動支援補助金');
      await page.locator('#f-grant_amount').fill('250000');
      status = await submit(page);
      check(status === 303 || status === 200, `the corrected form answered ${status}`);
      await page.waitForURL(/\/staff\/projects\/\d+\/edit\?saved=1$/);
      check((await page.locator('main').innerText()).includes('保存しました'), 'no 保存しました notice');
      const id = new URL(page.url()).pathname.split('/')[3];
      staffPages.projectEdit = `/staff/projects/${id}/edit`;
      staffPages.projectHistory = `/staff/history/project/${id}`;
      // public: on the list of its year and on its own page
      await goto(page, '/projects?year=2025');
      check(await page.locator(`main a[href="/projects/${id}"]`).count() > 0, '/projects?year=2025 does not list the project');
      await page.locator(`main a[href="/projects/${id}"]`).first().click();
      await page.waitForURL(new RegExp(`/projects/${id}$`));
      check((await h1(page)).includes(projectTitle), 'the public page does not show the title');
      const text = await page.locator('main').innerText();
      check(!text.includes('変更履歴'), 'the public page mentions the history');
      check(problems.length === 0, problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('staff: a concurrent edit gets the 409 comparison', async () => {
    check(staffPages.projectEdit, 'no project (the registration test failed)');
    const a = await newPage();
    const b = await newPage({ bypassCSP: true });
    try {
      await login(a.page, 'staff');
      await login(b.page, 'staff');
      await goto(a.page, staffPages.projectEdit);
      await goto(b.page, staffPages.projectEdit);
      await a.page.locator('#f-title').fill(`${projectTitle}（A）`);
      check([200, 303].includes(await submit(a.page)), 'first save failed');
      await b.page.locator('#f-title').fill(`${projectTitle}（B）`);
      const status = await submit(b.page);
      check(status === 409, `the second save answered ${status}`);
      const text = await b.page.locator('main').innerText();
      check(text.includes(`${projectTitle}（A）`) && text.includes(`${projectTitle}（B）`), 'the 409 page does not show both versions');
      await axeCheck(b.page);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
    test(`staff: axe ${vpName} on every staff page`, async () => {
      const { context, page } = await newPage({ viewport, bypassCSP: true });
      try {
        await login(page, 'staff');
        for (const [key, url] of Object.entries(staffPages)) {
          check(url, `no URL for ${key} (an earlier test failed)`);
          await goto(page, url);
          await h1(page);
          await axeCheck(page);
          if (vpName === 'phone') {
            const wide = await page.evaluate(() => document.documentElement.scrollWidth);
            check(wide <= viewport.width, `${url}: page is ${wide}px wide on a ${viewport.width}px phone`);
          }
        }
      } finally {
        await context.close();
      }
    });
  }

  test('staff: axe on the admin view of a group (status and requirements)', async () => {
    check(staffPages.groupEdit, 'no group (the registration test failed)');
    const { context, page } = await newPage({ bypassCSP: true });
    try {
      await login(page, 'admin');
      await goto(page, staffPages.groupEdit);
      check(await page.locator('select[name="status"]').count() === 1, 'admin sees no status select');
      await axeCheck(page);
    } finally {
      await context.close();
    }
  });
};
