//! The provider's rules for what a person types, checked as they type.

use crate::i18n::{Locale, Text};
use crate::time::LocalTime;

/// The longest snapshot name the panel accepts. The provider gives no limit; 64 is a sane cap,
/// and the API's own word is shown if it differs.
pub const NAME_MAX_CHARS: usize = 64;
/// The longest description the panel accepts.
pub const DESCRIPTION_MAX_CHARS: usize = 255;
/// The most snapshots a server may have.
pub const SNAPSHOTS_PER_SERVER: usize = 5;

/// What is wrong with a snapshot name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    Empty,
    TooLong { chars: usize },
    Space,
    Character(char),
}

impl NameError {
    /// The sentence under the name field.
    pub fn message(&self, t: Locale) -> Text {
        match self {
            Self::Empty => t.name_empty(),
            Self::TooLong { chars } => t.name_too_long(NAME_MAX_CHARS, *chars),
            Self::Space => t.name_space(),
            Self::Character(c) if prints_as_nothing(*c) => {
                t.name_invisible(&format!("U+{:04X}", u32::from(*c)))
            }
            Self::Character(c) => t.name_character(&c.to_string()),
        }
    }
}

/// Whether `c` shows as nothing on its own: a control or zero-width character, or a combining
/// mark (the ones Rust's debug escaping spells as a code point).
fn prints_as_nothing(c: char) -> bool {
    c.is_control() || (c.escape_debug().len() > 1 && !matches!(c, '"' | '\'' | '\\'))
}

/// A token as it was meant: without the spaces and invisible characters that copying it from a
/// page or a chat leaves around it.
pub fn clean_token(typed: &str) -> &str {
    let around = |c: char| c.is_whitespace() || prints_as_nothing(c);
    let token = typed.trim_matches(around);
    // Copied with the header's scheme ("Bearer vps_…"): the token is what follows it.
    let scheme = token.get(..7).filter(|s| s.eq_ignore_ascii_case("bearer "));
    match scheme {
        Some(scheme) => token
            .get(scheme.len()..)
            .unwrap_or(token)
            .trim_matches(around),
        None => token,
    }
}

/// A character no API token has (tokens are printable ASCII), found in one typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenCharacter(pub char);

impl TokenCharacter {
    /// The sentence the sign-in form shows.
    pub fn message(self, t: Locale) -> Text {
        let Self(c) = self;
        if c == ' ' {
            t.token_space()
        } else if prints_as_nothing(c) || c.is_whitespace() {
            t.token_invisible(&format!("U+{:04X}", u32::from(c)))
        } else {
            t.token_character(&c.to_string())
        }
    }
}

/// The first character of `token` that no token has, if any. The browser could not send it
/// in a header at all.
pub fn token_error(token: &str) -> Option<TokenCharacter> {
    token
        .chars()
        .find(|c| !c.is_ascii_graphic())
        .map(TokenCharacter)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Checks a name against the provider's rule, `^[A-Za-z0-9_-]+$`, plus the length cap.
/// The first wrong character is named.
pub fn snapshot_name_error(name: &str) -> Option<NameError> {
    if name.is_empty() {
        return Some(NameError::Empty);
    }
    if let Some(bad) = name.chars().find(|c| !is_name_char(*c)) {
        return Some(if bad.is_whitespace() {
            NameError::Space
        } else {
            NameError::Character(bad)
        });
    }
    let chars = name.chars().count();
    (chars > NAME_MAX_CHARS).then_some(NameError::TooLong { chars })
}

/// A description over [`DESCRIPTION_MAX_CHARS`]: how long it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DescriptionTooLong {
    pub chars: usize,
}

impl DescriptionTooLong {
    /// The sentence under the description field.
    pub fn message(self, t: Locale) -> Text {
        t.description_too_long(DESCRIPTION_MAX_CHARS, self.chars)
    }
}

/// What is wrong with a description, if anything.
pub fn description_error(description: &str) -> Option<DescriptionTooLong> {
    let chars = description.chars().count();
    (chars > DESCRIPTION_MAX_CHARS).then_some(DescriptionTooLong { chars })
}

/// "42 / 255": the visible count under the description.
pub fn description_counter(description: &str) -> String {
    format!("{} / {DESCRIPTION_MAX_CHARS}", description.chars().count())
}

/// A valid name to pre-fill: the server's name plus the person's local date and time,
/// `web-server-01-2026-11-26-1630`. Characters the rule refuses become `-`, and the server part
/// is shortened so the whole fits in [`NAME_MAX_CHARS`].
pub fn suggest_snapshot_name(server_name: &str, at: LocalTime) -> String {
    let stamp = format!(
        "{:04}-{:02}-{:02}-{:02}{:02}",
        at.year, at.month, at.day, at.hour, at.minute
    );
    let mut prefix = String::new();
    for c in server_name.trim().chars() {
        let c = if is_name_char(c) { c } else { '-' };
        if !(c == '-' && (prefix.is_empty() || prefix.ends_with('-'))) {
            prefix.push(c);
        }
    }
    let room = NAME_MAX_CHARS.saturating_sub(stamp.len() + 1);
    let prefix: String = prefix.chars().take(room).collect();
    let prefix = prefix.trim_end_matches('-');
    if prefix.is_empty() {
        format!("snapshot-{stamp}")
    } else {
        format!("{prefix}-{stamp}")
    }
}
