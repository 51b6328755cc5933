//! Reading a list that comes in pages, without trusting the pages too much.
//!
//! The API's pages are DRF page-number pages: over a list that changes between two requests,
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
        let next = next.filter(|url| !self.visited.contains(url))?;
        if self.visited.len() >= self.max_pages {
            self.listed.incomplete = true;
            return None;
        }
        self.visited.push(next.clone());
        Some(next)
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
