//! Small self-contained helpers: clock, ids, hashing, encodings. Written here rather than pulled in as
//! dependencies because each is a few lines and the test kit should build fast.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, NaiveDate};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

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

/// A random version-4 UUID in its canonical text form, as Celery task ids are.
pub(crate) fn uuid_v4() -> String {
    let hi = random_u64();
    let lo = random_u64();
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
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
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate().take(16) {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (slot, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *slot = slot.wrapping_add(v);
        }
    }
    h.iter().map(|v| format!("{v:08x}")).collect()
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
