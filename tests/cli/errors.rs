//! What the main failures look like, whole: not logged in, an HTML page where
//! the API should be, nothing listening. Known flaws are pinned here on purpose,
//! so that their fixes show as snapshot changes (issue #10, item 10).

use crate::support::{Env, OWNER_KEY, Reply, outputs};

#[test]
fn snapshot_not_logged_in() {
    let env = Env::new();
    env.with_basic_project();
    let assert = env.skene().arg("push").assert().code(4);
    insta::assert_snapshot!(env.snapshot(&assert), @r#"
    exit: 4
    --- stdout
    --- stderr
    supabase/migrations/20260301120000_skene_triggers.sql:12:1: warning: function skene_growth_fn_orders_INSERT_first_order_welcome: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:31:1: warning: function skene_growth_fn_invitations_UPDATE_invite_accepted_nudge: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:50:1: warning: function skene_growth_fn_auth_users_INSERT_signup_onboarding_webhook: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    error: not logged in
      hint: run `skene login`, or set SKENE_API_KEY for scripts and CI
    --- end
    "#);
    let assert = env.skene().args(["members", "list"]).assert().code(4);
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 4
    --- stdout
    --- stderr
    error: not logged in
      hint: run `skene login`, or set SKENE_API_KEY for scripts and CI
    --- end
    ");
}

#[test]
fn snapshot_an_html_404() {
    let mut env = Env::new();
    env.with_basic_project();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.cloud.script("/push", Reply::html(404));
    // One colon between the message and its cause, and a hint (issue #10).
    let assert = env.skene().arg("push").assert().code(3);
    insta::assert_snapshot!(env.snapshot(&assert), @r#"
    exit: 3
    --- stdout
    --- stderr
    supabase/migrations/20260301120000_skene_triggers.sql:12:1: warning: function skene_growth_fn_orders_INSERT_first_order_welcome: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:31:1: warning: function skene_growth_fn_invitations_UPDATE_invite_accepted_nudge: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:50:1: warning: function skene_growth_fn_auth_users_INSERT_signup_onboarding_webhook: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    error: the push endpoint was not found at http://[HOST]/api/v1/push: the server answered with an HTML page (status 404), not the API: is the URL right?
      hint: check --upstream / --api-url (or SKENE_API_URL): the API base ends in /api/v1
    --- end
    "#);
    env.cloud.script("/members", Reply::html(404));
    // The same advice for any command, not only push.
    let assert = env.skene().args(["members", "list"]).assert().code(3);
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 3
    --- stdout
    --- stderr
    error: the server answered with an HTML page (status 404), not the API: is the URL right?
      hint: check --upstream / --api-url (or SKENE_API_URL): the API base ends in /api/v1
    --- end
    ");
    // With a key from the environment alone, push first asks `/me` whose it is: a
    // failure there is not blamed on the push endpoint.
    env.cloud.script("/me", Reply::html(404));
    let pushes = env.cloud.requests_to("/push").len();
    let assert = env.skene().arg("push").assert().code(3);
    let (_, stderr) = outputs(&assert);
    assert!(!stderr.contains("push endpoint"), "{stderr}");
    assert!(
        stderr.contains("error: the server answered with an HTML page (status 404)"),
        "{stderr}"
    );
    assert!(stderr.contains("the API base ends in /api/v1"), "{stderr}");
    assert_eq!(env.cloud.requests_to("/push").len(), pushes);
}

#[test]
fn snapshot_connection_refused() {
    let mut env = Env::new();
    // A port that was just free: nothing listens on it.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .to_string();
    env.set("SKENE_API_URL", &format!("http://{closed}/api/v1"));
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.redact_as(&closed, "[CLOSED]");
    // A known flaw: nothing says what to check (the URL, a proxy, --api-url).
    let assert = env.skene().args(["auth", "status"]).assert().code(3);
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 3
    --- stdout
    ? Could not check the key with http://[CLOSED]/api/v1
      Upstream:   http://[CLOSED]
      API base:   http://[CLOSED]/api/v1 (from SKENE_API_URL)
      Key:        sk_ws_…0001
      Source:     environment (SKENE_API_KEY)
    --- stderr
    error: could not check the key with http://[CLOSED]/api/v1: could not connect to http://[CLOSED]/api/v1/me: Connection refused (os error 111)
      hint: check the URL (--upstream, --api-url, SKENE_API_URL), your network, and any proxy (HTTPS_PROXY)
    --- end
    ");
}
