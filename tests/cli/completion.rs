//! Shell completion of saved logins: the script `skene completions bash` prints,
//! run by a real bash, asks the binary, which reads config.toml.

use crate::support::{Env, OTHER_WS_KEY, OWNER_KEY};

/// What bash offers after `words` (the last one being completed).
fn bash_complete(env: &Env, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <(skene completions bash) || exit 9\n\
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_TYPE=9; COMP_LINE=\"${{COMP_WORDS[*]}}\"\n\
         _clap_complete_skene skene '{cur}' '{prev}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = quoted.join(" "),
        cword = words.len() - 1,
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let out = env.sealed("bash").arg("-c").arg(script).output().unwrap();
    assert!(
        out.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn saved_logins_complete_for_workspace_switch_and_logout() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.login_file(OTHER_WS_KEY);
    let wanted = ["my-app".to_owned(), "other-app".to_owned()];
    for words in [
        &["skene", "auth", "switch", ""][..],
        &["skene", "--workspace", ""][..],
        &["skene", "logout", "--workspace", ""][..],
        &["skene", "push", "--workspace", ""][..],
    ] {
        let got = bash_complete(&env, words);
        for w in &wanted {
            assert!(got.contains(w), "{words:?} offers {got:?}");
        }
    }
    assert_eq!(
        bash_complete(&env, &["skene", "auth", "switch", "ot"]),
        ["other-app"]
    );
    // Commands and flags still complete.
    let got = bash_complete(&env, &["skene", "who"]);
    assert_eq!(got, ["whoami"]);
    let got = bash_complete(&env, &["skene", "api", "/me", "--pag"]);
    assert_eq!(got, ["--paginate"]);
}

#[test]
fn completion_without_saved_logins_offers_nothing_and_sends_nothing() {
    let env = Env::new();
    let got = bash_complete(&env, &["skene", "auth", "switch", ""]);
    assert!(
        got.iter().all(|c| c.starts_with("--")),
        "only flags: {got:?}"
    );
    assert!(env.cloud.requests().is_empty());
    assert!(!env.config_dir().exists(), "completion writes nothing");
}
