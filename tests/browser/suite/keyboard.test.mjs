// Keyboard use: the first Tab lands on the skip link, Enter on it moves focus
// to the main content; Tab reaches every interactive element (diagram nodes
// included) in document order, each visibly focused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertNoExternal, DESCRIBE_FN, open, sites } from '../lib/common.mjs';
import { useBrowser, usePage } from '../lib/hooks.mjs';
import { keyPages } from '../lib/pages.mjs';

let browser;
useBrowser((b) => (browser = b));

const FOCUS_PROPS = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor', 'color', 'textDecorationLine', 'borderColor'];

// Runs in the page: marks every element that should be reachable with Tab.
function markTabbables([describeSrc]) {
  const describe = eval(describeSrc);
  const sel = [
    'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea', 'summary',
    'iframe', '[tabindex]', '[contenteditable]', 'audio[controls]', 'video[controls]', 'svg a',
  ].join(',');
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (el.closest('[inert]') || el.matches(':disabled')) continue;
    // Diagram nodes (svg a) must be reachable whatever their tabindex says.
    const ti = el.getAttribute('tabindex');
    if (ti !== null && Number.parseInt(ti, 10) < 0 && !el.matches('svg a')) continue;
    if (el.getClientRects().length === 0) continue; // display: none, or not rendered
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (el.localName === 'summary' && el.parentElement?.localName !== 'details') continue;
    el.setAttribute('data-zr-tab', String(out.length));
    out.push(describe(el));
  }
  return out;
}

// Runs in the page: what has focus now, its focus style, and whether it shows.
function focusState([describeSrc, props]) {
  const describe = eval(describeSrc);
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (!el.hasAttribute('data-zr-tab')) el.setAttribute('data-zr-tab', `extra-${document.querySelectorAll('[data-zr-tab^="extra-"]').length}`);
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  return {
    key: el.getAttribute('data-zr-tab'),
    what: describe(el),
    style: Object.fromEntries(props.map((p) => [p, cs[p]])),
    inView,
  };
}

function unfocusedStyles([props]) {
  document.activeElement?.blur();
  const out = {};
  for (const el of document.querySelectorAll('[data-zr-tab]')) {
    const cs = getComputedStyle(el);
    out[el.getAttribute('data-zr-tab')] = Object.fromEntries(props.map((p) => [p, cs[p]]));
  }
  return out;
}

function visibleIndicator(focused, plain) {
  const outline = focused.outlineStyle !== 'none' && Number.parseFloat(focused.outlineWidth) >= 1 && !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(focused.outlineColor);
  const shadow = focused.boxShadow !== 'none' && focused.boxShadow !== plain.boxShadow;
  const background = focused.backgroundColor !== plain.backgroundColor;
  const changed = FOCUS_PROPS.some((p) => focused[p] !== plain[p]);
  return changed && (outline || shadow || background);
}

for (const site of sites()) {
  describe(`keyboard on ${site.name}`, async () => {
    const key = await keyPages(site);
    let ctx, page;
    usePage(() => browser, (p, c) => ([page, ctx] = [p, c]));

    const targets = [
      ['region home', key.regionHome, 1280],
      ['procedure', key.procedure, 1280],
      ['procedure at 375 px', key.procedure, 375],
      ['route', key.route, 1280],
    ].filter(([, url]) => url);

    for (const [label, url] of targets.filter(([l]) => !l.includes('375'))) {
      test(`${label}: first Tab is the skip link, Enter moves focus to main`, async () => {
        await page.setViewportSize({ width: 1280, height: 900 });
        await open(page, url);
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => {
          const el = document.activeElement;
          const r = el.getBoundingClientRect();
          const href = el.getAttribute('href') || '';
          return {
            tag: el.localName,
            href,
            text: el.textContent.trim(),
            visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight,
            targetIsMain: href.startsWith('#') && !!document.getElementById(decodeURIComponent(href.slice(1)))?.matches('main, [role="main"]'),
          };
        });
        assert.equal(first.tag, 'a', `first Tab focuses <${first.tag}> "${first.text}", not a link`);
        assert.ok(first.targetIsMain, `first Tab focuses "${first.text}" (${first.href}), not a link to <main>`);
        assert.ok(first.visible, `the skip link "${first.text}" is not visible when focused`);
        await page.keyboard.press('Enter');
        const after = await page.evaluate(() => {
          const main = document.querySelector('main, [role="main"]');
          return { onMain: document.activeElement === main, hash: location.hash };
        });
        assert.ok(after.onMain, `after Enter on the skip link focus is not on <main> (location ${after.hash})`);
        await page.keyboard.press('Tab');
        const next = await page.evaluate(() => {
          const main = document.querySelector('main, [role="main"]');
          const el = document.activeElement;
          return main.contains(el) || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        });
        assert.ok(next, 'the Tab after the skip link goes back before the main content');
      });
    }

    for (const [label, url, width] of targets) {
      test(`${label}: Tab reaches every interactive element, with a visible focus indicator`, async (t) => {
        await page.setViewportSize({ width, height: 900 });
        await open(page, url);
        const expected = await page.evaluate(markTabbables, [DESCRIBE_FN]);
        const svgLinks = await page.evaluate(() => document.querySelectorAll('svg a').length);
        const seen = [];
        for (let i = 0; i < expected.length + 25; i++) {
          await page.keyboard.press('Tab');
          const state = await page.evaluate(focusState, [DESCRIBE_FN, FOCUS_PROPS]);
          if (state === null || (seen.length > 0 && state.key === seen[0].key)) break;
          seen.push(state);
        }
        const plain = await page.evaluate(unfocusedStyles, [FOCUS_PROPS]);
        t.diagnostic(`${expected.length} interactive elements, ${seen.length} Tab stops, ${svgLinks} diagram links`);

        const reached = new Set(seen.map((s) => s.key));
        const missing = expected.filter((_, i) => !reached.has(String(i)));
        assert.ok(missing.length === 0, `not reachable with Tab on ${url}:\n  ${missing.join('\n  ')}`);

        const order = seen.map((s) => s.key).filter((k) => !k.startsWith('extra-')).map(Number);
        const outOfOrder = order.findIndex((k, i) => i > 0 && k < order[i - 1]);
        assert.equal(outOfOrder, -1, `Tab order differs from document order at ${seen[outOfOrder]?.what}`);

        const noIndicator = seen.filter((s) => !visibleIndicator(s.style, plain[s.key] || {})).map((s) => `${s.what} ${JSON.stringify(s.style)}`);
        assert.ok(noIndicator.length === 0, `no visible focus indicator on ${url}:\n  ${noIndicator.join('\n  ')}`);

        const hidden = seen.filter((s) => !s.inView).map((s) => s.what);
        assert.ok(hidden.length === 0, `focused but not on screen on ${url}:\n  ${hidden.join('\n  ')}`);
      });
    }

    test('no request left 127.0.0.1', () => {
      assertNoExternal(ctx);
    });
  });
}
