// Reflow (WCAG 1.4.10) and text resize (1.4.4): at 375 px wide no page
// scrolls sideways; with text at 200 % at 1280 px neither does it, and no
// box with overflow hidden cuts text off. Wide tables may scroll inside
// their own container; the page itself may not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DESCRIBE_FN, open, sites } from '../lib/common.mjs';
import { useBrowser, usePage } from '../lib/hooks.mjs';
import { samplePages } from '../lib/pages.mjs';

let browser;
useBrowser((b) => (browser = b));

// Runs in the page: the page's horizontal overflow and what sticks out.
function overflow([describeSrc]) {
  const describe = eval(describeSrc);
  const root = document.documentElement;
  const width = root.clientWidth;
  const culprits = [];
  if (root.scrollWidth > width) {
    const insideScroller = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0 && !insideScroller(el)) {
        // Report the outermost element that sticks out, not all its children.
        const parent = el.parentElement?.getBoundingClientRect();
        if (!parent || parent.right <= width + 1) culprits.push(`${describe(el)} (right edge ${Math.round(r.right)} px)`);
      }
    }
  }
  return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 10) };
}

// Runs in the page: boxes with overflow hidden/clip whose text does not fit.
function clipped([describeSrc]) {
  const describe = eval(describeSrc);
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const hiddenX = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
    const hiddenY = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
    if (!hiddenX && !hiddenY) continue;
    if (el.clientWidth <= 1 || el.clientHeight <= 1) continue; // visually hidden on purpose
    if (cs.position === 'absolute' && (cs.clip !== 'auto' || cs.clipPath !== 'none')) continue;
    if (!(el.textContent || '').trim()) continue;
    const cutX = hiddenX && el.scrollWidth > el.clientWidth + 1;
    const cutY = hiddenY && el.scrollHeight > el.clientHeight + 1;
    if (cutX || cutY) out.push(`${describe(el)} (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push(`${describe(el)} (cut off with an ellipsis)`);
  }
  return out;
}

for (const site of sites()) {
  describe(`reflow on ${site.name}`, async () => {
    const pages = await samplePages(site);
    let page;
    usePage(() => browser, (p) => (page = p), { viewport: { width: 375, height: 740 } });

    for (const { label, url } of pages) {
      test(`${label} (${url.slice(site.url.length)})`, async (t) => {
        await page.setViewportSize({ width: 375, height: 740 });
        await open(page, url);

        await t.test('375 px wide: no horizontal scrolling', async () => {
          const o = await page.evaluate(overflow, [DESCRIBE_FN]);
          assert.ok(o.scrollWidth <= o.clientWidth, `page is ${o.scrollWidth} px wide in a ${o.clientWidth} px viewport; sticking out:\n  ${o.culprits.join('\n  ')}`);
        });

        await t.test('text at 200 % (1280 px): no horizontal scrolling, nothing cut off', async () => {
          await page.setViewportSize({ width: 1280, height: 900 });
          await page.evaluate(() => {
            document.documentElement.style.fontSize = '200%';
          });
          const o = await page.evaluate(overflow, [DESCRIBE_FN]);
          const cut = await page.evaluate(clipped, [DESCRIBE_FN]);
          assert.ok(o.scrollWidth <= o.clientWidth, `page is ${o.scrollWidth} px wide in a ${o.clientWidth} px viewport; sticking out:\n  ${o.culprits.join('\n  ')}`);
          assert.ok(cut.length === 0, `text cut off by overflow hidden:\n  ${cut.join('\n  ')}`);
        });
      });
    }
  });
}
