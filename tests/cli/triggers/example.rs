//! examples/demo-project, the README's example, is consistent: its migrations are
//! what `skene triggers generate --no-webhook` writes now, they apply in order to
//! a fresh PostgreSQL (no pg_net needed), and every check passes without a warning.

use std::path::{Path, PathBuf};

use super::support::postgres::Postgres;
use super::support::{Env, copy_dir, outputs};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo-project")
}

/// The example's migrations, in file-name order (the order they are applied in).
fn migrations(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("supabase/migrations"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    files
}

/// SQL without its leading comment lines (the header names skene's version).
fn without_header(sql: &str) -> String {
    sql.lines()
        .skip_while(|l| l.starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_example_is_what_generate_writes_and_applies_to_a_fresh_database() {
    let env = Env::new();
    copy_dir(&example(), &env.project());
    let before = migrations(&env.project());

    // Offline: no problem, no warning; the push it documents is clean too.
    for args in [&["triggers", "check"][..], &["push", "--dry-run"][..]] {
        let assert = env.skene().args(args).assert().success();
        let (_, err) = outputs(&assert);
        assert!(!err.contains("warning"), "{args:?}: {err}");
    }

    // Regenerating changes nothing but, at most, the version in a header.
    let assert = env
        .skene()
        .args(["triggers", "generate", "--no-webhook", "--json"])
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(report["migration"]["status"], "unchanged", "{report:#}");
    assert_eq!(
        report["migration"]["path"],
        "supabase/migrations/20261002083000_skene_triggers.sql"
    );
    assert_eq!(migrations(&env.project()), before);
    let schema = "supabase/migrations/20260901000000_skene_growth_schema.sql";
    assert_eq!(report["schema"]["path"], schema);
    let shipped = std::fs::read_to_string(example().join(schema)).unwrap();
    let now = std::fs::read_to_string(env.project().join(schema)).unwrap();
    assert_eq!(without_header(&shipped), without_header(&now));

    // Every migration applies, in order, to a fresh database without pg_net.
    let pg = Postgres::shared();
    let db = pg.create_db("example");
    for file in migrations(&example()) {
        pg.apply(&db, &file);
    }
    // The URL from DATABASE_URL: on the command line its password earns a warning.
    let assert = env
        .skene()
        .args(["triggers", "check"])
        .env("DATABASE_URL", pg.url(&db))
        .assert()
        .success();
    let (_, err) = outputs(&assert);
    assert!(!err.contains("warning"), "{err}");
    assert!(err.contains("has every trigger engine.yaml wants"), "{err}");

    // And the triggers log events.
    pg.exec(
        &db,
        "INSERT INTO public.teams (id, name, owner_id)
           VALUES ('11111111-1111-1111-1111-111111111111', 'Tandem', gen_random_uuid());
         INSERT INTO public.bookings (team_id, status, starts_at)
           VALUES ('11111111-1111-1111-1111-111111111111', 'confirmed', now());",
    );
    assert_eq!(
        pg.query(&db, "SELECT event_type FROM skene_growth.event_log"),
        "public.bookings.insert"
    );
}
