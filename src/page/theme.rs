//! GitHub's own colour mode, so the reminder looks like part of the page it sits in: GitHub
//! states it on `<html>` (`data-color-mode="light|dark|auto"`, `data-light-theme`,
//! `data-dark-theme`; see `docs/github-pages.md`), and `auto` follows the system's scheme.

use serde::{Deserialize, Serialize};

/// The longest colour mode or theme name the content script reports (GitHub's are short:
/// `dark_high_contrast`); longer ones are refused as malformed.
pub const MAX_THEME_NAME_LEN: usize = 64;

/// What the content script read of GitHub's colour settings, and the system's scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageColors {
    /// `data-color-mode`: `light`, `dark` or `auto`.
    #[serde(default)]
    pub mode: Option<String>,
    /// `data-light-theme`: the theme used in light mode (`light`, `light_high_contrast`, …).
    #[serde(default)]
    pub light_theme: Option<String>,
    /// `data-dark-theme`: the theme used in dark mode (`dark`, `dark_dimmed`, …).
    #[serde(default)]
    pub dark_theme: Option<String>,
    /// `prefers-color-scheme: dark` matches.
    #[serde(default)]
    pub system_dark: bool,
}

/// Light or dark: what the reminder follows. The names are the banner's `data-theme` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Theme::Light, Theme::Dark]
            .into_iter()
            .find(|theme| theme.code() == code)
    }
}

/// GitHub's effective mode: the theme its mode selects (in `auto`, by the system's scheme),
/// light or dark by the theme's name; a theme without a known name counts as the slot it
/// fills. A page that states no mode follows the system, as GitHub's default `auto` does.
pub fn effective_theme(colors: &PageColors) -> Theme {
    let dark_slot = match colors.mode.as_deref() {
        Some("light") => false,
        Some("dark") => true,
        _ => colors.system_dark,
    };
    let name = if dark_slot {
        &colors.dark_theme
    } else {
        &colors.light_theme
    };
    match name.as_deref() {
        Some(name) if name.starts_with("dark") => Theme::Dark,
        Some(name) if name.starts_with("light") => Theme::Light,
        _ if dark_slot => Theme::Dark,
        _ => Theme::Light,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colors(mode: &str, light: &str, dark: &str, system_dark: bool) -> PageColors {
        let named = |name: &str| (!name.is_empty()).then(|| name.to_owned());
        PageColors {
            mode: named(mode),
            light_theme: named(light),
            dark_theme: named(dark),
            system_dark,
        }
    }

    #[test]
    fn github_s_setting_wins_over_the_system_s() {
        assert_eq!(
            effective_theme(&colors("dark", "light", "dark", false)),
            Theme::Dark
        );
        assert_eq!(
            effective_theme(&colors("light", "light", "dark", true)),
            Theme::Light
        );
        assert_eq!(
            effective_theme(&colors("dark", "light", "dark_dimmed", false)),
            Theme::Dark
        );
    }

    #[test]
    fn auto_follows_the_system_and_the_theme_it_picks() {
        assert_eq!(
            effective_theme(&colors("auto", "light", "dark", true)),
            Theme::Dark
        );
        assert_eq!(
            effective_theme(&colors("auto", "light", "dark", false)),
            Theme::Light
        );
        // A dark theme chosen for the day: dark by day.
        assert_eq!(
            effective_theme(&colors("auto", "dark_high_contrast", "dark", false)),
            Theme::Dark
        );
        // No mode stated: the system's scheme; no theme names: the slot.
        assert_eq!(effective_theme(&colors("", "", "", true)), Theme::Dark);
        assert_eq!(effective_theme(&colors("odd", "", "", false)), Theme::Light);
        assert_eq!(effective_theme(&colors("dark", "", "", false)), Theme::Dark);
    }

    #[test]
    fn codes_are_the_contract_values() {
        for theme in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::from_code(theme.code()), Some(theme));
            assert_eq!(
                serde_json::to_value(theme).unwrap(),
                serde_json::json!(theme.code())
            );
        }
        assert_eq!(Theme::from_code("dim"), None);
    }
}
