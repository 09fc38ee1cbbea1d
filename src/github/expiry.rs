//! Token expiry: GitHub's `GitHub-Authentication-Token-Expiration` header, which has been seen
//! as `2021-10-07 19:07:53 UTC` and as `2023-04-26 23:23:18 +0200` (docs/github-api.md).

use serde::{Deserialize, Serialize};

/// When a token stops working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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
    // `YYYY-MM-DD hh:mm:ss ` then `UTC` or a signed `hhmm` offset, exactly these widths.
    let value = value.trim().as_bytes();
    let (stamp, zone) = value.split_at_checked(20)?;
    let layout = b"dddd-dd-dd dd:dd:dd ";
    let fits = |text: &[u8], layout: &[u8]| {
        text.len() == layout.len()
            && text.iter().zip(layout).all(|(&c, &l)| match l {
                b'd' => c.is_ascii_digit(),
                _ => c == l,
            })
    };
    if !fits(stamp, layout) {
        return None;
    }
    let number = |at: usize, len: usize| {
        value[at..at + len]
            .iter()
            .fold(0i64, |n, &digit| n * 10 + i64::from(digit - b'0'))
    };
    let offset = match zone {
        b"UTC" => 0,
        [sign @ (b'+' | b'-'), digits @ ..] if fits(digits, b"dddd") => {
            let (hours, minutes) = (number(21, 2), number(23, 2));
            if hours > 25 || minutes > 59 {
                return None;
            }
            let seconds = hours * 3600 + minutes * 60;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let (year, month, day) = (number(0, 4), number(5, 2), number(8, 2));
    let (hour, minute, second) = (number(11, 2), number(14, 2), number(17, 2));
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let local = days_from_civil(year, month, day) * DAY + hour * 3600 + minute * 60 + second;
    at(local - offset)
}

/// An expiry at a Unix time; `None` outside the years 0000 to 9999, which RFC 3339 cannot write.
pub fn at(unix: i64) -> Option<Expiry> {
    let (year, month, day) = civil_from_days(unix.div_euclid(DAY));
    if !(0..=9999).contains(&year) {
        return None;
    }
    let second = unix.rem_euclid(DAY);
    let rfc3339 = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second / 3600,
        second / 60 % 60,
        second % 60
    );
    Some(Expiry::At { unix, rfc3339 })
}

const DAY: i64 = 86_400;

// The proleptic Gregorian calendar in days since 1970-01-01, after Howard Hinnant's public
// `days_from_civil` and `civil_from_days` (docs/github-api.md). The `time` crate did this
// before; these few lines replace its 25 KB in the background's and the popup's modules, and
// the tests below hold them to it.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = (shifted_month + 2) % 12 + 1;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
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

/// The calendar date of a Unix time, `2026-12-04`, in UTC (empty outside the years 0000 to 9999).
pub fn date(unix: i64) -> String {
    match at(unix) {
        Some(Expiry::At { rfc3339, .. }) => rfc3339[..10].to_owned(),
        _ => String::new(),
    }
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

    #[test]
    fn out_of_range_dates_are_refused_not_wrapped() {
        assert_eq!(
            at(253_402_300_799).unwrap().attribute(),
            "9999-12-31T23:59:59Z"
        );
        assert_eq!(at(253_402_300_800), None);
        assert_eq!(
            at(-62_167_219_200).unwrap().attribute(),
            "0000-01-01T00:00:00Z"
        );
        assert_eq!(at(-62_167_219_201), None);
        assert_eq!(date(i64::MAX / 2), "");
        for bad in [
            "2023-02-29 00:00:00 UTC",
            "2024-04-31 00:00:00 UTC",
            "2023-04-26 24:00:00 UTC",
            "2023-04-26 23:60:00 UTC",
            "2023-04-26 23:00:60 UTC",
            "2023-04-26 23:00:00 +0260",
            "2023-04-26 23:00:00 0200",
            "2023-04-26 23:00:00 +02:00",
            "2023-04-26 23:00:00 UTC+1",
            "+2023-04-26 23:00:00 UTC",
            "2023-4-26 23:00:00 UTC",
            "٢٠٢٣-04-26 23:00:00 UTC",
        ] {
            assert_eq!(parse_expiration(bad), None, "{bad}");
        }
        assert!(parse_expiration("2024-02-29 00:00:00 UTC").is_some());
    }

    // The calendar arithmetic above replaced the `time` crate; it stays here as the oracle.
    mod against_the_time_crate {
        use super::super::*;
        use proptest::prelude::*;
        use time::format_description::well_known::Rfc3339;
        use time::macros::format_description;
        use time::{OffsetDateTime, PrimitiveDateTime};

        const FIRST: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
        const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

        proptest! {
            #[test]
            fn writes_the_same_instant(unix in FIRST..=LAST) {
                let expected = OffsetDateTime::from_unix_timestamp(unix).unwrap().format(&Rfc3339).unwrap();
                let ours = at(unix).unwrap();
                prop_assert_eq!(ours.attribute(), expected.as_str());
                prop_assert_eq!(date(unix), &expected[..10]);
            }

            #[test]
            fn reads_the_same_instant(
                unix in FIRST + 2 * DAY..=LAST - 2 * DAY,
                offset_minutes in -1439i64..=1439,
                utc in any::<bool>(),
            ) {
                let shown = if utc { 0 } else { offset_minutes };
                let local = OffsetDateTime::from_unix_timestamp(unix + shown * 60).unwrap();
                let zone = if utc {
                    "UTC".to_owned()
                } else {
                    let sign = if shown < 0 { '-' } else { '+' };
                    format!("{sign}{:02}{:02}", shown.abs() / 60, shown.abs() % 60)
                };
                let header = format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {zone}",
                    local.year(), u8::from(local.month()), local.day(),
                    local.hour(), local.minute(), local.second()
                );
                let by_time = if utc {
                    PrimitiveDateTime::parse(&header, format_description!(
                        "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
                    )).unwrap().assume_utc()
                } else {
                    OffsetDateTime::parse(&header, format_description!(
                        "[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory][offset_minute]"
                    )).unwrap()
                };
                prop_assert_eq!(by_time.unix_timestamp(), unix);
                prop_assert_eq!(parse_expiration(&header), at(unix));
            }
        }
    }
}
