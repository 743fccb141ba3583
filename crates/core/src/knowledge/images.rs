//! Images stored with the database, not as links: an image pasted or picked in the
//! article editor is kept in `article_images` and the Markdown refers to it as
//! `![alt](frontline-image:ID)`, which the app's renderer resolves through IPC. Nothing
//! remote is ever fetched.
//!
//! An image is an append-only event (it is never edited; a new paste is a new image).
//! Its bytes travel as base64 text because the sync wire carries no blobs, and a whole
//! row must stay under the wire's value bound (`frontline_sync::protocol::MAX_VALUE_BYTES`,
//! 1 MiB): hence [`MAX_BYTES`], 700 KiB, whose base64 form is about 933 KiB. Only PNG,
//! JPEG, GIF and WebP are accepted, recognised by their first bytes, not by a name or a
//! claimed type.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::articles;
use crate::ids::{ArticleId, ArticleImageId};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule, input};

/// Largest image, in bytes (700 KiB).
pub const MAX_BYTES: usize = 700 * 1024;
/// How the Markdown refers to a stored image: `![alt](frontline-image:ID)`.
pub const REFERENCE_SCHEME: &str = "frontline-image:";

/// A stored image, ready for an `<img>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ArticleImage {
    /// Id.
    pub id: ArticleImageId,
    /// The article it was added to.
    pub article_id: ArticleId,
    /// `image/png`, `image/jpeg`, `image/gif` or `image/webp`.
    pub mime: String,
    /// The image as a `data:` URL.
    pub data_url: String,
}

/// The image type of `bytes` by their first bytes (PNG, JPEG, GIF or WebP); `None` for
/// anything else.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

fn too_large() -> Error {
    Error::Validation { field: "image", rule: ValidationRule::ImageTooLarge, limit: Some((MAX_BYTES / 1024) as u32) }
}

/// Decodes and checks an image given as base64 (a `data:` URL's tail or the bare text).
/// Errors: not base64 (`InvalidValue`), larger than [`MAX_BYTES`] (`ImageTooLarge`),
/// not a PNG, JPEG, GIF or WebP (`ImageType`), all on `image`.
pub fn check(base64: &str) -> Result<(&'static str, Vec<u8>)> {
    let text = base64.split_once(";base64,").map_or(base64, |(_, tail)| tail).trim();
    // Refuse the obviously too large before decoding it.
    if text.len() > (MAX_BYTES / 3 + 1) * 4 {
        return Err(too_large());
    }
    let bytes = STANDARD.decode(text).map_err(|_| Error::invalid("image", ValidationRule::InvalidValue))?;
    Ok((check_bytes(&bytes)?, bytes))
}

/// The type of an image's bytes. Errors: larger than [`MAX_BYTES`] (`ImageTooLarge`),
/// not a PNG, JPEG, GIF or WebP (`ImageType`), both on `image`.
pub fn check_bytes(bytes: &[u8]) -> Result<&'static str> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    sniff(bytes).ok_or_else(|| Error::invalid("image", ValidationRule::ImageType))
}

/// Reads an image file chosen in the open dialog, refusing one larger than [`MAX_BYTES`]
/// before reading it (`ImageTooLarge`); the bytes are checked when added.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let io = |source: std::io::Error| Error::Io { action: "read", path: path.to_path_buf(), source };
    if std::fs::metadata(path).map_err(io)?.len() > MAX_BYTES as u64 {
        return Err(too_large());
    }
    std::fs::read(path).map_err(io)
}

/// Stores an image given as base64 (or a `data:` URL, as the editor's paste reads it)
/// with an article; returns its id for the Markdown reference. Errors (nothing
/// written): an unknown article (`NotFound`), and those of [`check`].
pub fn add(tx: &mut WriteTx<'_>, article: &ArticleId, base64: &str) -> Result<ArticleImageId> {
    articles::fields(tx.conn(), article)?;
    let (_, bytes) = check(base64)?;
    add_bytes(tx, article, &bytes)
}

/// Stores an image's bytes with an article (a picked file); returns its id. Errors
/// (nothing written): an unknown article (`NotFound`), and those of [`check_bytes`].
pub fn add_bytes(tx: &mut WriteTx<'_>, article: &ArticleId, bytes: &[u8]) -> Result<ArticleImageId> {
    articles::fields(tx.conn(), article)?;
    let mime = check_bytes(bytes)?;
    let id = ArticleImageId::new();
    tx.insert(
        Table::ArticleImages,
        id.as_str(),
        &[
            ("article_id", Value::Text(article.to_string())),
            ("mime", Value::Text(mime.into())),
            ("data", Value::Text(STANDARD.encode(bytes))),
        ],
    )?;
    Ok(id)
}

