//! Token expiry: GitHub's `GitHub-Authentication-Token-Expiration` header, which has been seen
//! as `2021-10-07 19:07:53 UTC` and as `2023-04-26 23:23:18 +0200` (docs/github-api.md).

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// When a token stops working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Expiry {
    /// The header is absent on a successful answer: the token never expires.
    Never,
    /// Seconds since the Unix epoch, and the same instant as RFC 3339 UTC.
    At { unix: i64, rfc3339: String },
    /// The answer did not tell (an error, or a header PAT Guard could not read).
    Unknown,
}

/// Days at or under which expiry counts as soon.
pub const SOON_DAYS: i64 = 7;

/// Read the header value. `None` when it is in neither known format.
pub fn parse_expiration(value: &str) -> Option<Expiry> {
    let value = value.trim();
    let utc = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    let offset = format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory][offset_minute]"
    );
    let instant = if let Ok(time) = PrimitiveDateTime::parse(value, utc) {
        time.assume_utc()
    } else {
        OffsetDateTime::parse(value, offset).ok()?
    };
    at(instant.unix_timestamp())
}

/// An expiry at a Unix time.
pub fn at(unix: i64) -> Option<Expiry> {
    let utc = OffsetDateTime::from_unix_timestamp(unix)
        .ok()?
        .to_offset(UtcOffset::UTC);
    let rfc3339 = utc.format(&Rfc3339).ok()?;
    Some(Expiry::At { unix, rfc3339 })
}

/// "in 5 days", "in 3 hours", "tomorrow", "2 days ago", for a time relative to `now`.
pub fn relative(unix: i64, now: i64) -> String {
    let delta = unix - now;
    let (amount, past) = (delta.unsigned_abs(), delta < 0);
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    let (count, unit) = if amount < HOUR {
        ((amount / MINUTE).max(1), "minute")
    } else if amount < 2 * DAY {
        (amount / HOUR, "hour")
    } else {
        (amount / DAY, "day")
    };
    let plural = if count == 1 { "" } else { "s" };
    if past {
        format!("{count} {unit}{plural} ago")
    } else {
        format!("in {count} {unit}{plural}")
    }
}

/// The calendar date of a Unix time, `2026-12-04`, in UTC.
pub fn date(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_default()
}

impl Expiry {
    /// Whole days left, rounded down; negative once expired.
    pub fn days_left(&self, now: i64) -> Option<i64> {
        match self {
            Expiry::At { unix, .. } => Some((unix - now).div_euclid(86_400)),
            _ => None,
        }
    }

    /// Expires within [`SOON_DAYS`] days (or has already expired).
    pub fn is_soon(&self, now: i64) -> bool {
        matches!(self, Expiry::At { unix, .. } if unix - now <= SOON_DAYS * 86_400)
    }

    /// The `data-expires` value: RFC 3339 UTC or `never` (`unknown` when not known).
    pub fn attribute(&self) -> &str {
        match self {
            Expiry::Never => "never",
            Expiry::At { rfc3339, .. } => rfc3339,
            Expiry::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_header_formats() {
        assert_eq!(
            parse_expiration("2021-10-07 19:07:53 UTC"),
            Some(Expiry::At {
                unix: 1_633_633_673,
                rfc3339: "2021-10-07T19:07:53Z".into()
            })
        );
        assert_eq!(
            parse_expiration("2023-04-26 23:23:18 +0200"),
            Some(Expiry::At {
                unix: 1_682_544_198,
                rfc3339: "2023-04-26T21:23:18Z".into()
            })
        );
        assert_eq!(
            parse_expiration(" 2023-04-26 01:00:00 -0130 ")
                .unwrap()
                .attribute(),
            "2023-04-26T02:30:00Z"
        );
        for bad in [
            "",
            "tomorrow",
            "2023-04-26",
            "2023-13-01 00:00:00 UTC",
            "2023-04-26T21:23:18Z",
        ] {
            assert_eq!(parse_expiration(bad), None, "{bad}");
        }
    }

    #[test]
    fn soon_means_seven_days_or_less() {
        let now = 1_700_000_000;
        assert!(at(now + 7 * 86_400).unwrap().is_soon(now));
        assert!(at(now + 3600).unwrap().is_soon(now));
        assert!(!at(now + 7 * 86_400 + 1).unwrap().is_soon(now));
        assert!(!Expiry::Never.is_soon(now));
        assert_eq!(at(now + 5 * 86_400 + 10).unwrap().days_left(now), Some(5));
    }

    #[test]
    fn relative_times_in_words() {
        let now = 1_700_000_000;
        assert_eq!(relative(now + 5 * 86_400 + 7, now), "in 5 days");
        assert_eq!(relative(now + 3 * 3600, now), "in 3 hours");
        assert_eq!(relative(now + 30, now), "in 1 minute");
        assert_eq!(relative(now - 2 * 86_400, now), "2 days ago");
        assert_eq!(relative(now + 86_400, now), "in 24 hours");
        assert_eq!(date(1_633_633_673), "2021-10-07");
    }
}
