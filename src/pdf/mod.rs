//! The draaiboek as a PDF (`<region>/draaiboek.pdf`): the print view's
//! content typeset with Typst as a library. The theme's Typst template
//! (`themes/default/pdf/draaiboek.typ`, which a project may override) reads
//! the region as data (`draaiboek.json`, [`data`]) and the diagram as SVG,
//! a file for each page's part of it;
//! the PDF is A4, tagged (PDF/UA-1), with bookmarks, internal links and the
//! embedded fonts. Same input, same bytes: the document's identifier and
//! date come from the site, never from the clock.

pub mod data;
pub mod markup;
mod world;

use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::World;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Diagnostic, Problem};
use crate::fingerprint::{Fingerprint, Key};
use crate::i18n::Strings;
use crate::model::{Region, Site};
use crate::plan::volumes::{Volume, Volumes};
use world::DraaiboekWorld;

/// The theme file the PDF starts from, under the theme's `pdf/`.
pub const MAIN: &str = "draaiboek.typ";
/// The region's data, as the template reads it.
const DATA: &str = "draaiboek.json";
/// The font of the text and of the diagram's labels.
pub const FONT: &str = "Libertinus Serif";
/// The files of the diagram's parts, as the template reads them: `{n}` is
/// the part's number, from 1.
fn diagram_file(n: usize) -> String {
    format!("diagram-{n}.svg")
}

/// The most landscape pages the diagram is drawn on. A larger route (many
/// hundreds of procedures: 150 pages for the 700 of the benchmark, 1,500 for
/// its 7,000) cannot be read on paper, and drawing it took most of the
/// first volume's memory; its draaiboek says where the drawing is online
/// and gives the route in words, as for every route.
pub const MAX_DIAGRAM_PAGES: usize = 40;

/// One page's part of the region's diagram as the PDF shows it.
pub struct DiagramPart {
    /// The level it shows, if it shows one level.
    pub title: Option<String>,
    /// A standalone SVG of the part alone, needing no stylesheet of a page.
    pub svg: String,
    /// Its size on paper, in points.
    pub width: f32,
    pub height: f32,
}

/// What one draaiboek is typeset from, besides the theme's Typst files:
/// the region as data, its diagram, and the document's identity. Making it
/// costs a tenth of a second for a 1,000-page region and typesetting it
/// seconds, so a build first asks whether a PDF with the same [`key`] is
/// already there.
pub struct Typesetting {
    /// The virtual files the template reads (data and diagram).
    files: Vec<(String, Vec<u8>)>,
    /// The document's identifier: stable per region and edition, so two
    /// builds give the same bytes.
    ident: String,
    /// The build date, the document's date.
    date: time::Date,
}

/// The document's identifier: stable per region, edition and volume, so
/// two builds give the same bytes.
fn ident(site: &Site, region: &Region, volume: usize) -> String {
    let edition = site.edition.as_ref().map_or("", |e| e.name.as_str());
    match volume {
        1 => format!("zorgroute/{}/{edition}", region.slug),
        n => format!("zorgroute/{}/{edition}/{n}", region.slug),
    }
}

/// Raised by hand when the PDF of the same content changes within one
/// version of zorgroute (the data, the diagram for paper, the Typst
/// options), so a build typesets the draaiboeken again.
const FORMAT: u32 = 3;

/// The key of volume `volume` of the draaiboek of `region`: equal keys,
/// equal bytes. It is
/// made from what the PDF is made from, not from the PDF's data, so an
/// unchanged region costs no work: `content` is the key of the content
/// files the region is resolved from ([`crate::pipeline::pdf_cache::content_keys`]),
/// `theme` the theme's fingerprint (its strings and Typst files). The
/// fonts, Typst and the code that makes the data are part of the binary:
/// its version and [`FORMAT`] stand for them. Which entries a volume holds
/// follows from the content.
pub fn key(site: &Site, region: &Region, theme: u128, content: Key, volume: usize) -> Key {
    Key(Fingerprint::new()
        .part(env!("CARGO_PKG_VERSION"))
        .part(FORMAT.to_le_bytes())
        .part(ident(site, region, volume))
        .part(site.build_date.to_string())
        .part(theme.to_le_bytes())
        .part(content.0.to_le_bytes())
        .finish())
}

