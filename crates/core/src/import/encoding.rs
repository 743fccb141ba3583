//! Which character encoding a file is in, and its text.
//!
//! Spreadsheets save CSV in the computer's legacy code page unless told otherwise:
//! Excel on a Simplified-Chinese Windows writes GBK (GB18030 is its superset, and the
//! decoder used for both), on Traditional-Chinese Windows Big5; most other tools write
//! UTF-8, Excel's "CSV UTF-8" with a byte-order mark. [`detect`] tells which, and how sure
//! it is: UTF-8 is certain (legacy Chinese text is practically never valid UTF-8), while
//! GBK and Big5 share most of their byte ranges, so a short file can read as either. Then
//! the answer is [`Confidence::Low`] and the user is asked to choose, seeing a preview in
//! each.
//!
//! Detection reads the first [`SAMPLE_BYTES`] (`chardetng`'s guess, then a check that the
//! guess decodes without a malformed sequence where the other does not); decoding reads
//! everything (`encoding_rs`), replacing malformed sequences with U+FFFD so that the rows
//! holding them are reported as row errors instead of failing the whole file.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, Encoding, GB18030, UTF_8};
use serde::{Deserialize, Serialize};

/// Bytes looked at to guess the encoding.
pub const SAMPLE_BYTES: usize = 1 << 20;

/// An encoding an import file may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum FileEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// GBK or its superset GB18030 (Simplified Chinese Windows).
    Gb18030,
    /// Big5 (Traditional Chinese Windows), with the HKSCS additions.
    Big5,
}

impl FileEncoding {
    /// Every encoding offered, in the order the UI lists them.
    pub const ALL: &'static [FileEncoding] = &[FileEncoding::Utf8, FileEncoding::Gb18030, FileEncoding::Big5];

    fn encoding(self) -> &'static Encoding {
        match self {
            FileEncoding::Utf8 => UTF_8,
            FileEncoding::Gb18030 => GB18030,
            FileEncoding::Big5 => BIG5,
        }
    }

    /// Parses a name as the CLI takes it (`utf-8`, `gbk`, `gb18030`, `big5`, any case).
    pub fn parse(name: &str) -> Option<FileEncoding> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(FileEncoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Some(FileEncoding::Gb18030),
            "big5" | "big5-hkscs" | "cp950" => Some(FileEncoding::Big5),
            _ => None,
        }
    }
}

/// How sure a detection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A byte-order mark, valid UTF-8, or only one candidate reads without errors.
    High,
    /// More than one encoding reads the file: the user should choose.
    Low,
}

/// What [`detect`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Detected {
    /// The best guess.
    pub encoding: FileEncoding,
    /// How sure it is.
    pub confidence: Confidence,
    /// Whether the file starts with a UTF-8 byte-order mark.
    pub bom: bool,
}

/// Guesses the encoding of `bytes`.
pub fn detect(bytes: &[u8]) -> Detected {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Detected { encoding: FileEncoding::Utf8, confidence: Confidence::High, bom: true };
    }
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    // A sample cut inside a multi-byte character is still UTF-8 up to there.
    let valid_utf8 = match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && sample.len() < bytes.len(),
    };
    if valid_utf8 {
        return Detected { encoding: FileEncoding::Utf8, confidence: Confidence::High, bom: false };
    }
    let last = sample.len() == bytes.len();
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(sample, last);
    let guess = detector.guess(None, Utf8Detection::Deny);
    let clean = |e: FileEncoding| decodes_cleanly(e, sample, last);
    let (gb, big5) = (clean(FileEncoding::Gb18030), clean(FileEncoding::Big5));
    let (encoding, confidence) = if guess == BIG5 {
        (FileEncoding::Big5, if big5 && !gb { Confidence::High } else { Confidence::Low })
    } else if guess == encoding_rs::GBK || guess == GB18030 {
        (FileEncoding::Gb18030, if gb && !big5 { Confidence::High } else { Confidence::Low })
    } else if big5 && !gb {
        // Another script entirely (say, Windows-1252): offer the one that reads.
        (FileEncoding::Big5, Confidence::Low)
    } else {
        (FileEncoding::Gb18030, Confidence::Low)
    };
    // Both readable: chardetng's choice stands, but only as a suggestion — unless the
    // choice is the same whether the file came from the mainland or from Taiwan.
    let confidence = if confidence == Confidence::Low && gb && big5 && guess_is_stable(&detector, guess) {
        Confidence::High
    } else {
        confidence
    };
    Detected { encoding, confidence, bom: false }
}

