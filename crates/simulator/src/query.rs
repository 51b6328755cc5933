//! Query strings: decoding like Django's `QueryDict`, encoding like Python's `urlencode`.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Decodes `a=1&b=x+y` into pairs, keeping order and blank values.
pub fn parse(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// The last value of `key` (as Django's `QueryDict.get`).
pub fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Decodes like Python's `unquote_plus`: `+` is a space, a bad escape is kept as typed,
/// invalid UTF-8 is replaced.
fn decode(text: &str) -> String {
    percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// What `quote_plus` keeps: letters, digits and `_.-~`, and the space it turns into `+`.
const PYTHON_SAFE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b' ');

/// Encodes like Python's `quote_plus`: unreserved characters kept, space as `+`.
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, PYTHON_SAFE)
        .to_string()
        .replace(' ', "+")
}

/// Joins pairs into `k=v&k=v`.
pub fn join(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn round_trip() {
        let pairs = parse("location=S%C3%A3o+Paulo&page=2&empty=&bad=%zz");
        assert_eq!(
            pairs,
            vec![
                ("location".to_owned(), "São Paulo".to_owned()),
                ("page".to_owned(), "2".to_owned()),
                ("empty".to_owned(), String::new()),
                ("bad".to_owned(), "%zz".to_owned()),
            ]
        );
        assert_eq!(get(&pairs, "page"), Some("2"));
        assert_eq!(encode("São Paulo"), "S%C3%A3o+Paulo");
        assert_eq!(join(&pairs[..2]), "location=S%C3%A3o+Paulo&page=2");
    }

    #[test]
    fn reads_and_writes_as_python_does() {
        // (typed, as `unquote_plus` reads it). The '+' is a space before any escape is read,
        // so "%+1" is no escape.
        for (typed, read) in [
            ("%+1", "% 1"),
            ("%%41", "%A"),
            ("100%", "100%"),
            ("%4", "%4"),
            ("a%2Bb", "a+b"),
            ("a%FFb", "a\u{fffd}b"),
        ] {
            assert_eq!(decode(typed), read, "unquote_plus({typed:?})");
        }
        // (value, as `quote_plus` writes it).
        for (value, written) in [
            ("web-server_01.~", "web-server_01.~"),
            ("a*b+c d", "a%2Ab%2Bc+d"),
            ("100%", "100%25"),
        ] {
            assert_eq!(encode(value), written, "quote_plus({value:?})");
        }
    }
}
