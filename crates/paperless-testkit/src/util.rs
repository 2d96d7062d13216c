//! Small helpers: the clock, random ids, Django's slugs and tag text colours, and the server's
//! file name encoding and checksum (the codecs themselves come from `percent-encoding`, `sha2`
//! and `uuid`). Random bits come from std's randomly keyed hasher rather than a random number
//! crate: ids and seeds of a test server need to be distinct, not secret.

use std::collections::hash_map::RandomState;
use std::fmt::Write as _;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, NaiveDate};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};

/// The current time as the server writes it (UTC).
pub(crate) fn now() -> DateTime<FixedOffset> {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = i64::try_from(since.as_secs()).unwrap_or(0);
    DateTime::from_timestamp(secs, since.subsec_micros() * 1000)
        .unwrap_or_default()
        .fixed_offset()
}

/// Today's date (UTC).
pub(crate) fn today() -> NaiveDate {
    now().date_naive()
}

/// 64 random bits: std's randomly keyed SipHash over a process-wide counter and the clock.
pub(crate) fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos(),
    );
    hasher.finish()
}

/// A random 40-hex-digit token, the shape of Django REST framework tokens.
pub(crate) fn random_token() -> String {
    format!(
        "{:016x}{:016x}{:08x}",
        random_u64(),
        random_u64(),
        random_u64() & 0xffff_ffff
    )
}

/// A random version-4 UUID in its canonical text form, as Celery task ids are. The 128 bits
/// come from [`random_u64`]: unique is all a test server's task ids need to be.
pub(crate) fn uuid_v4() -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&random_u64().to_be_bytes());
    bytes[8..].copy_from_slice(&random_u64().to_be_bytes());
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// A random alphanumeric string, like the 16-character ids the server gives select options.
pub(crate) fn random_alnum(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::with_capacity(len);
    let mut bits = random_u64();
    for i in 0..len {
        if i % 10 == 0 {
            bits = random_u64();
        }
        let index = usize::try_from(bits % 62).unwrap_or(0);
        out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'x')));
        bits /= 62;
    }
    out
}

/// The items without repeats, first occurrences kept in order (the server's tag lists).
pub(crate) fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Django's `slugify`: lower case, ASCII letters and digits, runs of anything else become one `-`.
pub(crate) fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c == '-' || c == '_' || c.is_whitespace() {
            dash = true;
        }
        // Other punctuation is dropped, as Django does ("Dr. Maria" -> "dr-maria").
    }
    slug
}

/// The text colour Paperless-ngx picks for a tag colour: white on dark, black on light (its
/// serializer's perceived luminance `sqrt(0.299 r² + 0.587 g² + 0.114 b²)` against 0.53).
pub(crate) fn text_color(color: &str) -> &'static str {
    let hex = color.trim_start_matches('#');
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map_or(0.0, |v| f64::from(v) / 256.0)
    };
    let (r, g, b) = (channel(0), channel(2), channel(4));
    let luminance = (0.299 * r * r + 0.587 * g * g + 0.114 * b * b).sqrt();
    if luminance < 0.53 {
        "#ffffff"
    } else {
        "#000000"
    }
}

/// What Python's `urllib.parse.quote` leaves unescaped: letters, digits, `_.-~` and `/`.
const PYTHON_QUOTE_SAFE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes a file name for RFC 6266's `filename*=utf-8''...` as the server does
/// (`quote(filename)`: the UTF-8 bytes, unreserved characters and `/` kept).
pub(crate) fn percent_encode(text: &str) -> String {
    utf8_percent_encode(text, PYTHON_QUOTE_SAFE).to_string()
}

/// SHA-256 of `data` as 64 lower-case hex digits (the checksum Paperless-ngx 3.x stores).
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    let mut hex = String::with_capacity(2 * digest.len());
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_vectors() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let long = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(
            sha256_hex(long),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn slugs_and_text_colours_match_the_server() {
        assert_eq!(
            slugify("Dr. Maria Schmidt Dental Practice"),
            "dr-maria-schmidt-dental-practice"
        );
        assert_eq!(slugify("ZZ scratch tag renamed"), "zz-scratch-tag-renamed");
        assert_eq!(slugify("Tax 2024"), "tax-2024");
        // Colours and text colours of the recorded tags.
        for (color, text) in [
            ("#1f78b4", "#ffffff"),
            ("#33a02c", "#ffffff"),
            ("#a6cee3", "#000000"),
            ("#fb9a99", "#000000"),
            ("#ffff99", "#000000"),
            ("#b15928", "#ffffff"),
            ("#e41a1c", "#ffffff"),
            ("#ff7f00", "#000000"),
            ("#6a3d9a", "#ffffff"),
            ("#cab2d6", "#000000"),
            ("#123456", "#ffffff"),
        ] {
            assert_eq!(text_color(color), text, "{color}");
        }
    }

    #[test]
    fn uuids_are_version_4() {
        let a = uuid_v4();
        let b = uuid_v4();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'4');
        assert!(matches!(a.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
        let parsed = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(parsed.get_version(), Some(uuid::Version::Random));
        assert_eq!(parsed.hyphenated().to_string(), a, "lower case, hyphenated");
        assert_eq!(random_alnum(16).len(), 16);
    }

    #[test]
    fn file_names_are_percent_encoded() {
        assert_eq!(
            percent_encode("2025-05-28 Parking fine (scanned).pdf"),
            "2025-05-28%20Parking%20fine%20%28scanned%29.pdf"
        );
        // quote("Rechnung März 1/2 ~ß.pdf") in Python.
        assert_eq!(
            percent_encode("Rechnung März 1/2 ~ß.pdf"),
            "Rechnung%20M%C3%A4rz%201/2%20~%C3%9F.pdf"
        );
    }
}

/// MD5 of `data` as 32 lower-case hex digits (the checksum Paperless-ngx 2.x stores), after
/// RFC 1321; written here rather than adding a crate for the one checksum of one release.
pub(crate) fn md5_hex(data: &[u8]) -> String {
    const SHIFTS: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    // K[i] = floor(abs(sin(i + 1)) * 2^32).
    let k: Vec<u32> = (0..64)
        .map(|i| ((f64::from(i + 1)).sin().abs() * 4_294_967_296.0) as u32)
        .collect();
    let mut state: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    let mut message = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_le_bytes());
    for chunk in message.chunks_exact(64) {
        let mut m = [0u32; 16];
        for (word, bytes) in m.iter_mut().zip(chunk.chunks_exact(4)) {
            *word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        let [mut a, mut b, mut c, mut d] = state;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let rotated = a
                .wrapping_add(f)
                .wrapping_add(k[i])
                .wrapping_add(m[g])
                .rotate_left(SHIFTS[i]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(rotated);
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut hex = String::with_capacity(32);
    for word in state {
        for byte in word.to_le_bytes() {
            let _ = write!(hex, "{byte:02x}");
        }
    }
    hex
}

#[cfg(test)]
mod md5_tests {
    #[test]
    fn md5_matches_rfc_1321() {
        assert_eq!(super::md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(super::md5_hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            super::md5_hex(
                b"12345678901234567890123456789012345678901234567890123456789012345678901234567890"
            ),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
    }
}
