//! Moving the knowledge base in and out as a folder of Markdown files.
//!
//! Each file is one article: an optional YAML front matter between `---` lines at the top
//! (`title`, `kind`, `tags`, `category`; `owner` and `review_on` are read too), then the
//! body in Markdown. `category` is a path of category names separated by `/`
//! ("Billing/Refunds"); missing categories are made. Import first checks every file (the
//! dry run lists each file's error: malformed front matter, an empty or over-long title,
//! an over-long body, an unknown kind, bad tags, a file that is not UTF-8 text), then
//! writes all of it in one transaction as drafts, or nothing. Export writes every live
//! article as `<title>.md` with its front matter (status, owner and review date too).
//! Subfolders are read, their names the category path of files whose front matter names
//! none; images travel as files beside the Markdown (see [`super::markdown_images`]).

use std::collections::{BTreeMap, HashMap};
use std::ops::ControlFlow;
use std::path::Path;

use serde::{Deserialize, Serialize};
use yaml_rust2::{Yaml, YamlLoader};

use super::articles::{self, ArticleInput, ArticleKind};
use super::categories::{self, CategoryInput};
use super::{images, markdown_images};
use crate::ids::KbCategoryId;
use crate::store::Store;
use crate::{Error, Result, ValidationRule};

/// Most files one import reads.
pub const MAX_FILES: usize = 5_000;
/// Largest file read, in bytes (a body of [`BODY_MAX`](super::BODY_MAX) characters of Chinese, and its
/// front matter).
pub const MAX_FILE_BYTES: usize = 1_000_000;

/// Deepest subfolder read below the chosen folder (a category path as deep as any tree
/// a team keeps; deeper folders are not read).
pub const MAX_FOLDER_DEPTH: usize = 8;

/// A file of the chosen folder: its path in it and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownFile {
    /// The file's path below the chosen folder, `/` between names (`Billing/Refunds/x.md`;
    /// just the name for a file of the folder itself). Its folders are the article's
    /// category when the front matter names none.
    pub name: String,
    /// What it holds.
    pub bytes: Vec<u8>,
}

crate::text_enum::text_enum! {
    /// What is wrong with a file.
    pub enum FileProblem {
        /// The front matter is not YAML, or not a mapping, or a key has the wrong type.
        MalformedFrontMatter = "malformed_front_matter",
        /// No title (or an empty one).
        EmptyTitle = "empty_title",
        /// A title longer than `limit` characters.
        TitleTooLong = "title_too_long",
        /// A body longer than `limit` characters.
        BodyTooLong = "body_too_long",
        /// A kind that is none of sop, policy, call_script, known_issue, other.
        UnknownKind = "unknown_kind",
        /// Too many tags, or one too long.
        BadTags = "bad_tags",
        /// An owner or review date that is too long or malformed.
        BadField = "bad_field",
        /// Not UTF-8 text, or larger than [`MAX_FILE_BYTES`].
        NotText = "not_text",
        /// An image file a Markdown file points to that is larger than `limit` KiB or not
        /// a PNG, JPEG, GIF or WebP.
        BadImage = "bad_image",
    }
}

/// One file's error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FileError {
    /// The file's name.
    pub file: String,
    /// What is wrong.
    pub problem: FileProblem,
    /// The limit broken, when there is one.
    pub limit: Option<u32>,
}

/// The dry run of a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MarkdownCheck {
    /// Markdown files found.
    pub files: u32,
    /// Of those, the articles that would be made.
    pub ready: u32,
    /// Every file's error, by file name.
    pub errors: Vec<FileError>,
    /// Category paths that would be made.
    pub new_categories: Vec<String>,
}

/// How far an import or export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MarkdownProgress {
    /// Files done.
    pub done: u32,
    /// Files in all.
    pub total: u32,
}

/// One article as a file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The file's path below the folder (its images are found from it).
    pub name: String,
    /// The article's fields (no category).
    pub input: ArticleInput,
    /// The category path, if any.
    pub category: Vec<String>,
}

fn problem(file: &str, problem: FileProblem, limit: Option<u32>) -> FileError {
    FileError { file: file.to_owned(), problem, limit }
}

