//! Outputs: hands each job of the plan to the output that makes its file
//! (HTML render, the exports, the search index, the diagram), so that none
//! of them calls another. The full build and the live preview both render
//! through [`Outputs`].

use std::path::PathBuf;

use rayon::prelude::*;

use super::pdf_cache::PdfCache;
use crate::diag::Diagnostic;
use crate::export;
use crate::fingerprint::Key;
use crate::model::{RegionIx, Site};
use crate::plan::volumes::Volumes;
use crate::plan::{self, Job, PageKind, Rendered};
use crate::render::diagrams::DiagramCache;
use crate::render::theme::Theme;
use crate::render::{Failure, Renderer};
use crate::{diagram, pdf};

/// A job's file as [`Outputs::make`] gives it.
pub enum Made {
    Rendered(Rendered),
    /// The last build's file at `from` (`len` bytes, made from `key`) is
    /// this job's, at `path`.
    Taken {
        path: String,
        from: PathBuf,
        len: u64,
        key: Key,
    },
}

/// Renders the files of jobs one at a time, from any thread, sharing what
/// the pages of a region have in common: a build writes each file as soon as
/// it is rendered, so no more than a few are held in memory at once.
pub struct Outputs<'a> {
    site: &'a Site,
    theme: &'a Theme,
    pages: Renderer<'a>,
    /// The last build's PDFs, to take from.
    pdfs: Option<PdfsBefore<'a>>,
}

/// The last build's PDFs, where in the site these outputs go, and the key
/// of each region's content ([`super::pdf_cache::content_keys`]).
struct PdfsBefore<'a> {
    cache: &'a PdfCache,
    prefix: String,
    content: Vec<Key>,
}

