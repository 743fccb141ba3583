//! The PDF documents core makes (the service report, a run's report): A4 pages of
//! positioned text and bars with real (extractable, searchable) text, shared so each
//! document only lays itself out.
//!
//! The text needs a font that has Chinese as well as Latin letters; none is shipped with
//! Frontline (a CJK font is 5–20 MB), so one is looked up among the computer's own fonts
//! ([`find_font`]): Noto Sans CJK or Source Han Sans, WenQuanYi on Linux (Debian:
//! `fonts-noto-cjk`, `fonts-wqy-microhei`), PingFang on macOS, Microsoft YaHei or JhengHei on
//! Windows. Without one the PDF is refused with [`Error::NoReportFont`], saying which to
//! install. Only the glyphs used are embedded (krilla subsets the font).
//!
//! Layout is a pure step before drawing: a document puts [`Item`]s on [`Pages`], which
//! starts a page when one is full and wraps long text ([`wrap`]) by an estimated advance
//! (the font is not at hand while laying out, and need not be in tests), so page and line
//! breaks are decided in one place.

use std::path::Path;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};

use crate::settings::Language;
use crate::{Error, Result};

/// Font families tried, in order: Simplified or Traditional Chinese forms first as the
/// document's language asks, then any that covers Chinese.
fn families(lang: Language) -> Vec<&'static str> {
    let sc = ["Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei"];
    let tc = ["Noto Sans CJK TC", "Source Han Sans TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei"];
    let any = ["WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK JP", "Droid Sans Fallback"];
    let (first, second) = if lang == Language::ZhHant { (tc, sc) } else { (sc, tc) };
    first.into_iter().chain(second).chain(any).collect()
}

/// A system font that covers Chinese: its file's bytes and the face's index in it.
pub fn find_font(lang: Language) -> Result<(Vec<u8>, u32)> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    for family in families(lang) {
        let query = fontdb::Query { families: &[fontdb::Family::Name(family)], ..fontdb::Query::default() };
        if let Some(id) = db.query(&query)
            && let Some(found) = db.with_face_data(id, |data, index| (data.to_vec(), index))
        {
            return Ok(found);
        }
    }
    Err(Error::NoReportFont)
}

/// A4 in points.
pub(crate) const PAGE: (f32, f32) = (595.0, 842.0);
/// The margin on every side.
pub(crate) const MARGIN: f32 = 48.0;
/// The width between the margins.
pub(crate) const CONTENT_WIDTH: f32 = PAGE.0 - 2.0 * MARGIN;

/// What a page holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// Text with its baseline's left end at (x, y), in points from the top left.
    Text { x: f32, y: f32, size: f32, text: String },
    /// A filled bar; `strong` is the document's colour, otherwise a light track.
    Bar { x: f32, y: f32, w: f32, h: f32, strong: bool },
}

/// Lays items out top to bottom, starting a page when one is full.
pub(crate) struct Pages {
    pages: Vec<Vec<Item>>,
    y: f32,
}

impl Pages {
    pub(crate) fn new() -> Pages {
        Pages { pages: vec![Vec::new()], y: MARGIN }
    }

    /// Makes room for a line `height` high; returns its baseline.
    pub(crate) fn line(&mut self, height: f32) -> f32 {
        self.keep(height);
        self.y += height;
        self.y - height * 0.25
    }

