//! The interactive `skene login` on a pseudo-terminal, where a browser can be
//! opened: it offers the browser, and asks before storing a login that did not
//! send back its state.

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use super::{Browser, Opener, PATIENCE, send};
use crate::support::fake_cloud::routes::auth::{self, AuthPage};
use crate::support::{Env, OWNER_KEY};

fn spawn_login(env: &Env) -> PtySession {
    let mut cmd = env.std_skene();
    cmd.args(["login", "--store", "file", "--timeout", "150"]);
    spawn_command(cmd, Some(PATIENCE.as_millis() as u64)).expect("spawn skene in a pty")
}

fn exit_code(session: &PtySession) -> i32 {
    match session.process().wait().expect("wait for skene") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("skene did not exit normally: {other:?}"),
    }
}

#[test]
fn the_terminal_offers_the_browser_then_confirms_a_login_without_state() {
    let mut env = Env::new();
    let browser = Browser::install(&mut env, Opener::Chromium);
    env.cloud.add_route(auth::page(
        AuthPage::redirect(OWNER_KEY, "my-app").without_state(),
    ));
    let mut p = spawn_login(&env);
    p.exp_string("Open the browser to log in? [Y/n] ")
        .expect("the browser is offered");
    p.send("y").unwrap();
    p.flush().unwrap();
    let before = p
        .exp_string("Log in to Workspace my-app (my-app) as ada@example.com? [Y/n] ")
        .expect("an untied login is shown before it is stored");
    assert!(
        before.contains("/auth?callback=http://localhost:"),
        "{before:?}"
    );
    assert!(
        before.contains("did not send back this login's state"),
        "{before:?}"
    );
    assert!(
        !env.config_dir().join("config.toml").exists(),
        "nothing stored yet"
    );
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Logged in to Workspace my-app (my-app)")
        .expect("login succeeds");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let dom = browser.dom();
    assert!(
        dom.contains("Logged in to Workspace my-app. You can close this tab."),
        "{dom}"
    );
    assert_eq!(env.files_containing(OWNER_KEY).len(), 1);
}

#[test]
fn ctrl_c_at_the_confirmation_exits_130_and_stores_nothing() {
    let mut env = Env::new();
    let browser = Browser::install(&mut env, Opener::Record);
    let mut p = spawn_login(&env);
    p.exp_string("Open the browser to log in? [Y/n] ").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    let url = browser.url();
    let page = std::thread::spawn(move || {
        send(
            url.port,
            &format!(
                "GET /callback?api_key={OWNER_KEY}&slug=my-app HTTP/1.1\r\nhost: localhost:{}",
                url.port
            ),
            b"",
        )
        .unwrap()
    });
    p.exp_string("? [Y/n] ").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("interrupted")
        .expect("says it was interrupted");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);
    let (status, html) = page.join().unwrap();
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("The login failed: interrupted"), "{html}");
    assert!(!env.config_dir().exists(), "nothing was stored");
}

#[test]
fn answering_no_falls_back_to_pasting_a_key() {
    let mut env = Env::new();
    let browser = Browser::install(&mut env, Opener::Record);
    let mut p = spawn_login(&env);
    p.exp_string("Open the browser to log in? [Y/n] ").unwrap();
    p.send("n").unwrap();
    p.flush().unwrap();
    p.exp_string("Paste your API key (input is masked): ")
        .expect("the paste prompt follows");
    p.send(OWNER_KEY).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Logged in to").expect("login succeeds");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    assert!(!browser.opened());
    assert_eq!(env.files_containing(OWNER_KEY).len(), 1);
}
