//! Reading a list that comes in pages, without trusting the pages too much.
//!
//! The API's pages are DRF's (page numbers, or limit and offset): over a list that changes between two requests,
//! one row can show up on two pages, and a broken `next` link can point back at a page already
//! read. A [`Listing`] keeps each id once, never reads a page twice, and stops at a cap with
//! what it has, marked incomplete, instead of failing the whole view.

use std::collections::BTreeSet;

use crate::model::{Server, Snapshot};
use crate::response::Page;

/// The most pages of one list the panel reads when the API does not say how long it is.
pub const MAX_PAGES: usize = 50;
/// The most pages it reads when the first page's `count` says the list needs more than
/// [`MAX_PAGES`]: a thousand servers' 5,000 snapshots are 250 pages at DRF's common 20 a page.
pub const MAX_COUNTED_PAGES: usize = 1_000;

/// Something with an id that is unique within its list.
pub trait Identified {
    /// The id.
    fn key(&self) -> u64;
}

impl Identified for Snapshot {
    fn key(&self) -> u64 {
        self.id
    }
}

impl Identified for Server {
    fn key(&self) -> u64 {
        self.id
    }
}

/// A whole list, as far as it could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    /// Every row read, each id once, in the order first seen.
    pub items: Vec<T>,
    /// Rows the API sent that could not be read.
    pub skipped: usize,
    /// True when the panel stopped before the last page (the cap), so rows may be missing.
    pub incomplete: bool,
}

impl<T> Default for Listed<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            skipped: 0,
            incomplete: false,
        }
    }
}

/// A list being read page by page.
#[derive(Debug, Clone)]
pub struct Listing<T> {
    listed: Listed<T>,
    seen: BTreeSet<u64>,
    visited: Vec<String>,
    max_pages: usize,
}

impl<T: Identified> Listing<T> {
    /// Starts reading at `first`, reading at most `max_pages` pages, or more if the first
    /// page's `count` says the list needs them (up to [`MAX_COUNTED_PAGES`]).
    pub fn new(first: &str, max_pages: usize) -> Self {
        Self {
            listed: Listed::default(),
            seen: BTreeSet::new(),
            visited: vec![first.to_owned()],
            max_pages,
        }
    }

    /// Takes one page in. `next` is the page's next link, already resolved to the URL the panel
    /// would request (or `None` at the last page). Returns the URL to read next, or `None` when
    /// the list is done: at the last page, at a link back to a page already read, or at the cap
    /// (then the list is marked incomplete).
    pub fn add(&mut self, page: Page<T>, next: Option<String>) -> Option<String> {
        if self.visited.len() == 1 {
            let per_page = page.items.len().saturating_add(page.skipped);
            self.max_pages = self.max_pages.max(pages_counted(page.count, per_page));
        }
        self.listed.skipped = self.listed.skipped.saturating_add(page.skipped);
        for item in page.items {
            if self.seen.insert(item.key()) {
                self.listed.items.push(item);
            }
        }
        self.follow(next?)
    }

    /// Whether the page at `url` may be read next: not when it was read already, nor past the
    /// cap (then the list is marked incomplete). Returns the URL, now counted as read.
    pub fn follow(&mut self, url: String) -> Option<String> {
        if self.visited.contains(&url) {
            return None;
        }
        if self.visited.len() >= self.max_pages {
            self.listed.incomplete = true;
            return None;
        }
        self.visited.push(url.clone());
        Some(url)
    }

    /// The pages of `urls` that may be read, in order (see [`Self::follow`]).
    pub fn plan(&mut self, urls: Vec<String>) -> Vec<String> {
        urls.into_iter()
            .filter_map(|url| self.follow(url))
            .collect()
    }

    /// How many rows have been read so far, each id once.
    pub fn rows(&self) -> usize {
        self.listed.items.len()
    }

    /// The list as read.
    pub fn finish(self) -> Listed<T> {
        self.listed
    }
}

/// How many pages a list of `count` rows needs at `per_page` rows a page, plus one for rows
/// added while it is read; at most [`MAX_COUNTED_PAGES`], and 0 when the API gave no count.
fn pages_counted(count: Option<u64>, per_page: usize) -> usize {
    let (Some(count), Ok(per_page)) = (count, u64::try_from(per_page)) else {
        return 0;
    };
    if per_page == 0 {
        return 0;
    }
    let pages = count.div_ceil(per_page).saturating_add(1);
    usize::try_from(pages)
        .unwrap_or(usize::MAX)
        .min(MAX_COUNTED_PAGES)
}

/// Every page after the first, when the first page's `next` link numbers them and its
/// `count` says how many there are, so that they can be read side by side rather than one
/// after another: DRF's page numbers (`?page=2`) and its limit and offset (`?limit=20&offset=20`).
/// `next` is the link as the panel would request it, and `per_page` the rows the first page
/// held. `None` for any other link (a cursor), without a count, or with no page after the first.
pub fn pages_after_first(next: &str, count: Option<u64>, per_page: usize) -> Option<Vec<String>> {
    let per_page = u64::try_from(per_page).ok().filter(|n| *n > 0)?;
    let cap = u64::try_from(MAX_COUNTED_PAGES).unwrap_or(u64::MAX);
    let pages = count?.div_ceil(per_page).min(cap);
    if pages < 2 {
        return None;
    }
    let (path, query) = next.split_once('?')?;
    let pairs: Vec<(&str, Option<&str>)> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => (key, Some(value)),
            None => (pair, None),
        })
        .collect();
    let value_of = |key: &str| {
        let mut found = pairs.iter().filter(|(k, _)| *k == key);
        match (found.next(), found.next()) {
            (Some((_, value)), None) => value.and_then(|v| v.parse::<u64>().ok()),
            _ => None,
        }
    };
    // The link with `key` set to `value`, the rest of it as sent.
    let with = |key: &str, value: u64| {
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| match v {
                _ if *k == key => format!("{k}={value}"),
                Some(v) => format!("{k}={v}"),
                None => (*k).to_owned(),
            })
            .collect();
        format!("{path}?{}", query.join("&"))
    };
    if value_of("page") == Some(2) {
        return Some((2..=pages).map(|page| with("page", page)).collect());
    }
    let limit_fits =
        pairs.iter().all(|(k, _)| *k != "limit") || value_of("limit") == Some(per_page);
    if value_of("offset") != Some(per_page) || !limit_fits {
        return None;
    }
    Some(
        (1..pages)
            .map(|page| with("offset", page.saturating_mul(per_page)))
            .collect(),
    )
}
