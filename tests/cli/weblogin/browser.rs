//! End to end with a real browser: headless Chromium loads the fake cloud's
//! `/auth` page, which hands the key to skene's loopback server by a redirect
//! or a fetch (with its CORS preflight), or reports a cancelled login.

use super::{Browser, Opener, PATIENCE};
use crate::support::fake_cloud::routes::auth::{self, AuthPage};
use crate::support::{Env, OWNER_KEY, outputs};

/// A key in skene's environment that must never reach the browser.
const ENV_SECRET: &str = "sk_ws_ENVSECRETmustnotleak000000";

fn web_login(env: &Env, extra: &[&str]) -> assert_cmd::assert::Assert {
    env.skene()
        .args(["login", "--web", "--store", "file", "--timeout", "150"])
        .args(extra)
        .timeout(PATIENCE + PATIENCE / 2)
        .assert()
}

/// The browser's environment holds nothing of skene's.
fn assert_clean_env(browser: &Browser) {
    let seen = browser.env();
    assert!(!seen.contains(ENV_SECRET), "{seen}");
    assert!(
        !seen.lines().any(|l| l.starts_with("SKENE_")),
        "SKENE_* variables reached the browser:\n{seen}"
    );
    assert!(
        seen.contains("HOME="),
        "the rest of the environment stays: {seen}"
    );
}

fn assert_logged_in_as_owner(env: &Env) {
    env.skene()
        .args(["auth", "token"])
        .env_remove("SKENE_API_KEY")
        .assert()
        .success()
        .stdout(format!("{OWNER_KEY}\n"));
    let config = std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap();
    assert!(
        config.contains(&format!(
            "upstream = \"{}/workspace/my-app\"",
            env.cloud.origin()
        )),
        "{config}"
    );
}

#[test]
fn chromium_logs_in_through_a_redirect() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", ENV_SECRET);
    let browser = Browser::install(&mut env, Opener::Chromium);
    env.cloud
        .add_route(auth::page(AuthPage::redirect(OWNER_KEY, "my-app")));

    let assert = web_login(&env, &[]).success();
    let (_, stderr) = outputs(&assert);
    let url = browser.url();
    assert!(
        stderr.contains(&url.full),
        "the URL is printed too: {stderr}"
    );
    assert_eq!(url.origin, env.cloud.origin());
    assert_eq!(
        url.callback,
        format!("http://localhost:{}/callback", url.port)
    );
    assert_eq!(url.state.len(), 64, "256 bits of state");
    assert!(
        stderr.contains("Logged in to Workspace my-app (my-app) as ada@example.com (owner)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Log in to"),
        "a tied login asks nothing: {stderr}"
    );

    let dom = browser.dom();
    assert!(
        dom.contains("Logged in to Workspace my-app. You can close this tab."),
        "{dom}"
    );
    assert_clean_env(&browser);
    assert_logged_in_as_owner(&env);
    // The key was checked with /me before it was stored, once.
    assert_eq!(env.cloud.requests_to("/me").len(), 1);
    assert_eq!(env.files_containing(OWNER_KEY).len(), 1);
}

#[test]
fn chromium_logs_in_through_a_fetch_with_json_output() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", ENV_SECRET);
    let browser = Browser::install(&mut env, Opener::Chromium);
    env.cloud
        .add_route(auth::page(AuthPage::fetch(OWNER_KEY, "my-app")));

    let assert = web_login(&env, &["--json"]).success();
    let (stdout, stderr) = outputs(&assert);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(doc["profile"], env.profile("my-app"));
    assert_eq!(doc["workspace"]["slug"], "my-app");
    assert_eq!(doc["user"]["email"], "ada@example.com");
    assert_eq!(doc["store"], "file");
    assert!(!stdout.contains(OWNER_KEY) && !stderr.contains(OWNER_KEY));

    let dom = browser.dom();
    assert!(
        dom.contains("OK: Logged in to Workspace my-app. You can close this tab."),
        "the page read the answer of its fetch: {dom}"
    );
    assert_clean_env(&browser);
    assert_logged_in_as_owner(&env);
}

#[test]
fn a_login_cancelled_on_the_page_stores_nothing() {
    let mut env = Env::new();
    let browser = Browser::install(&mut env, Opener::Chromium);
    env.cloud.add_route(auth::page(AuthPage::error(
        "access_denied: <b>the user cancelled</b>",
    )));

    let assert = web_login(&env, &[]).code(1);
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains(
            "the sign-in page reported an error: access_denied: <b>the user cancelled</b>"
        ),
        "{stderr}"
    );
    let dom = browser.dom();
    assert!(
        dom.contains("FAILED 400: The login failed: the sign-in page reported an error: access_denied: &lt;b&gt;the user cancelled&lt;/b&gt;. See the terminal for details."),
        "{dom}"
    );
    assert!(!env.config_dir().exists(), "nothing was stored");
    assert!(env.cloud.requests_to("/me").is_empty());
}
