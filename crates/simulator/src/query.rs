//! Query strings: decoding like Django's `QueryDict`, encoding like Python's `urlencode`.

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

fn decode(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.bytes();
    while let Some(byte) = bytes.next() {
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let mut ahead = bytes.clone();
                let hex = [ahead.next(), ahead.next()];
                let value = match hex {
                    [Some(hi), Some(lo)] => std::str::from_utf8(&[hi, lo])
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok()),
                    _ => None,
                };
                match value {
                    Some(value) => {
                        out.push(value);
                        bytes = ahead;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes like Python's `quote_plus`: unreserved characters kept, space as `+`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
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
}
