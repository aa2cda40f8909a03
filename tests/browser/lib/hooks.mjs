// The before/after hooks every test file shares: one browser per file, and
// a fresh context and page per describe block.
import { after, before } from 'node:test';
import { launch, newContext } from './common.mjs';

/** Launches one browser before the file's tests and closes it after; `set` receives it. */
export function useBrowser(set) {
  let browser;
  before(async () => {
    browser = await launch();
    set(browser);
  });
  after(async () => {
    await browser?.close();
  });
}

/**
 * A context (with the suite's network guard) and a page for the describe
 * block this is called in, made from `getBrowser()` when the block starts;
 * `set` receives the page and the context.
 */
export function usePage(getBrowser, set, options = {}) {
  let ctx;
  before(async () => {
    ctx = await newContext(getBrowser(), options);
    set(await ctx.newPage(), ctx);
  });
  after(async () => {
    await ctx?.close();
  });
}
