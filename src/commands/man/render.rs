//! The man pages, generated from the clap tree: one page per command, with NAME,
//! SYNOPSIS (every option with its value), DESCRIPTION, OPTIONS, EXAMPLES (the
//! command's own examples text), EXIT STATUS, ENVIRONMENT (from the one registry,
//! `settings/env.rs`), FILES and SEE ALSO.
//!
//! A command's `after_long_help` is read as blocks separated by blank lines: a
//! block headed `Examples:` or `Example:` becomes EXAMPLES, one starting with
//! `Exit codes:` goes to EXIT STATUS, another `Heading:` line alone heads a
//! section of its own, and plain paragraphs join the DESCRIPTION.

use std::collections::BTreeMap;

use clap::{Arg, ArgAction, Command};
use clap_mangen::Man;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use crate::settings::env::{REGISTRY, Scope};

/// Every man page, by file name (`skene.1`, `skene-auth-status.1`, …).
pub fn pages(root: Command) -> BTreeMap<String, Vec<u8>> {
    let mut root = root.disable_help_subcommand(true);
    root.build();
    let mut pages = BTreeMap::new();
    walk(&root, None, &mut pages);
    pages
}

fn walk(cmd: &Command, parent: Option<&Command>, pages: &mut BTreeMap<String, Vec<u8>>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        walk(sub, Some(cmd), pages);
    }
    let man = Man::new(cmd.clone());
    pages.insert(man.get_filename(), page(&man, cmd, parent).into_bytes());
}

/// The `after_long_help` text, sorted into the sections it belongs to.
#[derive(Default)]
struct Extra {
    description: Vec<Vec<String>>,
    examples: Vec<String>,
    exit: Vec<Vec<String>>,
    sections: Vec<(String, Vec<String>)>,
}

fn dedent(lines: &[&str]) -> Vec<String> {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end().to_owned())
        .collect()
}

fn extra(cmd: &Command) -> Extra {
    let mut out = Extra::default();
    let Some(text) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) else {
        return out;
    };
    let text = text.to_string();
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            blocks.push(Vec::new());
        } else if let Some(b) = blocks.last_mut() {
            b.push(line);
        }
    }
    for block in blocks.into_iter().filter(|b| !b.is_empty()) {
        let head = block[0].trim();
        let body = &block[1..];
        if block.join("\n").trim() == crate::cli::EXIT_CODES.trim() {
            // The generic table, which every page's EXIT STATUS lists anyway.
            continue;
        }
        if head == "Examples:" || head == "Example:" {
            if !out.examples.is_empty() {
                out.examples.push(String::new());
            }
            out.examples.extend(dedent(body));
        } else if head.starts_with("Exit codes:") {
            out.exit
                .push(block.iter().map(|l| l.trim().to_owned()).collect());
        } else if head.ends_with(':') && !head.contains(' ') && !body.is_empty() {
            let name = head.trim_end_matches(':').to_uppercase();
            out.sections.push((name, dedent(body)));
        } else {
            out.description
                .push(block.iter().map(|l| l.trim().to_owned()).collect());
        }
    }
    out
}

/// `0    success` lines of [`crate::cli::EXIT_CODES`].
fn exit_codes() -> Vec<(String, String)> {
    crate::cli::EXIT_CODES
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let (code, meaning) = l.split_once(char::is_whitespace)?;
            code.parse::<u16>()
                .ok()
                .map(|_| (code.to_owned(), meaning.trim().to_owned()))
        })
        .collect()
}

/// A roff fragment without the preamble every rendering starts with.
fn fragment(rendered: String) -> String {
    let preamble = Roff::new().render();
    rendered
        .strip_prefix(&preamble)
        .map(str::to_owned)
        .unwrap_or(rendered)
}

fn rendered(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    // Writing into memory cannot fail.
    let _ = f(&mut buf);
    fragment(String::from_utf8_lossy(&buf).into_owned())
}