/// Splits `text` into its front matter (without the `---` lines) and body.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body = &rest[at + line.len()..];
            return Some((&rest[..at], body.strip_prefix("\r\n").or_else(|| body.strip_prefix('\n')).unwrap_or(body)));
        }
        at += line.len();
    }
    None
}

/// Reads one file into an article. Errors as [`FileProblem`], each naming the file.
pub fn parse(file: &MarkdownFile) -> std::result::Result<Parsed, FileError> {
    let name = file.name.as_str();
    if file.bytes.len() > MAX_FILE_BYTES {
        return Err(problem(name, FileProblem::NotText, Some(MAX_FILE_BYTES as u32)));
    }
    let text = std::str::from_utf8(&file.bytes).map_err(|_| problem(name, FileProblem::NotText, None))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let malformed = || problem(name, FileProblem::MalformedFrontMatter, None);
    let (front, body) = match split(text) {
        Some((front, body)) => (front, body),
        // An opening `---` without its closing line is front matter gone wrong.
        None if text.starts_with("---\n") || text.starts_with("---\r\n") => return Err(malformed()),
        None => ("", text),
    };
    let docs = YamlLoader::load_from_str(front).map_err(|_| malformed())?;
    let map = match docs.into_iter().next() {
        None | Some(Yaml::Null) => Default::default(),
        Some(Yaml::Hash(h)) => h,
        Some(_) => return Err(malformed()),
    };
    let mut fields: HashMap<String, Yaml> = HashMap::new();
    for (k, v) in map {
        let Yaml::String(k) = k else { return Err(malformed()) };
        fields.insert(k, v);
    }
    let text_of = |key: &str| -> std::result::Result<Option<String>, FileError> {
        match fields.get(key) {
            None | Some(Yaml::Null) => Ok(None),
            Some(Yaml::String(s)) => Ok(Some(s.clone())),
            Some(Yaml::Integer(i)) => Ok(Some(i.to_string())),
            Some(Yaml::Real(r)) => Ok(Some(r.clone())),
            Some(Yaml::Boolean(b)) => Ok(Some(b.to_string())),
            Some(_) => Err(malformed()),
        }
    };
    let title = text_of("title")?.unwrap_or_default();
    let kind = match text_of("kind")? {
        None => ArticleKind::Other,
        Some(k) => ArticleKind::parse(&k.trim().to_lowercase().replace([' ', '-'], "_"))
            .ok_or_else(|| problem(name, FileProblem::UnknownKind, None))?,
    };
    let tags = match fields.get("tags") {
        None | Some(Yaml::Null) => Vec::new(),
        Some(Yaml::Array(items)) => items
            .iter()
            .map(|t| match t {
                Yaml::String(s) => Ok(s.clone()),
                Yaml::Integer(i) => Ok(i.to_string()),
                _ => Err(malformed()),
            })
            .collect::<std::result::Result<_, _>>()?,
        // `tags: a, b` as one line.
        Some(Yaml::String(s)) => s.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect(),
        Some(_) => return Err(malformed()),
    };
    let path =
        |c: &str| -> Vec<String> { c.split('/').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect() };
    // The front matter's category, else the folders the file is in.
    let category = match text_of("category")? {
        Some(c) => path(&c),
        None => path(name.rsplit_once('/').map_or("", |(folders, _)| folders)),
    };
    let input = ArticleInput {
        title,
        body: body.to_owned(),
        kind,
        category_id: None,
        tags,
        owner: text_of("owner")?.unwrap_or_default(),
        review_on: text_of("review_on")?,
    };
    Ok(Parsed { name: name.to_owned(), input, category })
}

/// The file error of a field the store refused.
fn refused(file: &str, error: Error) -> Result<FileError> {
    match error {
        Error::Validation { field, rule, limit } => Ok(problem(
            file,
            match (field, rule) {
                ("title", ValidationRule::Required) => FileProblem::EmptyTitle,
                ("title", _) => FileProblem::TitleTooLong,
                ("body", _) => FileProblem::BodyTooLong,
                ("tags", _) => FileProblem::BadTags,
                _ => FileProblem::BadField,
            },
            limit,
        )),
        Error::NotFound { .. } => Ok(problem(file, FileProblem::BadField, None)),
        other => Err(other),
    }
}

