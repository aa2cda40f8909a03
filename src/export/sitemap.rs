//! `sitemap.xml` and `robots.txt` at the site root. A sitemap must list
//! absolute URLs, so it is written only when site.yaml sets `base_url`;
//! robots.txt is always written (allow all) and points at the sitemap when
//! there is one.

use crate::escape;
use crate::model::Site;
use crate::plan::{has_sitemap, last_changed, Job, PageKind};
use crate::urls;

/// Whether a page belongs in the sitemap: every HTML page a reader may land
/// on, not redirects (aliases, and the site root that only forwards to the
/// only region) and not the 404 page.
fn listed(site: &Site, job: &Job) -> bool {
    job.path.ends_with(".html")
        && match job.kind {
            PageKind::Alias { .. } | PageKind::NotFound => false,
            PageKind::SiteHome => site.regions.len() != 1,
            _ => true,
        }
}

/// The sitemap of `jobs` (every page of the site, in their stable order).
pub fn render(site: &Site, jobs: &[Job]) -> Vec<u8> {
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    ));
    for job in jobs.iter().filter(|j| listed(site, j)) {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape::xml(&urls::pretty(&site.base_url, &job.path)));
        xml.push_str("</loc>");
        if let Some(date) = last_changed(site, job) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}

/// robots.txt: everything may be indexed; the sitemap's address when there is one.
pub fn robots(site: &Site) -> Vec<u8> {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if has_sitemap(site) {
        text.push_str(&format!("\nSitemap: {}\n", urls::pretty(&site.base_url, urls::SITEMAP)));
    }
    text.into_bytes()
}
