//! `skene api <PATH>` (this module is `call` to keep `api` for the HTTP client): an authenticated request to any endpoint, as `gh api` does.

mod jq;
mod paginate;

use std::io::Read;
use std::path::PathBuf;

use clap::Args;
use serde_json::{Map, Value};

use super::Context;
use crate::api::trace::shown_value;
use crate::api::{HeaderName, HeaderValue, Method, Payload, Request, http_reason};
use crate::error::{CliError, ExitKind};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene api /me
  skene api /members --json                       # (the body is printed as received)
  skene api /api-keys -f name=ci                  # POST {\"name\": \"ci\"}
  skene api /allowed-origins -X PUT --input origins.json
  echo '{\"origins\": []}' | skene api /allowed-origins -X PUT --input -
  skene api /me -i                                # with the status line and headers
  skene api /members --paginate                   # every page, as one JSON array
  skene api /members --paginate --jq '.[].email'  # one email a line
  skene api /me --jq .workspace.slug

Fields: -f key=value sends a JSON object; true, false, null and numbers are typed,
key=@file reads a file. The key is sent to the API base only.")]
pub struct ApiArgs {
    /// The path below the API base, e.g. /me
    #[arg(value_name = "PATH")]
    pub path: String,
    /// The HTTP method [default: GET, or POST with a body]
    #[arg(short = 'X', long, value_name = "METHOD")]
    pub method: Option<String>,
    /// An extra header, 'Name: value'
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,
    /// A field of a JSON body, key=value (key=@file reads a file)
    #[arg(short = 'f', long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// Send a file as the body (`-` for standard input)
    #[arg(long, value_name = "FILE", conflicts_with = "fields")]
    pub input: Option<PathBuf>,
    /// Print the status line and the answer's headers too
    #[arg(short = 'i', long)]
    pub include: bool,
    /// Follow `next_cursor` through every page of a list (GET) and print its items
    /// as one JSON array
    #[arg(long, conflicts_with = "include")]
    pub paginate: bool,
    /// Filter the answer with a jq expression: strings print as they are, other
    /// values as JSON, one a line (a mistake in it exits 2)
    #[arg(long, value_name = "EXPR", conflicts_with = "include")]
    pub jq: Option<String>,
}

/// The error of a non-2xx answer whose body was printed: exit 4 for 401/403, 3
/// for anything else.
fn status_error(status: u16, url: &str) -> CliError {
    let kind = if matches!(status, 401 | 403) {
        ExitKind::Auth
    } else {
        ExitKind::Network
    };
    CliError::new(
        kind,
        format!("HTTP {status} {} from {url}", http_reason(status)),
    )
}

/// `true`, `false`, `null` and numbers become JSON values; `@file` a file's text.
fn field_value(raw: &str) -> anyhow::Result<Value> {
    if let Some(path) = raw.strip_prefix('@') {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::usage(format!("cannot read {path} for a field: {e}")))?;
        return Ok(Value::String(text));
    }
    Ok(match raw {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        _ => match serde_json::from_str::<serde_json::Number>(raw) {
            Ok(n) if !raw.starts_with('+') => Value::Number(n),
            _ => Value::String(raw.to_owned()),
        },
    })
}

fn fields(raw: &[String]) -> anyhow::Result<Value> {
    let mut object = Map::new();
    for f in raw {
        let Some((key, value)) = f.split_once('=') else {
            return Err(CliError::usage(format!("-f {f}: a field is key=value")).into());
        };
        if key.is_empty() {
            return Err(CliError::usage(format!("-f {f}: the key is empty")).into());
        }
        object.insert(key.to_owned(), field_value(value)?);
    }
    Ok(Value::Object(object))
}

/// Where a request goes: a path below the API base, or (for a full URL the user
/// typed, on the API base's own origin) another base. The key never leaves the
/// API base's origin, and a relative path never leaves the API base's path.
#[derive(Debug, PartialEq, Eq)]
struct Destination {
    /// `None`: the API base itself.
    base: Option<url::Url>,
    path: String,
}

