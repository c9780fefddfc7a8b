//! TEMPORARY shim until the profiles module lands from the client branch.

use crate::api::headers as h;
use crate::cli::GlobalArgs;
use crate::client::{HeaderSetting, HttpOptions};
use std::path::PathBuf;

pub struct Preset {
    pub name: &'static str,
    pub os: &'static str,
    pub agent: &'static str,
}

pub fn presets() -> Vec<Preset> {
    vec![
        Preset {
            name: "Android phone",
            os: "Android 14",
            agent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
        },
        Preset {
            name: "iPhone",
            os: "iOS 17.4",
            agent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        },
    ]
}

pub fn apply_preset(headers: &mut [HeaderSetting], p: &Preset) {
    for hs in headers.iter_mut() {
        if hs.name.eq_ignore_ascii_case(h::OS_VERSION) {
            hs.value = p.os.into();
        }
        if hs.name.eq_ignore_ascii_case(h::AGENT) {
            hs.value = p.agent.into();
        }
    }
}

pub fn new_fingerprint() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..16].to_string()
}

pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "vflow").map(|d| d.data_dir().to_path_buf())
}

pub struct Resolved {
    pub target_url: Option<String>,
    pub profile_name: String,
    pub headers: Vec<HeaderSetting>,
    pub http: HttpOptions,
}

type Saver = Box<dyn Fn(&[HeaderSetting]) -> Result<String, String>>;

impl Resolved {
    pub fn header_saver(&self) -> Option<Saver> {
        None
    }
}

pub fn resolve(g: &GlobalArgs) -> Result<Resolved, String> {
    let p = &presets()[0];
    let hs = |n: &str, v: &str, e: bool| HeaderSetting {
        name: n.into(),
        value: v.into(),
        enabled: e,
    };
    Ok(Resolved {
        target_url: g.target.clone(),
        profile_name: g.profile.clone().unwrap_or_else(|| "default".into()),
        headers: vec![
            hs(h::OS_VERSION, p.os, true),
            hs(h::FINGERPRINT, &new_fingerprint(), true),
            hs(h::DEVICE_IP, "192.168.1.2", false),
            hs(h::AGENT, p.agent, true),
            hs(h::LANG, "en", true),
            hs(h::CLIENT_ID, h::EXAMPLE_CLIENT_ID, true),
            hs(h::CONTENT_TYPE, "application/json", true),
            hs(h::TENANT_ID, "", false),
        ],
        http: HttpOptions::default(),
    })
}
