// Which pages the per-page checks (axe, reflow, dark mode, print) run on: one
// of every page kind, found by following the site's own links rather than by
// hard-coding ids, plus the example's contract URLs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTRACT, htmlFiles } from './common.mjs';

const KINDS = ['actoren', 'procedures', 'afspraken', 'routes'];
const KIND_LABEL = { actoren: 'actor', procedures: 'procedure', afspraken: 'agreement', routes: 'route' };

function links(html, base) {
  const out = [];
  const re = /\s(?:href|src)\s*=\s*"([^"]*)"|http-equiv="refresh"\s+content="[^"]*?url=([^"]+)"/gi;
  for (const m of html.matchAll(re)) {
    const raw = (m[1] ?? m[2]).replace(/&amp;/g, '&');
    try {
      const u = new URL(raw, base);
      u.hash = '';
      out.push(u.href);
    } catch {
      // not a URL
    }
  }
  return out;
}

async function get(url) {
  const res = await fetch(url);
  return { status: res.status, text: res.ok ? await res.text() : '' };
}

/**
 * Returns [{label, url}] for `site`: the site root, every region home, and
 * for the first region: each kind index, the first actor, procedure,
 * agreement and route, every page one level below the region (free pages,
 * the glossary and other region-wide pages), the search page, the 404 page, one alias
 * redirect page, a region home of an earlier edition, and the contract URLs.
 */
export async function samplePages(site) {
  const pages = new Map();
  const add = (label, url) => {
    if (!pages.has(url)) pages.set(url, label);
  };
  const root = site.url;
  const inside = (u) => u.startsWith(root) && !u.startsWith(`${root}assets/`);
  const rel = (u) => u.slice(root.length);

  add('site root', `${root}index.html`);
  const rootPage = await get(`${root}index.html`);
  const regions = [...new Set(links(rootPage.text, `${root}index.html`).filter(inside))]
    .map(rel)
    .filter((r) => /^[^/]+\/(index\.html)?$/.test(r) && r !== '404.html')
    .map((r) => r.split('/')[0]);
  if (regions.length === 0) throw new Error(`no region linked from ${root}index.html`);
  for (const r of regions) add(`region home ${r}`, `${root}${r}/index.html`);

  const region = regions[0];
  const prefix = `${root}${region}/`;
  const found = new Set(links((await get(`${prefix}index.html`)).text, `${prefix}index.html`));
  for (const kind of KINDS) {
    const index = `${prefix}${kind}/index.html`;
    const page = await get(index);
    if (page.status === 200) {
      add(`${kind} index`, index);
      for (const l of links(page.text, index)) found.add(l);
    }
  }
  const firstOfKind = new Map();
  const onePath = [];
  for (const u of found) {
    if (!u.startsWith(prefix)) continue;
    const r = u.slice(prefix.length);
    let m = r.match(/^([^/]+)\/([^/]+)\/(index\.html)?$/);
    if (m && KINDS.includes(m[1])) {
      if (!firstOfKind.has(m[1])) firstOfKind.set(m[1], `${prefix}${m[1]}/${m[2]}/index.html`);
      continue;
    }
    m = r.match(/^([^/]+)\/(index\.html)?$/);
    if (m && !KINDS.includes(m[1])) onePath.push([m[1], `${prefix}${m[1]}/index.html`]);
  }
  for (const kind of KINDS) {
    if (firstOfKind.has(kind)) add(`${KIND_LABEL[kind]} page`, firstOfKind.get(kind));
  }
  const ONE_PATH_LABEL = { begrippen: 'glossary', formulieren: 'forms page' };
  for (const [name, url] of onePath.sort()) add(ONE_PATH_LABEL[name] || `page ${name}`, url);
  // The search page is reached through the header's search form, not a link.
  const search = `${prefix}zoeken/index.html`;
  if ((await get(search)).status === 200) add('search page', search);

  add('404 page', `${root}404.html`);
  const alias = htmlFiles(site.dir).find(
    (f) => f !== 'index.html' && /http-equiv="refresh"/i.test(readFileSync(path.join(site.dir, f), 'utf8')),
  );
  if (alias) add('alias redirect', `${root}${alias}`);
  // An earlier edition's region home: its banner links to the current edition.
  const earlier = htmlFiles(site.dir).find((f) => /^edities\/[^/]+\/[^/]+\/index\.html$/.test(f));
  if (earlier) add('earlier edition', `${root}${earlier}`);
  for (const c of CONTRACT[site.name] || []) add(`contract ${c}`, `${root}${c}`);

  return [...pages].map(([url, label]) => ({ label, url }));
}

/** The pages the keyboard and screenshot tests use: region home, a procedure, a route. */
export async function keyPages(site) {
  const sample = await samplePages(site);
  const find = (re) => sample.find((p) => re.test(p.label))?.url;
  const preferred = site.name === 'example' ? `${site.url}waterland/procedures/verzuim/index.html` : null;
  return {
    regionHome: find(/^region home/),
    procedure: preferred || find(/^procedure page/),
    route: find(/^route page/),
  };
}