fn page(man: &Man, cmd: &Command, parent: Option<&Command>) -> String {
    let extra = extra(cmd);
    let top = parent.is_none();
    let mut out = String::new();
    let mut title = Vec::new();
    let _ = man.render_title(&mut title);
    out.push_str(&String::from_utf8_lossy(&title));
    out.push_str(&rendered(|w| man.render_name_section(w)));

    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    synopsis(&mut roff, cmd, top);
    roff.control("SH", ["DESCRIPTION"]);
    description(&mut roff, cmd, &extra);
    out.push_str(&fragment(roff.render()));

    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        out.push_str(&rendered(|w| man.render_options_section(w)));
    }
    if cmd.has_subcommands() {
        out.push_str(&rendered(|w| man.render_subcommands_section(w)));
    }

    let mut roff = Roff::new();
    for (name, lines) in &extra.sections {
        roff.control("SH", [name.as_str()]);
        preformatted(&mut roff, lines);
    }
    if !extra.examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        preformatted(&mut roff, &extra.examples);
    }
    exit_status(&mut roff, &extra);
    environment(&mut roff, cmd, top);
    if top || FILE_WRITERS.contains(&cmd.get_display_name().unwrap_or(cmd.get_name())) {
        files(&mut roff);
    }
    see_also(&mut roff, cmd, parent);
    out.push_str(&fragment(roff.render()));
    if top {
        out.push_str(&rendered(|w| man.render_version_section(w)));
    }
    out
}

/// `skene push [--output-dir DIR] [--dry-run] [GLOBAL OPTIONS] [PATH]`: every
/// option with its value; a subcommand's page sums up the global options.
fn synopsis(roff: &mut Roff, cmd: &Command, top: bool) {
    let name = cmd.get_bin_name().unwrap_or_else(|| cmd.get_name());
    let mut line = vec![bold(name)];
    let mut globals = false;
    for arg in cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_positional())
    {
        if arg.is_global_set() && !top {
            globals = true;
            continue;
        }
        if matches!(arg.get_action(), ArgAction::Help | ArgAction::Version) {
            continue;
        }
        line.push(roman(" "));
        line.extend(option(arg));
    }
    if globals {
        line.push(roman(" ["));
        line.push(italic("GLOBAL OPTIONS"));
        line.push(roman("]"));
    }
    for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let (open, close) = if arg.is_required_set() {
            ("", "")
        } else {
            ("[", "]")
        };
        let value = value_name(arg);
        let many = matches!(arg.get_action(), ArgAction::Append)
            || arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        line.push(roman(format!(" {open}")));
        line.push(italic(value));
        line.push(roman(format!("{}{close}", if many { "..." } else { "" })));
    }
    if cmd.has_subcommands() {
        line.push(roman(" "));
        line.push(italic("COMMAND"));
    }
    roff.text(line);
}

fn value_name(arg: &Arg) -> String {
    arg.get_value_names()
        .map(|v| v.join(" "))
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase())
}

/// `[-q|--quiet]`, `[--upstream URL]`, `[--color auto|always|never]`.
fn option(arg: &Arg) -> Vec<Inline> {
    let mut out = vec![roman(if arg.is_required_set() { "" } else { "[" })];
    match (arg.get_short(), arg.get_long()) {
        (Some(s), Some(l)) => {
            out.push(bold(format!("-{s}")));
            out.push(roman("|"));
            out.push(bold(format!("--{l}")));
        }
        (Some(s), None) => out.push(bold(format!("-{s}"))),
        (None, Some(l)) => out.push(bold(format!("--{l}"))),
        (None, None) => {}
    }
    if arg.get_action().takes_values() {
        let possible: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_owned())
            .collect();
        let value = if !possible.is_empty() {
            possible.join("|")
        } else {
            value_name(arg)
        };
        out.push(roman(" "));
        out.push(italic(value));
    }
    if matches!(arg.get_action(), ArgAction::Count | ArgAction::Append) {
        out.push(roman("..."));
    }
    if !arg.is_required_set() {
        out.push(roman("]"));
    }
    out
}

fn paragraph_lines(roff: &mut Roff, lines: &[String]) {
    roff.text([roman(lines.join(" "))]);
}