fn destination(raw: &str, base: &url::Url) -> Result<Destination, CliError> {
    let base_path = base.path().trim_end_matches('/').to_owned();
    if raw.contains("://") {
        let url = url::Url::parse(raw)
            .map_err(|e| CliError::usage(format!("{raw} is not a URL: {e}")))?;
        if url.origin() != base.origin() || !url.username().is_empty() || url.password().is_some() {
            return Err(CliError::usage(format!(
                "{raw} is not on the API base's origin {}",
                base.origin().ascii_serialization()
            ))
            .hint(
                "skene api sends the key to the API base's server only; give a path such as /me",
            ));
        }
        let mut origin = url.clone();
        origin.set_path("");
        origin.set_query(None);
        let mut path = url.path().to_owned();
        if let Some(q) = url.query() {
            path.push('?');
            path.push_str(q);
        }
        return Ok(Destination {
            base: Some(origin),
            path,
        });
    }
    let relative = raw.strip_prefix('/').unwrap_or(raw);
    let joined = url::Url::parse(&format!(
        "{}/{relative}",
        base.as_str().trim_end_matches('/')
    ))
    .map_err(|e| CliError::usage(format!("{raw} is not a usable path: {e}")))?;
    let inside = joined.origin() == base.origin()
        && (joined.path() == base_path || joined.path().starts_with(&format!("{base_path}/")));
    if !inside {
        return Err(CliError::usage(format!(
            "{raw} leads outside the API base {}",
            base.as_str().trim_end_matches('/')
        ))
        .hint("give a path below the API base, such as /me"));
    }
    let mut path = joined.path()[base_path.len()..].to_owned();
    if path.is_empty() {
        path.push('/');
    }
    if let Some(q) = joined.query() {
        path.push('?');
        path.push_str(q);
    }
    Ok(Destination { base: None, path })
}

pub async fn run(ctx: &Context, args: ApiArgs) -> anyhow::Result<()> {
    let body: Option<Vec<u8>> = match (&args.input, args.fields.is_empty()) {
        (Some(path), _) if path.as_os_str() == "-" => Some(
            tokio::task::spawn_blocking(|| {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
            })
            .await
            .map_err(|e| CliError::failure(format!("cannot read standard input: {e}")))?
            .map_err(|e| CliError::usage(format!("cannot read standard input: {e}")))?,
        ),
        (Some(path), _) => Some(
            std::fs::read(path)
                .map_err(|e| CliError::usage(format!("cannot read {}: {e}", path.display())))?,
        ),
        (None, false) => Some(serde_json::to_vec(&fields(&args.fields)?)?),
        (None, true) => None,
    };
    let method = match &args.method {
        Some(m) => Method::from_bytes(m.to_ascii_uppercase().as_bytes())
            .map_err(|_| CliError::usage(format!("-X {m} is not an HTTP method")))?,
        None if body.is_some() => Method::POST,
        None => Method::GET,
    };
    let mut headers = Vec::new();
    for h in &args.headers {
        let Some((name, value)) = h.split_once(':') else {
            return Err(CliError::usage(format!("-H {h}: a header is 'Name: value'")).into());
        };
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| CliError::usage(format!("-H {h}: not a header name")))?;
        if name == crate::api::HeaderName::from_static("authorization") {
            return Err(CliError::usage("-H Authorization: skene sends the key itself").into());
        }
        let value = HeaderValue::from_str(value.trim())
            .map_err(|_| CliError::usage(format!("-H {h}: not a header value")))?;
        headers.push((name, value));
    }

    let filter = args.jq.as_deref().map(jq::Jq::compile).transpose()?;
    if args.paginate && (method != Method::GET || body.is_some()) {
        return Err(
            CliError::usage("--paginate follows the pages of a list: GET, without a body").into(),
        );
    }

    let session = ctx.authed()?;
    let dest = destination(&args.path, &session.endpoint().api_base)?;
    let client = match &dest.base {
        Some(base) => session.client.rebased(base),
        None => session.client.clone(),
    };
    let p = &ctx.printer;
    if args.paginate || filter.is_some() {
        let answer = if args.paginate {
            paginate::all(p, &client, &dest.path, &headers).await?
        } else {
            let mut req = Request::new(method, dest.path.clone());
            if let Some(body) = body {
                req.body = Some(Payload::Bytes(body.into()));
                req.content_type = Some("application/json");
            }
            req.headers = headers;
            paginate::whole(p, &client, &req).await?
        };
        return print_answer(ctx, &answer, filter.as_ref());
    }
    let mut req = Request::new(method, dest.path);
    if let Some(body) = body {
        req.body = Some(Payload::Bytes(body.into()));
        req.content_type = Some("application/json");
    }
    req.headers = headers;
    // The body streams for as long as it comes; silence past the timeout ends it.
    req.idle_timeout = Some(client.timeout());
    let mut resp = client.open_any(&req).await?;

    if args.include {
        let mut head = format!("HTTP {} {}\n", resp.status, http_reason(resp.status));
        for (name, value) in &resp.headers {
            head.push_str(&format!(
                "{name}: {}\n",
                shown_value(name.as_str(), value.as_bytes())
            ));
        }
        head.push('\n');
        p.raw(head.as_bytes())?;
    }
    // On a terminal, a JSON body is pretty-printed (so it is read whole, bounded);
    // otherwise the body streams to stdout as it arrives, byte for byte.
    let mut last_byte = None;
    if p.stdout_is_terminal() {
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await? {
            if body.len() + chunk.len() > crate::api::JSON_LIMIT {
                p.raw(&body)?;
                p.raw(&chunk)?;
                body.clear();
                while let Some(chunk) = resp.chunk().await? {
                    p.raw(&chunk)?;
                }
                break;
            }
            body.extend_from_slice(&chunk);
        }
        match serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
        {
            Some(text) => p.raw(format!("{text}\n").as_bytes())?,
            None => p.raw(&body)?,
        }
    } else {
        while let Some(chunk) = resp.chunk().await? {
            last_byte = chunk.last().copied().or(last_byte);
            p.raw(&chunk)?;
        }
    }
    if (200..300).contains(&resp.status) {
        return Ok(());
    }
    if last_byte.is_some_and(|b| b != b'\n') {
        // stdout keeps the body byte for byte; the error starts on a line of its own
        // where both streams end up in one log.
        p.diagnostic("");
    }
    Err(status_error(resp.status, &resp.url).into())
}

