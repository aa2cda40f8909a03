// The preview's editor as a coordinator uses it, on a scratch copy of the
// example handbook under `zorgroute serve`: open a procedure, change a step's
// time limit and add a step, see a mistake at its field and fix it, make a
// regional version of a standard actor, create a new procedure. Each save
// changes only the lines it should. Also: axe on every form (0 violations),
// and the whole form reachable with Tab alone.
//
// Needs no site from run.sh; only the binary ($ZORGROUTE) and Chromium.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, WCAG_TAGS, assertNoExternal, axe, formatViolations, launch, newContext, open } from '../lib/common.mjs';
import { startServer, stopServer } from '../lib/preview.mjs';

const PROCEDURE = 'content/waterland/procedures/leerlingbespreking.md';
const PROCEDURE_URL = 'waterland/procedures/leerlingbespreking/';
const STANDARD_ACTOR_URL = 'waterland/actoren/jeugdarts/';
const OVERRIDE = 'content/waterland/actors/jeugdarts.md';
const SAVE_MS = 20_000;

/** The lines of `after` that are not in `before` and the other way round, counted (a line may be there twice). */
function changedLines(before, after) {
  const minus = (xs, ys) => {
    const left = [...ys];
    return xs.filter((line) => {
      const i = left.indexOf(line);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  };
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: minus(a, b), added: minus(b, a) };
}

async function assertAxeClean(page, what) {
  const { violations } = await axe(page, { runOnly: { type: 'tag', values: WCAG_TAGS } });
  assert.equal(violations.length, 0, `axe on ${what}:\n${formatViolations(violations)}`);
}

describe('the editor in the preview (zorgroute serve)', () => {
  let tmp, server, browser, ctx, page;
  const file = (rel) => readFileSync(path.join(tmp, rel), 'utf8');

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'zorgroute-editor-'));
    cpSync(path.join(REPO, 'content'), path.join(tmp, 'content'), { recursive: true });
    cpSync(path.join(REPO, 'archief'), path.join(tmp, 'archief'), { recursive: true });
    server = await startServer(tmp);
    browser = await launch();
    ctx = await newContext(browser);
    page = await ctx.newPage();
  });

  after(async () => {
    await ctx?.close();
    await browser?.close();
    await stopServer(server);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Opens a page of the preview; the editor's own navigations are then allowed. */
  const visit = async (url) => {
    await open(page, server.url + url);
    ctx.expectedNavigation = null;
  };

  const openEditor = async (url) => {
    await visit(url);
    await page.locator('.zr-editbar-link', { hasText: 'Bewerken' }).click();
    await page.waitForSelector('form, .zr-actions');
  };

  const saveAndReturn = async (url) => {
    await Promise.all([
      page.waitForURL(server.url + url, { timeout: SAVE_MS }),
      page.getByRole('button', { name: 'Opslaan' }).click(),
    ]);
  };

  test('change a time limit and add a step: the page shows both, the file changes only there', async () => {
    const before = file(PROCEDURE);
    await openEditor(PROCEDURE_URL);
    await assertAxeClean(page, 'the procedure form');
    await page.locator('[data-veld="steps.0.within"] input').fill('2 weken');
    await page.getByRole('button', { name: 'Stap toevoegen' }).click();
    const added = page.locator('[data-veld="steps.4"]');
    await added.locator('[data-veld="steps.4.title"] input').fill('Terugkoppelen aan ouders');
    await added.locator('[data-veld="steps.4.actor"] select').selectOption('intern-begeleider');
    await added.locator('[data-veld="steps.4.within"] input').fill('2 werkdagen');
    await saveAndReturn(PROCEDURE_URL);
    const shown = await page.locator('main').innerText();
    assert.match(shown, /Terugkoppelen aan ouders/);
    assert.match(shown, /2 weken/);
    const { removed, added: lines } = changedLines(before, file(PROCEDURE));
    assert.deepEqual(removed, ['    within: 1 week']);
    assert.deepEqual(lines, [
      '    within: 2 weken',
      '  - title: Terugkoppelen aan ouders',
      '    actor: intern-begeleider',
      '    within: 2 werkdagen',
    ]);
    assertNoExternal(ctx);
  });

  test('a mistake shows at its field, nothing is written, and fixing it saves', async () => {
    const before = file(PROCEDURE);
    await openEditor(PROCEDURE_URL);
    const within = page.locator('[data-veld="steps.1.within"] input');
    await within.fill('binnenkort');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const summary = page.locator('.zr-summary[role="alert"]');
    await summary.waitFor({ timeout: SAVE_MS });
    const error = page.locator('[data-veld="steps.1.within"] .zr-error');
    assert.match(await error.innerText(), /binnenkort/);
    assert.equal(await within.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('zr-summary')), true, 'focus on the summary');
    await assertAxeClean(page, 'the form with a problem');
    assert.equal(file(PROCEDURE), before, 'nothing written');
    // The summary links to the field.
    await summary.getByRole('link').first().click();
    await within.fill('10 werkdagen');
    await saveAndReturn(PROCEDURE_URL);
    assert.match(await page.locator('main').innerText(), /10 werkdagen/);
    const { removed, added } = changedLines(before, file(PROCEDURE));
    assert.deepEqual([removed.length, added], [1, ['    within: 10 werkdagen']]);
  });

  test('a standard actor gets a version of the region', async () => {
    await openEditor(STANDARD_ACTOR_URL);
    assert.match(await page.locator('main').innerText(), /standaardroute/);
    await assertAxeClean(page, 'the choice between the standard and a regional version');
    await page.getByRole('button', { name: /eigen versie/ }).click();
    await page.waitForSelector('form');
    assert.match(await page.locator('.zr-file').innerText(), /content\/waterland\/actors\/jeugdarts\.md/);
    const summary = page.locator('[data-veld="summary"] textarea');
    await summary.fill('In Waterland Noord houdt de jeugdarts spreekuur op elke school.');
    await saveAndReturn(STANDARD_ACTOR_URL);
    const shown = await page.locator('main').innerText();
    assert.match(shown, /Regionaal aangepast/);
    assert.match(shown, /spreekuur op elke school/);
    assert.match(file(OVERRIDE), /spreekuur op elke school/);
    assert.doesNotMatch(file('content/_standaard/actors/jeugdarts.md'), /spreekuur op elke school/);
  });

  test('a new procedure from the index page', async () => {
    await visit('waterland/procedures/');
    await page.locator('.zr-editbar-link', { hasText: 'Nieuwe procedure' }).click();
    await page.waitForSelector('form');
    await assertAxeClean(page, 'the form for a new procedure');
    await page.getByLabel('Titel').fill('Overdracht naar het voortgezet onderwijs');
    assert.equal(await page.getByLabel('Naam van het bestand').inputValue(), 'overdracht-naar-het-voortgezet-onderwijs');
    await page.getByRole('button', { name: 'Maken' }).click();
    await page.waitForSelector('[data-veld="steps"]', { timeout: SAVE_MS });
    await page.locator('[data-veld="summary"] textarea').fill('De school draagt de ondersteuning over aan de nieuwe school.');
    await saveAndReturn('waterland/procedures/');
    await visit('waterland/procedures/overdracht-naar-het-voortgezet-onderwijs/');
    assert.match(await page.locator('h1').innerText(), /Overdracht naar het voortgezet onderwijs/);
    assert.match(file('content/waterland/procedures/overdracht-naar-het-voortgezet-onderwijs.md'), /draagt de ondersteuning over/);
  });

  test('keyboard only: Tab reaches every control of the form, in order', async () => {
    await openEditor(PROCEDURE_URL);
    const controls = await page.evaluate(() => {
      const all = [...document.querySelectorAll('form input, form select, form textarea, form button:not([disabled]), form a[href]')];
      all.forEach((el, i) => el.setAttribute('data-zr-order', String(i)));
      return all.length;
    });
    const seen = [];
    for (let i = 0; i < controls + 40 && seen.length < controls; i++) {
      await page.keyboard.press('Tab');
      const order = await page.evaluate(() => document.activeElement?.getAttribute('data-zr-order'));
      if (order !== null && order !== undefined) seen.push(Number(order));
    }
    assert.equal(seen.length, controls, `Tab reached ${seen.length} of ${controls} controls`);
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'focus follows the order of the form');
  });
});
