// Search: typing a Dutch word on a region's search page finds the right
// procedure (also from a prefix of two letters and from a plural), results
// are reachable with the keyboard, the header field of every page leads to
// them, the browser's stemmer agrees with the one that built the index, it
// works from file://, and without JavaScript the page says so.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, test } from 'node:test';
import { assertNoExternal, newContext, open, sites } from '../lib/common.mjs';
import { useBrowser, usePage } from '../lib/hooks.mjs';

let browser;
useBrowser((b) => (browser = b));

// The region used per site, and a procedure a word must find in it.
const CASES = {
  example: {
    region: 'waterland',
    queries: [
      // The route "Verzuim en thuiszitten" comes first, then the procedure.
      { query: 'verzuim', expect: 'waterland/procedures/verzuim/index.html', top: 2 },
      // Two keystrokes: the route and the procedure on absence are among the first results.
      { query: 've', expect: 'waterland/routes/verzuim-en-thuiszitten/index.html', top: 2 },
      { query: 've', expect: 'waterland/procedures/verzuim/index.html', top: 5 },
      { query: 'leerlingen', expect: 'waterland/procedures/leerlingbespreking/index.html', top: 5 },
      // The parents' page says "zorg- en adviesteam", never "ZAT": found through the glossary
      // (after the term itself and the forms named after the team).
      { query: 'ZAT', expect: 'fryske-walden/actoren/ouders/index.html', top: 5, region: 'fryske-walden' },
      // Waterland calls that team MDO; its glossary says so.
      { query: 'multidisciplinair', expect: 'waterland/actoren/zat/index.html', top: 2 },
    ],
  },
  english: {
    region: 'west',
    queries: [{ query: 'referrals', expect: 'west/procedures/referral/index.html', top: 3 }],
  },
};

async function results(page) {
  return page.$$eval('#zoekresultaten a', (links) => links.map((a) => a.getAttribute('href')));
}

async function typeQuery(page, query) {
  await page.fill('#zoekterm', '');
  await page.type('#zoekterm', query);
  await page.waitForFunction(() => document.getElementById('zoekstatus').textContent.trim() !== '');
}

for (const site of sites()) {
  const c = CASES[site.name];
  if (!c) continue;
  const searchUrl = `${site.url}${c.region}/zoeken/index.html`;

  describe(`search on ${site.name}`, () => {
    let ctx;
    let page;
    usePage(
      () => browser,
      (p, c) => {
        page = p;
        ctx = c;
        page.on('pageerror', (e) => {
          throw e;
        });
      },
    );

    for (const { query, expect, top, region } of c.queries) {
      test(`typing "${query}" finds ${expect} in the first ${top}`, async () => {
        await open(page, region ? `${site.url}${region}/zoeken/index.html` : searchUrl);
        await typeQuery(page, query);
        const found = await results(page);
        const rank = found.findIndex((href) => href.endsWith(expect));
        assert.ok(rank >= 0 && rank < top, `"${query}": ${expect} at ${rank + 1} of ${JSON.stringify(found.slice(0, 8))}`);
        const status = await page.textContent('#zoekstatus');
        assert.match(status, /\d+ (resultaten|resultaat|results|result)/);
        assert.equal(await page.getAttribute('#zoekstatus', 'aria-live'), 'polite');
      });
    }

    test('snippets show the matched word in <mark>', async () => {
      await open(page, searchUrl);
      await typeQuery(page, c.queries[0].query);
      const marks = await page.$$eval('#zoekresultaten mark', (ms) => ms.map((m) => m.textContent));
      assert.ok(marks.length > 0, 'no <mark> in the snippets');
    });

    test('the header field of a page leads to the results, and the keyboard reaches them', async () => {
      const { query, expect } = c.queries[0];
      await open(page, `${site.url}${c.region}/index.html`);
      await page.focus('#zoek-kop');
      await page.keyboard.type(query);
      ctx.expectedNavigation = `${searchUrl}?q=${encodeURIComponent(query)}`;
      await Promise.all([page.waitForURL(/zoeken\/index\.html\?q=/), page.keyboard.press('Enter')]);
      await page.waitForFunction(() => document.querySelectorAll('#zoekresultaten a').length > 0);
      assert.equal(await page.inputValue('#zoekterm'), query, 'the query carries over');
      const [first, second] = await results(page);
      assert.ok([first, second].some((href) => href.endsWith(expect)), `${expect} is not among the first two`);
      // Enter in the field moves to the first result; arrows go down and back up.
      await page.focus('#zoekterm');
      await page.keyboard.press('Enter');
      const focused = () => page.evaluate(() => document.activeElement.getAttribute('href') || document.activeElement.id);
      assert.equal(await focused(), first, 'Enter focuses the first result');
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), second, 'ArrowDown moves to the next result');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), 'zoekterm', 'ArrowUp returns to the field');
      // Tab from the field reaches the button, then the first result.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), first, 'Tab reaches the first result');
      const target = new URL(first, page.url()).href;
      ctx.expectedNavigation = target;
      await Promise.all([page.waitForURL(target), page.keyboard.press('Enter')]);
      assertNoExternal(ctx);
    });

    test('the browser stems every word of the example as the build did', async () => {
      await open(page, searchUrl);
      const missing = await page.evaluate(() => {
        const data = window.zorgrouteZoekindex;
        const index = window.elasticlunr.Index.load(data.index);
        const fields = Object.keys(data.index.index);
        const hasTerm = (stem) =>
          fields.some((f) => {
            let node = data.index.index[f].root;
            for (const ch of stem) {
              node = node[ch];
              if (!node) return false;
            }
            return node.df > 0;
          });
        const words = new Set();
        for (const doc of data.docs) {
          for (const w of `${doc[1]} ${doc[3]}`.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u)) {
            if (w) words.add(w);
          }
        }
        const out = [];
        for (const w of words) {
          const stem = index.pipeline.run([w])[0];
          if (stem && !hasTerm(stem)) out.push(`${w} -> ${stem}`);
        }
        return { count: words.size, out };
      });
      assert.ok(missing.count > 40, `only ${missing.count} words`);
      assert.deepEqual(missing.out, [], 'words whose browser stem is not in the index');
    });

    test('search works from file://', async () => {
      const fileCtx = await browser.newContext();
      try {
        const filePage = await fileCtx.newPage();
        const url = pathToFileURL(path.join(site.dir, c.region, 'zoeken', 'index.html')).href;
        await filePage.goto(`${url}?q=${encodeURIComponent(c.queries[0].query)}`);
        await filePage.waitForFunction(() => document.querySelectorAll('#zoekresultaten a').length > 0);
        const found = await results(filePage);
        assert.ok(found.some((href) => href.endsWith(c.queries[0].expect)), JSON.stringify(found));
      } finally {
        await fileCtx.close();
      }
    });

    test('without JavaScript the page says so and links to the overviews', async () => {
      const noJs = await newContext(browser, { javaScriptEnabled: false });
      try {
        const p = await noJs.newPage();
        await open(p, searchUrl);
        const message = p.locator('.search__no-js');
        assert.ok(await message.isVisible(), 'the no-JavaScript message is visible');
        const links = await p.$$eval('.search a', (as) => as.map((a) => a.getAttribute('href')));
        assert.ok(links.some((h) => h && h.endsWith('procedures/index.html')), `links: ${JSON.stringify(links)}`);
      } finally {
        await noJs.close();
      }
    });
  });
}
