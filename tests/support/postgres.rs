//! A real, throwaway PostgreSQL cluster for tests: `initdb` in a temporary
//! directory, the server on a free loopback port (and a unix socket in that
//! directory), password authentication, as an unprivileged user when the tests
//! run as root. Several databases per cluster; stop, start and restart mid-test.
//!
//! Torn down at the end even on failure: `Drop` stops a private cluster, and a
//! watchdog process stops the cluster and removes its directory once the test
//! process is gone (the shared cluster is a static, which is never dropped).
//! Without PostgreSQL's server binaries every test that asks for one fails,
//! naming the package to install.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use tempfile::TempDir;

/// The superuser of every test cluster, and its password.
pub const PG_USER: &str = "skene_admin";
pub const PG_PASSWORD: &str = "pg-Test-Secr3t-7d1f";

#[derive(Debug, Clone, Default)]
pub struct PgOptions {
    /// A server certificate and key (PEM): the server then offers TLS.
    pub tls: Option<(String, String)>,
    /// Log every statement with its application name (`app|…`) in the server log.
    pub log_statements: bool,
}

pub struct Postgres {
    dir: Option<TempDir>,
    root: PathBuf,
    bin: PathBuf,
    data: PathBuf,
    log: PathBuf,
    run_as: Option<String>,
    port: u16,
    watchdog: Option<std::process::Child>,
}

static SHARED: OnceLock<Postgres> = OnceLock::new();
static DB_COUNTER: AtomicU32 = AtomicU32::new(0);

