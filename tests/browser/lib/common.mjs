// Shared helpers for the browser suite: the sites under test, the browser,
// the network guard, axe, and readable failure messages.
//
// run.sh builds the sites, serves them and passes them in ZR_SITES (JSON:
// [{name, dir, url, lang}]). Each test file runs in its own process and
// launches its own headless Chromium through playwright-core (no browser
// download: the system's /usr/bin/chromium, or $CHROMIUM).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO = process.env.ZR_REPO || path.resolve(HERE, '..', '..');

/** URLs schools link to in the example handbook: they must keep working. */
export const CONTRACT = {
  example: [
    'index.html',
    'waterland/index.html',
    'waterland/procedures/verzuim/index.html',
    'waterland/procedures/index.html',
    'waterland/actoren/intern-begeleider/index.html',
    'waterland/afspraken/convenant-jeugd/index.html',
    'waterland/begrippen/index.html',
    'waterland/formulieren/index.html',
    'fryske-walden/index.html',
  ],
  english: ['west/index.html', 'west/procedures/referral/index.html'],
};

export function sites() {
  const raw = process.env.ZR_SITES;
  if (!raw) {
    throw new Error('ZR_SITES is not set: run the suite with `bash tests/browser/run.sh`');
  }
  return JSON.parse(raw);
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

function isLoopback(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  const h = u.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/**
 * A browser context with a network guard: every request that would leave
 * 127.0.0.1 is recorded in `ctx.external` and aborted; a navigation of the
 * main frame that the test did not ask for (a meta refresh on a redirect
 * page) is recorded in `ctx.blockedNavigations` and aborted, so the page
 * under test stays loaded.
 */
export async function newContext(browser, options = {}) {
  const ctx = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
    ...options,
  });
  ctx.external = [];
  ctx.blockedNavigations = [];
  ctx.expectedNavigation = null;
  await ctx.route('**/*', (route) => {
    const req = route.request();
    const url = req.url();
    if (!isLoopback(url)) {
      ctx.external.push(`${req.resourceType()} ${url}`);
      return route.abort('blockedbyclient');
    }
    if (
      req.isNavigationRequest() &&
      req.frame().parentFrame() === null &&
      ctx.expectedNavigation !== null &&
      !req.redirectedFrom() &&
      stripHash(url) !== stripHash(ctx.expectedNavigation)
    ) {
      ctx.blockedNavigations.push(url);
      return route.abort('aborted');
    }
    return route.continue();
  });
  return ctx;
}

/** Fails when the context made any request to a host other than loopback. */
export function assertNoExternal(ctx) {
  const counts = new Map();
  for (const r of ctx.external) counts.set(r, (counts.get(r) || 0) + 1);
  const list = [...counts].map(([r, n]) => `  ${r}${n > 1 ? ` (${n} times)` : ''}`);
  if (list.length > 0) throw new Error(`requests to hosts other than 127.0.0.1 (blocked):\n${list.join('\n')}`);
}

export function stripHash(url) {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** Opens `url` in `page` and waits for `load`; other navigations are blocked. */
export async function open(page, url) {
  const ctx = page.context();
  ctx.expectedNavigation = url;
  const response = await page.goto(url, { waitUntil: 'load' });
  return response;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe in the page; `options` are axe.run options. Returns the results. */
export async function axe(page, options) {
  const has = await page.evaluate(() => typeof window.axe === 'object');
  if (!has) await page.evaluate(AXE_SOURCE);
  return page.evaluate((opts) => window.axe.run(document, opts), {
    resultTypes: ['violations'],
    ...options,
  });
}

/** A readable report of axe violations: id, impact, help, targets. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => {
          const summary = (n.failureSummary || '')
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .slice(1, 3)
            .join(' / ');
          return `      - ${n.target.join(' ')}${summary ? `\n        ${summary}` : ''}`;
        })
        .join('\n');
      const more = v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/** A short CSS-like description of an element, for messages (runs in the page). */
export const DESCRIBE_FN = `(el) => {
  const parts = [];
  let e = el;
  for (let i = 0; e && e.nodeType === 1 && i < 4; i++, e = e.parentElement) {
    let s = e.localName;
    if (e.id) { s += '#' + e.id; parts.unshift(s); break; }
    const cls = (e.getAttribute('class') || '').trim().split(/\\s+/).filter(Boolean).slice(0, 2);
    if (cls.length) s += '.' + cls.join('.');
    parts.unshift(s);
  }
  const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  return parts.join(' > ') + (text ? ' "' + text + '"' : '');
}`;

/** Every *.html file under dir (relative paths, '/' separators), sorted. */
export function htmlFiles(dir, ext = '.html') {
  const out = [];
  const walk = (d, rel) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(d, entry.name), r);
      else if (entry.name.endsWith(ext)) out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}