/// Parses and checks every file; the articles ready, and every file's error.
fn check_all(conn: &rusqlite::Connection, files: &[MarkdownFile]) -> Result<(Vec<Parsed>, Vec<FileError>)> {
    crate::input::check_count("files", files.len(), MAX_FILES)?;
    let pictures = image_files(files);
    let mut ready = Vec::new();
    let mut errors: Vec<FileError> = Vec::new();
    for f in files.iter().filter(|f| is_markdown(&f.name)) {
        if let Ok(p) = parse(f) {
            for image in markdown_images::referenced_files(&f.name, &p.input.body, &pictures) {
                if images::check_bytes(&image.bytes).is_err() && !errors.iter().any(|e| e.file == image.name) {
                    errors.push(problem(&image.name, FileProblem::BadImage, Some((images::MAX_BYTES / 1024) as u32)));
                }
            }
        }
        match parse(f) {
            Err(e) => errors.push(e),
            // A category name as long as the category form allows.
            Ok(p) if p.category.iter().any(|c| c.chars().count() > 80) => {
                errors.push(problem(&f.name, FileProblem::BadField, Some(80)));
            }
            Ok(p) => match articles::check(conn, &p.input) {
                Ok(()) => ready.push(p),
                Err(e) => errors.push(refused(&f.name, e)?),
            },
        }
    }
    Ok((ready, errors))
}

/// Whether a file of the folder is a Markdown file (the others are images).
fn is_markdown(name: &str) -> bool {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown")
}

/// The image files of the folder, by path.
fn image_files(files: &[MarkdownFile]) -> HashMap<&str, &MarkdownFile> {
    files.iter().filter(|f| markdown_images::is_image_name(&f.name)).map(|f| (f.name.as_str(), f)).collect()
}

/// The category paths of the tree ("Billing/Refunds" → id).
fn category_paths(conn: &rusqlite::Connection) -> Result<HashMap<String, KbCategoryId>> {
    let tree = categories::list(conn)?;
    let mut path: Vec<String> = Vec::new();
    let mut out = HashMap::new();
    for c in tree {
        path.truncate(c.depth as usize);
        path.push(c.name.clone());
        out.entry(path.join("/")).or_insert(c.id);
    }
    Ok(out)
}

/// Checks every file of a folder; writes nothing. Errors: more than [`MAX_FILES`] files.
pub fn dry_run(conn: &rusqlite::Connection, files: &[MarkdownFile]) -> Result<MarkdownCheck> {
    let (ready, errors) = check_all(conn, files)?;
    let known = category_paths(conn)?;
    let mut new_categories: Vec<String> = Vec::new();
    for p in &ready {
        for depth in 1..=p.category.len() {
            let path = p.category[..depth].join("/");
            if !known.contains_key(&path) && !new_categories.contains(&path) {
                new_categories.push(path);
            }
        }
    }
    new_categories.sort();
    let markdown = files.iter().filter(|f| is_markdown(&f.name)).count();
    Ok(MarkdownCheck { files: markdown as u32, ready: ready.len() as u32, errors, new_categories })
}

/// Imports every file as a draft article, in one transaction: all of them, or — when any
/// file has an error (`ImportInvalid`), or `on_progress` answers `Break` (`Cancelled`) —
/// nothing. Returns how many articles were made.
pub fn import(
    store: &mut Store,
    files: &[MarkdownFile],
    mut on_progress: impl FnMut(MarkdownProgress) -> ControlFlow<()>,
) -> Result<u32> {
    let (ready, errors) = check_all(store.conn(), files)?;
    if !errors.is_empty() {
        return Err(Error::ImportInvalid { rows: errors.len() as u32 });
    }
    let total = ready.len() as u32;
    let pictures = image_files(files);
    store.write(|tx| {
        let mut paths = category_paths(tx.conn())?;
        for (i, p) in ready.iter().enumerate() {
            if on_progress(MarkdownProgress { done: i as u32, total }).is_break() {
                return Err(Error::Cancelled);
            }
            let mut parent: Option<KbCategoryId> = None;
            for depth in 1..=p.category.len() {
                let path = p.category[..depth].join("/");
                let id = match paths.get(&path) {
                    Some(id) => id.clone(),
                    None => {
                        let input = CategoryInput { name: p.category[depth - 1].clone(), parent_id: parent.clone() };
                        let id = categories::create(tx, &input)?;
                        paths.insert(path, id.clone());
                        id
                    }
                };
                parent = Some(id);
            }
            let input = ArticleInput { category_id: parent, ..p.input.clone() };
            let id = articles::create(tx, &input)?;
            // Its images stored with it, and its text pointing at them.
            if let Some(body) = markdown_images::store_referenced(tx, &id, &p.name, &input.body, &pictures)? {
                articles::update(tx, &id, &ArticleInput { body, ..input })?;
            }
        }
        let _ = on_progress(MarkdownProgress { done: total, total });
        Ok(total)
    })
}

