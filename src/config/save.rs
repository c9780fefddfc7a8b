//! Writing header changes made in the TUI back into a profile of the config
//! file, keeping the file's comments and layout (toml_edit).

use super::ConfigError;
use crate::api::headers as h;
use crate::client::HeaderSetting;
use std::path::Path;
use toml_edit::{Array, DocumentMut, Item, Table, value};

/// The profile key that holds each documented header's value.
fn key_of(name: &str) -> Option<&'static str> {
    [
        (h::OS_VERSION, "os_version"),
        (h::FINGERPRINT, "fingerprint"),
        (h::AGENT, "agent"),
        (h::DEVICE_IP, "device_ip"),
        (h::CLIENT_ID, "client_id"),
        (h::LANG, "lang"),
        (h::TENANT_ID, "tenant_id"),
    ]
    .into_iter()
    .find(|(n, _)| n.eq_ignore_ascii_case(name))
    .map(|(_, k)| k)
}

/// Set a string value; an existing value keeps its comment and spacing.
fn set_keeping_comment(t: &mut Table, key: &str, v: &str) {
    match t.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = v.into();
            *old.decor_mut() = decor;
        }
        None => t[key] = value(v),
    }
}

/// Store `headers` as profile `profile` of the config file `file` (created
/// when missing): values of documented headers in their keys, omitted headers
/// in `omit_headers`, other headers in `[profiles.NAME.headers]`.
pub fn save_headers(
    file: &Path,
    profile: &str,
    headers: &[HeaderSetting],
) -> Result<(), ConfigError> {
    let err = |what: String| ConfigError(format!("{}: {what}", file.display()));
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(err(format!("cannot read: {e}"))),
    };
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| err(format!("cannot edit, not valid TOML: {e}")))?;
    let profiles = doc
        .entry("profiles")
        .or_insert(Item::Table(Table::new()))
        .as_table_mut()
        .ok_or_else(|| err("`profiles` is not a table".into()))?;
    profiles.set_implicit(true);
    let p = profiles
        .entry(profile)
        .or_insert(Item::Table(Table::new()))
        .as_table_mut()
        .ok_or_else(|| err(format!("`profiles.{profile}` is not a table")))?;
    let mut omitted = Array::new();
    let mut extra = Table::new();
    for hs in headers {
        if !hs.enabled {
            omitted.push(hs.name.as_str());
            continue;
        }
        match key_of(&hs.name) {
            Some(k) => set_keeping_comment(p, k, &hs.value),
            None if hs.name.eq_ignore_ascii_case(h::CONTENT_TYPE)
                && hs.value == "application/json" => {}
            None => {
                extra[hs.name.as_str()] = value(hs.value.as_str());
            }
        }
    }
    p["omit_headers"] = value(omitted);
    if extra.is_empty() {
        p.remove("headers");
    } else {
        p["headers"] = Item::Table(extra);
    }
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| err(format!("cannot create the folder: {e}")))?;
    }
    let out = doc.to_string();
    // The result must load again: never leave a file vflow itself rejects.
    super::parse(&out, file)?;
    std::fs::write(file, out).map_err(|e| err(format!("cannot write: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;

    #[test]
    fn saved_headers_load_back_as_the_same_list() {
        let dir = std::env::temp_dir().join(format!("vflow-save-{}", std::process::id()));
        let file = dir.join("config.toml");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            &file,
            "# my comment\n[profiles.qa]\ntarget = \"https://tenant.example\"\n",
        )
        .unwrap();
        let args = Overrides {
            profile: Some("qa".into()),
            config: Some(file.clone()),
            ..Default::default()
        };
        let mut headers = super::super::resolve(&args).unwrap().headers();
        headers[0].value = "windows10.1.1".into(); // os version
        headers[1].value.clear(); // fingerprint sent blank
        let agent = headers.iter_mut().find(|x| x.name == h::AGENT).unwrap();
        agent.enabled = false;
        headers.push(HeaderSetting {
            name: "X-Debug".into(),
            value: "on".into(),
            enabled: true,
        });
        save_headers(&file, "qa", &headers).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with("# my comment"), "comments kept:\n{text}");
        assert!(
            text.contains("target = \"https://tenant.example\""),
            "{text}"
        );
        let back = super::super::resolve(&args).unwrap().headers();
        assert_eq!(back, headers);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
