// The print view as a reader gets it: Chromium prints the region's whole
// handbook and a single procedure to PDF (A4, the page's own @page rules),
// and poppler's pdftotext reads the pages back. The whole handbook must run
// to many pages, every page must carry the running header (region and date)
// and its page number, and every procedure must start on a page of its own.
// The PDFs are kept in target/screenshots/ for a person to look at.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { REPO, newContext, open, sites } from '../lib/common.mjs';
import { useBrowser } from '../lib/hooks.mjs';
import { keyPages } from '../lib/pages.mjs';

const OUT = process.env.ZR_SCREENSHOTS || path.join(REPO, 'target', 'screenshots');
mkdirSync(OUT, { recursive: true });

let browser;
useBrowser((b) => (browser = b));

/** Prints `url` to a PDF file and returns the text of each page. */
async function printToPages(url, file) {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    const response = await open(page, url);
    assert.equal(response?.status(), 200, url);
    const pdf = await page.pdf({ preferCSSPageSize: true, format: 'A4' });
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, `pdftotext failed: ${text.stderr}`);
    // Pages end with a form feed; the last one is followed by nothing.
    return {
      pages: text.stdout.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim()),
      dom: page,
      ctx,
    };
  } catch (e) {
    await ctx.close();
    throw e;
  }
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

for (const site of sites()) {
  describe(`print view of ${site.name}`, async () => {
    const key = await keyPages(site);
    const home = key.regionHome;
    const printUrl = new URL('print/index.html', home).href;

    test('the whole handbook prints to many pages, each with the running header and its number', async () => {
      const file = path.join(OUT, `${site.name}-print.pdf`);
      const { pages, dom, ctx } = await printToPages(printUrl, file);
      try {
        const region = squash(await dom.locator('.site-title__region').innerText());
        const date = squash(await dom.locator('.print-cover__meta time').innerText());
        const titles = await dom.locator('.print-entry--procedure > :first-child').allInnerTexts();
        assert.ok(titles.length > 0, 'the print view lists procedures');
        assert.ok(pages.length >= titles.length + 3, `only ${pages.length} pages for ${titles.length} procedures`);
        pages.forEach((p, i) => {
          const text = squash(p);
          assert.ok(text.startsWith(region), `page ${i + 1} does not start with the region: ${text.slice(0, 80)}`);
          assert.ok(text.includes(date), `page ${i + 1} has no date ${date}`);
          assert.ok(text.endsWith(`${i + 1} / ${pages.length}`), `page ${i + 1} has no page number: ...${text.slice(-40)}`);
        });
        // Each procedure's title comes first on some page (after the running
        // header, and after the level's heading for a level's first procedure).
        for (const title of titles.map(squash)) {
          const starts = pages.some((p) => {
            // Lines after the header; a long title wraps over several.
            const top = squash(p.split('\n').map(squash).filter(Boolean).slice(1, 6).join(' '));
            return top.slice(0, title.length + 40).includes(title);
          });
          assert.ok(starts, `procedure "${title}" does not start a page`);
        }
      } finally {
        await ctx.close();
      }
    });

    test('a single procedure prints with the running header and without the navigation', async () => {
      const file = path.join(OUT, `${site.name}-procedure.pdf`);
      const { pages, dom, ctx } = await printToPages(key.procedure, file);
      try {
        const region = squash(await dom.locator('.site-title__region').innerText());
        const title = squash(await dom.locator('h1').first().innerText());
        const all = squash(pages.join(' '));
        assert.ok(squash(pages[0]).startsWith(region), 'the running header is on the first page');
        assert.ok(all.includes(title), 'the procedure is printed');
        const skip = squash(await dom.locator('.skip-link').innerText());
        assert.ok(!all.includes(skip), 'the skip link is not printed');
      } finally {
        await ctx.close();
      }
    });
  });
}
