//! `agent listen`, `agent secret`, `agent service`: what people type around the
//! forwarder.

use std::process::Command;
use std::time::Duration;

use super::*;

#[test]
fn listen_shows_events_and_the_agents_outcomes_and_never_writes() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    insert_orders(pg, &db, 1); // before listen: not shown without --since
    let url = pg.url(&db);
    let mut json = Agent::spawn(&env, &["listen", "--json"], &[("DATABASE_URL", &url)]);
    let mut text = Agent::spawn(
        &env,
        &[
            "listen", "--since", "1", "--table", "orders", "--type", "insert",
        ],
        &[("DATABASE_URL", &url)],
    );
    assert!(wait_for(Duration::from_secs(20), || json
        .stderr()
        .contains("Listening")
        && text.stderr().contains("Listening")));
    let org = "22222222-2222-2222-2222-222222222222";
    pg.exec(
        &db,
        &format!(
            "INSERT INTO public.orders (organization_id, created_by) VALUES ('{org}', '{org}')"
        ),
    );
    pg.exec(
        &db,
        "INSERT INTO auth.users VALUES ('33333333-3333-3333-3333-333333333333', 'x@example.com')",
    );
    // Hostile text in an event is shown, not obeyed.
    pg.exec(
        &db,
        "INSERT INTO skene_growth.event_log (event_type, metadata) VALUES ('public.orders.insert', '{\"n\": \"\u{202e}x\"}')",
    );
    assert!(
        wait_for(Duration::from_secs(10), || json.stdout().lines().count()
            == 3),
        "{}",
        json.stdout()
    );
    assert_eq!(unprocessed(pg, &db), 4, "listen changes nothing");
    assert!(env.cloud.requests().is_empty(), "listen needs no cloud");

    // An agent delivers; listen shows what it committed.
    let vars = agent_vars(pg, &db);
    let mut agent = Agent::spawn(&env, &["run"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(pg, &db) == 0),
        "{}",
        agent.stderr()
    );
    assert!(
        wait_for(Duration::from_secs(10), || json.stdout().lines().count()
            == 6),
        "{}",
        json.stdout()
    );
    agent.stop();
    let lines: Vec<Value> = json
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "event");
    assert_eq!(lines[0]["record"]["event_type"], "public.orders.insert");
    assert_eq!(lines[0]["record"]["metadata"]["organization_id"], org);
    assert_eq!(lines[1]["record"]["event_type"], "auth.users.insert");
    let outcomes: Vec<&Value> = lines.iter().filter(|l| l["type"] == "outcome").collect();
    assert_eq!(outcomes.len(), 3);
    for o in outcomes {
        assert_eq!(o["outcome"], "delivered");
        assert_eq!(o["status"], 202);
    }

    let shown = text.stdout();
    let shown: Vec<&str> = shown.lines().collect();
    // --since 1: the order from before; then the new order; the hostile one; never users.
    assert!(shown.len() >= 3, "{shown:#?}");
    let first = shown[0];
    let (clock, rest) = first.split_at(8);
    assert!(
        clock.chars().all(|c| c.is_ascii_digit() || c == ':'),
        "{first}"
    );
    assert!(
        rest.starts_with("  #1 public.orders.insert  entity="),
        "{first}"
    );
    assert!(
        shown[1].contains(&format!(
            "entity={org}  {{\"created_by\": \"{org}\", \"organization_id\": \"{org}\"}}"
        )),
        "{}",
        shown[1]
    );
    assert!(!text.stdout().contains("auth.users"));
    assert!(!text.stdout().contains('\u{1b}') && !text.stdout().contains('\u{202e}'));
    assert!(text.stdout().contains("\\u{202e}x"), "{}", text.stdout());
    assert!(
        text.stdout().contains("→ 202"),
        "outcomes too: {}",
        text.stdout()
    );
    json.kill();
    text.kill();
    assert_no_secrets(&[&json.stderr(), &text.stderr(), &text.stdout()]);
}