/// A whole answer: through the jq filter, or as JSON (pretty on a terminal).
fn print_answer(ctx: &Context, answer: &[u8], filter: Option<&jq::Jq>) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if let Some(filter) = filter {
        for line in filter.run(answer)? {
            p.raw(format!("{line}\n").as_bytes())?;
        }
        return Ok(());
    }
    let text = match serde_json::from_slice::<Value>(answer) {
        Ok(v) if p.stdout_is_terminal() => serde_json::to_string_pretty(&v)?,
        Ok(v) => serde_json::to_string(&v)?,
        Err(_) => String::from_utf8_lossy(answer).into_owned(),
    };
    p.raw(format!("{text}\n").as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_typed() {
        let v = fields(&[
            "a=true".into(),
            "b=null".into(),
            "c=12".into(),
            "d=1.5".into(),
            "e=hi".into(),
            "f=".into(),
            "g=+1".into(),
            "h=x=y".into(),
        ])
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": true, "b": null, "c": 12, "d": 1.5, "e": "hi", "f": "", "g": "+1", "h": "x=y"})
        );
        assert!(fields(&["novalue".into()]).is_err());
    }

    #[test]
    fn only_the_api_base_gets_the_key() {
        let base = url::Url::parse("https://www.skene.ai/api/v1").unwrap();
        let path = |raw: &str| destination(raw, &base).map(|d| (d.base.is_some(), d.path));
        assert_eq!(path("/me").unwrap(), (false, "/me".into()));
        assert_eq!(path("me").unwrap(), (false, "/me".into()));
        assert_eq!(
            path("/members?limit=2").unwrap(),
            (false, "/members?limit=2".into())
        );
        assert_eq!(path("/a/../me").unwrap(), (false, "/me".into()));
        assert_eq!(
            path("https://www.skene.ai/api/v1/me").unwrap(),
            (true, "/api/v1/me".into())
        );
        assert_eq!(
            path("https://www.skene.ai/other").unwrap(),
            (true, "/other".into()),
            "a full URL on the same origin, typed in full"
        );
        for bad in [
            "../../../outside/x",
            "/../x",
            "%2e%2e/%2e%2e/x",
            "https://evil.example/api/v1/me",
            "https://user@www.skene.ai/api/v1/me",
            "http://www.skene.ai/api/v1/me",
        ] {
            assert!(path(bad).is_err(), "{bad}");
        }
    }
}