fn description(roff: &mut Roff, cmd: &Command, extra: &Extra) {
    if let Some(about) = cmd.get_long_about().or_else(|| cmd.get_about()) {
        let about = about.to_string();
        let mut first = true;
        for para in about.split("\n\n") {
            if !first {
                roff.control("PP", []);
            }
            first = false;
            roff.text([roman(
                para.lines().map(str::trim).collect::<Vec<_>>().join(" "),
            )]);
        }
    }
    for para in &extra.description {
        roff.control("PP", []);
        paragraph_lines(roff, para);
    }
}

/// Lines shown as they are (examples), indented.
fn preformatted(roff: &mut Roff, lines: &[String]) {
    roff.control("PP", []);
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    for line in lines {
        roff.text([roman(line.as_str())]);
    }
    roff.control("fi", []);
    roff.control("RE", []);
}

fn exit_status(roff: &mut Roff, extra: &Extra) {
    roff.control("SH", ["EXIT STATUS"]);
    for para in &extra.exit {
        paragraph_lines(roff, para);
        roff.control("PP", []);
    }
    for (code, meaning) in exit_codes() {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(meaning)]);
    }
}

/// The variables of the registry: all of them on the top page, on a command's
/// page those documented there.
fn environment(roff: &mut Roff, cmd: &Command, top: bool) {
    let page = format!("{}(1)", cmd.get_display_name().unwrap_or(cmd.get_name()));
    let vars: Vec<_> = REGISTRY
        .iter()
        .filter(|v| v.scope != Scope::Test)
        .filter(|v| top || v.documented.contains(&page))
        .collect();
    if vars.is_empty() {
        return;
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for v in vars {
        roff.control("TP", []);
        roff.text([bold(v.name)]);
        let mut text = capitalized(v.meaning);
        text.push('.');
        if v.secret {
            text.push_str(
                " It holds a secret: never shown, never passed to programs skene starts.",
            );
        }
        if top {
            text.push_str(&format!(" See {}.", v.documented));
        }
        roff.text([roman(text)]);
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The commands that write the files below: their pages list them too.
const FILE_WRITERS: &[&str] = &[
    "skene-login",
    "skene-logout",
    "skene-link",
    "skene-unlink",
    "skene-auth-switch",
];

/// The files skene reads and writes.
fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    let entries = [
        (
            "~/.config/skene/config.toml",
            "Saved logins (profiles: upstream, API base, workspace, user, role, key id, which \
             store holds the key) and the active one. Never a key. The directory is \
             $SKENE_CONFIG_DIR when set, else $XDG_CONFIG_HOME/skene on Linux, \
             ~/Library/Application Support/ai.skene.skene on macOS, %APPDATA%\\skene\\skene\\config \
             on Windows; it and its files must be the user's own and not writable by others.",
        ),
        (
            "~/.config/skene/credentials.toml",
            "Keys in plain text (mode 0600), used only when no OS keyring is usable or with \
             `skene login --store file`; skene warns whenever it writes one.",
        ),
        (
            ".skene.config",
            "A project's settings (TOML), looked for from the project directory upwards: \
             `upstream` (written by `skene link`, removed by `skene unlink`), `output_dir`, \
             and the Python client's plaintext `upstream_api_key`, which skene reads with a \
             warning and never writes.",
        ),
    ];
    for (path, what) in entries {
        roff.control("TP", []);
        roff.text([italic(path)]);
        roff.text([roman(what)]);
    }
}

fn see_also(roff: &mut Roff, cmd: &Command, parent: Option<&Command>) {
    let Some(parent) = parent else {
        return;
    };
    roff.control("SH", ["SEE ALSO"]);
    let mut refs = vec!["skene(1)".to_owned()];
    let parent_name = parent.get_display_name().unwrap_or(parent.get_name());
    if parent_name != "skene" {
        refs.push(format!("{parent_name}(1)"));
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        refs.push(format!(
            "{}(1)",
            sub.get_display_name().unwrap_or(sub.get_name())
        ));
    }
    roff.text([roman(refs.join(", "))]);
}