impl<'a> Outputs<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Outputs<'a> {
        Outputs {
            site,
            theme,
            pages: Renderer::new(site, theme),
            pdfs: None,
        }
    }

    /// Outputs that take the layouts and drawings of `before` for routes
    /// that are as they were, and what they use of theirs for the next
    /// ([`crate::render::diagrams::all_from`]).
    pub fn with_cache(site: &'a Site, theme: &'a Theme, before: &DiagramCache) -> (Outputs<'a>, DiagramCache) {
        let (pages, kept) = Renderer::with_cache(site, theme, before);
        let outputs = Outputs {
            site,
            theme,
            pages,
            pdfs: None,
        };
        (outputs, kept)
    }

    /// Takes a PDF from the last build when what it is made from is
    /// unchanged, and notes every PDF in `cache`; `prefix` is the folder of
    /// the site these outputs go in (an earlier edition's), `content` the
    /// key of each region's content ([`super::pdf_cache::content_keys`]).
    pub fn with_pdf_cache(mut self, cache: &'a PdfCache, prefix: &str, content: Vec<Key>) -> Outputs<'a> {
        self.pdfs = Some(PdfsBefore {
            cache,
            prefix: prefix.to_string(),
            content,
        });
        self
    }

    /// The file of one job; a template error is the only way this fails.
    pub fn render(&self, job: &Job) -> Result<Rendered, Box<Diagnostic>> {
        match self.make(job)? {
            Made::Rendered(file) => Ok(file),
            Made::Taken { path, from, .. } => match std::fs::read(&from) {
                Ok(bytes) => Ok(Rendered { path, bytes }),
                // Gone since the cache looked: typeset it after all.
                Err(_) => self.render_fresh(job),
            },
        }
    }

    /// Whether a job of `kind` is written a piece at a time, with
    /// [`Outputs::render_to`]: a region's largest files (print view, search
    /// index, `handboek.json`), which a large region has in tens of megabytes.
    pub fn streams(kind: &PageKind) -> bool {
        Renderer::streams(kind) || matches!(kind, PageKind::SearchIndex | PageKind::HandbookJson)
    }

    /// Renders the file of `job` into `out` as it goes.
    pub fn render_to(&self, job: &Job, out: &mut dyn std::io::Write) -> Result<(), Failure> {
        let (site, t) = (self.site, &self.theme.strings);
        match (&job.kind, job.region.map(|ri| site.region(ri))) {
            (PageKind::SearchIndex, Some(r)) => Ok(crate::search::write_index_script(site, r, t, out)?),
            (PageKind::HandbookJson, Some(r)) => Ok(export::json::write(site, r, t, out)?),
            _ => self.pages.render_to(job, out),
        }
    }

    /// The file of one job, or where the last build has it when that is
    /// this job's file (a PDF from the cache, to copy without reading it).
    pub fn make(&self, job: &Job) -> Result<Made, Box<Diagnostic>> {
        let (&PageKind::DraaiboekPdf(volume), Some(ri), Some(before)) = (&job.kind, job.region, &self.pdfs) else {
            return self.render_fresh(job).map(Made::Rendered);
        };
        let Some(&content) = before.content.get(ri.get()) else {
            return self.render_fresh(job).map(Made::Rendered);
        };
        let cache = before.cache;
        let key = pdf::key(self.site, self.site.region(ri), self.theme.fingerprint, content, volume);
        let path = format!("{}{}", before.prefix, job.path);
        if let Some((from, len)) = cache.typeset_before(key) {
            cache.note(&path, key, len, true);
            return Ok(Made::Taken {
                path: job.path.clone(),
                from,
                len,
                key,
            });
        }
        let typesetting = self.typesetting(ri, volume)?;
        let typst = &self.theme.pdf;
        let bytes = typesetting.typeset(typst)?;
        cache.note(&path, key, bytes.len() as u64, false);
        Ok(Made::Rendered(Rendered {
            path: job.path.clone(),
            bytes,
        }))
    }

    /// The file of one job, made now.
    fn render_fresh(&self, job: &Job) -> Result<Rendered, Box<Diagnostic>> {
        let site = self.site;
        let t = &self.theme.strings;
        let region = job.region.map(|ri| (ri, site.region(ri)));
        let bytes = match (&job.kind, region) {
            (PageKind::DiagramSvg, Some((ri, r))) => self.pages.diagram(ri).standalone(r, t, site.lang).into_bytes(),
            (&PageKind::DraaiboekPdf(volume), Some((ri, _))) => {
                self.typesetting(ri, volume)?.typeset(&self.theme.pdf)?
            }
            (PageKind::HandbookJson, Some((_, r))) => export::json::render(site, r, t),
            (PageKind::CalendarIcs, Some((_, r))) => export::ical::render(site, r, t, site.build_date),
            (PageKind::VCard(ix), Some((_, r))) => {
                export::vcard::render(r, r.actor(*ix), t, site.lang).unwrap_or_default()
            }
            (PageKind::Sitemap, _) => export::sitemap::render(site, &plan::jobs(site)),
            (PageKind::Robots, _) => export::sitemap::robots(site),
            (PageKind::SearchIndex, Some((_, r))) => crate::search::index_script(site, r, t).into_bytes(),
            (PageKind::ChangesFeed, Some((_, r))) => export::atom::render(site, r, t),
            _ => return self.pages.render(job),
        };
        Ok(Rendered {
            path: job.path.clone(),
            bytes,
        })
    }

    /// What volume `volume` of the draaiboek of region `ri` is typeset
    /// from, the diagram drawn for paper when the volume has it.
    fn typesetting(&self, ri: RegionIx, volume: usize) -> Result<pdf::Typesetting, Box<Diagnostic>> {
        let region = self.site.region(ri);
        let t = &self.theme.strings;
        let volumes = Volumes::of(region, self.site.levels.len());
        // The plan makes jobs only for the volumes there are.
        let this = volumes.get(volume);
        let mut diagram = Vec::new();
        let mut drawn = true;
        if this.front && !region.procedures.is_empty() {
            let drawing = self.pages.diagram(ri);
            let sheets = diagram::paper::sheets(drawing.whole_layout());
            drawn = sheets.len() <= pdf::MAX_DIAGRAM_PAGES;
            let views: Vec<diagram::Rect> = sheets.iter().map(|s| s.view).collect();
            let views = if drawn { views } else { Vec::new() };
            let svgs = drawing.standalone_parts(region, t, self.site.lang, &views);
            diagram = (sheets.into_iter().zip(svgs))
                .map(|(sheet, svg)| {
                    let (width, height) = sheet.size();
                    pdf::DiagramPart {
                        title: sheet.title,
                        svg: diagram::for_print(&svg, pdf::FONT),
                        width,
                        height,
                    }
                })
                .collect();
        }
        pdf::prepare(self.site, region, t, (diagram, drawn), (&volumes, this))
    }

    /// The files of `jobs`, rendered in parallel; the first template error
    /// stops the render.
    pub fn render_each(&self, jobs: &[Job]) -> Result<Vec<Rendered>, Box<Diagnostic>> {
        jobs.par_iter().map(|job| self.render(job)).collect()
    }

    /// Lays out every region's whole route now (regions that share a layout
    /// lay it out once). Rendering does this on first use otherwise, and a
    /// thread that wants a layout another thread is making has to wait.
    pub fn lay_out(&self) {
        self.pages.lay_out();
    }
}

/// Renders the files of `jobs` in parallel; the first template error stops the render.
pub fn render_all(site: &Site, theme: &Theme, jobs: &[Job]) -> Result<Vec<Rendered>, Box<Diagnostic>> {
    Outputs::new(site, theme).render_each(jobs)
}
