//! skene's database layer against real servers: the password never shows, TLS
//! per sslmode, read-only catalog reads, and surviving a server restart.

use std::time::Duration;

use skene::db::{self, ConnectOptions, DbErrorKind, DbUrl};

use super::support::postgres::{PG_PASSWORD, PG_USER, PgOptions, Postgres};
use super::support::{Env, outputs};
use super::{deployed, generate, project};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn the_password_never_appears_in_output_or_errors() {
    let pg = Postgres::shared();
    let env = project(None);
    // Wrong password: exit 4, the URL shown redacted.
    let wrong = format!(
        "postgresql://{PG_USER}:Wr0ng-Passw0rd-x1@127.0.0.1:{}/postgres?sslmode=disable",
        pg.port()
    );
    let assert = env
        .skene()
        .args(["triggers", "check", "--db", &wrong])
        .assert()
        .code(4);
    let (out, err) = outputs(&assert);
    assert!(
        !out.contains("Wr0ng-Passw0rd-x1") && !err.contains("Wr0ng-Passw0rd-x1"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "postgresql://{PG_USER}:***@127.0.0.1:{}/postgres",
            pg.port()
        )),
        "{err}"
    );
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(
        err.contains("a password in --db can be seen by other users"),
        "{err}"
    );

    // Nobody listening: exit 3; the password from DATABASE_URL is not echoed either.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url =
        format!("postgresql://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{port}/postgres?sslmode=disable");
    let assert = env
        .skene()
        .args(["triggers", "check", "--json"])
        .env("DATABASE_URL", &url)
        .assert()
        .code(3);
    let (out, err) = outputs(&assert);
    assert!(
        !out.contains(PG_PASSWORD) && !err.contains(PG_PASSWORD),
        "{err}"
    );
    assert!(
        err.contains("cannot connect to postgresql://skene_admin:***@"),
        "{err}"
    );
    assert!(
        !err.contains("other users"),
        "DATABASE_URL is the recommended place: {err}"
    );

    // A password from PGPASSWORD fills a URL without one; --help never shows the URL.
    let (db, _) = deployed(pg, &env, &["--no-webhook"]);
    env.skene()
        .args(["triggers", "check"])
        .env(
            "DATABASE_URL",
            format!(
                "postgresql://{PG_USER}@127.0.0.1:{}/{db}?sslmode=disable",
                pg.port()
            ),
        )
        .env("PGPASSWORD", PG_PASSWORD)
        .assert()
        .success();
    let assert = env
        .skene()
        .args(["triggers", "check", "--help"])
        .env("DATABASE_URL", pg.url(&db))
        .assert()
        .success();
    assert!(!outputs(&assert).0.contains(PG_PASSWORD));

    // The library's errors are redacted too, whatever the cause.
    runtime().block_on(async {
        let url = DbUrl::parse(&wrong).unwrap();
        let err = db::connect(&url, &ConnectOptions::default())
            .await
            .err()
            .unwrap();
        assert_eq!(err.kind(), DbErrorKind::Auth);
        assert!(!format!("{err} {err:?} {url:?}").contains("Wr0ng-Passw0rd-x1"));
    });
}

fn certificates() -> (String, String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
    let issuer = |name: &str| {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap()
    };
    let ca = issuer("skene test CA");
    let other = issuer("another CA");
    let key = KeyPair::generate().unwrap();
    // For the name `localhost` only: 127.0.0.1 passes verify-ca, not verify-full.
    let leaf = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    (leaf.pem(), key.serialize_pem(), ca.pem(), other.pem())
}

