//! Profiles: the example configs load and merge; every invalid one is rejected
//! with a message naming the file, the line and the key.

use std::path::{Path, PathBuf};
use std::time::Duration;
use vflow::config::{self, DevicePreset};

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name)
}

fn files(name: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir(name))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    assert!(!v.is_empty());
    v
}

fn args_for(file: &Path) -> config::Overrides {
    config::Overrides {
        config: Some(file.to_path_buf()),
        ..config::Overrides::default()
    }
}

#[test]
fn every_valid_config_resolves() {
    for f in files("valid_configs") {
        let p = config::resolve(&args_for(&f)).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert_eq!(p.config_file.as_deref(), Some(f.as_path()));
        assert!(!p.headers().is_empty());
    }
}

#[test]
fn the_example_file_is_what_config_init_writes() {
    let text = std::fs::read_to_string(dir("valid_configs").join("example.toml")).unwrap();
    assert_eq!(text, config::EXAMPLE);
}

#[test]
fn every_invalid_config_names_file_line_and_key() {
    for f in files("invalid_configs") {
        let text = std::fs::read_to_string(&f).unwrap();
        let first = text.lines().next().unwrap();
        let expect = first
            .strip_prefix("# expect: line ")
            .expect("an expect comment");
        let (line, key) = expect.split_once(", key ").unwrap();
        let err = config::resolve(&args_for(&f)).unwrap_err().to_string();
        let name = f.file_name().unwrap().to_str().unwrap();
        assert!(err.contains(name), "{name}: file named: {err}");
        assert!(
            err.contains(&format!(":{line}:")),
            "{name}: line {line}: {err}"
        );
        assert!(
            err.contains(&format!("`{key}`")),
            "{name}: key {key}: {err}"
        );
    }
}

#[test]
fn full_config_merges_under_flags() {
    let f = dir("valid_configs").join("full.toml");
    let p = config::resolve(&args_for(&f)).unwrap();
    assert_eq!(p.name, "tenant", "default_profile picks it");
    assert_eq!(p.target.as_deref(), Some("https://tenant.example.com"));
    assert_eq!(p.lang, "zh");
    assert_eq!(p.device_preset, Some(DevicePreset::Wechat));
    assert_eq!(
        p.device.os_version, "Android 12",
        "single values override the preset"
    );
    assert_eq!(p.device.fingerprint, "0123456789abcdef");
    assert_eq!(p.http.connect_timeout, Duration::from_millis(750));
    assert_eq!(p.http.timeout, Duration::from_secs(60));
    assert!(p.http.insecure && p.redact);
    let headers = p.headers();
    let ip = headers.iter().find(|h| h.name == "X-device-ip").unwrap();
    assert!(!ip.enabled, "omitted");
    assert!(
        headers
            .iter()
            .any(|h| h.name == "X-Request-Source" && h.value == "qa" && h.enabled)
    );
    assert!(
        headers
            .iter()
            .any(|h| h.name == "X-tenant-id" && h.value == "t-001" && h.enabled)
    );

    let flags = config::Overrides {
        lang: Some("en".into()),
        client_id: Some("flag-id".into()),
        target: Some("http://127.0.0.1:9/".into()),
        timeout: Some(Duration::from_secs(2)),
        device: Some(DevicePreset::Iphone),
        ..args_for(&f)
    };
    let p = config::resolve(&flags).unwrap();
    assert_eq!(p.lang, "en");
    assert_eq!(p.client_id, "flag-id");
    assert_eq!(p.target.as_deref(), Some("http://127.0.0.1:9"));
    assert_eq!(p.http.timeout, Duration::from_secs(2));
    assert_eq!(
        p.http.connect_timeout,
        Duration::from_millis(750),
        "file still applies"
    );
    assert_eq!(p.device_preset, Some(DevicePreset::Iphone));

    let other = config::Overrides {
        profile: Some("local".into()),
        ..args_for(&f)
    };
    let p = config::resolve(&other).unwrap();
    assert_eq!(p.device_preset, Some(DevicePreset::Windows));
    assert_eq!(p.target, None, "no target: the built-in simulator");
    assert_eq!(p.client_id, vflow::api::headers::EXAMPLE_CLIENT_ID);
}

#[test]
fn unknown_profile_and_missing_file_are_errors() {
    let f = dir("valid_configs").join("full.toml");
    let e = config::resolve(&config::Overrides {
        profile: Some("nope".into()),
        ..args_for(&f)
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("full.toml") && e.contains("\"nope\"") && e.contains("tenant"),
        "{e}"
    );
    let e = config::resolve(&args_for(Path::new("/nonexistent/vflow.toml")))
        .unwrap_err()
        .to_string();
    assert!(e.contains("/nonexistent/vflow.toml"), "{e}");
    let e = config::resolve(&config::Overrides {
        target: Some("ftp://x".into()),
        ..args_for(&dir("valid_configs").join("empty.toml"))
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("--target"), "{e}");
}

#[test]
fn a_device_flag_wins_over_the_files_device_values() {
    let d = std::env::temp_dir().join(format!("vflow-device-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let f = d.join("c.toml");
    std::fs::write(
        &f,
        "[profiles.default]\nos_version = \"windows10.1.1\"\nagent = \"SavedAgent/1.0\"\n",
    )
    .unwrap();
    let file_only = config::resolve(&args_for(&f)).unwrap();
    assert_eq!(file_only.device.os_version, "windows10.1.1");
    assert_eq!(file_only.device.agent, "SavedAgent/1.0");
    let flagged = config::resolve(&config::Overrides {
        device: Some(DevicePreset::Iphone),
        ..args_for(&f)
    })
    .unwrap();
    assert_eq!(flagged.device.os_version, "iOS 17.4.1");
    assert!(
        flagged.device.agent.contains("iPhone"),
        "{}",
        flagged.device.agent
    );
    let _ = std::fs::remove_dir_all(&d);
}
