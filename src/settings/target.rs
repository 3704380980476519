//! Which server a command talks to and which saved login it uses.
//!
//! The API base is resolved on its own, whatever the key's source: `--api-url`, then
//! `--upstream`, then `SKENE_API_URL`, then `SKENE_UPSTREAM` (a flag on the command line
//! beats the environment), then the project's `.skene.config`, then the selected
//! profile, then the default cloud.

use url::Url;

use super::{Profile, Settings, Source, UserConfig};
use crate::api::{self, ApiError, Upstream};
use crate::error::CliError;

/// Which API base requests go to, and the workspace URL it belongs to.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub api_base: Url,
    pub upstream: Upstream,
    pub source: Source,
}

impl Endpoint {
    pub fn from_base(
        raw: &str,
        slug_hint: Option<String>,
        source: Source,
    ) -> Result<Self, CliError> {
        let api_base = api::check_base_url(raw).map_err(|e| url_error(e, &source))?;
        let mut upstream = Upstream::from_api_base(&api_base);
        upstream.slug = slug_hint;
        Ok(Self {
            api_base,
            upstream,
            source,
        })
    }

    pub fn from_upstream(raw: &str, source: Source) -> Result<Self, CliError> {
        let upstream = Upstream::parse(raw).map_err(|e| url_error(e, &source))?;
        let slug = upstream.slug.clone();
        Self::from_base(&upstream.api_base(), slug, source)
    }

    pub fn default_cloud() -> Self {
        // A constant, checked by the unit tests of api::url: never reached by input.
        let api_base = Url::parse(api::DEFAULT_API_BASE).unwrap_or_else(|_| unreachable!());
        Self {
            upstream: Upstream::from_api_base(&api_base),
            api_base,
            source: Source::Default,
        }
    }

    /// The API base as a string without a trailing slash.
    pub fn base(&self) -> String {
        self.api_base.as_str().trim_end_matches('/').to_owned()
    }

    pub fn is_base(&self, other: &str) -> bool {
        same_base(&self.base(), other)
    }

    /// The profile name a login to this endpoint gets for `slug`.
    pub fn profile_name(&self, slug: &str) -> String {
        super::profiles::profile_name(
            slug,
            self.api_base.host_str().unwrap_or("unknown"),
            self.api_base.port(),
        )
    }

    pub fn is_default_cloud(&self) -> bool {
        same_base(&self.base(), api::DEFAULT_API_BASE)
    }
}

pub fn same_base(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

fn url_error(err: ApiError, source: &Source) -> CliError {
    let mut e = CliError::usage(format!("invalid URL in {source}: {err}"));
    if let ApiError::BadUrl { url, .. } = &err
        && !url.contains("://")
    {
        e = e.hint(format!(
            "a URL starts with https:// (or http:// for localhost), e.g. {}",
            crate::api::with_scheme(url)
        ));
    }
    e
}

/// The server and the saved login a command uses.
#[derive(Debug, Clone)]
pub struct Target {
    pub endpoint: Endpoint,
    /// The selected saved login (by `--workspace`, by the workspace URL, or the
    /// active one), whatever server it was saved for.
    pub profile: Option<(String, Profile)>,
}

impl Target {
    /// The workspace slug for messages: the profile's, the URL's, or a plain noun.
    pub fn workspace_label(&self) -> String {
        self.profile
            .as_ref()
            .map(|(_, p)| p.workspace.clone())
            .or_else(|| self.endpoint.upstream.slug.clone())
            .unwrap_or_else(|| "the workspace".into())
    }
}

/// The workspace URL the user gave (flag, environment or project file), if any.
pub fn explicit_upstream(settings: &Settings) -> Result<Option<(String, Source)>, CliError> {
    if let Some(u) = &settings.flags.upstream {
        return Ok(Some((u.value.trim().to_owned(), u.source.clone())));
    }
    Ok(settings.project()?.and_then(|p| {
        p.upstream
            .clone()
            .map(|u| (u, Source::Project(p.path.clone())))
    }))
}

/// The API base chosen by flags, environment or the project file, if any.
pub fn explicit_endpoint(settings: &Settings) -> Result<Option<Endpoint>, CliError> {
    let upstream = explicit_upstream(settings)?;
    // A command-line flag beats the environment: `--upstream URL` wins over an
    // SKENE_API_URL exported in the shell (only `--api-url` itself beats `--upstream`).
    let upstream_on_command_line = matches!(upstream, Some((_, Source::Flag(_))));
    let api_url = settings
        .flags
        .api_url
        .as_ref()
        .filter(|a| !(upstream_on_command_line && matches!(a.source, Source::Env(_))));
    if let Some(api_url) = api_url {
        // The workspace URL still names the slug; a malformed one is an error even
        // though the API base comes from elsewhere.
        let slug = match upstream {
            Some((u, source)) => Upstream::parse(&u).map_err(|e| url_error(e, &source))?.slug,
            None => None,
        };
        return Endpoint::from_base(&api_url.value, slug, api_url.source.clone()).map(Some);
    }
    match upstream {
        Some((raw, source)) => Endpoint::from_upstream(&raw, source).map(Some),
        None => Ok(None),
    }
}

/// The saved profile to use: `--workspace`, else one matching the explicit
/// workspace URL, else the active one.
pub fn select_profile(
    settings: &Settings,
    cfg: &UserConfig,
    explicit: Option<&Endpoint>,
) -> Result<Option<(String, Profile)>, CliError> {
    let owned = |(n, p): (&String, &Profile)| (n.clone(), p.clone());
    if let Some(wanted) = &settings.flags.workspace {
        let wanted = &wanted.value;
        let found = cfg.find(wanted);
        let on_base: Vec<_> = match explicit {
            Some(ep) => found
                .iter()
                .filter(|(_, p)| ep.is_base(&p.api_base))
                .copied()
                .collect(),
            None => Vec::new(),
        };
        return match (found.len(), on_base.len()) {
            (0, _) => Err(
                CliError::auth(format!("no saved login for workspace `{wanted}`")).hint(
                    "run `skene login` for that workspace; `skene auth status` lists saved logins",
                ),
            ),
            (1, _) => Ok(Some(owned(found[0]))),
            (_, 1) => Ok(Some(owned(on_base[0]))),
            _ => {
                let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
                Err(CliError::usage(format!(
                    "workspace `{wanted}` is saved for several servers: {}",
                    names.join(", ")
                ))
                .hint("pass the full profile name to --workspace"))
            }
        };
    }
    if let Some(ep) = explicit
        && let Some(slug) = &ep.upstream.slug
        && let Some(found) = cfg
            .profiles
            .iter()
            .find(|(_, p)| &p.workspace == slug && ep.is_base(&p.api_base))
    {
        return Ok(Some(owned(found)));
    }
    Ok(cfg.active_profile().map(owned))
}

/// Resolves the server and the saved login.
pub fn resolve(settings: &Settings, cfg: &UserConfig) -> Result<Target, CliError> {
    let explicit = explicit_endpoint(settings)?;
    let profile = select_profile(settings, cfg, explicit.as_ref())?;
    let endpoint = match (explicit, &profile) {
        (Some(ep), _) => ep,
        (None, Some((name, p))) => {
            let slug = Upstream::parse(&p.upstream).ok().and_then(|u| u.slug);
            Endpoint::from_base(&p.api_base, slug, Source::Profile(name.clone()))?
        }
        (None, None) => Endpoint::default_cloud(),
    };
    Ok(Target { endpoint, profile })
}
