//! Where requests go: the one `Target` of the TUI and the client commands.

use super::ResolvedProfile;

/// Where requests go, and what is known about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Without a trailing slash.
    pub base_url: String,
    /// The built-in simulator runs in this process.
    pub simulator: bool,
    /// Name of the profile in use.
    pub profile: String,
}

impl Target {
    /// The profile's configured target (`None` when it has none: then the
    /// caller starts the in-process simulator and uses [`Target::simulator`]).
    pub fn configured(profile: &ResolvedProfile) -> Option<Target> {
        profile.target.as_ref().map(|url| Target {
            base_url: url.trim_end_matches('/').to_string(),
            simulator: false,
            profile: profile.name.clone(),
        })
    }

    /// The in-process simulator at `base_url`.
    pub fn simulator(base_url: String, profile: &str) -> Target {
        Target {
            base_url,
            simulator: true,
            profile: profile.to_string(),
        }
    }

    /// The simulator's `/_sim/` helpers can be tried: the in-process simulator,
    /// or a `vflow serve` on this machine. Never a remote tenant.
    pub fn has_sim_helpers(&self) -> bool {
        if self.simulator {
            return true;
        }
        let Ok(url) = reqwest::Url::parse(&self.base_url) else {
            return false;
        };
        let host = url.host_str().unwrap_or("");
        host.eq_ignore_ascii_case("localhost")
            || host
                .trim_matches(['[', ']'])
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}
