// An independent crawl over HTTP, starting at the site root (and the 404 page
// and the alias redirect pages, which nothing links to): every same-origin
// link, stylesheet, image and redirect target answers 200, every #fragment
// names an element id on its target page, and no request leaves 127.0.0.1.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertNoExternal, htmlFiles, newContext, open, sites, stripHash } from '../lib/common.mjs';
import { useBrowser } from '../lib/hooks.mjs';

let browser;
useBrowser((b) => (browser = b));

// Runs in the page: the element ids and every reference the page makes.
function collect() {
  const refs = [];
  const push = (el, attr, value) => {
    if (value === null || value === undefined) return;
    let abs = null;
    try {
      abs = new URL(value, document.baseURI).href;
    } catch {
      abs = null;
    }
    refs.push({ tag: el.localName, attr, raw: value, abs });
  };
  const XLINK = 'http://www.w3.org/1999/xlink';
  for (const el of document.querySelectorAll('a, area, link')) {
    push(el, 'href', el.getAttribute('href') ?? el.getAttributeNS(XLINK, 'href'));
  }
  for (const el of document.querySelectorAll('img[src], script[src], source[src], iframe[src], video[src], audio[src], track[src], embed[src]')) {
    push(el, 'src', el.getAttribute('src'));
  }
  for (const el of document.querySelectorAll('img[srcset], source[srcset]')) {
    for (const part of el.getAttribute('srcset').split(',')) {
      const u = part.trim().split(/\s+/)[0];
      if (u) push(el, 'srcset', u);
    }
  }
  for (const el of document.querySelectorAll('use, image, feImage')) {
    push(el, 'href', el.getAttribute('href') ?? el.getAttributeNS(XLINK, 'href'));
  }
  for (const el of document.querySelectorAll('object[data]')) push(el, 'data', el.getAttribute('data'));
  for (const el of document.querySelectorAll('form[action]')) push(el, 'action', el.getAttribute('action'));
  for (const el of document.querySelectorAll('meta[http-equiv]')) {
    if (el.httpEquiv.toLowerCase() !== 'refresh') continue;
    const m = (el.content || '').match(/url\s*=\s*['"]?([^'"]+)/i);
    if (m) push(el, 'refresh', m[1].trim());
  }
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  const names = [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'));
  return { ids: [...ids, ...names], refs };
}

for (const site of sites()) {
  describe(`links on ${site.name}`, () => {
    const origin = new URL(site.url).origin;
    const pages = new Map(); // url without hash -> {status, type, ids, refs, from}
    const broken = [];
    let ctx;

    before(async () => {
      ctx = await newContext(browser);
      const page = await ctx.newPage();
      const seeds = [`${site.url}index.html`, `${site.url}404.html`];
      for (const f of htmlFiles(site.dir)) {
        if (f !== 'index.html' && /http-equiv="refresh"/i.test(readFileSync(path.join(site.dir, f), 'utf8'))) {
          seeds.push(`${site.url}${f}`);
        }
      }
      const queue = seeds.map((u) => [u, '(start)']);
      while (queue.length > 0) {
        const [url, from] = queue.shift();
        if (pages.has(url)) continue;
        const entry = { status: 0, type: '', ids: null, refs: [], from };
        pages.set(url, entry);
        const isPage = /(\/|\.html?)$/.test(new URL(url).pathname);
        if (isPage) {
          const response = await open(page, url);
          entry.status = response?.status() ?? 0;
          entry.type = response?.headers()['content-type'] ?? '';
          if (entry.type.startsWith('text/html')) {
            const { ids, refs } = await page.evaluate(collect);
            entry.ids = new Set(ids);
            entry.refs = refs;
          }
        } else {
          const res = await fetch(url, { method: 'GET', redirect: 'manual' });
          entry.status = res.status;
          entry.type = res.headers.get('content-type') ?? '';
          await res.arrayBuffer();
        }
        if (entry.status !== 200) continue;
        for (const ref of entry.refs) {
          if (!ref.abs) {
            broken.push(`${url}: ${ref.tag}[${ref.attr}]="${ref.raw}" is not a URL`);
            continue;
          }
          const u = new URL(ref.abs);
          if (u.origin !== origin) continue;
          const target = stripHash(ref.abs);
          if (!pages.has(target)) queue.push([target, url]);
        }
      }
    });
    after(async () => {
      await ctx?.close();
    });

    test('every same-origin link answers 200', (t) => {
      assert.ok(pages.size > 1, 'the crawl found no links');
      const html = [...pages.values()].filter((e) => e.ids !== null).length;
      t.diagnostic(`crawled ${pages.size} URLs, ${html} of them HTML pages`);
      const bad = [...pages]
        .filter(([, e]) => e.status !== 200)
        .map(([u, e]) => `  ${e.status} ${u.slice(site.url.length) || u}  (linked from ${e.from.slice(site.url.length) || e.from})`);
      assert.ok(bad.length + broken.length === 0, `broken links:\n${[...bad, ...broken].join('\n')}`);
    });

    test('every #fragment exists on its target page', () => {
      const bad = [];
      for (const [url, e] of pages) {
        for (const ref of e.refs) {
          if (!ref.abs || !ref.abs.includes('#')) continue;
          const frag = decodeURIComponent(ref.abs.slice(ref.abs.indexOf('#') + 1));
          if (frag === '' || frag.toLowerCase() === 'top') continue;
          const target = pages.get(stripHash(ref.abs));
          if (!target || target.ids === null) continue; // not a page we loaded: checked above
          if (!target.ids.has(frag)) {
            bad.push(`  ${url.slice(site.url.length)}: ${ref.tag}[${ref.attr}]="${ref.raw}": no id "${frag}" on ${stripHash(ref.abs).slice(site.url.length)}`);
          }
        }
      }
      assert.ok(bad.length === 0, `${bad.length} fragment link(s) to nothing:\n${bad.slice(0, 60).join('\n')}`);
    });

    test('links work from file:// (relative, to a file, not a folder)', () => {
      const bad = [];
      for (const [url, e] of pages) {
        if (url === `${site.url}404.html`) continue; // served by a web server only: links from the root
        for (const ref of e.refs) {
          if (!ref.abs || new URL(ref.abs).origin !== origin) continue;
          const p = stripHash(ref.raw).split('?')[0];
          if (p === '') continue;
          if (p.startsWith('/') || /^[a-z]+:/i.test(p) || p.endsWith('/')) {
            bad.push(`  ${url.slice(site.url.length)}: ${ref.tag}[${ref.attr}]="${ref.raw}"`);
          }
        }
      }
      assert.ok(bad.length === 0, `${bad.length} link(s) that break from file://:\n${bad.slice(0, 40).join('\n')}`);
    });

    test('the 404 page works at any depth (served for a missing URL)', async () => {
      const page = await ctx.newPage();
      const missing = `${site.url}bestaat/niet/meer/index.html`;
      const response = await open(page, missing);
      assert.equal(response?.status(), 404, `${missing} answers ${response?.status()}`);
      const state = await page.evaluate(() => ({
        title: document.title,
        styled: [...document.styleSheets].length > 0 && [...document.styleSheets].every((s) => s.cssRules.length > 0),
        links: [...document.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => h.startsWith(location.origin)),
      }));
      await page.close();
      assert.ok(state.styled, `the 404 page at ${missing} has no (or an empty) stylesheet: its asset links do not work from a sub-folder`);
      const bad = [];
      for (const href of new Set(state.links.map(stripHash).filter((h) => h !== missing))) {
        const res = await fetch(href);
        await res.arrayBuffer();
        if (res.status !== 200) bad.push(`  ${res.status} ${href}`);
      }
      assert.ok(bad.length === 0, `links on the 404 page at ${missing} that do not work:\n${bad.join('\n')}`);
    });

    test('no request left 127.0.0.1', () => {
      assertNoExternal(ctx);
    });

    test('every HTML file is reached', (t) => {
      const reached = new Set([...pages.keys()].map((u) => u.slice(site.url.length)));
      const orphans = htmlFiles(site.dir).filter((f) => !reached.has(f) && !reached.has(f.replace(/index\.html$/, '')));
      // Not an error (a region may keep a page unlinked), but worth seeing.
      if (orphans.length) t.diagnostic(`not linked from anywhere: ${orphans.join(', ')}`);
      assert.ok(pages.size >= htmlFiles(site.dir).length - orphans.length);
    });
  });
}
