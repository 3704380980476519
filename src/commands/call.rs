//! `skene api <PATH>` (this module is `call` to keep `api` for the HTTP client): an authenticated request to any endpoint, as `gh api` does.

use std::io::Read;
use std::path::PathBuf;

use clap::Args;
use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};
use serde_json::{Map, Value};

use super::{Context, block_on};
use crate::api::{Payload, Request, http_reason};
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

/// The path below the API base. A full URL is accepted only when it is on the API
/// base itself: the key never goes anywhere else.
fn relative_path(raw: &str, base: &str) -> anyhow::Result<String> {
    if raw.contains("://") {
        return match raw.strip_prefix(base) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') => {
                Ok(rest.to_owned())
            }
            _ => Err(
                CliError::usage(format!("{raw} is not on the API base {base}"))
                    .hint("skene api sends the key to the API base only; give a path such as /me")
                    .into(),
            ),
        };
    }
    Ok(if raw.starts_with('/') {
        raw.to_owned()
    } else {
        format!("/{raw}")
    })
}

pub fn run(ctx: &Context, args: ApiArgs) -> anyhow::Result<()> {
    let body: Option<Vec<u8>> = match (&args.input, args.fields.is_empty()) {
        (Some(path), _) if path.as_os_str() == "-" => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| CliError::usage(format!("cannot read standard input: {e}")))?;
            Some(buf)
        }
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
        if name == reqwest::header::AUTHORIZATION {
            return Err(CliError::usage("-H Authorization: skene sends the key itself").into());
        }
        let value = HeaderValue::from_str(value.trim())
            .map_err(|_| CliError::usage(format!("-H {h}: not a header value")))?;
        headers.push((name, value));
    }

    let (client, endpoint, _) = ctx.authed()?;
    let path = relative_path(&args.path, &endpoint.base())?;
    let mut req = Request::new(method, path);
    if let Some(body) = body {
        req.body = Some(Payload::Bytes(body.into()));
        req.content_type = Some("application/json");
    }
    req.headers = headers;
    let resp = block_on(client.send_raw(&req))??;

    let p = &ctx.printer;
    if args.include {
        let mut head = format!("HTTP {} {}\n", resp.status, http_reason(resp.status));
        for (name, value) in &resp.headers {
            let shown = if matches!(
                name.as_str(),
                "authorization" | "x-api-key" | "x-skene-token" | "set-cookie"
            ) {
                "[redacted]".to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            head.push_str(&format!("{name}: {shown}\n"));
        }
        head.push('\n');
        p.raw(crate::secret::redact(&head).as_bytes());
    }
    let pretty = p
        .stdout_is_terminal()
        .then(|| serde_json::from_slice::<Value>(&resp.body).ok())
        .flatten()
        .and_then(|v| serde_json::to_string_pretty(&v).ok());
    match pretty {
        Some(text) => p.raw(format!("{text}\n").as_bytes()),
        None => p.raw(&resp.body),
    }
    if (200..300).contains(&resp.status) {
        return Ok(());
    }
    if !resp.body.is_empty() && !resp.body.ends_with(b"\n") && !p.stdout_is_terminal() {
        // stdout keeps the body byte for byte; the error starts on a line of its own
        // where both streams end up in one log.
        p.diagnostic("");
    }
    let kind = if matches!(resp.status, 401 | 403) {
        ExitKind::Auth
    } else {
        ExitKind::Network
    };
    Err(CliError::new(
        kind,
        format!(
            "HTTP {} {} from {}",
            resp.status,
            http_reason(resp.status),
            resp.url
        ),
    )
    .into())
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
        let base = "https://www.skene.ai/api/v1";
        assert_eq!(relative_path("/me", base).unwrap(), "/me");
        assert_eq!(relative_path("me", base).unwrap(), "/me");
        assert_eq!(
            relative_path("https://www.skene.ai/api/v1/me", base).unwrap(),
            "/me"
        );
        assert!(relative_path("https://evil.example/api/v1/me", base).is_err());
        assert!(relative_path("https://www.skene.ai/api/v1evil/me", base).is_err());
    }
}