/// Reads the Markdown files (`*.md`, `*.markdown`) and the images (`*.png`, `*.jpg`,
/// `*.jpeg`, `*.gif`, `*.webp`) of a folder and of its subfolders (down to
/// [`MAX_FOLDER_DEPTH`]; hidden ones, starting with `.`, and links are skipped), by path.
/// Errors: a folder cannot be read (`Io`), more than [`MAX_FILES`] files.
pub fn read_folder(dir: &Path) -> Result<Vec<MarkdownFile>> {
    let mut files = Vec::new();
    read_into(dir, &[], &mut files)?;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

fn read_into(dir: &Path, folders: &[String], files: &mut Vec<MarkdownFile>) -> Result<()> {
    let io = |source: std::io::Error| Error::Io { action: "read", path: dir.to_path_buf(), source };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        // Not followed: a link could loop, or lead out of the chosen folder.
        let kind = entry.file_type().map_err(io)?;
        if kind.is_dir() {
            if folders.len() < MAX_FOLDER_DEPTH && !file_name.starts_with('.') {
                let inner: Vec<String> = folders.iter().cloned().chain([file_name]).collect();
                read_into(&path, &inner, files)?;
            }
            continue;
        }
        let limit = if is_markdown(&file_name) {
            MAX_FILE_BYTES
        } else if markdown_images::is_image_name(&file_name) {
            images::MAX_BYTES
        } else {
            continue;
        };
        if !kind.is_file() {
            continue;
        }
        crate::input::check_count("files", files.len() + 1, MAX_FILES)?;
        let name = folders.iter().map(String::as_str).chain([file_name.as_str()]).collect::<Vec<_>>().join("/");
        let len = entry.metadata().map_err(io)?.len();
        // An oversized file is not read: its size is enough to refuse it.
        let bytes = if len as usize > limit {
            vec![0; limit + 1]
        } else {
            std::fs::read(&path).map_err(|source| Error::Io { action: "read", path: path.clone(), source })?
        };
        files.push(MarkdownFile { name, bytes });
    }
    Ok(())
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A file name for a title: characters file systems refuse replaced, at most 80
/// characters, unique among `taken`.
fn file_name(title: &str, taken: &mut BTreeMap<String, u32>) -> String {
    let clean: String =
        title.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).take(80).collect();
    let clean = clean.trim().trim_matches('.').to_owned();
    let base = if clean.is_empty() { "article".to_owned() } else { clean };
    let n = taken.entry(base.to_lowercase()).or_insert(0);
    *n += 1;
    if *n == 1 { format!("{base}.md") } else { format!("{base} ({n}).md") }
}

/// Every live article as a Markdown file with its front matter, by title, then the
/// stored images they show as files in `images/` (which the Markdown points to); each a
/// path below the folder and its bytes.
pub fn export(conn: &rusqlite::Connection) -> Result<Vec<(String, Vec<u8>)>> {
    let paths: HashMap<KbCategoryId, String> = category_paths(conn)?.into_iter().map(|(p, id)| (id, p)).collect();
    let ids: Vec<crate::ids::ArticleId> = conn
        .prepare_cached("SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE, id")?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let mut taken = BTreeMap::new();
    let mut out = Vec::with_capacity(ids.len());
    let mut pictures: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for id in ids {
        let a = articles::get(conn, &id)?;
        let f = &a.fields;
        let mut text = String::from("---\n");
        text.push_str(&format!("title: {}\n", quoted(&f.title)));
        text.push_str(&format!("kind: {}\n", f.kind.as_str()));
        text.push_str(&format!("status: {}\n", a.status.as_str()));
        let tags: Vec<String> = f.tags.iter().map(|t| quoted(t)).collect();
        text.push_str(&format!("tags: [{}]\n", tags.join(", ")));
        if let Some(path) = f.category_id.as_ref().and_then(|c| paths.get(c)) {
            text.push_str(&format!("category: {}\n", quoted(path)));
        }
        if !f.owner.is_empty() {
            text.push_str(&format!("owner: {}\n", quoted(&f.owner)));
        }
        if let Some(day) = &f.review_on {
            text.push_str(&format!("review_on: {}\n", quoted(day)));
        }
        text.push_str("---\n");
        let (body, files) = markdown_images::export_body(conn, &f.body)?;
        pictures.extend(files);
        text.push_str(&body);
        if !body.ends_with('\n') {
            text.push('\n');
        }
        out.push((file_name(&f.title, &mut taken), text.into_bytes()));
    }
    out.extend(pictures);
    Ok(out)
}

