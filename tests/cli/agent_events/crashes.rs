//! At least once, whatever happens: SIGKILL at random moments while a writer
//! inserts, a database restart, the cloud failing then going silent; and two
//! agents on one database never send the same row.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::*;
use support::Reply;

/// A small deterministic generator (the seed is printed for a re-run).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Inserts `total` events through the app's trigger, a few rows per
/// transaction, reconnecting when the server goes away. The database itself says
/// afterwards which inserts committed.
fn writer(url: String, total: usize, done: &AtomicBool) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let url = skene::db::DbUrl::parse(&url).unwrap();
        let options = skene::db::ConnectOptions::default();
        let mut conn = None;
        let mut written = 0;
        let mut i = 0usize;
        while written < total {
            if conn.is_none() {
                match skene::db::connect(&url, &options).await {
                    Ok(c) => conn = Some(c),
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                }
            }
            let n = (1 + i % 4).min(total - written);
            i += 1;
            let sql = format!(
                "INSERT INTO public.orders (organization_id, status)
                 SELECT gen_random_uuid(), 'w{i}' FROM generate_series(1, {n})"
            );
            match conn.as_ref().unwrap().client().batch_execute(&sql).await {
                Ok(()) => written += n,
                Err(_) => conn = None,
            }
            tokio::time::sleep(Duration::from_millis(12)).await;
        }
    });
    done.store(true, Ordering::SeqCst);
}

#[test]
// The seed (to re-run a failure) and the counts are worth seeing with --nocapture.
#[allow(clippy::print_stderr)]
fn sigkill_restarts_and_outages_lose_nothing_and_duplicate_at_most_a_batch_per_crash() {
    let pg = Postgres::start();
    let env = project();
    let db = deployed(&pg, &env, &["--no-webhook"]);
    let accepted = count_accepted(&env);
    let vars = agent_vars(&pg, &db);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill campaign seed: {seed}");
    let mut rng = Rng(seed);
    let started = Instant::now();
    let done = AtomicBool::new(false);
    let kills = 30;
    std::thread::scope(|s| {
        let url = pg.url(&db);
        let done = &done;
        s.spawn(move || writer(url, 2000, done));
        for k in 0..kills {
            let mut agent = Agent::spawn(&env, &["run"], &as_refs(&vars));
            match k {
                10 => pg.restart(),
                15 => {
                    env.cloud.set_outage(Some(Reply::status(503)));
                }
                18 => {
                    // Silence: requests are taken and never answered.
                    env.cloud
                        .set_outage(Some(Reply::Delay(Duration::from_secs(600))));
                }
                22 => env.cloud.set_outage(None),
                _ => {}
            }
            std::thread::sleep(Duration::from_millis(60 + rng.below(400)));
            agent.kill();
        }
    });
    env.cloud.set_outage(None);
    assert!(done.load(Ordering::SeqCst));
    let mut last = Agent::spawn(&env, &["run"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(40), || unprocessed(&pg, &db) == 0),
        "{} events left after the campaign:\n{}",
        unprocessed(&pg, &db),
        last.stderr()
    );
    assert_eq!(last.stop(), Some(0), "{}", last.stderr());

    let ids = event_ids(&pg, &db);
    assert!(ids.len() >= 2000, "{} rows committed", ids.len());
    let counts = accepted.lock().unwrap().clone();
    let delivered: BTreeSet<i64> = counts.keys().copied().collect();
    let missing: Vec<&i64> = ids.iter().filter(|id| !delivered.contains(id)).collect();
    assert!(missing.is_empty(), "never delivered: {missing:?}");
    assert_eq!(delivered.len(), ids.len(), "nothing but committed rows");
    let duplicates: usize = counts.values().map(|n| n - 1).sum();
    // Each crash (and the restart) may resend at most the batch in flight.
    let bound = (kills + 1) * 8;
    eprintln!(
        "{} events, {duplicates} duplicates (bound {bound}), {:?}",
        ids.len(),
        started.elapsed()
    );
    assert!(duplicates <= bound, "{duplicates} duplicates > {bound}");
    assert_no_secrets(&[&last.stderr()]);
}

#[test]
fn two_agents_on_one_database_never_send_the_same_row_and_a_third_is_told_why() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    let accepted = count_accepted(&env);
    insert_orders(pg, &db, 1500);
    // Each request takes a little while: both agents have rows in flight at once.
    env.cloud
        .set_outage(Some(Reply::Delay(Duration::from_millis(3))));
    // No request may time out here (a timed-out row is rightly sent again): any
    // row accepted twice was then sent by both agents.
    let mut vars = agent_vars(pg, &db);
    vars.retain(|(k, _)| *k != "SKENE_HTTP_TIMEOUT");
    vars.push(("SKENE_HTTP_TIMEOUT", "60".to_owned()));
    let other_config = env.root().join("other-config");
    let mut a = Agent::spawn(&env, &["run", "-v"], &as_refs(&vars));
    let mut b_vars = as_refs(&vars);
    let other = other_config.to_string_lossy().into_owned();
    b_vars.push(("SKENE_CONFIG_DIR", &other));
    let mut b = Agent::spawn(&env, &["run", "-v"], &b_vars);
    assert!(wait_for(Duration::from_secs(20), || a
        .stderr()
        .contains("connected")));

    // A third one with the first one's config directory: the lock of this
    // database and workspace says who forwards them.
    let third = env
        .skene()
        .args(["agent", "run"])
        .envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1);
    let (_, err) = outputs(&third);
    assert!(
        err.contains(
            "another skene agent already forwards this database's events to this workspace"
        ) && err.contains(&format!("pid {}", a.child.id())),
        "{err}"
    );

    assert!(
        wait_for(Duration::from_secs(40), || unprocessed(pg, &db) == 0),
        "{}\n{}",
        a.stderr(),
        b.stderr()
    );
    assert_eq!(a.stop(), Some(0));
    assert_eq!(b.stop(), Some(0));
    let counts = accepted.lock().unwrap().clone();
    assert_eq!(counts.len(), 1500);
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "sent twice: {twice:?}\n{}\n{}",
        a.stderr()
            .lines()
            .filter(|l| !l.contains("→ 202"))
            .collect::<Vec<_>>()
            .join("\n"),
        b.stderr()
            .lines()
            .filter(|l| !l.contains("→ 202"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let sent_by = |log: &str| -> BTreeSet<i64> {
        log.lines()
            .filter(|l| l.contains("→ 202"))
            .filter_map(|l| l.split('#').nth(1)?.split(' ').next()?.parse().ok())
            .collect()
    };
    let (by_a, by_b) = (sent_by(&a.stderr()), sent_by(&b.stderr()));
    assert!(
        !by_a.is_empty() && !by_b.is_empty(),
        "both worked: {} and {}",
        by_a.len(),
        by_b.len()
    );
    assert!(by_a.is_disjoint(&by_b));
    assert_eq!(by_a.len() + by_b.len(), 1500);
}