/// Volume `volume` of the draaiboek of `region` ready to typeset, with the
/// parts of its `diagram` (none when the region has no procedures or the
/// volume does not show it) and whether the route is drawn at all (not
/// when it is too large for [`MAX_DIAGRAM_PAGES`]).
pub fn prepare(
    site: &Site,
    region: &Region,
    t: &Strings,
    (diagram, drawn): (Vec<DiagramPart>, bool),
    (volumes, volume): (&Volumes, &Volume),
) -> Result<Typesetting, Box<Diagnostic>> {
    let pages = (diagram.iter().enumerate())
        .map(|(i, part)| data::DiagramPage {
            file: diagram_file(i + 1),
            title: part.title.clone(),
            width: part.width,
            height: part.height,
        })
        .collect();
    let mut view = data::draaiboek(site, region, t, pages, (volumes, volume));
    if !drawn {
        // Beside the PDF on the website; by its full address when the site has one.
        let svg = crate::urls::diagram_svg(&region.slug);
        view.diagram_online = Some(match site.base_url.as_str() {
            "" => svg.rsplit('/').next().unwrap_or(&svg).to_string(),
            base => crate::urls::pretty(base, &svg),
        });
    }
    let json = serde_json::to_string(&view).map_err(|e| problem(MAIN, e.to_string()))?;
    let json = world::with_glyphs(&json).into_owned();
    let mut files = vec![(DATA.to_string(), json.into_bytes())];
    for (i, part) in diagram.into_iter().enumerate() {
        let svg = world::with_glyphs(&part.svg).into_owned();
        files.push((diagram_file(i + 1), svg.into_bytes()));
    }
    Ok(Typesetting {
        files,
        ident: ident(site, region, volume.number),
        date: site.build_date,
    })
}

impl Typesetting {
    /// The PDF, typeset with the theme's Typst files `typst` (name under
    /// `pdf/`, text). A mistake in the template is a problem that names its
    /// file, line and column.
    pub fn typeset(self, typst: &[(String, String)]) -> Result<Vec<u8>, Box<Diagnostic>> {
        let world = DraaiboekWorld::new(typst, MAIN, self.files, self.date)
            .ok_or_else(|| problem(MAIN, "the theme's PDF files have names Typst cannot use".into()))?;
        let document = typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|errors| located(&world, &errors[..]))?;
        let date = &self.date;
        let date = Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day(), 0, 0, 0);
        let options = PdfOptions {
            ident: Smart::Custom(self.ident),
            timestamp: date.map(Timestamp::new_utc),
            standards: PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| problem(MAIN, e.message().to_string()))?,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| located(&world, &errors[..]));
        // Typst keeps what it computed for the next compile of the same
        // document; the next region's shares little of it, and a national
        // build's 77 regions kept 7 GB. Entries a compile running beside this
        // one still uses are only computed again.
        typst::comemo::evict(1);
        pdf
    }
}

/// A problem of the PDF's template: `detail` says what and where.
fn problem(file: &str, detail: String) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(
        Problem::Template {
            name: format!("pdf/{file}"),
            detail,
        },
        None,
    ))
}

/// Typst's first error as a problem, at the file, line and column it names.
fn located(world: &DraaiboekWorld, errors: &[SourceDiagnostic]) -> Box<Diagnostic> {
    let Some(error) = errors.iter().find(|e| e.severity == Severity::Error).or(errors.first()) else {
        return problem(MAIN, "Typst gave no reason".into());
    };
    let mut detail = error.message.to_string();
    for hint in &error.hints {
        detail.push_str(&format!(" ({})", hint.v));
    }
    let at = error.span.id().and_then(|id| {
        let source = world.source_of(id)?;
        let range = typst::WorldExt::range(world, error.span)?;
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        let name = id.get().vpath().get_without_slash().to_string();
        Some((name, line + 1, column + 1))
    });
    match at {
        Some((name, line, column)) => problem(&name, format!("{line}:{column}: {detail}")),
        None => problem(world.main().get().vpath().get_without_slash(), detail),
    }
}
