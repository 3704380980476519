//! `skene agent run | status | env | token rotate` as a user meets them: the state
//! file, one agent per workspace, a clean stop, the local token's life.

use std::time::Duration;

use super::harness::{Agent, authed, canary_env};
use crate::support::{Env, OTHER_WS_KEY, OWNER_KEY, outputs};

#[test]
fn the_agent_needs_a_login_and_plain_origins() {
    let mut env = Env::new();
    env.skene()
        .args(["agent", "run", "--gateway-only", "--gateway-port", "0"])
        .assert()
        .code(4)
        .stderr(predicates::str::contains("not logged in"));
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.skene()
        .args(["agent", "run", "--gateway-only", "--allow-origin", "*"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--allow-origin"));
}

#[test]
fn status_and_env_without_an_agent() {
    let env = canary_env();
    let assert = env.skene().args(["agent", "status"]).assert().code(3);
    insta::assert_snapshot!(env.snapshot(&assert), @r"
    exit: 3
    --- stdout
    --- stderr
    error: no skene agent is running
      hint: start one with `skene agent run` (`--gateway-only` serves the gateway without forwarding events), or keep one running with `skene agent service install`
    --- end
    ");
    let assert = env
        .skene()
        .args(["agent", "env", "--format", "dotenv"])
        .assert()
        .success();
    let (stdout, stderr) = outputs(&assert);
    assert!(
        stdout.starts_with("OPENAI_BASE_URL=http://127.0.0.1:4917/v1\nOPENAI_API_KEY=skl_"),
        "{stdout}"
    );
    assert!(stderr.contains("no skene agent is running"), "{stderr}");
    // The token was made on first use, private.
    let token_file = env.config_dir().join("agent/token");
    let token = std::fs::read_to_string(&token_file).unwrap();
    assert!(stdout.contains(token.trim()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&token_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn env_prints_the_running_agents_url_and_token_in_every_format() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    let url = agent.base_url();
    let t = &agent.token;
    for (format, expected) in [
        (
            "sh",
            format!("export OPENAI_BASE_URL='{url}'\nexport OPENAI_API_KEY='{t}'\n"),
        ),
        (
            "fish",
            format!("set -gx OPENAI_BASE_URL '{url}'\nset -gx OPENAI_API_KEY '{t}'\n"),
        ),
        (
            "powershell",
            format!("$env:OPENAI_BASE_URL = '{url}'\n$env:OPENAI_API_KEY = '{t}'\n"),
        ),
        (
            "dotenv",
            format!("OPENAI_BASE_URL={url}\nOPENAI_API_KEY={t}\n"),
        ),
    ] {
        env.skene()
            .args(["agent", "env", "--format", format])
            .assert()
            .success()
            .stdout(expected)
            .stderr("");
    }
    let assert = env
        .skene()
        .args(["agent", "env", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"OPENAI_BASE_URL": url, "OPENAI_API_KEY": t})
    );
    // What `eval "$(skene agent env)"` gives a shell.
    let script = outputs(&env.skene().args(["agent", "env"]).assert().success()).0;
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            &format!("{script}\nprintf '%s %s' \"$OPENAI_BASE_URL\" \"$OPENAI_API_KEY\""),
        ])
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{url} {t}"));
}

#[test]
fn status_shows_the_running_agent() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    authed(&agent, "GET", "/v1/models", "");
    authed(&agent, "GET", "/nowhere", "");
    let assert = env.skene().args(["agent", "status"]).assert().success();
    let (stdout, _) = outputs(&assert);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!(
            "Agent:      running for the workspace of its key (pid {}, skene ",
            agent.pid()
        )),
        "{stdout}"
    );
    assert_eq!(lines[1], format!("API:        {}", env.cloud.api_url()));
    assert_eq!(lines[2], format!("Gateway:    {}", agent.base_url()));
    assert!(
        lines[3].starts_with("  requests: 2 (1 relayed, 0 refused, 0 upstream errors"),
        "{stdout}"
    );
    assert_eq!(lines[4], "Forwarder:  off (--gateway-only)");
    let assert = env
        .skene()
        .args(["agent", "status", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["pid"], agent.pid());
    assert_eq!(v["gateway"]["forwarded"], 1);
    assert_eq!(v["forwarder"]["enabled"], false);
}

