//! A server that misbehaves: answers that never end, paging that never ends,
//! streams that stall, a server that never answers. Nothing crashes or hangs, and
//! memory stays bounded.

use std::time::Duration;

use super::{PEAK_LIMIT_KB, against, measured};
use crate::support::hostile::Mode;
use crate::support::{Env, OWNER_KEY};

#[test]
fn timeouts_outside_the_sane_range_are_usage_errors() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    for bad in [
        "18446744073709551616",
        "1e20",
        "nan",
        "inf",
        "0",
        "-3",
        "86401",
        "soon",
    ] {
        env.set("SKENE_HTTP_TIMEOUT", bad);
        let run = measured(&env, &["members", "list"]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(
            run.stderr.contains("SKENE_HTTP_TIMEOUT"),
            "{bad}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let flag = format!("--http-timeout={bad}");
        let run = measured(&env, &[&flag, "members", "list"]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("--http-timeout must be a number of seconds"),
            "{bad}: {}",
            run.stderr
        );
    }
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn the_timeout_flag_wins_over_the_environment() {
    let (mut env, _hostile) = against(Mode::Silent);
    env.set("SKENE_HTTP_TIMEOUT", "30");
    let run = measured(&env, &["--http-timeout", "1", "members", "list"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("did not answer within 1 s"),
        "{}",
        run.stderr
    );
    assert!(run.elapsed < Duration::from_secs(5), "{:?}", run.elapsed);
}

#[test]
fn paging_that_loops_or_never_ends_is_stopped() {
    for mode in [Mode::CursorCycle, Mode::CursorEndless] {
        for args in [
            &["members", "list"][..],
            &["keys", "list"],
            &["keys", "delete", "key_1", "--yes"],
        ] {
            let (env, hostile) = against(mode);
            let run = measured(&env, args);
            assert_eq!(run.code, 3, "{mode:?} {args:?}: {}", run.stderr);
            assert!(
                run.stderr.contains("paging") && run.stderr.contains("does not end"),
                "{mode:?} {args:?}: {}",
                run.stderr
            );
            assert!(
                hostile.requests() <= 1_001,
                "{mode:?}: {} requests",
                hostile.requests()
            );
            assert!(run.elapsed < Duration::from_secs(30), "{:?}", run.elapsed);
        }
    }
}

#[test]
fn one_page_of_millions_of_tiny_items_is_refused_in_little_memory() {
    let (env, _hostile) = against(Mode::ManyTinyItems);
    for args in [
        &["members", "list"][..],
        &["keys", "list"],
        &["keys", "delete", "key_1", "--yes"],
        &["api", "/members", "--paginate"],
    ] {
        let run = measured(&env, args);
        assert_eq!(run.code, 3, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("too large to hold"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(
            run.peak_kb < PEAK_LIMIT_KB,
            "{args:?}: peak RSS {} kB",
            run.peak_kb
        );
    }
}

#[test]
fn json_nested_deeper_than_any_stack_is_refused() {
    let (env, _hostile) = against(Mode::DeepJson);
    for args in [
        &["api", "/me", "--jq", "."][..],
        &["api", "/members", "--paginate"],
        &["api", "/me"],
        &["members", "list"],
        &["auth", "status"],
    ] {
        let run = measured(&env, args);
        assert!(!run.stderr.contains("overflow"), "{args:?}: {}", run.stderr);
        let expected = if args.len() == 2 && args[0] == "api" {
            0
        } else {
            3
        };
        assert_eq!(run.code, expected, "{args:?}: {}", run.stderr);
    }
    let run = measured(&env, &["api", "/me", "--jq", "."]);
    assert!(
        run.stderr.contains("deeper than 128 levels"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_long_answer_is_shown_but_not_kept() {
    let (env, _hostile) = against(Mode::LongChat);
    let run = measured(&env, &["chat", "hi"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.len(), 96 * 1024 * 1024 + 1);
    assert!(run.peak_kb < PEAK_LIMIT_KB, "peak RSS {} kB", run.peak_kb);
}

#[test]
fn a_stalled_stream_ends_after_the_idle_limit() {
    for mode in [Mode::StallAfterHeaders, Mode::StallAfterChunk] {
        for args in [
            &["chat", "hi"][..],
            &["api", "/me"],
            &["api", "/me", "--jq", "."],
            &["api", "/members", "--paginate"],
        ] {
            let (mut env, _hostile) = against(mode);
            env.set("SKENE_HTTP_TIMEOUT", "1");
            let run = measured(&env, args);
            assert_eq!(run.code, 3, "{mode:?} {args:?}: {}", run.stderr);
            assert!(
                run.stderr.contains("sent nothing for 1 s"),
                "{mode:?} {args:?}: {}",
                run.stderr
            );
            assert!(
                run.elapsed < Duration::from_secs(5),
                "{mode:?} {args:?}: {:?}",
                run.elapsed
            );
        }
    }
}

#[test]
fn a_silent_server_costs_one_deadline_and_the_message_says_it() {
    let (mut env, hostile) = against(Mode::Silent);
    env.set("SKENE_HTTP_TIMEOUT", "1");
    let run = measured(&env, &["members", "list"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("did not answer within 1 s"),
        "{}",
        run.stderr
    );
    assert!(
        run.elapsed < Duration::from_millis(2_500),
        "one deadline for the whole call, retries included: {:?}",
        run.elapsed
    );
    assert_eq!(hostile.requests(), 1);
}

#[test]
fn answers_are_read_up_to_a_bound() {
    let cases: [(Mode, &[&str], &str); 3] = [
        (Mode::HugeJson, &["auth", "status"], "larger than 16 MiB"),
        (Mode::HugeError, &["members", "list"], "status 500"),
        (Mode::HugeSseLine, &["chat", "hi"], "larger than 1 MiB"),
    ];
    for (mode, args, said) in cases {
        let (env, _hostile) = against(mode);
        let run = measured(&env, args);
        assert_eq!(run.code, 3, "{mode:?}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{mode:?}: {}", run.stderr);
        assert!(
            run.stderr.len() < 4_096,
            "{mode:?}: an error body is not printed whole ({} bytes)",
            run.stderr.len()
        );
        assert!(
            run.peak_kb < PEAK_LIMIT_KB,
            "{mode:?}: peak RSS {} kB",
            run.peak_kb
        );
    }
}

#[test]
fn cr_only_event_streams_are_read() {
    let (env, _hostile) = against(Mode::CrOnlySse);
    let run = measured(&env, &["chat", "hi"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Hello world\n");
}

#[test]
fn an_html_page_where_a_stream_was_expected_is_named() {
    let (env, _hostile) = against(Mode::HtmlChat);
    let run = measured(&env, &["chat", "hi"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("HTML page, not an event stream"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_key_with_control_characters_is_malformed() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", "sk_ws_bad\u{1}key");
    let run = measured(&env, &["members", "list"]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("malformed"), "{}", run.stderr);
    assert!(!run.stderr.contains("bad\u{1}key"), "{}", run.stderr);
}

#[test]
fn non_finite_numbers_are_refused() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    for bad in ["nan", "inf", "1e309", "-inf"] {
        let flag = format!("--temperature={bad}");
        let run = measured(&env, &["chat", &flag, "hi"]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
    }
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn a_huge_one_line_engine_file_gets_a_short_report_and_little_memory() {
    let env = Env::new();
    env.with_basic_project();
    let mut line = String::from("version: 1\nfeatures: [");
    line.push_str(&"x".repeat(6 * 1024 * 1024));
    env.write("skene-context/engine.yaml", line);
    let run = measured(&env, &["push", "--dry-run"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(
        run.stderr.len() < 8_192,
        "{} bytes of report",
        run.stderr.len()
    );
    assert!(run.peak_kb < PEAK_LIMIT_KB, "peak RSS {} kB", run.peak_kb);
}