#[test]
fn tls_follows_sslmode_and_catalog_reads_are_read_only() {
    let (cert, key, ca, other_ca) = certificates();
    let pg = Postgres::start_with(PgOptions {
        tls: Some((cert, key)),
        log_statements: true,
    });
    let env = Env::new();
    let dir = env.root().join("certs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ca.pem"), &ca).unwrap();
    std::fs::write(dir.join("other.pem"), &other_ca).unwrap();
    let url = |host: &str, params: &str| {
        format!(
            "postgresql://{PG_USER}:{PG_PASSWORD}@{host}:{}/postgres?{params}",
            pg.port()
        )
    };
    let ca_file = dir.join("ca.pem").display().to_string();
    let other_file = dir.join("other.pem").display().to_string();
    let cases = [
        (url("127.0.0.1", "sslmode=require"), None),
        (url("127.0.0.1", "sslmode=prefer"), None),
        (
            url(
                "localhost",
                &format!("sslmode=verify-full&sslrootcert={ca_file}"),
            ),
            None,
        ),
        (
            url(
                "127.0.0.1",
                &format!("sslmode=verify-ca&sslrootcert={ca_file}"),
            ),
            None,
        ),
        (
            url(
                "127.0.0.1",
                &format!("sslmode=verify-full&sslrootcert={ca_file}"),
            ),
            Some(DbErrorKind::Tls),
        ),
        (
            url(
                "localhost",
                &format!("sslmode=verify-full&sslrootcert={other_file}"),
            ),
            Some(DbErrorKind::Tls),
        ),
        (
            url("localhost", "sslmode=verify-full"),
            Some(DbErrorKind::Tls),
        ),
    ];
    runtime().block_on(async {
        for (raw, expected) in &cases {
            let parsed = DbUrl::parse(raw).unwrap();
            match (
                db::connect(&parsed, &ConnectOptions::default()).await,
                expected,
            ) {
                (Ok(conn), None) => {
                    let row = conn
                        .client()
                        .query_one(
                            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                            &[],
                        )
                        .await
                        .unwrap();
                    assert!(row.get::<_, bool>(0), "{raw}: not encrypted");
                }
                (Err(e), Some(kind)) => {
                    assert_eq!(e.kind(), *kind, "{raw}: {e}");
                    assert!(!e.to_string().contains(PG_PASSWORD));
                }
                (Ok(_), Some(_)) => panic!("{raw}: connected, but should not have"),
                (Err(e), None) => panic!("{raw}: {e}"),
            }
        }
    });

    // The command: exit 3 for an untrusted certificate, with a hint about TLS.
    let project = project(None);
    let assert = project
        .skene()
        .args(["triggers", "check"])
        .env(
            "DATABASE_URL",
            url(
                "localhost",
                &format!("sslmode=verify-full&sslrootcert={other_file}"),
            ),
        )
        .assert()
        .code(3);
    assert!(outputs(&assert).1.contains("TLS"), "{}", outputs(&assert).1);

    // `check --db` reads in a read-only transaction and writes nothing.
    generate(&project, &[]);
    let db = pg.create_db("readonly");
    project
        .skene()
        .args(["triggers", "check"])
        .env(
            "DATABASE_URL",
            url(
                "localhost",
                &format!("dbname={db}&sslmode=verify-full&sslrootcert={ca_file}"),
            ),
        )
        .assert()
        .code(1);
    let ours: Vec<String> = pg
        .log()
        .lines()
        .filter_map(|l| l.strip_prefix("skene|LOG:  "))
        .filter_map(|l| {
            let statement = l.strip_prefix("statement: ").or_else(|| {
                l.strip_prefix("execute ")
                    .and_then(|r| r.split_once(": "))
                    .map(|(_, s)| s)
            })?;
            Some(statement.trim().to_uppercase())
        })
        .collect();
    assert!(
        ours.iter().any(|s| s == "START TRANSACTION READ ONLY"),
        "{ours:#?}"
    );
    for statement in &ours {
        let verb = statement.split_whitespace().next().unwrap_or_default();
        assert!(
            ["START", "SET", "SELECT", "ROLLBACK"].contains(&verb),
            "a statement that is not a read: {statement}"
        );
    }
}

#[test]
fn a_restart_ends_the_connection_and_a_new_one_listens_again() {
    let pg = Postgres::start();
    let db = pg.create_db("restart");
    // No sslmode: libpq's prefer, which falls back to plain text on a server without TLS.
    let plain = pg.url(&db).replace("?sslmode=disable", "");
    let url = DbUrl::parse(&plain).unwrap();
    let options = ConnectOptions::default();
    runtime().block_on(async {
        let require = DbUrl::parse(&format!("{plain}?sslmode=require")).unwrap();
        let err = db::connect(&require, &options).await.err().unwrap();
        assert_eq!(err.kind(), DbErrorKind::Tls, "{err}");

        let conn = db::connect(&url, &options).await.unwrap();
        conn.listen("skene_growth_events").await.unwrap();
        pg.restart();
        let mut waited = 0;
        while !conn.is_closed() && waited < 100 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            waited += 1;
        }
        assert!(conn.is_closed(), "the restart is noticed");
        assert!(conn.end_reason().is_some());
        let err = conn.client().simple_query("SELECT 1").await.err().unwrap();
        assert!(conn.error(&err, "query").is_transient());

        let mut again = db::connect(&url, &options).await.unwrap();
        again.listen("skene_growth_events").await.unwrap();
        again
            .client()
            .batch_execute("NOTIFY skene_growth_events, '42'")
            .await
            .unwrap();
        let n = tokio::time::timeout(Duration::from_secs(10), again.next_notification())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n.payload, "42");
    });
}
