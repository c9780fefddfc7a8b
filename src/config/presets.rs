//! Built-in device presets: realistic values for the three required device
//! headers (and `X-device-ip`), with a freshly generated fingerprint.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum DevicePreset {
    /// Android phone, Chrome
    Android,
    /// iPhone, Safari
    Iphone,
    /// Windows desktop, Edge
    Windows,
    /// macOS, Safari
    MacosSafari,
    /// WeChat mini program on Android
    Wechat,
}

/// The device header values of one device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeviceHeaders {
    pub os_version: String,
    pub fingerprint: String,
    pub agent: String,
    pub device_ip: String,
}

impl DevicePreset {
    pub const ALL: [DevicePreset; 5] = [
        DevicePreset::Android,
        DevicePreset::Iphone,
        DevicePreset::Windows,
        DevicePreset::MacosSafari,
        DevicePreset::Wechat,
    ];

    /// The name used in config files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            DevicePreset::Android => "android",
            DevicePreset::Iphone => "iphone",
            DevicePreset::Windows => "windows",
            DevicePreset::MacosSafari => "macos-safari",
            DevicePreset::Wechat => "wechat",
        }
    }

    pub fn from_name(s: &str) -> Option<DevicePreset> {
        Self::ALL.into_iter().find(|p| p.name() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            DevicePreset::Android => "Android phone (Chrome)",
            DevicePreset::Iphone => "iPhone (Safari)",
            DevicePreset::Windows => "Windows desktop browser (Edge)",
            DevicePreset::MacosSafari => "macOS Safari",
            DevicePreset::Wechat => "WeChat mini program (Android)",
        }
    }

    /// `(X-operating-sys-version, X-agent, X-device-ip)`.
    fn values(self) -> (&'static str, &'static str, &'static str) {
        match self {
            DevicePreset::Android => (
                "Android 14",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
                "192.168.1.23",
            ),
            DevicePreset::Iphone => (
                "iOS 17.4.1",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
                "192.168.1.37",
            ),
            DevicePreset::Windows => (
                "windows10.0.19045",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
                "10.0.0.15",
            ),
            DevicePreset::MacosSafari => (
                "macOS 14.4.1",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
                "192.168.0.8",
            ),
            DevicePreset::Wechat => (
                "Android 13",
                "Mozilla/5.0 (Linux; Android 13; V2203A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 MiniProgramEnv/android",
                "192.168.31.102",
            ),
        }
    }

    /// The preset's headers with a freshly generated fingerprint.
    pub fn headers(self) -> DeviceHeaders {
        let (os, agent, ip) = self.values();
        DeviceHeaders {
            os_version: os.into(),
            fingerprint: fresh_fingerprint(),
            agent: agent.into(),
            device_ip: ip.into(),
        }
    }
}

/// 16 lowercase letters and digits, like the documentation's `156aysdna213sc50`.
pub fn fresh_fingerprint() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..16)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_complete_and_fingerprints_fresh() {
        for p in DevicePreset::ALL {
            let h = p.headers();
            assert!(!h.os_version.is_empty() && h.agent.starts_with("Mozilla/5.0"));
            assert_eq!(h.fingerprint.len(), 16);
            assert_eq!(DevicePreset::from_name(p.name()), Some(p));
        }
        assert_ne!(fresh_fingerprint(), fresh_fingerprint());
    }
}