/// Writes the whole knowledge base into `dir` as Markdown files (a file of the same name
/// there is replaced), calling `on_progress` as it goes; returns how many files were
/// written. `Break` stops with `Cancelled` (files written so far stay). Errors: `Io`
/// when the folder cannot be written.
pub fn export_folder(
    conn: &rusqlite::Connection,
    dir: &Path,
    mut on_progress: impl FnMut(MarkdownProgress) -> ControlFlow<()>,
) -> Result<u32> {
    let files = export(conn)?;
    let total = files.len() as u32;
    for (i, (name, text)) in files.iter().enumerate() {
        if on_progress(MarkdownProgress { done: i as u32, total }).is_break() {
            return Err(Error::Cancelled);
        }
        let path = dir.join(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|source| Error::Io {
                action: "write",
                path: folder.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, text).map_err(|source| Error::Io { action: "write", path, source })?;
    }
    let _ = on_progress(MarkdownProgress { done: total, total });
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> MarkdownFile {
        MarkdownFile { name: name.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn front_matter_gives_title_kind_tags_and_category() {
        let p = parse(&file(
            "refund.md",
            "---\ntitle: 退款流程\nkind: SOP\ntags: [billing, 退款]\ncategory: Billing / Refunds\n---\n# Steps\n1. Check\n",
        ))
        .unwrap();
        assert_eq!(p.input.title, "退款流程");
        assert_eq!(p.input.kind, ArticleKind::Sop);
        assert_eq!(p.input.tags, ["billing", "退款"]);
        assert_eq!(p.category, ["Billing", "Refunds"]);
        assert_eq!(p.input.body, "# Steps\n1. Check\n");
        let p = parse(&file("x.md", "---\r\ntitle: A\r\nkind: call script\r\ntags: a, b\r\n---\r\nBody")).unwrap();
        assert_eq!((p.input.kind, p.input.tags.len(), p.input.body.as_str()), (ArticleKind::CallScript, 2, "Body"));
        // No front matter: the whole file is the body (and the title is missing).
        assert_eq!(parse(&file("y.md", "Just text")).unwrap().input.body, "Just text");
    }

    #[test]
    fn malformed_front_matter_and_unknown_kinds_are_named() {
        let bad = [
            ("---\ntitle: [unclosed\n---\nx", FileProblem::MalformedFrontMatter),
            ("---\ntitle: A\nno closing line", FileProblem::MalformedFrontMatter),
            ("---\n- a list\n---\nx", FileProblem::MalformedFrontMatter),
            ("---\ntitle: {a: 1}\n---\nx", FileProblem::MalformedFrontMatter),
            ("---\ntitle: A\nkind: memo\n---\nx", FileProblem::UnknownKind),
        ];
        for (text, expected) in bad {
            assert_eq!(parse(&file("f.md", text)).unwrap_err().problem, expected, "{text}");
        }
        let latin1 = MarkdownFile { name: "l.md".into(), bytes: vec![0x2d, 0xe9, 0xff] };
        assert_eq!(parse(&latin1).unwrap_err().problem, FileProblem::NotText);
    }

    #[test]
    fn file_names_are_safe_and_unique() {
        let mut taken = BTreeMap::new();
        assert_eq!(file_name("Refund / return: how?", &mut taken), "Refund _ return_ how_.md");
        assert_eq!(file_name("退款", &mut taken), "退款.md");
        assert_eq!(file_name("退款", &mut taken), "退款 (2).md");
        assert_eq!(file_name("..", &mut taken), "article.md");
    }
}