/// One stored image; `NotFound` when there is none.
pub fn get(conn: &rusqlite::Connection, id: &ArticleImageId) -> Result<ArticleImage> {
    input::check_id("imageId", id.as_str())?;
    conn.prepare_cached("SELECT article_id, mime, data FROM article_images WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| {
            let mime: String = r.get(1)?;
            let data: String = r.get(2)?;
            Ok(ArticleImage {
                id: id.clone(),
                article_id: r.get(0)?,
                data_url: format!("data:{mime};base64,{data}"),
                mime,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "image", id: id.to_string() })
}

/// The ids of the stored images a Markdown body refers to, in order, each once.
pub fn referenced(body: &str) -> Vec<ArticleImageId> {
    let mut out: Vec<ArticleImageId> = Vec::new();
    for (i, _) in body.match_indices(REFERENCE_SCHEME) {
        let tail = &body[i + REFERENCE_SCHEME.len()..];
        let end = tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(tail.len());
        if end > 0 {
            let id = ArticleImageId(tail[..end].to_string());
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

/// The file extension for an image type.
pub fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        _ => "webp",
    }
}

/// An image's type and bytes, for writing it as a file; `NotFound` when there is none.
pub fn bytes(conn: &rusqlite::Connection, id: &ArticleImageId) -> Result<(String, Vec<u8>)> {
    let image = get(conn, id)?;
    let data = image.data_url.split_once(";base64,").map_or("", |(_, d)| d);
    let bytes = STANDARD.decode(data).map_err(|e| Error::Internal(format!("unreadable image {id}: {e}")))?;
    Ok((image.mime, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::ArticleKind;
    use crate::knowledge::tests::input;
    use crate::store::schema::Merge;
    use crate::store::test_support::temp_store;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn image_types_are_recognised_by_their_first_bytes() {
        for (bytes, want) in [
            (PNG, Some("image/png")),
            (&[0xFF, 0xD8, 0xFF, 0xE0][..], Some("image/jpeg")),
            (b"GIF89a\x01\0", Some("image/gif")),
            (b"GIF87a\x01\0", Some("image/gif")),
            (b"RIFF\0\0\0\0WEBPVP8 ", Some("image/webp")),
            (b"RIFF\0\0\0\0WAVEfmt ", None),
            (b"<svg xmlns=", None),
            (b"%PDF-1.7", None),
            (b"", None),
        ] {
            assert_eq!(sniff(bytes), want, "{bytes:?}");
        }
    }

    #[test]
    fn images_are_append_only_events_that_travel_with_their_article() {
        let t = Table::ArticleImages;
        assert!(t.is_synced() && t.is_append_only());
        assert!(t.columns().iter().all(|c| c.merge == Merge::Event));
        assert_eq!(t.parent(), Some((Table::Articles, "article_id")));
    }

    #[test]
    fn a_stored_image_comes_back_as_a_data_url() {
        let (_dir, mut store, _) = temp_store();
        let article = store.write(|tx| articles::create(tx, &input("Refunds", "", ArticleKind::Sop))).unwrap();
        let encoded = STANDARD.encode(PNG);
        let id = store.write(|tx| add(tx, &article, &format!("data:image/png;base64,{encoded}"))).unwrap();
        let image = get(store.conn(), &id).unwrap();
        assert_eq!((image.article_id, image.mime.as_str()), (article, "image/png"));
        assert_eq!(image.data_url, format!("data:image/png;base64,{encoded}"));
        assert_eq!(bytes(store.conn(), &id).unwrap(), ("image/png".to_string(), PNG.to_vec()));
    }

    #[test]
    fn a_bad_image_is_refused_and_nothing_is_written() {
        let (_dir, mut store, _) = temp_store();
        let article = store.write(|tx| articles::create(tx, &input("Refunds", "", ArticleKind::Sop))).unwrap();
        let before = crate::export::canonical_string(store.conn()).unwrap();
        let mut big = PNG.to_vec();
        big.resize(MAX_BYTES + 1, 0);
        for (data, rule) in [
            (STANDARD.encode(b"<svg onload=alert(1)>"), ValidationRule::ImageType),
            ("not base64!".to_string(), ValidationRule::InvalidValue),
            (STANDARD.encode(&big), ValidationRule::ImageTooLarge),
            (STANDARD.encode(&big).repeat(2), ValidationRule::ImageTooLarge),
        ] {
            match store.write(|tx| add(tx, &article, &data)) {
                Err(Error::Validation { field: "image", rule: got, .. }) => assert_eq!(got, rule),
                other => panic!("expected {rule:?}, got {other:?}"),
            }
        }
        match store.write(|tx| add(tx, &ArticleId::new(), &STANDARD.encode(PNG))) {
            Err(Error::NotFound { entity: "article", .. }) => {}
            other => panic!("expected a missing article, got {other:?}"),
        }
        assert_eq!(crate::export::canonical_string(store.conn()).unwrap(), before);
    }

    #[test]
    fn a_picked_file_too_large_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.png");
        std::fs::write(&path, vec![0u8; MAX_BYTES + 1]).unwrap();
        assert!(matches!(
            read_file(&path),
            Err(Error::Validation { field: "image", rule: ValidationRule::ImageTooLarge, limit: Some(700) })
        ));
        std::fs::write(&path, PNG).unwrap();
        assert_eq!(read_file(&path).unwrap(), PNG);
    }

    #[test]
    fn the_largest_image_fits_the_sync_wire() {
        let mut big = PNG.to_vec();
        big.resize(MAX_BYTES, 0);
        let encoded = STANDARD.encode(&big);
        assert!(check(&encoded).is_ok());
        // The row's other columns (ids, type, times) are well under the margin left.
        assert!(encoded.len() + 1024 < frontline_sync::protocol::MAX_VALUE_BYTES);
    }

    #[test]
    fn references_are_found_in_the_markdown_once_each() {
        let body = "![a](frontline-image:0f1e-22) and ![b](frontline-image:abc) ![a again](frontline-image:0f1e-22) ![x](https://e.com/p.png)";
        let ids: Vec<String> = referenced(body).into_iter().map(|i| i.to_string()).collect();
        assert_eq!(ids, ["0f1e-22", "abc"]);
    }
}
