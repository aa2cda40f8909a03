// The live preview as a reader sees it: `zorgroute serve` on a scratch copy of
// tests/fixtures/minimal, a procedure page open in headless Chromium, and the
// project's files edited underneath it. A saved edit reloads the page by
// itself at the same scroll position; a broken file shows its problems over
// the last good page and fixing it clears them; an edit of another page does
// not reload this one; a stylesheet change is swapped in without a reload.
// Also prints (does not assert) the median time from saving a file to the
// reloaded page showing the change.
//
// Needs no site from run.sh (ZR_SITES); only the binary ($ZORGROUTE, default
// target/release/zorgroute) and Chromium.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { REPO, assertNoExternal, launch, newContext, open } from '../lib/common.mjs';
import { ZORGROUTE, startServer, stopServer } from '../lib/preview.mjs';

// Generous: the suite runs two files at a time, on 2-core CI machines.
const RELOAD_MS = 20_000;
const POLL_MS = 20;

const PROCEDURE = 'content/regio/procedures/signaleren.md';
const OTHER_PAGE = 'content/regio/pages/visie.md';
const STYLESHEET = 'themes/live/static/style.css';
const PROCEDURE_URL = 'regio/procedures/signaleren/';
const OTHER_URL = 'regio/visie/';
const CSS_PROBE = '--zorgroute-live-test';

/**
 * A browser context (with the suite's network guard) in which the test can
 * see each page's live-reload connection as `window.__zrLive`: an edit saved
 * before a page listens cannot reach it, so the test waits for it to listen.
 */
async function liveContext(browser, options) {
  const ctx = await newContext(browser, options);
  await ctx.addInitScript(() => {
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(...args) {
        super(...args);
        window.__zrLive = this;
      }
    };
  });
  return ctx;
}

const listening = () => ({ ok: window.__zrLive?.readyState === 1, live: window.__zrLive?.readyState ?? null });

