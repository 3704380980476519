//! Where the migrations go: `supabase/migrations/` under the project root, the
//! base schema under its existing name, each trigger migration under a timestamp
//! later than every migration already there.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDateTime};

use super::schema::{SCHEMA_FILE, SCHEMA_MARKER};

const STAMP: &str = "%Y%m%d%H%M%S";

/// The `*.sql` file names in `dir`, sorted (none when it does not exist).
pub fn sql_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".sql"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The base schema's path: the canonical name if present, else the first existing
/// `*skene_growth_schema*.sql`, else the canonical name.
pub fn schema_path(dir: &Path) -> PathBuf {
    let names = sql_files(dir);
    let chosen = names
        .iter()
        .find(|n| *n == SCHEMA_FILE)
        .or_else(|| names.iter().find(|n| n.contains(SCHEMA_MARKER)))
        .map_or(SCHEMA_FILE, String::as_str);
    dir.join(chosen)
}

/// The leading `YYYYmmddHHMMSS` of a migration name, if it has one.
fn stamp_of(name: &str) -> Option<NaiveDateTime> {
    let digits = name.get(..14)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDateTime::parse_from_str(digits, STAMP).ok()
}

/// The name of a new trigger migration written at `now` (local time): its
/// timestamp is `now`, or one second after the latest migration in `dir` when that
/// is not earlier — so it sorts last for `push` and for `supabase db push` — and
/// no file of that name exists.
pub fn next_trigger_file(dir: &Path, now: NaiveDateTime) -> String {
    let names = sql_files(dir);
    let latest = names.iter().filter_map(|n| stamp_of(n)).max();
    let mut stamp = match latest {
        Some(l) if l >= now => l + Duration::seconds(1),
        _ => now,
    };
    loop {
        let name = format!("{}_skene_triggers.sql", stamp.format(STAMP));
        if !dir.join(&name).exists() {
            return name;
        }
        stamp += Duration::seconds(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, STAMP).unwrap()
    }

    #[test]
    fn the_schema_name_is_reused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(schema_path(dir.path()), dir.path().join(SCHEMA_FILE));
        fs::write(dir.path().join("2025_my_skene_growth_schema_v2.sql"), "").unwrap();
        assert_eq!(
            schema_path(dir.path()),
            dir.path().join("2025_my_skene_growth_schema_v2.sql")
        );
        fs::write(dir.path().join(SCHEMA_FILE), "").unwrap();
        assert_eq!(schema_path(dir.path()), dir.path().join(SCHEMA_FILE));
    }

    #[test]
    fn new_migrations_sort_after_every_existing_one() {
        let dir = tempfile::tempdir().unwrap();
        let now = at("20261128061500");
        assert_eq!(
            next_trigger_file(dir.path(), now),
            "20261128061500_skene_triggers.sql"
        );
        fs::write(dir.path().join("20261128061500_skene_triggers.sql"), "").unwrap();
        assert_eq!(
            next_trigger_file(dir.path(), now),
            "20261128061501_skene_triggers.sql"
        );
        fs::write(dir.path().join("20991231235959_other.sql"), "").unwrap();
        assert_eq!(
            next_trigger_file(dir.path(), now),
            "21000101000000_skene_triggers.sql"
        );
    }
}
