//! Points in time as users write them: a duration back from now (`10m`, `2h`,
//! `3d`) or an RFC 3339 time; and times as people read them.

use chrono::{DateTime, Duration, Local, SecondsFormat, Utc};

/// `10s`, `10m`, `2h`, `3d`, `1w` before `now`, or an RFC 3339 time.
pub fn parse_point(raw: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: i64 = number
        .parse()
        .map_err(|_| format!("`{raw}` is neither a duration (10m, 2h, 3d) nor an RFC 3339 time"))?;
    let span = match unit {
        "s" => Duration::try_seconds(n),
        "m" => Duration::try_minutes(n),
        "h" => Duration::try_hours(n),
        "d" => Duration::try_days(n),
        "w" => Duration::try_weeks(n),
        _ => None,
    }
    .ok_or_else(|| format!("`{raw}` is neither a duration (10m, 2h, 3d) nor an RFC 3339 time"))?;
    now.checked_sub_signed(span)
        .ok_or_else(|| format!("`{raw}` reaches too far back"))
}

/// A time for the API: RFC 3339 in UTC, with a `Z`.
pub fn for_api(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A time the server sent, parsed; `None` when it is not RFC 3339.
pub fn parse_server(raw: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `2026-11-27 10:00:01` in local time, or UTC with `utc`.
pub fn for_people(t: DateTime<Utc>, utc: bool) -> String {
    if utc {
        t.format("%Y-%m-%d %H:%M:%SZ").to_string()
    } else {
        t.with_timezone(&Local)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-28T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn durations_and_times() {
        assert_eq!(
            for_api(parse_point("10m", now()).unwrap()),
            "2026-11-28T11:50:00Z"
        );
        assert_eq!(
            for_api(parse_point("2h", now()).unwrap()),
            "2026-11-28T10:00:00Z"
        );
        assert_eq!(
            for_api(parse_point("3d", now()).unwrap()),
            "2026-11-25T12:00:00Z"
        );
        assert_eq!(
            for_api(parse_point("2026-11-27T10:00:00+01:00", now()).unwrap()),
            "2026-11-27T09:00:00Z"
        );
        for bad in [
            "",
            "10",
            "m",
            "10 minutes",
            "yesterday",
            "-5m",
            "99999999999999999999d",
        ] {
            assert!(parse_point(bad, now()).is_err(), "{bad}");
        }
        assert_eq!(for_people(now(), true), "2026-11-28 12:00:00Z");
    }
}
