//! The panel's two languages, English and Portuguese (Brazil): which one a person gets, and
//! every sentence in both ([`catalogue`]).
//!
//! The catalogue is a typed table checked at compile time: each entry is a method on
//! [`Locale`] that must give its text in both languages, so a missing translation cannot
//! build, and a call with the wrong arguments cannot either. The catalogue also holds how
//! figures and dates are written (months' names, decimal and thousands marks), which
//! [`crate::format`] puts together.

use std::borrow::Cow;

mod catalogue;

/// A language the panel speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// English, the default when nothing else fits.
    #[default]
    En,
    /// Portuguese as written in Brazil, the provider's own language.
    PtBr,
}

impl Locale {
    /// The BCP 47 tag: the panel root's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::PtBr => "pt-BR",
        }
    }

    /// The language a BCP 47 tag asks for, if the panel speaks it: any English (`en`,
    /// `en-GB`) is English, any Portuguese (`pt`, `pt-PT`, `pt-BR`) is the Brazilian one.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "pt" => Some(Self::PtBr),
            _ => None,
        }
    }

    /// The first language in the person's list (`navigator.languages`, most wanted first)
    /// that the panel speaks, or English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Self {
        preferred
            .into_iter()
            .find_map(Self::from_tag)
            .unwrap_or_default()
    }
}

/// A count as a person reads it in `t`, its thousands marked ("5,000"; "5.000").
fn count_text(t: Locale, n: usize) -> String {
    crate::format::grouped(t, u128::try_from(n).unwrap_or(u128::MAX))
}

/// The `locale` setting: a fixed language, or the browser's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LocaleSetting {
    /// Follow `navigator.languages` (the default).
    #[default]
    Auto,
    /// Always this language.
    Fixed(Locale),
}

impl LocaleSetting {
    /// Reads `auto`, `en` or `pt-BR` (any case; `_` for `-`, as some hosts write it).
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim().to_ascii_lowercase().replace('_', "-");
        match value.as_str() {
            "auto" | "" => Some(Self::Auto),
            "en" => Some(Self::Fixed(Locale::En)),
            "pt-br" => Some(Self::Fixed(Locale::PtBr)),
            _ => None,
        }
    }

    /// The language to speak, given the person's list of languages.
    pub fn resolve<'a>(self, preferred: impl IntoIterator<Item = &'a str>) -> Locale {
        match self {
            Self::Auto => Locale::negotiate(preferred),
            Self::Fixed(locale) => locale,
        }
    }
}

/// A text from the catalogue: borrowed when it has no arguments, so a label drawn on every
/// row allocates nothing.
pub type Text = Cow<'static, str>;

/// Defines the catalogue: each entry's English and Portuguese text, as one method of
/// [`Locale`] per entry. `every_entry` lists them all with sample arguments, for the tests
/// that read both languages side by side.
macro_rules! define_catalogue {
    ($(
        $(#[doc = $doc:literal])*
        $key:ident($($arg:ident: $ty:ty),*) {
            en: $en:expr,
            pt: $pt:expr $(,)?
        }
    )*) => {
        impl $crate::i18n::Locale {
            $(
                $(#[doc = $doc])*
                #[allow(clippy::useless_format)]
                pub fn $key(self, $($arg: $ty),*) -> $crate::i18n::Text {
                    match self {
                        $crate::i18n::Locale::En => ($en).into(),
                        $crate::i18n::Locale::PtBr => ($pt).into(),
                    }
                }
            )*
        }

        /// Every entry by name, written in `locale` with sample arguments (argument `i` of a
        /// text entry is `‹i›`, of a number entry `1000 + i`).
        #[doc(hidden)]
        #[allow(unused_mut, unused_assignments)]
        pub fn every_entry(locale: $crate::i18n::Locale) -> Vec<(&'static str, String)> {
            vec![$(
                (stringify!($key), {
                    let mut _index = 0usize;
                    $(
                        let $arg = <$ty as $crate::i18n::Sample>::sample(_index);
                        _index += 1;
                    )*
                    locale.$key($($arg),*).into_owned()
                }),
            )*]
        }
    };
}
pub(crate) use define_catalogue;

pub use catalogue::every_entry;

/// A sample value for a catalogue argument, distinct per argument position, so a test can
/// see which arguments a text uses.
#[doc(hidden)]
pub trait Sample {
    /// The sample for argument `index`.
    fn sample(index: usize) -> Self;
}

impl Sample for &str {
    fn sample(index: usize) -> Self {
        ["‹0›", "‹1›", "‹2›", "‹3›"]
            .get(index)
            .copied()
            .unwrap_or("‹?›")
    }
}

macro_rules! sample_numbers {
    ($($ty:ty),*) => {$(
        impl Sample for $ty {
            fn sample(index: usize) -> Self {
                <$ty>::try_from(1000 + index).unwrap_or(1000)
            }
        }
    )*};
}
sample_numbers!(u16, u64, usize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_counts_are_grouped_by_thousands_in_each_language() {
        for (n, en) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (5_000, "5,000"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(count_text(Locale::En, n), en);
        }
        assert_eq!(
            Locale::En.filter_matches(5_000, 1_000),
            "5,000 snapshots match, on 1,000 servers."
        );
        assert_eq!(
            Locale::PtBr.filter_matches(5_000, 1_000),
            "5.000 snapshots correspondem, em 1.000 servidores."
        );
    }

    #[test]
    fn languages_from_the_browser_list() {
        assert_eq!(Locale::negotiate(["pt-BR", "en"]), Locale::PtBr);
        assert_eq!(Locale::negotiate(["pt-PT"]), Locale::PtBr);
        assert_eq!(Locale::negotiate(["de-DE", "pt", "en"]), Locale::PtBr);
        assert_eq!(Locale::negotiate(["en-GB", "pt-BR"]), Locale::En);
        assert_eq!(Locale::negotiate(["fr", "de"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
        assert_eq!(Locale::negotiate(["", "PT_br"]), Locale::PtBr);
    }

    #[test]
    fn the_setting() {
        assert_eq!(LocaleSetting::parse("auto"), Some(LocaleSetting::Auto));
        assert_eq!(LocaleSetting::parse(" "), Some(LocaleSetting::Auto));
        assert_eq!(
            LocaleSetting::parse("pt-BR"),
            Some(LocaleSetting::Fixed(Locale::PtBr))
        );
        assert_eq!(
            LocaleSetting::parse("PT_br"),
            Some(LocaleSetting::Fixed(Locale::PtBr))
        );
        assert_eq!(
            LocaleSetting::parse("EN"),
            Some(LocaleSetting::Fixed(Locale::En))
        );
        assert_eq!(LocaleSetting::parse("pt"), None);
        assert_eq!(LocaleSetting::parse("fr"), None);
        assert_eq!(
            LocaleSetting::Fixed(Locale::En).resolve(["pt-BR"]),
            Locale::En
        );
        assert_eq!(LocaleSetting::Auto.resolve(["pt-BR"]), Locale::PtBr);
    }
}