    /// Starts a page unless `height` more fits on this one (a heading kept with the first
    /// line under it).
    pub(crate) fn keep(&mut self, height: f32) {
        if self.y + height > PAGE.1 - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    pub(crate) fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    pub(crate) fn text(&mut self, x: f32, y: f32, size: f32, text: impl Into<String>) {
        self.push(Item::Text { x, y, size, text: text.into() });
    }

    pub(crate) fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// `text` from `x`, wrapped to `width`, a line `height` high each (over pages if need be).
    pub(crate) fn paragraph(&mut self, x: f32, width: f32, size: f32, height: f32, text: &str) {
        self.row(&[(x, width, text)], size, height);
    }

    /// A table row: each cell `(x, width, text)` wrapped to its column, the row as many lines
    /// high as its longest cell.
    pub(crate) fn row(&mut self, cells: &[(f32, f32, &str)], size: f32, height: f32) {
        let wrapped: Vec<Vec<String>> = cells.iter().map(|(_, w, text)| wrap(text, size, *w)).collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for i in 0..lines {
            let y = self.line(height);
            for ((x, _, _), cell) in cells.iter().zip(&wrapped) {
                if let Some(line) = cell.get(i).filter(|l| !l.is_empty()) {
                    self.text(*x, y, size, line.clone());
                }
            }
        }
    }

    pub(crate) fn finish(self) -> Vec<Vec<Item>> {
        self.pages
    }
}

/// Whether `c` is as wide as it is high: CJK ideographs, kana, hangul, full-width forms and
/// the punctuation CJK fonts draw full width.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2010..=0x2027
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Punctuation that may not begin a line: it stays with the character before it.
fn closes_a_line(c: char) -> bool {
    "，。、；：！？）」』】〉》”’…,.;:!?)".contains(c)
}

/// A character's estimated advance in ems: 1 for wide (CJK) characters; Latin capitals are
/// wider than the 0.55 most other characters take.
pub(crate) fn advance(c: char) -> f32 {
    if is_wide(c) {
        1.0
    } else if c.is_ascii_uppercase() {
        0.7
    } else {
        0.55
    }
}

/// `text`'s estimated width at `size` points (what the layout tests hold each line to).
#[cfg(test)]
pub(crate) fn width(text: &str, size: f32) -> f32 {
    text.chars().map(advance).sum::<f32>() * size
}

/// The pieces a line may break between, each with whether a space comes before it: words
/// (broken at spaces), and each wide character on its own (Chinese has no spaces), closing
/// punctuation kept with what it closes.
fn pieces(paragraph: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    for word in paragraph.split_whitespace() {
        let mut first = true;
        let mut narrow_run = false;
        for c in word.chars() {
            let joins = match out.last() {
                Some(_) if first => false,
                Some(_) if closes_a_line(c) => true,
                Some(_) => !is_wide(c) && narrow_run,
                None => false,
            };
            match out.last_mut() {
                Some((_, piece)) if joins => piece.push(c),
                _ => out.push((first, c.to_string())),
            }
            narrow_run = !is_wide(c);
            first = false;
        }
    }
    out
}

/// `text` broken into lines no wider than `width` points at `size` (by the estimated
/// advance): at spaces, between wide characters, and inside a piece only when it is wider
/// than a line by itself. Line breaks in `text` are kept; an empty text is one empty line.
pub(crate) fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let max = width / size;
    let space = advance(' ');
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut used = 0.0;
        for (spaced, piece) in pieces(paragraph) {
            let w: f32 = piece.chars().map(advance).sum();
            let gap = if spaced && !line.is_empty() { space } else { 0.0 };
            if used + gap + w <= max {
                if gap > 0.0 {
                    line.push(' ');
                }
                line.push_str(&piece);
                used += gap + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            for c in piece.chars() {
                let cw = advance(c);
                if used + cw > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `pages` as PDF bytes, their text in `font` (from [`find_font`]).
pub(crate) fn draw(pages: Vec<Vec<Item>>, font: (Vec<u8>, u32)) -> Result<Vec<u8>> {
    let font = Font::new(font.0.into(), font.1).ok_or(Error::NoReportFont)?;
    let mut document = Document::new();
    let fill = |r: u8, g: u8, b: u8| Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    };
    for items in pages {
        let settings = PageSettings::from_wh(PAGE.0, PAGE.1).ok_or_else(|| Error::Internal("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for item in items {
            match item {
                Item::Text { x, y, size, text } => {
                    surface.set_fill(Some(fill(20, 20, 20)));
                    surface.draw_text(Point::from_xy(x, y), font.clone(), size, &text, false, TextDirection::Auto);
                }
                Item::Bar { x, y, w, h, strong } => {
                    let Some(rect) = Rect::from_xywh(x, y, w.max(0.5), h) else { continue };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    let Some(path) = pb.finish() else { continue };
                    surface.set_fill(Some(if strong { fill(34, 139, 230) } else { fill(225, 228, 232) }));
                    surface.draw_path(&path);
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| Error::Internal(format!("the PDF could not be made: {e:?}")))
}

/// Writes the PDF `make` draws (given the font found for `lang`) to `path`, whole or not at
/// all (an existing file is replaced only with `replace`). Errors: no font covering Chinese
/// ([`Error::NoReportFont`]), `path` existing without `replace` ([`Error::AlreadyExists`]),
/// or the file system's refusal ([`Error::Io`]).
pub(crate) fn save(
    path: &Path,
    replace: bool,
    lang: Language,
    make: impl FnOnce((Vec<u8>, u32)) -> Result<Vec<u8>>,
) -> Result<()> {
    // Refused before the font is looked up and subset, not after (write_file checks again).
    if !replace && path.exists() {
        return Err(Error::AlreadyExists { path: path.to_path_buf() });
    }
    let bytes = make(find_font(lang)?)?;
    crate::export::write_file(path, replace, |out| {
        std::io::Write::write_all(out, &bytes).map_err(|e| Error::io("write", path, e))
    })
}

/// Checks every item of `pages` starts inside the margins and no text runs past the right
/// margin by its estimated width (for the documents' layout tests).
#[cfg(test)]
pub(crate) fn assert_inside(pages: &[Vec<Item>]) {
    for item in pages.iter().flatten() {
        let (x, y, right) = match item {
            Item::Text { x, y, size, text } => (*x, *y, *x + width(text, *size)),
            Item::Bar { x, y, w, .. } => (*x, *y, *x + *w),
        };
        assert!((0.0..PAGE.0).contains(&x) && (MARGIN..PAGE.1 - MARGIN).contains(&y), "{item:?}");
        assert!(right <= PAGE.0 - MARGIN + 0.01, "runs past the right margin: {item:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(lines: &[String], size: f32) -> f32 {
        lines.iter().map(|l| width(l, size)).fold(0.0, f32::max)
    }

    #[test]
    fn english_wraps_at_spaces_within_the_width() {
        let text = "Switch the inbound lines to the backup carrier and tell the floor";
        let lines = wrap(text, 10.0, 120.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(widest(&lines, 10.0) <= 120.0, "{lines:?}");
        assert_eq!(lines.join(" "), text, "no word is cut or lost");
        assert!(lines.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')), "{lines:?}");
    }

    #[test]
    fn chinese_wraps_between_characters_by_one_em_each() {
        // 10 points a character: 5 fit in 50 points.
        let lines = wrap("切换到备用线路并通知现场", 10.0, 50.0);
        assert_eq!(lines, ["切换到备用", "线路并通知", "现场"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = wrap("通知客服主管，确认", 10.0, 60.0);
        assert_eq!(lines, ["通知客服主", "管，确认"]);
        assert!(lines.iter().all(|l| !l.starts_with('，')));
    }

    #[test]
    fn mixed_text_keeps_latin_words_whole_and_breaks_chinese_anywhere() {
        let lines = wrap("启动 IVR 备用流程", 10.0, 55.0);
        assert_eq!(lines.concat().replace(' ', ""), "启动IVR备用流程");
        assert!(lines.iter().any(|l| l.contains("IVR")), "IVR stays whole: {lines:?}");
        assert!(widest(&lines, 10.0) <= 55.0, "{lines:?}");
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_and_line_breaks_are_kept() {
        let lines = wrap("https://status.example.com/incidents/2026-12-06", 10.0, 100.0);
        assert!(lines.len() >= 2 && widest(&lines, 10.0) <= 100.0, "{lines:?}");
        assert_eq!(lines.concat(), "https://status.example.com/incidents/2026-12-06");
        assert_eq!(wrap("first\n\nthird", 10.0, 200.0), ["first", "", "third"]);
        assert_eq!(wrap("", 10.0, 200.0), [""]);
    }

    #[test]
    fn a_row_is_as_tall_as_its_longest_cell_and_pages_break_when_full() {
        let mut p = Pages::new();
        p.row(&[(MARGIN, 60.0, "short"), (120.0, 60.0, "a much longer text that wraps")], 10.0, 14.0);
        let pages = p.finish();
        let ys: Vec<f32> = pages[0]
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, y, .. } if *x == 120.0 => Some(*y),
                _ => None,
            })
            .collect();
        assert!(ys.len() >= 3 && ys.windows(2).all(|w| w[1] - w[0] == 14.0), "{ys:?}");

        let mut p = Pages::new();
        for i in 0..200 {
            p.paragraph(MARGIN, CONTENT_WIDTH, 10.0, 14.0, &format!("line {i}"));
        }
        let pages = p.finish();
        assert!(pages.len() >= 4, "200 lines of 14 points fill more than three A4 pages");
        assert_inside(&pages);
        assert_eq!(pages.iter().map(Vec::len).sum::<usize>(), 200, "no line lost at a page break");
    }
}
