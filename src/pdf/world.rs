//! The world a draaiboek is typeset in: the theme's Typst files, the
//! region's data and diagrams as virtual files, the fonts embedded in the
//! binary (read once per process), and a fixed date. Nothing here reads the
//! disk or the clock.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The font files of every draaiboek, in the binary: Libertinus Serif for
/// the text and DejaVu Sans Mono for code (as typst-assets ships them; their
/// licences are in `third_party/typst-assets/NOTICE`).
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("fonts/LibertinusSerif-BoldItalic.otf"),
    include_bytes!("fonts/DejaVuSansMono.ttf"),
    include_bytes!("fonts/DejaVuSansMono-Bold.ttf"),
];

/// The fonts, read once per process.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = (FONT_FILES.iter())
        .flat_map(|&data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// Whether every face of the text font has a glyph for `c`. Another font
/// having one is not enough: a combining mark that only DejaVu has, after a
/// base letter from Libertinus, is shaped as one cluster that neither font
/// can show whole, and PDF/UA refuses it.
pub fn displayable(c: char) -> bool {
    (FONTS.fonts.iter())
        .filter(|f| f.info().family == super::FONT)
        .all(|f| f.info().coverage.contains(c as u32))
}

/// `text` with each character that no font can show replaced by `?`:
/// PDF/UA forbids text without glyphs, and a region's texts may hold any
/// script. Only characters outside ASCII change, so JSON stays JSON.
pub fn with_glyphs(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| c.is_ascii() || displayable(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    (text.chars())
        .map(|c| if c.is_ascii() || displayable(c) { c } else { '?' })
        .collect::<String>()
        .into()
}

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// A virtual file: its id and bytes, and for Typst files the parsed source.
struct File {
    id: FileId,
    bytes: Bytes,
    source: Option<Source>,
}

/// One draaiboek's files. The first Typst file given is the main one.
pub struct DraaiboekWorld {
    files: Vec<File>,
    main: FileId,
    today: Datetime,
}

/// The id of the file at `path` in the project's root.
fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl DraaiboekWorld {
    /// A world of `sources` (Typst files: name, text), `main` among them,
    /// and `data` (other files: name, bytes), on the day `today`.
    pub fn new(
        sources: &[(String, String)],
        main: &str,
        data: Vec<(String, Vec<u8>)>,
        today: time::Date,
    ) -> Option<DraaiboekWorld> {
        let mut files = Vec::with_capacity(sources.len() + data.len());
        for (name, text) in sources {
            let id = file_id(name)?;
            let source = Source::new(id, text.clone());
            files.push(File {
                id,
                bytes: Bytes::from_string(text.clone()),
                source: Some(source),
            });
        }
        for (name, bytes) in data {
            files.push(File {
                id: file_id(&name)?,
                bytes: Bytes::new(bytes),
                source: None,
            });
        }
        let today = Datetime::from_ymd(today.year(), today.month() as u8, today.day())?;
        Some(DraaiboekWorld {
            files,
            main: file_id(main)?,
            today,
        })
    }

    fn find(&self, id: FileId) -> FileResult<&File> {
        (self.files.iter().find(|f| f.id == id))
            .ok_or_else(|| FileError::NotFound(id.get().vpath().get_without_slash().into()))
    }

    /// The text of a Typst file of this world, to locate an error in it.
    pub fn source_of(&self, id: FileId) -> Option<&Source> {
        self.files.iter().find(|f| f.id == id)?.source.as_ref()
    }
}

impl World for DraaiboekWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let file = self.find(id)?;
        match &file.source {
            Some(source) => Ok(source.clone()),
            None => Err(FileError::NotSource),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        Ok(self.find(id)?.bytes.clone())
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_characters_of_the_text_font_stay() {
        // The fuzzer's find: a Kannada digit (no font has it) followed by a
        // Lao tone mark (DejaVu Sans Mono has it, Libertinus does not).
        assert_eq!(with_glyphs("ok \u{0CE6}\u{0EC8} é €"), "ok ?? é €");
        assert!(matches!(with_glyphs("Zorgteam – één"), std::borrow::Cow::Borrowed(_)));
    }
}
