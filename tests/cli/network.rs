//! The HTTP client under every command, seen through `auth status`: traces,
//! timeouts and URLs, proxies, TLS with a private CA.

use predicates::prelude::*;

use crate::support::{Env, FakeCloud, OWNER_KEY, Reply, outputs};

#[test]
fn verbose_traces_show_requests_and_never_the_key() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let assert = env
        .skene()
        .args(["-v", "auth", "status"])
        .assert()
        .success();
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains(&format!("→ GET {}/me", env.cloud.api_url())),
        "{stderr}"
    );
    assert!(stderr.contains("← 200 OK ("), "{stderr}");
    assert!(
        !stderr.contains("authorization"),
        "-v has no headers: {stderr}"
    );

    let assert = env
        .skene()
        .args(["-vv", "auth", "status"])
        .assert()
        .success();
    let (stdout, stderr) = outputs(&assert);
    assert!(stderr.contains("> authorization: [redacted]"), "{stderr}");
    assert!(stderr.contains("> user-agent: skene/"), "{stderr}");
    assert!(stderr.contains("< body ("), "{stderr}");
    assert!(!stderr.contains(OWNER_KEY) && !stdout.contains(OWNER_KEY));

    // Even with SKENE_API_KEY in the environment, and errors that echo it back.
    let mut env2 = Env::new();
    env2.set("SKENE_API_KEY", "sk_ws_UNKNOWNkey00000000000000999");
    env2.cloud.script(
        "/me",
        Reply::json(
            401,
            serde_json::json!({"error": "bad key sk_ws_UNKNOWNkey00000000000000999"}),
        ),
    );
    let assert = env2
        .skene()
        .args(["-vv", "auth", "status"])
        .assert()
        .code(4);
    let (stdout, stderr) = outputs(&assert);
    assert!(
        !stderr.contains("UNKNOWNkey") && !stdout.contains("UNKNOWNkey"),
        "{stderr}"
    );
    assert!(stderr.contains("bad key sk_ws_…0999"), "{stderr}");
}

#[test]
fn invalid_timeout_and_urls_are_usage_errors() {
    let mut env = Env::new();
    env.login_file(OWNER_KEY);
    env.set("SKENE_HTTP_TIMEOUT", "soon");
    env.skene()
        .args(["auth", "status"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SKENE_HTTP_TIMEOUT"));
    let env = Env::new();
    env.skene()
        .args(["--upstream", "www.skene.ai/workspace/x", "auth", "status"])
        .env("SKENE_API_KEY", OWNER_KEY)
        .env_remove("SKENE_API_URL")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid URL in --upstream"))
        .stderr(predicate::str::contains(
            "e.g. https://www.skene.ai/workspace/x\n",
        ));
}

/// A URL without a scheme: the hint suggests http:// for a loopback host (plain
/// http is only allowed there) and https:// for any other (issue #10, item 10).
#[test]
fn a_url_without_a_scheme_gets_the_scheme_its_host_allows() {
    let env = Env::new();
    for (given, suggested) in [
        ("127.0.0.1:46191", "http://127.0.0.1:46191"),
        (
            "localhost:8080/workspace/x",
            "http://localhost:8080/workspace/x",
        ),
        ("[::1]:8080", "http://[::1]:8080"),
        ("eu.example.com:8443", "https://eu.example.com:8443"),
    ] {
        let assert = env
            .skene()
            .args(["--upstream", given, "auth", "status"])
            .env("SKENE_API_KEY", OWNER_KEY)
            .env_remove("SKENE_API_URL")
            .assert()
            .code(2);
        let (_, stderr) = outputs(&assert);
        assert!(stderr.contains("invalid URL in --upstream"), "{stderr}");
        assert!(
            stderr.contains(&format!("e.g. {suggested}\n")),
            "{given}: {stderr}"
        );
    }
}

#[test]
fn proxies_from_the_environment_are_used() {
    let mut env = Env::new();
    env.login_file(OWNER_KEY);
    let proxy = FakeCloud::start();
    proxy.add_key(
        OWNER_KEY,
        crate::support::KeyInfo::new("key_owner", "my-app", "ada@example.com", "owner"),
    );
    env.set("HTTP_PROXY", &proxy.origin());
    env.skene().args(["auth", "status"]).assert().success();
    let via_proxy = proxy.requests_to("/me");
    assert_eq!(via_proxy.len(), 1, "the request went through the proxy");
    assert_eq!(via_proxy[0].header("host"), Some(env.cloud.host().as_str()));

    env.set("NO_PROXY", "127.0.0.1");
    env.skene().args(["auth", "status"]).assert().success();
    assert_eq!(
        proxy.requests_to("/me").len(),
        1,
        "NO_PROXY bypasses the proxy"
    );
}

#[test]
fn an_unusable_ssl_cert_file_is_a_clear_error() {
    let mut env = Env::new();
    env.login_file(OWNER_KEY);
    let bogus = env.root().join("ca.pem");
    std::fs::write(&bogus, "not a certificate").unwrap();
    env.set("SSL_CERT_FILE", bogus.to_str().unwrap());
    env.skene()
        .args(["auth", "status"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("SSL_CERT_FILE"));
    env.set(
        "SSL_CERT_FILE",
        env.root().join("missing.pem").to_str().unwrap(),
    );
    env.skene()
        .args(["auth", "status"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read SSL_CERT_FILE"));
}

#[test]
fn https_works_with_a_ca_from_ssl_cert_file() {
    let (cloud, ca_pem) = FakeCloud::start_tls();
    cloud.add_key(
        OWNER_KEY,
        crate::support::KeyInfo::new("key_owner", "my-app", "ada@example.com", "owner"),
    );
    let mut env = Env::new();
    env.set("SKENE_API_URL", &cloud.api_url());
    env.set("SKENE_API_KEY", OWNER_KEY);
    // The test CA is not trusted by the system: refused at once, with the reason.
    env.skene()
        .args(["-v", "auth", "status"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("is not trusted"))
        .stderr(predicate::str::contains("SSL_CERT_FILE"))
        .stderr(predicate::str::contains("retrying").not());
    assert!(cloud.requests().is_empty());
    let ca = env.root().join("ca.pem");
    std::fs::write(&ca, ca_pem).unwrap();
    env.set("SSL_CERT_FILE", ca.to_str().unwrap());
    env.skene()
        .args(["auth", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "API base:   {}",
            cloud.api_url()
        )));
    assert_eq!(cloud.requests_to("/me").len(), 1);
}