#[test]
fn the_secret_is_read_from_stdin_or_refused_and_never_shown() {
    let env = Env::new();
    let empty = env
        .skene()
        .args(["agent", "secret", "set"])
        .write_stdin("\n")
        .assert()
        .code(2);
    assert!(outputs(&empty).1.contains("the proxy secret is empty"));
    let none = env
        .skene()
        .args(["agent", "secret", "status"])
        .assert()
        .code(4);
    assert!(outputs(&none).1.contains("skene agent secret set"));
    let run = env
        .skene()
        .args(["agent", "run", "--db", "postgresql://u@127.0.0.1:1/db"])
        .assert()
        .code(4);
    assert!(
        outputs(&run)
            .1
            .contains("no proxy secret is set for default@127.0.0.1:"),
        "{}",
        outputs(&run).1
    );
    env.skene()
        .args(["agent", "secret", "set", "--store", "file"])
        .write_stdin(format!("{PROXY_SECRET}\n"))
        .assert()
        .success();
    let status = env
        .skene()
        .args(["--json", "agent", "secret", "status"])
        .assert()
        .success();
    let (out, err) = outputs(&status);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["set"], true);
    assert_eq!(v["source"], "file");
    assert_no_secrets(&[&out, &err]);
    // The environment wins, and is said to.
    let over = env
        .skene()
        .args(["agent", "secret", "status"])
        .env("SKENE_PROXY_SECRET", "psk_from_env_0000")
        .assert()
        .success();
    assert!(outputs(&over).1.contains("SKENE_PROXY_SECRET"));
    let files = env.files_containing(PROXY_SECRET);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("credentials.toml"));
    env.skene()
        .args(["agent", "secret", "delete"])
        .assert()
        .success();
    assert!(env.files_containing(PROXY_SECRET).is_empty());
}

#[test]
fn the_secret_lives_in_the_keyring_and_logout_leaves_it_alone() {
    let env = Env::with_keyring();
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin(format!("{}\n", support::OWNER_KEY))
        .assert()
        .success();
    let set = env
        .skene()
        .args(["agent", "secret", "set"])
        .write_stdin(format!("{PROXY_SECRET}\n"))
        .assert()
        .success();
    let (_, err) = outputs(&set);
    assert!(err.contains("OS keyring"), "{err}");
    assert!(
        err.contains(&format!("proxy-secret:{}", env.profile("my-app"))),
        "{err}"
    );
    assert!(
        env.files_containing(PROXY_SECRET).is_empty(),
        "not in any file"
    );
    env.skene().args(["logout", "--all"]).assert().success();
    // Without the login the workspace has no name but its server's ("default@…"),
    // which has no secret; my-app's is still there under its own name.
    env.skene()
        .args(["agent", "secret", "status"])
        .assert()
        .code(4);
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin(format!("{}\n", support::OWNER_KEY))
        .assert()
        .success();
    let again = env
        .skene()
        .args(["agent", "secret", "status"])
        .assert()
        .success();
    assert!(outputs(&again).1.contains("OS keyring"));
}

