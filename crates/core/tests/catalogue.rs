#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Both catalogues, side by side. That every entry exists in both languages is the compiler's
//! check (an entry without its Portuguese does not build); these tests read what is written.

use snapshot_core::i18n::every_entry;
use snapshot_core::Locale;

/// Entries whose Portuguese is rightly the same as the English.
const SAME_IN_BOTH: [&str; 3] = [
    // "Snapshots" and "Status" are the words Brazilian admins use, and the provider's page.
    "title", "status", // "web-server-01: …": only punctuation around two other texts.
    "about",
];

/// Words of English that no Portuguese sentence has: one of them in a Portuguese text means an
/// English phrase was left in it.
pub const ENGLISH_WORDS: [&str; 24] = [
    "the", "is", "and", "of", "to", "this", "was", "can", "not", "has", "will", "be", "your",
    "you", "it", "been", "with", "try", "again", "server", "deleted", "created", "restore",
    "couldn",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

#[test]
fn both_catalogues_have_every_entry_and_none_is_empty() {
    let english = every_entry(Locale::En);
    let portuguese = every_entry(Locale::PtBr);
    assert_eq!(english.len(), portuguese.len());
    assert!(english.len() > 100, "the catalogue holds the whole panel");
    for ((key, en), (pt_key, pt)) in english.iter().zip(&portuguese) {
        assert_eq!(key, pt_key);
        assert!(!en.trim().is_empty(), "{key}: empty English");
        assert!(!pt.trim().is_empty(), "{key}: empty Portuguese");
    }
}

#[test]
fn every_argument_is_used_in_both_languages_or_in_neither() {
    let samples: Vec<String> = (0..4)
        .map(|i| format!("‹{i}›"))
        .chain((1000..1004).map(|n| n.to_string()))
        .collect();
    for ((key, en), (_, pt)) in every_entry(Locale::En)
        .iter()
        .zip(&every_entry(Locale::PtBr))
    {
        for sample in &samples {
            assert_eq!(
                en.contains(sample.as_str()),
                pt.contains(sample.as_str()),
                "{key}: {sample} is in one language only:\n  en: {en}\n  pt: {pt}"
            );
        }
    }
}

#[test]
fn portuguese_is_translated() {
    for ((key, en), (_, pt)) in every_entry(Locale::En)
        .iter()
        .zip(&every_entry(Locale::PtBr))
    {
        if SAME_IN_BOTH.contains(key) {
            assert_eq!(en, pt, "{key} is listed as the same in both");
            continue;
        }
        assert_ne!(en, pt, "{key} is not translated");
        let english: Vec<String> = words(pt)
            .filter(|w| ENGLISH_WORDS.contains(&w.as_str()))
            .collect();
        assert!(english.is_empty(), "{key}: English {english:?} in “{pt}”");
    }
}

#[test]
fn the_english_words_are_english() {
    // The check above would pass over nothing if the list never matched: it catches these.
    let english = every_entry(Locale::En);
    let caught = english
        .iter()
        .filter(|(_, en)| words(en).any(|w| ENGLISH_WORDS.contains(&w.as_str())))
        .count();
    assert!(caught * 2 > english.len(), "{caught} of {}", english.len());
}

#[test]
fn the_same_ellipsis_and_quotes_in_both() {
    for ((key, en), (_, pt)) in every_entry(Locale::En)
        .iter()
        .zip(&every_entry(Locale::PtBr))
    {
        for mark in ['…', '“', '”', '?', '←'] {
            assert_eq!(
                en.matches(mark).count(),
                pt.matches(mark).count(),
                "{key}: {mark}"
            );
        }
    }
}