#[test]
fn one_agent_per_workspace_and_a_clean_stop() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let agent = Agent::start(&env, &[]);
    let state = std::fs::read_to_string(agent.state_path()).unwrap();
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["slot"], env.profile("my-app"));
    assert_eq!(state["workspace"], "my-app");
    assert_eq!(state["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(state["forwarder"], false);
    assert!(state["started_at"].as_str().unwrap().ends_with('Z'));

    let assert = env
        .skene()
        .args(["agent", "run", "--gateway-only", "--gateway-port", "0"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1);
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains(&format!(
            "error: another skene agent is already running for {} (pid {}, gateway on http://127.0.0.1:{}",
            env.profile("my-app"),
            agent.pid(),
            agent.port
        )),
        "{stderr}"
    );

    // Another workspace may have its own agent; `agent status` shows the active
    // login's, or the one --workspace names.
    env.login_file(OTHER_WS_KEY);
    let other = Agent::start(&env, &[]);
    assert_ne!(other.port, agent.port);
    let pid_of = |args: &[&str]| -> serde_json::Value {
        let assert = env.skene().args(args).assert().success();
        serde_json::from_str::<serde_json::Value>(&outputs(&assert).0).unwrap()["pid"].clone()
    };
    assert_eq!(pid_of(&["agent", "status", "--json"]), other.pid());
    assert_eq!(
        pid_of(&["--workspace", "my-app", "agent", "status", "--json"]),
        agent.pid()
    );
    drop(other);

    let path = agent.state_path().to_path_buf();
    let (exit, log) = agent.stop();
    assert_eq!(exit.code(), Some(0), "{log}");
    assert!(log.contains("stopping: requests in flight"), "{log}");
    assert!(log.trim_end().ends_with("stopped"), "{log}");
    assert!(!path.exists(), "the state file is removed on a clean stop");
    env.skene().args(["agent", "status"]).assert().code(3);
}

#[test]
fn a_killed_agent_leaves_nothing_that_blocks_the_next() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    let path = agent.state_path().to_path_buf();
    super::harness::signal(agent.pid(), "KILL");
    std::thread::sleep(Duration::from_millis(200));
    assert!(path.exists(), "SIGKILL leaves the state file");
    env.skene().args(["agent", "status"]).assert().code(3);
    assert!(!path.exists(), "status removed the stale file");
    let again = Agent::start(&env, &[]);
    assert_eq!(authed(&again, "GET", "/v1/models", "").status, 200);
    drop(agent);
}

#[test]
fn a_rotated_token_is_refused_at_once_and_the_new_one_taken() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    let old = agent.bearer();
    assert_eq!(authed(&agent, "GET", "/v1/models", "").status, 200);
    let assert = env
        .skene()
        .args(["agent", "token", "rotate"])
        .assert()
        .success();
    let (stdout, stderr) = outputs(&assert);
    assert_eq!(stdout, "");
    assert!(stderr.contains("wrote a new local token"), "{stderr}");
    assert!(
        stderr.contains(&format!("(pid {}) accepts only the new token", agent.pid())),
        "{stderr}"
    );
    let new = bearer_in_file(&env);
    assert_ne!(new, old);
    let a = super::harness::request(&agent, "GET", "/v1/models", &[("authorization", &old)], "");
    assert_eq!(a.status, 401, "the old token is out");
    let a = super::harness::request(&agent, "GET", "/v1/models", &[("authorization", &new)], "");
    assert_eq!(a.status, 200, "the new one is in, without a restart");
    // For scripts: which agents were told, and the one before is out at once too.
    let assert = env
        .skene()
        .args(["--json", "agent", "token", "rotate"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(v["running_agents"], serde_json::json!([agent.pid()]), "{v}");
    assert_eq!(
        v["switched_agents"],
        serde_json::json!([agent.pid()]),
        "{v}"
    );
    assert_eq!(v["unconfirmed_agents"], serde_json::json!([]), "{v}");
    let a = super::harness::request(&agent, "GET", "/v1/models", &[("authorization", &new)], "");
    assert_eq!(a.status, 401, "the previous token is out at once");
    agent.wait_for_log("the local token was replaced");
}

#[test]
fn the_default_port_falls_back_to_a_free_one_and_a_chosen_busy_port_fails() {
    let env = canary_env();
    // Hold the default port (if something else already does, it is just as taken).
    let _held = std::net::TcpListener::bind(("127.0.0.1", 4917));
    let agent = Agent::start_raw(&env, &["agent", "run", "--gateway-only"]);
    assert_ne!(agent.port, 4917);
    let log = agent.wait_for_log("port 4917 is taken");
    assert!(
        log.contains(&format!("listening on port {} instead", agent.port)),
        "{log}"
    );
    env.skene()
        .args(["agent", "run", "--gateway-only", "--gateway-port"])
        .arg(agent.port.to_string())
        .env("SKENE_API_URL", "http://127.0.0.1:9/api/v1")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(format!(
            "port {} on 127.0.0.1 is taken",
            agent.port
        )));
}