/// The directory of `initdb`, `pg_ctl`, `psql`: `SKENE_TEST_PG_BIN`, else the newest
/// `/usr/lib/postgresql/*/bin` (Debian), else `pg_config --bindir`.
fn find_bin() -> PathBuf {
    if let Some(dir) = std::env::var_os("SKENE_TEST_PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| {
                    let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
                    let bin = e.path().join("bin");
                    bin.join("initdb").is_file().then_some((v, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return bin;
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").is_file() {
            return dir;
        }
    }
    panic!(
        "PostgreSQL's server binaries (initdb, pg_ctl) were not found: install Debian's \
         `postgresql` package (.ci/run does), or set SKENE_TEST_PG_BIN to their directory"
    );
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// The unprivileged user the server runs as when the tests run as root.
fn server_user() -> String {
    for user in ["postgres", "skene-pgtest"] {
        if Command::new("id")
            .arg("-u")
            .arg(user)
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return user.to_owned();
        }
    }
    let status = Command::new("useradd")
        .args([
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            "skene-pgtest",
        ])
        .status()
        .expect("useradd runs");
    // 9: created meanwhile by a concurrent test process.
    assert!(
        status.success() || status.code() == Some(9),
        "cannot create the user skene-pgtest"
    );
    "skene-pgtest".to_owned()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Postgres {
    /// The cluster shared by every test of this test binary (one database each).
    pub fn shared() -> &'static Postgres {
        SHARED.get_or_init(|| Postgres::start_with(PgOptions::default()))
    }

    /// A private cluster, for tests that stop or restart it.
    pub fn start() -> Postgres {
        Postgres::start_with(PgOptions::default())
    }

    pub fn start_with(options: PgOptions) -> Postgres {
        let bin = find_bin();
        let dir = tempfile::Builder::new()
            .prefix("skene-pg-")
            .tempdir()
            .unwrap();
        let root = dir.path().to_path_buf();
        let data = root.join("data");
        let log = root.join("server.log");
        let run_as = is_root().then(server_user);
        let pwfile = root.join("pw");
        std::fs::write(&pwfile, PG_PASSWORD).unwrap();
        if let Some(user) = &run_as {
            let ok = Command::new("chown")
                .arg("-R")
                .arg(format!("{user}:"))
                .arg(&root)
                .status()
                .unwrap();
            assert!(ok.success(), "cannot hand {} to {user}", root.display());
        }
        let mut pg = Postgres {
            dir: Some(dir),
            root: root.clone(),
            bin,
            data: data.clone(),
            log,
            run_as,
            port: 0,
            watchdog: None,
        };
        let init = pg
            .as_server_user(&pg.bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                PG_USER,
                "-A",
                "scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync",
            ])
            .arg(format!("--pwfile={}", pwfile.display()))
            .output()
            .expect("initdb runs");
        assert!(
            init.status.success(),
            "initdb failed:\n{}",
            String::from_utf8_lossy(&init.stderr)
        );
        pg.start_watchdog();
        let mut conf = format!(
            "\n# skene tests\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 50\n",
            root.display()
        );
        if let Some((cert, key)) = &options.tls {
            std::fs::write(data.join("server.crt"), cert).unwrap();
            std::fs::write(data.join("server.key"), key).unwrap();
            pg.chown(&data.join("server.crt"));
            pg.chown(&data.join("server.key"));
            let mode = Command::new("chmod")
                .arg("600")
                .arg(data.join("server.key"))
                .status()
                .unwrap();
            assert!(mode.success());
            conf.push_str("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n");
        }
        if options.log_statements {
            conf.push_str("log_statement = 'all'\nlog_line_prefix = '%a|'\n");
        }
        let conf_path = data.join("postgresql.conf");
        let mut text = std::fs::read_to_string(&conf_path).unwrap();
        text.push_str(&conf);
        // A free port can be taken by someone else before the server binds it: retry.
        for attempt in 0..5 {
            pg.port = free_port();
            std::fs::write(&conf_path, format!("{text}port = {}\n", pg.port)).unwrap();
            if pg.pg_ctl(&["start", "-w", "-t", "60"]).status.success() {
                return pg;
            }
            assert!(attempt < 4, "the test server does not start:\n{}", pg.log());
        }
        unreachable!()
    }

    /// After this process ends (however it ends), stop the server and remove its
    /// directory.
    fn start_watchdog(&mut self) {
        let pg_ctl = self.bin.join("pg_ctl");
        let stop = match &self.run_as {
            Some(user) => format!("runuser -u {user} -- \"$3\" -D \"$4\" stop -m immediate"),
            None => "\"$3\" -D \"$4\" stop -m immediate".to_owned(),
        };
        let script = format!(
            "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf \"$2\""
        );
        let child = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg("sh")
            .arg(std::process::id().to_string())
            .arg(&self.root)
            .arg(&pg_ctl)
            .arg(&self.data)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the watchdog starts");
        self.watchdog = Some(child);
    }

    fn as_server_user(&self, program: &Path) -> Command {
        match &self.run_as {
            Some(user) => {
                let mut cmd = Command::new("runuser");
                cmd.args(["-u", user, "--"]).arg(program);
                cmd.current_dir("/");
                cmd
            }
            None => Command::new(program),
        }
    }

    fn chown(&self, path: &Path) {
        if let Some(user) = &self.run_as {
            assert!(
                Command::new("chown")
                    .arg(format!("{user}:"))
                    .arg(path)
                    .status()
                    .unwrap()
                    .success()
            );
        }
    }

    fn pg_ctl(&self, args: &[&str]) -> Output {
        self.as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(&self.data)
            .arg("-l")
            .arg(&self.log)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("pg_ctl runs")
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The directory of the unix socket.
    pub fn socket_dir(&self) -> &Path {
        &self.root
    }

    /// The server log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Stops the server (fast shutdown: sessions are ended).
    pub fn stop(&self) {
        let out = self.pg_ctl(&["stop", "-w", "-m", "fast"]);
        assert!(
            out.status.success(),
            "pg_ctl stop: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts it again on the same port.
    pub fn start_again(&self) {
        for _ in 0..10 {
            if self.pg_ctl(&["start", "-w", "-t", "60"]).status.success() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        panic!("the test server does not start again:\n{}", self.log());
    }

    pub fn restart(&self) {
        self.stop();
        self.start_again();
    }

    /// A new, empty database with a unique name starting with `prefix`.
    pub fn create_db(&self, prefix: &str) -> String {
        let n = DB_COUNTER.fetch_add(1, Ordering::SeqCst);
        let name = format!("{prefix}_{}_{n}", std::process::id());
        self.exec("postgres", &format!("CREATE DATABASE \"{name}\""));
        name
    }

    /// `postgresql://skene_admin:…@127.0.0.1:PORT/db?sslmode=disable`.
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgresql://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    fn psql_cmd(&self, db: &str) -> Command {
        let mut cmd = Command::new(self.bin.join("psql"));
        cmd.env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("PGPASSWORD", PG_PASSWORD)
            .env("PGCONNECT_TIMEOUT", "10")
            .args([
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-U",
                PG_USER,
            ])
            .arg("-p")
            .arg(self.port.to_string())
            .arg("-d")
            .arg(db)
            .stdin(Stdio::null());
        cmd
    }

    /// Runs `sql` with psql; the output, whatever happened.
    pub fn psql(&self, db: &str, sql: &str) -> Output {
        self.psql_cmd(db)
            .arg("-c")
            .arg(sql)
            .output()
            .expect("psql runs")
    }

    /// Runs a file with psql.
    pub fn psql_file(&self, db: &str, file: &Path) -> Output {
        self.psql_cmd(db)
            .arg("-f")
            .arg(file)
            .output()
            .expect("psql runs")
    }

    /// Runs `sql` and fails the test if it fails.
    pub fn exec(&self, db: &str, sql: &str) {
        let out = self.psql(db, sql);
        assert!(
            out.status.success(),
            "psql failed on {sql:?}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Applies a migration file and fails the test if it fails.
    pub fn apply(&self, db: &str, file: &Path) {
        let out = self.psql_file(db, file);
        assert!(
            out.status.success(),
            "applying {} failed:\n{}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The rows of `sql`, unaligned, fields separated by `|`, one row a line.
    pub fn query(&self, db: &str, sql: &str) -> String {
        let out = self
            .psql_cmd(db)
            .args(["-A", "-t", "-c", sql])
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "query {sql:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim_end().to_owned()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self.pg_ctl(&["stop", "-w", "-m", "immediate"]);
        if let Some(mut w) = self.watchdog.take() {
            let _ = w.kill();
            let _ = w.wait();
        }
        drop(self.dir.take());
    }
}
