//! Page contexts: the site-wide Tera context (the site, the theme's strings)
//! with one page's values on top, reused from page to page.
//!
//! Cloning the site-wide context for every page copied the theme's 500-odd
//! strings into each page's context and dropped them again, a twentieth of
//! a build's CPU time. A context now goes back to a pool after its page, with
//! the page's own values taken out, so the site-wide values are copied once
//! per thread.

use std::sync::Mutex;

use serde::Serialize;
use tera::Context;

/// Contexts holding the site-wide values, for pages to borrow.
pub struct ContextPool {
    base: Context,
    free: Mutex<Vec<Context>>,
}

impl ContextPool {
    pub fn new(base: Context) -> ContextPool {
        ContextPool {
            base,
            free: Mutex::default(),
        }
    }

    /// A context with the site-wide values and nothing of any other page.
    pub fn page(&self) -> PageContext<'_> {
        let ctx = self.free.lock().ok().and_then(|mut free| free.pop());
        PageContext {
            ctx: ctx.unwrap_or_else(|| self.base.clone()),
            added: Vec::new(),
            pool: self,
        }
    }
}

/// One page's context; its values leave it when it is dropped, and the
/// site-wide ones stay for the next page.
pub struct PageContext<'p> {
    ctx: Context,
    /// The keys this page set, to take out again.
    added: Vec<&'static str>,
    pool: &'p ContextPool,
}

impl PageContext<'_> {
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, val: &T) {
        self.ctx.insert(key, val);
        self.added.push(key);
    }

    /// The context to render with.
    pub fn get(&self) -> &Context {
        &self.ctx
    }
}

impl Drop for PageContext<'_> {
    fn drop(&mut self) {
        let base = &self.pool.base;
        for key in self.added.drain(..) {
            match base.get(key) {
                // A page value over a site-wide one: the site-wide one again.
                Some(value) => self.ctx.insert(key, value),
                None => {
                    self.ctx.remove(key);
                }
            }
        }
        if let Ok(mut free) = self.pool.free.lock() {
            free.push(std::mem::replace(&mut self.ctx, Context::new()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_sees_the_site_values_and_none_of_the_page_before() {
        let mut base = Context::new();
        base.insert("site", "handboek");
        base.insert("title", "site title");
        let pool = ContextPool::new(base);
        {
            let mut first = pool.page();
            first.insert("procedure", "p1");
            first.insert("title", "page title");
            assert_eq!(first.get().get("title"), Some(&"page title".into()));
        }
        let second = pool.page();
        assert_eq!(second.get().get("site"), Some(&"handboek".into()));
        assert_eq!(second.get().get("title"), Some(&"site title".into()));
        assert!(!second.get().contains_key("procedure"));
    }
}