#[test]
fn json_logs_are_one_object_per_line() {
    let env = canary_env();
    let agent = Agent::start(&env, &["--json"]);
    authed(
        &agent,
        "POST",
        "/v1/chat/completions",
        r#"{"model":"fast","messages":[]}"#,
    );
    let log = agent.wait_for_log("\"request\"");
    for line in log.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}"));
        assert!(v["ts"].is_string() && v["level"].is_string(), "{line}");
    }
    let req: serde_json::Value = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["message"] == "request")
        .unwrap();
    assert_eq!(req["method"], "POST");
    assert_eq!(req["path"], "/v1/chat/completions");
    assert_eq!(req["model"], "fast");
    assert_eq!(req["status"], 200);
    assert!(req["latency_ms"].is_number() && req["bytes"].as_u64().unwrap() > 0);
    assert!(req["request_id"].is_string());
}

#[test]
fn status_and_rotate_reach_the_agent_directly_never_through_a_proxy() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    // A "proxy" that would see the local token in the clear: it must see nothing.
    let proxy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    proxy.set_nonblocking(true).unwrap();
    let url = format!("http://{}", proxy.local_addr().unwrap());
    for args in [&["agent", "status"][..], &["agent", "token", "rotate"][..]] {
        let assert = env
            .skene()
            .args(args)
            .env("http_proxy", &url)
            .env("HTTP_PROXY", &url)
            .env("ALL_PROXY", &url)
            .assert()
            .success();
        let (stdout, stderr) = outputs(&assert);
        assert!(
            stdout.contains("Agent:") || stderr.contains("accepts only the new token"),
            "{args:?}: {stdout}{stderr}"
        );
    }
    assert!(
        proxy.accept().is_err(),
        "a command went to the agent through the proxy"
    );
    drop(agent);
}

#[cfg(unix)]
#[test]
fn a_token_file_others_can_read_is_refused_with_the_reason_said_once() {
    use std::os::unix::fs::PermissionsExt;
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    assert_eq!(authed(&agent, "GET", "/v1/models", "").status, 200);
    let file = env.config_dir().join("agent/token");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    for _ in 0..2 {
        let a = authed(&agent, "GET", "/v1/models", "");
        assert_eq!(a.status, 401);
        let message = a.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(message.contains("other users can read it"), "{message}");
        assert!(message.contains("skene agent token rotate"), "{message}");
    }
    let log = agent.wait_for_log("→ 401 invalid_api_key");
    assert_eq!(
        log.matches("the local token cannot be used").count(),
        1,
        "warned once:\n{log}"
    );
    env.skene()
        .args(["agent", "token", "rotate"])
        .assert()
        .success();
    let new = bearer_in_file(&env);
    let a = super::harness::request(&agent, "GET", "/v1/models", &[("authorization", &new)], "");
    assert_eq!(a.status, 200);
    agent.wait_for_log("the local token file can be used again");
}

#[test]
fn env_takes_bash_and_zsh_for_sh() {
    let env = canary_env();
    for shell in ["bash", "zsh"] {
        let assert = env
            .skene()
            .args(["agent", "env", "--format", shell])
            .assert()
            .success();
        let (stdout, _) = outputs(&assert);
        assert!(
            stdout.contains("export OPENAI_BASE_URL='http://127.0.0.1:"),
            "{shell}: {stdout}"
        );
    }
}

/// `Bearer <the token in the agent's token file>`, as it is now.
fn bearer_in_file(env: &Env) -> String {
    let token = std::fs::read_to_string(env.config_dir().join("agent/token")).unwrap();
    format!("Bearer {}", token.trim())
}