/// Whether `guess` stays the same when the file is said to come from the mainland and
/// when it is said to come from Taiwan (then the content alone decided).
fn guess_is_stable(detector: &EncodingDetector, guess: &'static Encoding) -> bool {
    [b"cn".as_slice(), b"tw"].iter().all(|tld| detector.guess(Some(tld), Utf8Detection::Deny) == guess)
}

/// Whether `bytes` read as `e` without a malformed sequence (a sample's cut-off last
/// character does not count).
fn decodes_cleanly(e: FileEncoding, bytes: &[u8], last: bool) -> bool {
    let mut decoder = e.encoding().new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len() * 3));
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut out, last);
    matches!(result, encoding_rs::DecoderResult::InputEmpty)
}

/// The text of `bytes` read as `encoding` (a leading byte-order mark dropped), and
/// whether any malformed sequence was replaced by U+FFFD.
pub fn decode(bytes: &[u8], encoding: FileEncoding) -> (Cow<'_, str>, bool) {
    let (text, had_errors) = encoding.encoding().decode_with_bom_removal(bytes);
    (text, had_errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, e: &'static Encoding) -> Vec<u8> {
        let (bytes, _, unmappable) = e.encode(text);
        assert!(!unmappable, "{text} is not all in {}", e.name());
        bytes.into_owned()
    }

    const SIMPLIFIED: &str = "编号,标题,状态\n1,退款没有到账，请尽快处理,已解决\n2,快递一直没有送到，客户很着急,处理中\n\
        3,会员积分无法兑换优惠券,新建\n4,发票抬头开错了需要重新开具,已关闭\n";
    const TRADITIONAL: &str = "編號,標題,狀態\n1,退款沒有到帳，請盡快處理,已解決\n2,快遞一直沒有送到，客戶很著急,處理中\n\
        3,會員積分無法兌換優惠券,新建\n4,發票抬頭開錯了需要重新開具,已關閉\n";

    #[test]
    fn utf8_with_and_without_a_bom_is_certain() {
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SIMPLIFIED.as_bytes());
        assert_eq!(detect(&bom), Detected { encoding: FileEncoding::Utf8, confidence: Confidence::High, bom: true });
        assert_eq!(decode(&bom, FileEncoding::Utf8).0, SIMPLIFIED);
        let plain = detect(SIMPLIFIED.as_bytes());
        assert_eq!(plain, Detected { encoding: FileEncoding::Utf8, confidence: Confidence::High, bom: false });
        assert_eq!(detect(b"id,title\n1,plain ASCII\n").encoding, FileEncoding::Utf8);
    }

    #[test]
    fn gbk_and_big5_are_told_apart_on_real_sentences() {
        let gbk = encode(SIMPLIFIED, encoding_rs::GBK);
        let d = detect(&gbk);
        assert_eq!(d.encoding, FileEncoding::Gb18030, "{d:?}");
        assert_eq!(decode(&gbk, d.encoding), (Cow::Borrowed(SIMPLIFIED), false));
        let big5 = encode(TRADITIONAL, BIG5);
        let d = detect(&big5);
        assert_eq!(d.encoding, FileEncoding::Big5, "{d:?}");
        assert_eq!(decode(&big5, d.encoding).0, TRADITIONAL);
    }

    #[test]
    fn a_few_characters_leave_the_choice_to_the_user() {
        // Two characters that are valid in both GBK and Big5.
        let d = detect(&encode("名", encoding_rs::GBK));
        assert_eq!(d.confidence, Confidence::Low, "{d:?}");
    }

    #[test]
    fn the_wrong_encoding_is_reported_not_fatal() {
        let gbk = encode(SIMPLIFIED, encoding_rs::GBK);
        let (text, had_errors) = decode(&gbk, FileEncoding::Utf8);
        assert!(had_errors);
        assert!(text.contains('\u{FFFD}'));
    }

    #[test]
    fn names_the_cli_takes() {
        for (name, want) in [("utf-8", FileEncoding::Utf8), ("GBK", FileEncoding::Gb18030), ("big5", FileEncoding::Big5)] {
            assert_eq!(FileEncoding::parse(name), Some(want));
        }
        assert_eq!(FileEncoding::parse("latin1"), None);
    }
}