#[test]
fn the_service_files_verify_and_hold_no_secret() {
    let env = Env::new();
    let db_with_password = format!(
        "postgresql://app:{}@127.0.0.1:5432/app",
        support::postgres::PG_PASSWORD
    );
    let install = env
        .skene()
        .args(["agent", "service", "install", "--no-start", "--take-over"])
        .env("SKENE_PROXY_SECRET", PROXY_SECRET)
        .env("DATABASE_URL", &db_with_password)
        .assert()
        .success();
    let unit_path = env.home().join(".config/systemd/user/skene-agent.service");
    let unit = std::fs::read_to_string(&unit_path).unwrap();
    assert_no_secrets(&[&unit, &outputs(&install).1]);
    assert!(
        unit.contains("Restart=on-failure\nRestartSec=5\n"),
        "{unit}"
    );
    assert!(unit.contains("After=network-online.target"), "{unit}");
    assert!(
        unit.contains(&format!("\"--api-url\" \"{}\"", env.cloud.api_url())),
        "{unit}"
    );
    assert!(unit.contains("\"agent\" \"run\""), "{unit}");
    assert!(unit.contains("\"--take-over\""), "{unit}");

    // systemd's own verdict: no error, no warning.
    let verify = Command::new("systemd-analyze")
        .args(["--user", "verify"])
        .arg(&unit_path)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", env.home())
        .env("XDG_RUNTIME_DIR", env.home().join("run"))
        .output()
        .expect("systemd-analyze is needed for this test: install Debian's `systemd` package (.ci/run does)");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&verify.stdout),
        String::from_utf8_lossy(&verify.stderr)
    );
    assert!(
        verify.status.success() && said.trim().is_empty(),
        "systemd-analyze verify:\n{said}\n{unit}"
    );

    // DATABASE_URL of the shell went to the unit's EnvironmentFile, for this
    // user's eyes only.
    let env_file = env.config_dir().join("agent.env");
    let written = std::fs::read_to_string(&env_file).unwrap();
    assert!(
        written.contains(&format!("DATABASE_URL=\"{db_with_password}\"")),
        "{written}"
    );
    assert!(
        unit.contains(&format!("EnvironmentFile=-{}", env_file.display())),
        "{unit}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }

    let status = env
        .skene()
        .args(["agent", "service", "status"])
        .assert()
        .success();
    assert!(outputs(&status).0.contains("skene-agent.service"));
    assert!(
        !outputs(&status).1.contains("agent.env"),
        "{}",
        outputs(&status).1
    );

    // Made readable by others: said, with the fix, by status and install.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&env_file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let status = env
            .skene()
            .args(["agent", "service", "status"])
            .assert()
            .success();
        let err = outputs(&status).1;
        assert!(
            err.contains("agent.env can be read by other users")
                && err.contains("mode 644")
                && err.contains("chmod 600"),
            "{err}"
        );
        let again = env
            .skene()
            .args(["agent", "service", "install", "--no-start"])
            .env("DATABASE_URL", &db_with_password)
            .assert()
            .success();
        assert!(
            outputs(&again).1.contains("chmod 600"),
            "{}",
            outputs(&again).1
        );
        assert_no_secrets(&[&outputs(&again).0, &outputs(&again).1, &err]);
        assert_eq!(
            std::fs::read_to_string(&env_file).unwrap(),
            written,
            "left as it was"
        );
    }

    // A password on the command line would end up in the file: refused.
    let refused = env
        .skene()
        .args([
            "agent",
            "service",
            "install",
            "--dry-run",
            "--db",
            &db_with_password,
        ])
        .assert()
        .code(2);
    assert_no_secrets(&[&outputs(&refused).0, &outputs(&refused).1]);

    // The macOS LaunchAgent, checked with a plist parser.
    let plist = env
        .skene()
        .args([
            "agent",
            "service",
            "install",
            "--dry-run",
            "--kind",
            "launchd",
        ])
        .assert()
        .success();
    let text = outputs(&plist).0;
    let value = plist::Value::from_reader_xml(text.as_bytes()).unwrap();
    let dict = value.as_dictionary().unwrap();
    assert_eq!(dict["Label"].as_string(), Some("ai.skene.agent"));
    let args: Vec<&str> = dict["ProgramArguments"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    assert_eq!(&args[1..3], ["agent", "run"]);
    assert!(args[0].ends_with("skene"));
    assert_eq!(
        dict["KeepAlive"].as_dictionary().unwrap()["SuccessfulExit"].as_boolean(),
        Some(false)
    );
    assert!(
        dict["StandardErrorPath"]
            .as_string()
            .unwrap()
            .ends_with("Library/Logs/skene-agent.log")
    );

    // Uninstall removes the file even without a user systemd to talk to.
    let removed = env
        .skene()
        .args(["agent", "service", "uninstall"])
        .assert()
        .success();
    assert!(!unit_path.exists(), "{}", outputs(&removed).1);
}

#[cfg(unix)]
#[test]
fn the_secret_is_typed_at_a_masked_prompt() {
    use rexpect::session::spawn_command;
    let env = Env::new();
    let mut cmd = env.std_skene();
    cmd.args(["agent", "secret", "set", "--store", "file"]);
    let mut p = spawn_command(cmd, Some(15_000)).expect("spawn skene in a pty");
    p.exp_string("Paste the workspace's proxy secret (input is masked): ")
        .expect("the prompt appears");
    p.send(PROXY_SECRET).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    let screen = p.exp_string("stored in").expect("stored");
    assert!(
        screen.contains(&"*".repeat(PROXY_SECRET.len())),
        "{screen:?}"
    );
    let rest = p.exp_eof().unwrap();
    assert_no_secrets(&[&screen, &rest]);
    let files = env.files_containing(PROXY_SECRET);
    assert!(
        files.len() == 1 && files[0].ends_with("credentials.toml"),
        "{files:?}"
    );
}
