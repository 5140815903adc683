// tests/e2e/search.js — browser tests of the keyword search: a word typed
// into the キーワード box of /projects and /groups (no JavaScript needed),
// the result heading and rows, the filters kept with it, the
// one-character notice and an empty result, each page checked with
// axe-core at a phone and a PC width, no sideways scrolling on the phone.
//
// Loaded by tests/e2e/e2e.js, which calls register() with its helpers.
'use strict';

module.exports = function register({ test, check, newPage, goto, h1, AXE, VIEWPORTS }) {
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

  // noSidewaysScroll PAGE VIEWPORT — the page fits a phone's width.
  async function noSidewaysScroll(page, viewport) {
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= viewport.width, `${page.url()}: page is ${wide}px wide on a ${viewport.width}px phone`);
  }

  // search PAGE LIST WORD — type WORD into the キーワード box of LIST and
  // submit the form, as a person would.
  async function search(page, list, word) {
    await goto(page, list);
    const box = page.getByLabel('キーワード', { exact: true });
    check(await box.count() === 1, `${list}: no single box labelled キーワード`);
    check(await box.getAttribute('type') === 'search', `${list}: the キーワード box is not type=search`);
    await box.fill(word);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('q') === word),
      box.press('Enter'),
    ]);
  }

  for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
    test(`search ${vpName} /projects 防災`, async () => {
      const { context, page } = await newPage({ viewport, bypassCSP: true });
      try {
        await search(page, '/projects', '防災');
        await h1(page);
        const heading = (await page.locator('#results-title').innerText()).trim();
        check(heading === '"防災" を含む協働事業', `heading is "${heading}"`);
        const rows = page.locator('main .project-list > li');
        check(await rows.count() > 0, 'no project found for 防災');
        check(await page.locator('input[name="q"]').inputValue() === '防災', 'the box lost the word');
        check((await page.locator('main .results__count').innerText()).includes('件'), 'no count');
        await axeCheck(page);
        if (vpName === 'phone') await noSidewaysScroll(page, viewport);
      } finally {
        await context.close();
      }
    });

    test(`search ${vpName} /projects with a filter and a 5-character word`, async () => {
      const { context, page } = await newPage({ viewport, bypassCSP: true });
      try {
        await goto(page, '/projects');
        const years = await page.locator('select[name="year"] option')
          .evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
        check(years.length > 0, 'no year to choose');
        await page.locator('select[name="year"]').selectOption(years[0]);
        await page.getByLabel('キーワード', { exact: true }).fill('まちづくり');
        await Promise.all([
          page.waitForURL((u) => u.searchParams.get('q') === 'まちづくり' && u.searchParams.get('year') === years[0]),
          page.locator('main form button[type="submit"]').first().click(),
        ]);
        check(await page.locator('select[name="year"]').inputValue() === years[0], 'the year was not kept');
        const heading = (await page.locator('#results-title').innerText()).trim();
        check(heading.includes('まちづくり'), `heading is "${heading}"`);
        await axeCheck(page);
        if (vpName === 'phone') await noSidewaysScroll(page, viewport);
      } finally {
        await context.close();
      }
    });

    test(`search ${vpName} /groups 地区`, async () => {
      const { context, page } = await newPage({ viewport, bypassCSP: true });
      try {
        await search(page, '/groups', '地区');
        const heading = (await page.locator('#results-title').innerText()).trim();
        check(heading === '"地区" を含む団体', `heading is "${heading}"`);
        check(await page.locator('main .group-list > li').count() > 0, 'no group found for 地区');
        await axeCheck(page);
        if (vpName === 'phone') await noSidewaysScroll(page, viewport);
      } finally {
        await context.close();
      }
    });

    test(`search ${vpName} one character and no match`, async () => {
      const { context, page } = await newPage({ viewport, bypassCSP: true });
      try {
        await search(page, '/projects', '防');
        check((await page.locator('main').innerText()).includes('2文字以上で入力してください'),
          'no notice for a one-character word');
        check(await page.locator('main .project-list > li').count() === 0, 'rows listed for a one-character word');
        await axeCheck(page);
        await search(page, '/projects', '該当なしの語');
        check((await page.locator('main').innerText()).includes('該当する協働事業はありません'),
          'no empty-result message');
        await axeCheck(page);
        if (vpName === 'phone') await noSidewaysScroll(page, viewport);
      } finally {
        await context.close();
      }
    });
  }

  test('search works without JavaScript', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false });
    try {
      await search(page, '/groups', '子ども');
      check(await page.locator('main .group-list > li').count() > 0, 'no group found for 子ども');
      // the 五十音 links keep the keyword
      const href = await page.locator('.kana-index a').nth(1).getAttribute('href');
      check(/[?&]q=/.test(href || ''), `the 五十音 link ${href} drops q`);
    } finally {
      await context.close();
    }
  });
};
