// axe-core (WCAG 2.0/2.1 A and AA) on one page of every kind, on both sites;
// then axe's color-contrast rule again in dark mode and in print media.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertNoExternal, axe, formatViolations, open, sites, WCAG_TAGS } from '../lib/common.mjs';
import { useBrowser, usePage } from '../lib/hooks.mjs';
import { samplePages } from '../lib/pages.mjs';

let browser;
useBrowser((b) => (browser = b));

for (const site of sites()) {
  describe(`axe on ${site.name}`, async () => {
    const pages = await samplePages(site);
    let ctx, page;
    usePage(() => browser, (p, c) => ([page, ctx] = [p, c]));

    for (const { label, url } of pages) {
      const where = `${label} (${url.slice(site.url.length)})`;
      test(where, async (t) => {
        const response = await open(page, url);
        assert.equal(response?.status(), 200, `${url} answers ${response?.status()}`);
        await page.emulateMedia({ media: 'screen', colorScheme: 'light' });

        await t.test('WCAG 2.1 AA: no violations', async () => {
          const { violations } = await axe(page, { runOnly: { type: 'tag', values: WCAG_TAGS } });
          assert.ok(violations.length === 0, `axe found ${violations.length} violation(s) on ${url}:\n${formatViolations(violations)}`);
        });
        await t.test(`html lang is "${site.lang}"`, async () => {
          assert.equal(await page.evaluate(() => document.documentElement.lang), site.lang);
        });
        await t.test('dark mode: color contrast', async () => {
          await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
          const { violations } = await axe(page, { runOnly: { type: 'rule', values: ['color-contrast'] } });
          await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
          assert.ok(violations.length === 0, `dark mode, ${url}:\n${formatViolations(violations)}`);
        });
        await t.test('print: color contrast', async () => {
          await page.emulateMedia({ media: 'print', colorScheme: 'light' });
          const { violations } = await axe(page, { runOnly: { type: 'rule', values: ['color-contrast'] } });
          await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
          assert.ok(violations.length === 0, `print media, ${url}:\n${formatViolations(violations)}`);
        });
      });
    }

    test('no request left 127.0.0.1', () => {
      assertNoExternal(ctx);
    });
  });
}
