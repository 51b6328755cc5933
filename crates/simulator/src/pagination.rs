//! Page-number pagination as Django REST Framework's `PageNumberPagination` does it.

use std::collections::BTreeMap;

use axum::http::header::HOST;
use axum::http::{HeaderMap, StatusCode};
use serde::Serialize;

use crate::error::ApiError;
use crate::query;

/// One page of a list: `{"count", "next", "previous", "results"}`.
#[derive(Debug, Serialize)]
pub struct Page<T> {
    /// Items in the whole list.
    pub count: usize,
    /// Absolute URL of the next page, or null.
    pub next: Option<String>,
    /// Absolute URL of the previous page, or null.
    pub previous: Option<String>,
    /// Items of this page.
    pub results: Vec<T>,
}

/// Where links point: `--public-url` or `http://` + the Host header, plus the request path.
pub struct LinkBase {
    /// Absolute URL without query, e.g. `http://127.0.0.1:8787/api/v1/snapshots/`.
    pub url: String,
    /// The request's query pairs.
    pub pairs: Vec<(String, String)>,
}

impl LinkBase {
    /// Builds the base from the configuration and the request.
    pub fn new(
        public_url: Option<&str>,
        headers: &HeaderMap,
        path: &str,
        pairs: Vec<(String, String)>,
    ) -> Self {
        let origin = match public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => {
                let host = headers
                    .get(HOST)
                    .and_then(|h| h.to_str().ok())
                    .unwrap_or("localhost");
                format!("http://{host}")
            }
        };
        Self {
            url: format!("{origin}{path}"),
            pairs,
        }
    }

    /// The URL with `page` set (or removed for `None`), other params kept, keys sorted as
    /// DRF's `replace_query_param` does.
    fn link(&self, page: Option<usize>) -> String {
        let mut params: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (key, value) in &self.pairs {
            params.entry(key.as_str()).or_default().push(value.clone());
        }
        match page {
            Some(page) => {
                params.insert("page", vec![page.to_string()]);
            }
            None => {
                params.remove("page");
            }
        }
        let flat: Vec<(String, String)> = params
            .into_iter()
            .flat_map(|(k, vs)| vs.into_iter().map(move |v| (k.to_owned(), v)))
            .collect();
        if flat.is_empty() {
            self.url.clone()
        } else {
            format!("{}?{}", self.url, query::join(&flat))
        }
    }
}

/// How lists are cut into pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pager {
    /// Items per page (at least 1).
    pub size: u32,
    /// Plain-DRF mode: the list "changes between requests". Each page after the first starts
    /// with the last item of the page before it, as if one row had been inserted at the top
    /// between the two requests; `count` stays the true count and enough pages follow for
    /// every item to be served. Needs pages of 2 items or more (with 1 a page would only
    /// repeat the one before it).
    pub drift: bool,
}

impl Pager {
    fn size(self) -> usize {
        usize::try_from(self.size.max(1)).unwrap_or(1)
    }

    /// How far apart the first items of two consecutive pages are.
    fn stride(self) -> usize {
        let size = self.size();
        if self.drift && size > 1 {
            size.saturating_sub(1)
        } else {
            size
        }
    }

    /// Pages of a list of `count` items (at least 1, even when empty).
    fn pages(self, count: usize) -> usize {
        let beyond_first = count.saturating_sub(self.size());
        beyond_first.div_ceil(self.stride()).saturating_add(1)
    }

    /// Cuts `items` into the page asked for by `?page=` (1-based; `last` allowed).
    pub fn page<T>(self, items: Vec<T>, base: &LinkBase) -> Result<Page<T>, ApiError> {
        let invalid = || ApiError::detail(StatusCode::NOT_FOUND, "Invalid page.");
        let count = items.len();
        let pages = self.pages(count);
        let page = match query::get(&base.pairs, "page") {
            None => 1,
            Some("last") => pages,
            Some(text) => text.trim().parse::<usize>().map_err(|_| invalid())?,
        };
        if page == 0 || page > pages {
            return Err(invalid());
        }
        let start = page.saturating_sub(1).saturating_mul(self.stride());
        let results: Vec<T> = items.into_iter().skip(start).take(self.size()).collect();
        let next = (page < pages).then(|| base.link(Some(page.saturating_add(1))));
        let previous = match page {
            1 => None,
            2 => Some(base.link(None)),
            _ => Some(base.link(Some(page.saturating_sub(1)))),
        };
        Ok(Page {
            count,
            next,
            previous,
            results,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn base(q: &str) -> LinkBase {
        LinkBase::new(
            Some("https://admin.vps.org/"),
            &HeaderMap::new(),
            "/api/v1/x/",
            query::parse(q),
        )
    }

    fn paginate(items: Vec<i32>, size: u32, base: &LinkBase) -> Result<Page<i32>, ApiError> {
        Pager { size, drift: false }.page(items, base)
    }

    fn drifting(count: i32, size: u32, page: &str) -> Vec<i32> {
        let pager = Pager { size, drift: true };
        pager
            .page((1..=count).collect(), &base(&format!("page={page}")))
            .unwrap()
            .results
    }

    #[test]
    fn drift_repeats_the_last_item_of_the_page_before() {
        assert_eq!(drifting(13, 5, "1"), [1, 2, 3, 4, 5]);
        assert_eq!(drifting(13, 5, "2"), [5, 6, 7, 8, 9]);
        assert_eq!(drifting(13, 5, "3"), [9, 10, 11, 12, 13]);
        assert_eq!(drifting(13, 5, "last"), [9, 10, 11, 12, 13]);
        // 10 items need a third page once every page after the first repeats one.
        assert_eq!(drifting(10, 5, "3"), [9, 10]);
        assert_eq!(drifting(5, 5, "last"), [1, 2, 3, 4, 5]);
        // Pages of one item cannot repeat: no drift.
        assert_eq!(drifting(3, 1, "3"), [3]);
        let pager = Pager {
            size: 5,
            drift: true,
        };
        let p = pager.page((1..=13).collect(), &base("page=3")).unwrap();
        assert_eq!((p.count, p.next), (13, None));
        assert!(pager
            .page((1..=13).collect::<Vec<i32>>(), &base("page=4"))
            .is_err());
    }

    #[test]
    fn pages_and_links() {
        let p = paginate((1..=5).collect(), 2, &base("server_id=1&page=2")).unwrap();
        assert_eq!(p.results, vec![3, 4]);
        assert_eq!(
            p.next.as_deref(),
            Some("https://admin.vps.org/api/v1/x/?page=3&server_id=1")
        );
        assert_eq!(
            p.previous.as_deref(),
            Some("https://admin.vps.org/api/v1/x/?server_id=1")
        );
        let last = paginate((1..=5).collect(), 2, &base("page=last")).unwrap();
        assert_eq!(last.results, vec![5]);
        assert_eq!(
            last.previous.as_deref(),
            Some("https://admin.vps.org/api/v1/x/?page=2")
        );
        assert!(paginate((1..=5).collect(), 2, &base("page=4")).is_err());
        assert!(paginate((1..=5).collect(), 2, &base("page=0")).is_err());
        assert!(paginate((1..=5).collect(), 2, &base("page=x")).is_err());
        let empty = paginate(Vec::new(), 2, &base("page=1")).unwrap();
        assert_eq!((empty.count, empty.next, empty.previous), (0, None, None));
    }
}