describe('live preview (zorgroute serve)', () => {
  let tmp;
  let server;
  let browser;
  let ctx;
  let page;
  const file = (rel) => path.join(tmp, rel);
  const procedureText = () => readFileSync(file(PROCEDURE), 'utf8');
  const withTitle = (text, title) => text.replace(/^title:.*$/m, `title: ${title}`);
  let original;
  let cssOriginal;

  before(async () => {
    assert.ok(existsSync(ZORGROUTE), `no binary at ${ZORGROUTE}: cargo build --release, or set ZORGROUTE`);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'zorgroute-live-'));
    cpSync(path.join(REPO, 'tests', 'fixtures', 'minimal'), tmp, { recursive: true });
    // A test-only theme that is the default stylesheet plus one custom
    // property, so that a stylesheet change can be made and seen. It is in
    // place before serve starts, so themes/ is watched.
    cssOriginal = `${readFileSync(path.join(REPO, 'themes', 'default', 'static', 'style.css'), 'utf8')}\n:root { ${CSS_PROBE}: 1; }\n`;
    mkdirSync(path.dirname(file(STYLESHEET)), { recursive: true });
    writeFileSync(file(STYLESHEET), cssOriginal);
    const site = file('content/site.yaml');
    writeFileSync(site, `${readFileSync(site, 'utf8').trimEnd()}\ntheme: live\n`);
    // Short titles (one line at 400 px, whatever the fonts): the heading
    // above the reader keeps its height, so "the same place" is the same
    // scrollY. (When the heading's height changes, Chromium's own reload
    // restoration keeps the same text in view instead, as a reader would want.)
    original = withTitle(procedureText(), 'Signaleren 0');
    writeFileSync(file(PROCEDURE), original);

    server = await startServer(tmp);
    browser = await launch();
    // Small, so that the procedure page scrolls.
    ctx = await liveContext(browser, { viewport: { width: 400, height: 300 } });
    page = await ctx.newPage();
  });

  after(async () => {
    await ctx?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await stopServer(server);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Polls `fn` in the page until it returns {ok: true, ...}; survives reloads. */
  async function until(what, fn, arg, timeout = RELOAD_MS, p = page) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await p.evaluate(fn, arg);
        if (last?.ok) return last;
      } catch (e) {
        // The page is between documents; ask the next one.
        last = { error: e.message.split('\n')[0] };
      }
      if (Date.now() > deadline) {
        throw new Error(`${what}: not within ${timeout} ms; last seen ${JSON.stringify(last)}\n${server.log()}`);
      }
      await delay(POLL_MS);
    }
  }

  // Runs in the page: its state, and whether it is the reloaded page that
  // shows `title` (no marker, loaded, listening for the next change).
  function reloadedWith(title) {
    const h1 = document.querySelector('main h1')?.textContent.trim() ?? null;
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const state = {
      marker: window.__zrMarker ?? null,
      readyState: document.readyState,
      live: window.__zrLive?.readyState ?? null,
      h1,
      h1Height: document.querySelector('main h1')?.getBoundingClientRect().height ?? null,
      overlay: !!document.getElementById('zorgroute-problems'),
      scrollY: window.scrollY,
      navType: nav?.type,
      dcl: nav ? performance.timeOrigin + nav.domContentLoadedEventEnd : null,
      fcp: fcp ? performance.timeOrigin + fcp.startTime : null,
    };
    state.ok = state.marker === null && state.readyState === 'complete' && state.live === 1 && h1 === title;
    return state;
  }

  /** Marks the current document: a reload loses the mark. */
  const mark = () => page.evaluate(() => { window.__zrMarker = 'not reloaded'; });
  const marker = () => page.evaluate(() => window.__zrMarker ?? null);

  /** Opens the procedure page, waits until it listens, scrolls down. */
  async function openProcedure() {
    const response = await open(page, server.url + PROCEDURE_URL);
    assert.equal(response?.status(), 200, `${PROCEDURE_URL} answers ${response?.status()}\n${server.log()}`);
    await until('the page listens for changes', listening);
    const scroll = await page.evaluate(() => {
      const max = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollTo(0, Math.min(400, Math.floor(max * 0.6)));
      return { max, y: window.scrollY };
    });
    assert.ok(scroll.max >= 150 && scroll.y >= 100, `the page should scroll at 400x300: ${JSON.stringify(scroll)}`);
    return scroll.y;
  }

  /** Saves the procedure with `title` and waits for the reloaded page; returns its state and timings. */
  async function saveAndAwaitReload(title, what) {
    await mark();
    const t0 = Date.now();
    writeFileSync(file(PROCEDURE), withTitle(original, title));
    const state = await until(what, reloadedWith, title);
    state.seen = Date.now() - t0;
    state.toDcl = state.dcl - t0;
    state.toFcp = state.fcp === null ? null : state.fcp - t0;
    return state;
  }

  test('a saved edit reloads the page by itself, at the same scroll position', async () => {
    const y = await openProcedure();
    const before = await page.evaluate(() => document.querySelector('main h1')?.textContent.trim());
    assert.equal(before, 'Signaleren 0');

    const state = await saveAndAwaitReload('Signaleren 1', 'the page reloads and shows the new title');
    assert.equal(state.navType, 'reload', 'the page was reloaded in place');
    assert.ok(Math.abs(state.scrollY - y) <= 3, `scroll position restored: was ${y}, is ${state.scrollY} (h1 ${state.h1Height} px high)`);
    assert.equal(await page.title(), 'Signaleren 1 · Regio Klein');
  });

  test('a broken file shows its problems over the last good page; fixing it clears them', async () => {
    const y = await openProcedure();
    const good = await page.evaluate(() => document.querySelector('main h1')?.textContent.trim());
    await mark();
    writeFileSync(file(PROCEDURE), '---\ntitle: [kapot\n');

    const shown = await until('the problems overlay appears', () => {
      const o = document.getElementById('zorgroute-problems');
      const r = o?.getBoundingClientRect();
      return {
        ok: !!o && !o.hidden && o.textContent.includes('signaleren.md'),
        text: o?.textContent.slice(0, 400) ?? null,
        role: o?.getAttribute('role') ?? null,
        covers: r ? r.width >= innerWidth - 1 && r.height >= innerHeight - 1 : false,
        h1: document.querySelector('main h1')?.textContent.trim() ?? null,
        marker: window.__zrMarker ?? null,
      };
    });
    assert.match(shown.text, /content\/regio\/procedures\/signaleren\.md:1:1/, 'the overlay names file, line and column');
    assert.equal(shown.role, 'alert', 'the overlay is announced');
    assert.ok(shown.covers, 'the overlay covers the page');
    // The last good page stays underneath, not reloaded.
    assert.equal(shown.marker, 'not reloaded', 'a broken build does not reload the page');
    assert.equal(shown.h1, good, 'the last good content stays underneath');
    // A page opened while the site is broken shows the problems at once.
    const other = await ctx.newPage();
    try {
      await other.goto(server.url + PROCEDURE_URL, { waitUntil: 'load' });
      await until('a page opened while broken shows the problems', () => ({
        ok: !!document.getElementById('zorgroute-problems')?.textContent.includes('signaleren.md'),
        h1: document.querySelector('main h1')?.textContent.trim() ?? null,
      }), undefined, RELOAD_MS, other);
    } finally {
      await other.close();
    }

    writeFileSync(file(PROCEDURE), withTitle(original, 'Hersteld 1'));
    const fixed = await until('the page reloads without the overlay', reloadedWith, 'Hersteld 1');
    assert.equal(fixed.overlay, false, 'the overlay is gone');
    assert.ok(Math.abs(fixed.scrollY - y) <= 3, `scroll position restored after the fix: was ${y}, is ${fixed.scrollY}`);
  });

  test('an edit of another page does not reload this one', async () => {
    await openProcedure();
    // The other page, in its own context (own navigation guard), must reload.
    const ctx2 = await liveContext(browser);
    try {
      const otherPage = await ctx2.newPage();
      const response = await open(otherPage, server.url + OTHER_URL);
      assert.equal(response?.status(), 200, `${OTHER_URL} answers ${response?.status()}`);
      await until('the other page listens', listening, undefined, RELOAD_MS, otherPage);
      await mark();
      await otherPage.evaluate(() => { window.__zrMarker = 'not reloaded'; });
      const lines = server.lines.length;
      const visie = readFileSync(file(OTHER_PAGE), 'utf8');
      writeFileSync(file(OTHER_PAGE), `${visie.trimEnd()}\n\nEen extra alinea van de live-test.\n`);
      await until('the other page reloads with the new paragraph', () => ({
        ok: !window.__zrMarker && document.readyState === 'complete' && document.body.textContent.includes('Een extra alinea van de live-test.'),
      }), undefined, RELOAD_MS, otherPage);
      const rebuilt = server.lines.slice(lines).find((l) => l.includes('visie.md'));
      assert.ok(rebuilt, `the server reports the rebuild\n${server.log()}`);
      // Both pages got the same event; give this one time to act on it wrongly.
      await delay(1500);
      assert.equal(await marker(), 'not reloaded', `the procedure page reloaded for an edit of visie.md (server: ${rebuilt})`);
    } finally {
      await ctx2.close();
    }
  });

  // TODO: remove `todo` once src/serve/http.rs sends the css event with data.
  // It sends `SseEvent::default().event("css").data("")`, which goes out as
  // "event: css" with no data line, and an EventSource dispatches no event
  // whose data is empty (HTML, server-sent events, "dispatch the event"):
  // the browser never hears of the stylesheet change. Any non-empty data fixes it.
  test('a stylesheet change is swapped in without a reload', async () => {
    await openProcedure();
    const sheets = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.href));
    const main = sheets.find((h) => new URL(h).pathname === '/assets/style.css');
    assert.ok(main, `the page links assets/style.css: ${JSON.stringify(sheets)}`);
    const res = await fetch(main);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/css/);
    const probe = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    assert.equal(await page.evaluate(probe, CSS_PROBE), '1', 'the theme stylesheet is applied');

    await mark();
    writeFileSync(file(STYLESHEET), cssOriginal.replace(`${CSS_PROBE}: 1;`, `${CSS_PROBE}: 2;`));
    const state = await until('the new stylesheet applies', ([name]) => {
      const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
      return { ok: value === '2', value, marker: window.__zrMarker ?? null };
    }, [CSS_PROBE], RELOAD_MS / 2);
    assert.equal(state.marker, 'not reloaded', 'a stylesheet change does not reload the page');
    assert.equal(await marker(), 'not reloaded');
    const after = await page.evaluate(() => document.querySelector('link[rel="stylesheet"]').href);
    assert.match(after, /[?&]v=\d+/, 'the stylesheet was fetched again');
  });

  test('edit-to-reload time (printed, not asserted)', async () => {
    const y = await openProcedure();
    const runs = [];
    for (let i = 1; i <= 5; i++) {
      const state = await saveAndAwaitReload(`Meting ${i}`, `edit ${i}: the page reloads`);
      assert.ok(Math.abs(state.scrollY - y) <= 3, `edit ${i}: scroll position restored: was ${y}, is ${state.scrollY}`);
      runs.push(state);
    }
    const median = (xs) => {
      const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
      return s.length ? s[Math.floor(s.length / 2)] : NaN;
    };
    const fmt = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
    const line =
      `live preview: file write -> reloaded page, median of ${runs.length} edits: ` +
      `${fmt(median(runs.map((r) => r.toDcl)))} to DOMContentLoaded, ` +
      `${fmt(median(runs.map((r) => r.toFcp)))} to first paint, ` +
      `${fmt(median(runs.map((r) => r.seen)))} until the test saw it ` +
      `(each: ${runs.map((r) => Math.round(r.toDcl)).join(', ')} ms)`;
    console.log(line);
  });

  test('no request left 127.0.0.1', () => {
    assertNoExternal(ctx);
  });
});
