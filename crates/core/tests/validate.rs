#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The provider's name rule (`^[A-Za-z0-9_-]+$`, capped at 64), the description limit, and the
//! suggested name.

use snapshot_core::time::LocalTime;
use snapshot_core::validate::{
    clean_token, description_counter, description_error, snapshot_name_error,
    suggest_snapshot_name, token_error, NameError, TokenCharacter, DESCRIPTION_MAX_CHARS,
    NAME_MAX_CHARS, SNAPSHOTS_PER_SERVER,
};
use snapshot_core::Locale;

fn at(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> LocalTime {
    LocalTime {
        year,
        month,
        day,
        hour,
        minute,
    }
}

#[test]
fn limits_are_the_documented_ones() {
    assert_eq!(NAME_MAX_CHARS, 64);
    assert_eq!(DESCRIPTION_MAX_CHARS, 255);
    assert_eq!(SNAPSHOTS_PER_SERVER, 5);
}

#[test]
fn valid_names_pass() {
    for name in [
        "pre-migration-snapshot",
        "weekly-snapshot-2025-01-08",
        "before_update",
        "A",
        "0",
        "-",
        "_",
        "ALL-CAPS_and_lower-123",
    ] {
        assert_eq!(snapshot_name_error(name), None, "{name:?} is valid");
    }
}

#[test]
fn empty_name() {
    assert_eq!(snapshot_name_error(""), Some(NameError::Empty));
    assert_eq!(
        NameError::Empty.message(Locale::En),
        "Give the snapshot a name."
    );
}

#[test]
fn space_is_named_as_a_space() {
    let e = snapshot_name_error("before update").unwrap();
    assert_eq!(e, NameError::Space);
    assert_eq!(e.message(Locale::En), "Spaces aren't allowed; use - or _");
    assert_eq!(snapshot_name_error(" lead"), Some(NameError::Space));
    assert_eq!(snapshot_name_error("trail "), Some(NameError::Space));
}

#[test]
fn tab_newline_and_nbsp_count_as_spaces() {
    for name in ["a\tb", "a\nb", "a\u{a0}b"] {
        let e = snapshot_name_error(name).unwrap();
        assert_eq!(e, NameError::Space, "{name:?}");
        assert_eq!(
            e.message(Locale::En),
            "Spaces aren't allowed; use - or _",
            "{name:?}"
        );
    }
}

#[test]
fn unicode_letters_are_refused_by_name() {
    let e = snapshot_name_error("café").unwrap();
    assert_eq!(e, NameError::Character('é'));
    assert_eq!(
        e.message(Locale::En),
        "“é” isn't allowed; use only letters A–Z, digits, - or _"
    );
    let e = snapshot_name_error("名前").unwrap();
    assert_eq!(
        e,
        NameError::Character('名'),
        "the first bad character is named"
    );
    assert_eq!(
        e.message(Locale::En),
        "“名” isn't allowed; use only letters A–Z, digits, - or _"
    );
}

#[test]
fn emoji_is_refused_by_name() {
    let e = snapshot_name_error("deploy-🚀").unwrap();
    assert_eq!(e, NameError::Character('🚀'));
    assert_eq!(
        e.message(Locale::En),
        "“🚀” isn't allowed; use only letters A–Z, digits, - or _"
    );
}

#[test]
fn punctuation_is_refused_by_name() {
    for (name, bad) in [
        ("v1.2", '.'),
        ("a/b", '/'),
        ("a\\b", '\\'),
        ("a+b", '+'),
        ("a:b", ':'),
        ("<b>", '<'),
        ("quote\"", '"'),
    ] {
        assert_eq!(
            snapshot_name_error(name),
            Some(NameError::Character(bad)),
            "{name:?}"
        );
    }
    assert_eq!(
        NameError::Character('.').message(Locale::En),
        "“.” isn't allowed; use only letters A–Z, digits, - or _"
    );
    assert_eq!(
        NameError::Character('/').message(Locale::En),
        "“/” isn't allowed; use only letters A–Z, digits, - or _"
    );
}

#[test]
fn invisible_characters_are_named_by_their_code_point() {
    let e = snapshot_name_error("a\u{200b}b").unwrap();
    assert_eq!(e, NameError::Character('\u{200b}'));
    assert_eq!(
        e.message(Locale::En),
        "An invisible character (U+200B) isn't allowed; use only letters A–Z, digits, - or _",
        "a zero-width space is named, not printed invisibly"
    );
    assert_eq!(
        snapshot_name_error("a\u{0}b").unwrap().message(Locale::En),
        "An invisible character (U+0000) isn't allowed; use only letters A–Z, digits, - or _"
    );
    // A combining accent typed apart from its letter ("e" + U+0301) shows as nothing alone.
    assert_eq!(
        snapshot_name_error("cafe\u{301}")
            .unwrap()
            .message(Locale::PtBr),
        "Um caractere invisível (U+0301) não é permitido; use só letras A–Z, dígitos, - ou _"
    );
    // Characters that print are shown as themselves, quotes and backslashes unescaped.
    for (name, shown) in [
        ("a\"b", "“\"”"),
        ("a\\b", "“\\”"),
        ("it's", "“'”"),
        ("café", "“é”"),
    ] {
        let said = snapshot_name_error(name).unwrap().message(Locale::En);
        assert!(said.starts_with(shown), "{name:?}: {said}");
    }
}

#[test]
fn sixty_four_ascii_chars_is_ok_sixty_five_is_too_long() {
    let name = "a".repeat(64);
    assert_eq!(snapshot_name_error(&name), None);
    let name = "a".repeat(65);
    let e = snapshot_name_error(&name).unwrap();
    assert_eq!(e, NameError::TooLong { chars: 65 });
    assert_eq!(
        e.message(Locale::En),
        "Names can be at most 64 characters; this one has 65."
    );
}

#[test]
fn a_bad_character_is_reported_before_the_length() {
    let name = format!("{} x", "a".repeat(70));
    assert_eq!(snapshot_name_error(&name), Some(NameError::Space));
}

#[test]
fn multibyte_text_is_counted_in_chars_not_bytes() {
    // 64 "é" are 128 bytes: the name is refused for its character, never as "128 characters".
    let name = "é".repeat(64);
    assert_eq!(snapshot_name_error(&name), Some(NameError::Character('é')));
    // The description limit counts characters: 255 "é" (510 bytes) fit, 256 do not.
    let fits = "é".repeat(255);
    assert_eq!(description_error(&fits), None);
    assert_eq!(description_counter(&fits), "255 / 255");
    let over = "名".repeat(256);
    assert_eq!(
        description_error(&over)
            .map(|e| e.message(Locale::En))
            .as_deref(),
        Some("Descriptions can be at most 255 characters; this one has 256.")
    );
    assert_eq!(description_counter(&over), "256 / 255");
}

#[test]
fn description_limit_and_counter() {
    assert_eq!(description_error(""), None);
    assert_eq!(description_counter(""), "0 / 255");
    assert_eq!(description_counter("Before major migration"), "22 / 255");
    assert_eq!(description_error(&"x".repeat(255)), None);
    assert_eq!(
        description_error(&"x".repeat(300))
            .map(|e| e.message(Locale::PtBr))
            .as_deref(),
        Some("Descrições podem ter no máximo 255 caracteres; esta tem 300.")
    );
    assert_eq!(
        description_error("spaces, dots. and 🚀 are fine"),
        None,
        "descriptions have no character rule"
    );
}

#[test]
fn suggestion_from_a_plain_server_name() {
    assert_eq!(
        suggest_snapshot_name("web-server-01", at(2026, 11, 26, 16, 30)),
        "web-server-01-2026-11-26-1630"
    );
    assert_eq!(
        suggest_snapshot_name("db_01", at(2025, 1, 5, 7, 3)),
        "db_01-2025-01-05-0703",
        "zero-padded stamp, underscores kept"
    );
}

#[test]
fn suggestion_replaces_spaces_unicode_and_dots() {
    let name = suggest_snapshot_name("  My Web.Server é  ", at(2026, 11, 26, 16, 30));
    assert_eq!(name, "My-Web-Server-2026-11-26-1630");
    assert_eq!(snapshot_name_error(&name), None);
    let name = suggest_snapshot_name("web01.example.com", at(2026, 11, 26, 16, 30));
    assert_eq!(name, "web01-example-com-2026-11-26-1630");
    let name = suggest_snapshot_name("a -- b", at(2026, 11, 26, 16, 30));
    assert_eq!(name, "a-b-2026-11-26-1630", "runs of - collapse");
}

#[test]
fn suggestion_with_no_usable_server_name() {
    assert_eq!(
        suggest_snapshot_name("", at(2026, 11, 26, 16, 30)),
        "snapshot-2026-11-26-1630"
    );
    assert_eq!(
        suggest_snapshot_name("名前サーバー", at(2026, 11, 26, 16, 30)),
        "snapshot-2026-11-26-1630"
    );
    assert_eq!(
        suggest_snapshot_name(" . . ", at(2026, 11, 26, 16, 30)),
        "snapshot-2026-11-26-1630"
    );
}

#[test]
fn suggestion_from_a_long_server_name_fits_and_is_valid() {
    let server = "s".repeat(100);
    let name = suggest_snapshot_name(&server, at(2026, 11, 26, 16, 30));
    assert_eq!(name.chars().count(), 64);
    assert_eq!(name, format!("{}-2026-11-26-1630", "s".repeat(48)));
    assert_eq!(snapshot_name_error(&name), None);

    // A cut that lands on a '-' leaves no doubled dash.
    let server = format!("{}-tail", "t".repeat(47));
    let name = suggest_snapshot_name(&server, at(2026, 11, 26, 16, 30));
    assert_eq!(name, format!("{}-2026-11-26-1630", "t".repeat(47)));
    assert_eq!(snapshot_name_error(&name), None);

    let server = "é x.".repeat(40);
    let name = suggest_snapshot_name(&server, at(2026, 11, 26, 16, 30));
    assert!(name.chars().count() <= 64, "{name}");
    assert_eq!(snapshot_name_error(&name), None, "{name}");
}

#[test]
fn a_pasted_token_loses_what_copying_added_around_it() {
    // A zero-width space from a chat, a byte-order mark, a newline from a terminal.
    assert_eq!(clean_token("\u{200b}vps_demo_bob\u{200b}"), "vps_demo_bob");
    assert_eq!(clean_token("\u{feff} vps_demo_bob\n"), "vps_demo_bob");
    assert_eq!(clean_token("vps_demo_bob"), "vps_demo_bob");
    // Inside it, nothing is taken out: the person is told instead.
    assert_eq!(clean_token("vps_demo\u{200b}_bob"), "vps_demo\u{200b}_bob");
    // Copied with the header's scheme.
    assert_eq!(clean_token("Bearer vps_demo_bob"), "vps_demo_bob");
    assert_eq!(clean_token(" bearer  vps_demo_bob "), "vps_demo_bob");
    assert_eq!(clean_token("Bearer"), "Bearer");
    assert_eq!(clean_token("Béarer vps"), "Béarer vps");
}

#[test]
fn a_token_with_a_character_no_token_has_is_refused_before_it_is_sent() {
    assert_eq!(token_error("vps_demo_bob"), None);
    assert_eq!(token_error("Az09-._~+/=!"), None);
    let invisible = token_error("vps_demo\u{200b}_bob").unwrap();
    assert_eq!(invisible, TokenCharacter('\u{200b}'));
    assert_eq!(
        invisible.message(Locale::En),
        "The token has an invisible character (U+200B) inside it, which a token can't have. \
         Copy it again from your VPS.org account."
    );
    assert_eq!(
        token_error("vps demo").unwrap().message(Locale::En),
        "The token has a space inside it, which a token can't have. Check it and try again."
    );
    assert_eq!(
        token_error("vps\tdemo").unwrap().message(Locale::En),
        "The token has an invisible character (U+0009) inside it, which a token can't have. \
         Copy it again from your VPS.org account."
    );
    // One the browser could not put in a header at all (outside Latin-1), and one it could.
    assert_eq!(
        token_error("vps_dém€").unwrap().message(Locale::PtBr),
        "“é” não pode fazer parte de um token. Confira e tente de novo."
    );
    assert_eq!(
        token_error("vps_€").unwrap().message(Locale::En),
        "“€” can't be part of a token. Check it and try again."
    );
}
