// Full-page screenshots of the region home, a procedure and a route, at
// 1280 and 375 px wide, into target/screenshots/ for a person to look at.
// The test fails only when a screenshot cannot be taken.
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { REPO, newContext, open, sites } from '../lib/common.mjs';
import { useBrowser } from '../lib/hooks.mjs';
import { keyPages } from '../lib/pages.mjs';

const OUT = process.env.ZR_SCREENSHOTS || path.join(REPO, 'target', 'screenshots');
mkdirSync(OUT, { recursive: true });

let browser;
useBrowser((b) => (browser = b));

for (const site of sites()) {
  describe(`screenshots of ${site.name}`, async () => {
    const key = await keyPages(site);
    for (const width of [1280, 375]) {
      for (const [name, url] of [['region-home', key.regionHome], ['procedure', key.procedure], ['route', key.route]]) {
        if (!url) continue;
        const file = path.join(OUT, `${site.name}-${name}-${width}.png`);
        test(`${name} at ${width} px -> ${path.relative(REPO, file)}`, async () => {
          const ctx = await newContext(browser, { viewport: { width, height: 900 }, deviceScaleFactor: 1 });
          try {
            const page = await ctx.newPage();
            const response = await open(page, url);
            assert.equal(response?.status(), 200);
            await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
            assert.ok(statSync(file).size > 1000, `${file} is (nearly) empty`);
          } finally {
            await ctx.close();
          }
        });
      }
    }
  });
}
