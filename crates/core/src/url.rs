//! Building the API's URLs from the configured base, reading the panel's own base path, and
//! encoding query values.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The API's base, such as `/api/v1/` (same origin, the default) or
/// `https://admin.vps.org/api/v1/`. Always ends with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase(String);

impl ApiBase {
    /// A base from configuration; a missing trailing slash is added.
    pub fn new(base: &str) -> Self {
        let base = base.trim();
        if base.ends_with('/') {
            Self(base.to_owned())
        } else {
            Self(format!("{base}/"))
        }
    }

    /// The base as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL of an endpoint given relative to the base: `"snapshots/"` →
    /// `/api/v1/snapshots/`.
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{}", self.0, path.trim_start_matches('/'))
    }

    /// Where to fetch a `next` link from. The API builds it as an absolute URL with its own
    /// scheme and host, which behind a proxy are not the panel's: keep its path and query, and
    /// send it through this base. Returns `None` for a link that is not under the API's
    /// `/api/v1/` (or this base's) path, which the panel refuses to follow.
    pub fn follow(&self, link: &str) -> Option<String> {
        let link = link.trim();
        let path_and_query = match link.find("://") {
            Some(at) => {
                let after_scheme = link.get(at + 3..)?;
                let slash = after_scheme.find('/')?;
                after_scheme.get(slash..)?
            }
            None => link,
        };
        // A dot segment would let the browser climb out of the API's path; it also reads
        // `%2e` as a dot and, in http(s) URLs, `\` as `/`.
        let path = path_and_query.split(['?', '#']).next().unwrap_or_default();
        if path.split(['/', '\\']).any(|segment| {
            let segment = percent_decode_str(segment).decode_utf8_lossy();
            segment == ".." || segment == "."
        }) {
            return None;
        }
        let base_path = self.path();
        for prefix in [base_path, "/api/v1/"] {
            if let Some(rest) = path_and_query.strip_prefix(prefix) {
                return Some(self.endpoint(rest));
            }
        }
        None
    }

    /// The path part of the base: `/api/v1/` for `https://host/api/v1/`.
    fn path(&self) -> &str {
        absolute_path(&self.0).unwrap_or(&self.0)
    }
}

/// The path of an absolute URL, from the `/` after its host on (`/api/v1/` for
/// `https://host/api/v1/`, `/` for `https://host`); `None` for a URL without a scheme.
fn absolute_path(url: &str) -> Option<&str> {
    let at = url.find("://")?;
    let rest = url.get(at + 3..)?;
    Some(
        rest.find('/')
            .and_then(|slash| rest.get(slash..))
            .unwrap_or("/"),
    )
}

/// The path the panel is served under, read from the document's base URL
/// (`document.baseURI`): `https://host/admin/snapshots/index.html?x` → `/admin/snapshots/`.
/// `/` for anything that is not an absolute URL.
pub fn base_path(base_uri: &str) -> &str {
    let path = absolute_path(base_uri).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    path.rfind('/')
        .and_then(|at| path.get(..=at))
        .unwrap_or("/")
}

/// What a query value keeps as typed: letters, digits and `-_.~` (RFC 3986's unreserved
/// characters), and the space that is then written as `+`.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b' ');

/// Percent-encodes a query value (UTF-8, unreserved characters kept, a space as `+`).
pub fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE)
        .to_string()
        .replace(' ', "+")
}

/// Decodes a percent-encoded query value; `+` is a space. Invalid escapes are kept as typed
/// and invalid UTF-8 is replaced, never refused.
pub fn decode_query_value(value: &str) -> String {
    // A '+' typed as such arrives as "%2B", so every bare '+' is a space.
    let value = value.replace('+', " ");
    percent_decode_str(&value).decode_utf8_lossy().into_owned()
}

/// Splits a URL into the part before `?` and its decoded query pairs, in order, so that an
/// HTTP client can re-encode them once (`?server_id=12345&page=2` →
/// `[("server_id", "12345"), ("page", "2")]`). Empty pairs are dropped.
pub fn split_query(url: &str) -> (&str, Vec<(String, String)>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let query = query.split('#').next().unwrap_or_default();
    let pairs = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_query_value(key), decode_query_value(value))
        })
        .collect();
    (path, pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_folder_of_the_document() {
        for (base_uri, want) in [
            ("https://panel.example/", "/"),
            ("https://panel.example", "/"),
            (
                "https://panel.example/admin/snapshots/",
                "/admin/snapshots/",
            ),
            (
                "https://panel.example/admin/snapshots/index.html",
                "/admin/snapshots/",
            ),
            ("https://panel.example/admin/snapshots", "/admin/"),
            (
                "https://panel.example/admin/snapshots/?a=/b/#c/d",
                "/admin/snapshots/",
            ),
            ("http://localhost:8080/a/#/x/", "/a/"),
            ("", "/"),
            ("/not/absolute/", "/"),
        ] {
            assert_eq!(base_path(base_uri), want, "{base_uri:?}");
        }
    }

    #[test]
    fn characters_outside_the_unreserved_set_are_escaped() {
        assert_eq!(encode_query_value("a*b!c'd(e)"), "a%2Ab%21c%27d%28e%29");
        assert_eq!(encode_query_value("tab\tline\n"), "tab%09line%0A");
    }
}
