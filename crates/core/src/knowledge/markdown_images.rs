//! Images in the Markdown folder: an export writes each stored image an article refers to
//! as a file in `images/` beside the `.md` files and points the Markdown at it
//! (`![alt](images/ID.png)`); an import stores every image file a Markdown file points
//! to by a relative path (`![alt](images/ID.png)`, `../shared/flow.png`) with the
//! article, and points the Markdown back at the stored image (`frontline-image:ID`).
//! Remote addresses are left as written (they are never loaded).

use std::collections::HashMap;

use super::images::{self, REFERENCE_SCHEME};
use super::markdown::MarkdownFile;
use crate::Result;
use crate::ids::{ArticleId, ArticleImageId};
use crate::store::WriteTx;

/// The folder an export writes images into.
pub const IMAGES_FOLDER: &str = "images";

/// A file an export writes: its path below the folder and its bytes.
pub type ExportFile = (String, Vec<u8>);

/// Whether a file of the folder is an image an import may read (by its extension; its
/// bytes are checked when it is stored).
pub fn is_image_name(name: &str) -> bool {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp")
}

/// The byte ranges of the targets of the Markdown's images (`![alt](target "title")`).
fn image_targets(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = body[from..].find("![") {
        let start = from + i + 2;
        let Some(close) = body[start..].find("](") else { break };
        let target = start + close + 2;
        let len = body[target..].find(|c: char| c == ')' || c.is_whitespace()).unwrap_or(body.len() - target);
        if len > 0 {
            out.push((target, target + len));
        }
        from = target;
    }
    out
}

/// Replaces the byte ranges of `body` (in order, not overlapping) with what `with` gives.
fn replace(body: &str, ranges: &[(usize, usize)], mut with: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for &(start, end) in ranges {
        out.push_str(&body[at..start]);
        match with(&body[start..end]) {
            Some(new) => out.push_str(&new),
            None => out.push_str(&body[start..end]),
        }
        at = end;
    }
    out.push_str(&body[at..]);
    out
}

/// The path below the chosen folder that `target`, written in the file `md_name`, points
/// to; `None` for an address (`https:`, `data:`, `frontline-image:`), an absolute path, or
/// one that leaves the folder.
pub fn resolve(md_name: &str, target: &str) -> Option<String> {
    if target.contains(':') || target.starts_with('/') || target.starts_with('\\') {
        return None;
    }
    let mut parts: Vec<&str> = md_name.split('/').collect();
    parts.pop();
    for part in target.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The image files `body` (of the file `md_name`) points to among `files`, by name.
pub fn referenced_files<'a>(
    md_name: &str,
    body: &str,
    files: &'a HashMap<&str, &'a MarkdownFile>,
) -> Vec<&'a MarkdownFile> {
    let mut out: Vec<&MarkdownFile> = Vec::new();
    for (start, end) in image_targets(body) {
        if let Some(f) = resolve(md_name, &body[start..end]).and_then(|p| files.get(p.as_str()).copied())
            && !out.iter().any(|o| o.name == f.name)
        {
            out.push(f);
        }
    }
    out
}

/// Stores the image files `body` points to with the article; returns the body pointing
/// at the stored images, or `None` when it points to none. Errors as
/// [`images::add_bytes`] (the import's dry run has checked every such file).
pub fn store_referenced(
    tx: &mut WriteTx<'_>,
    article: &ArticleId,
    md_name: &str,
    body: &str,
    files: &HashMap<&str, &MarkdownFile>,
) -> Result<Option<String>> {
    let mut stored: HashMap<String, ArticleImageId> = HashMap::new();
    for f in referenced_files(md_name, body, files) {
        stored.insert(f.name.clone(), images::add_bytes(tx, article, &f.bytes)?);
    }
    if stored.is_empty() {
        return Ok(None);
    }
    Ok(Some(replace(body, &image_targets(body), |target| {
        let id = stored.get(&resolve(md_name, target)?)?;
        Some(format!("{REFERENCE_SCHEME}{id}"))
    })))
}

/// An article's body for export, pointing at `images/ID.ext` instead of the stored
/// images, and those image files (path below the folder, bytes). A reference to an image
/// that is not stored is left as written.
pub fn export_body(conn: &rusqlite::Connection, body: &str) -> Result<(String, Vec<ExportFile>)> {
    let mut files: Vec<ExportFile> = Vec::new();
    let mut paths: HashMap<String, String> = HashMap::new();
    for id in images::referenced(body) {
        match images::bytes(conn, &id) {
            Ok((mime, bytes)) => {
                let path = format!("{IMAGES_FOLDER}/{id}.{}", images::extension(&mime));
                paths.insert(id.to_string(), path.clone());
                files.push((path, bytes));
            }
            Err(crate::Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    let body = replace(body, &image_targets(body), |target| paths.get(target.strip_prefix(REFERENCE_SCHEME)?).cloned());
    Ok((body, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_targets_resolve_inside_the_folder_only() {
        for (md, target, want) in [
            ("a.md", "images/x.png", Some("images/x.png")),
            ("Billing/a.md", "./flow.png", Some("Billing/flow.png")),
            ("Billing/Refunds/a.md", "../../shared/f.gif", Some("shared/f.gif")),
            ("a.md", "../outside.png", None),
            ("a.md", "/etc/passwd", None),
            ("a.md", "https://example.com/p.png", None),
            ("a.md", "frontline-image:abc", None),
            ("a.md", "data:image/png;base64,AA", None),
        ] {
            assert_eq!(resolve(md, target).as_deref(), want, "{md} {target}");
        }
    }

    #[test]
    fn image_targets_are_found_and_replaced_titles_kept() {
        let body =
            "See ![flow](images/a.png \"Flow\") and ![](b.gif), [not an image](c.png), ![x](https://e.com/y.png)";
        let ranges = image_targets(body);
        let targets: Vec<&str> = ranges.iter().map(|&(s, e)| &body[s..e]).collect();
        assert_eq!(targets, ["images/a.png", "b.gif", "https://e.com/y.png"]);
        let out = replace(body, &ranges, |t| (t == "b.gif").then(|| "frontline-image:9".to_string()));
        assert_eq!(
            out,
            "See ![flow](images/a.png \"Flow\") and ![](frontline-image:9), [not an image](c.png), ![x](https://e.com/y.png)"
        );
        assert!(is_image_name("x.PNG") && is_image_name("a/b.webp") && !is_image_name("x.svg") && !is_image_name("md"));
    }
}
