//! Running the built `vflow` binary from tests: shared by the test files that do.
//! Every run points VFLOW_CONFIG at a file of the test's own, drops the caller's
//! VFLOW_* variables and bypasses any proxy, so the real user setup never leaks in.
#![allow(dead_code)] // each test file uses the part it needs

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch folder for this test process and `tag`.
pub fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vflow-test-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// An empty config file in the scratch folder `tag`.
pub fn empty_config(tag: &str) -> PathBuf {
    let f = scratch(tag).join("config.toml");
    std::fs::write(&f, "").unwrap();
    f
}

/// The binary, with a clean environment and `config` as its config file. The caller's locale
/// is dropped too (LC_ALL, LC_MESSAGES, LANG choose vflow's language): the tests speak English
/// unless they set one.
pub fn command(config: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vflow"));
    for (k, _) in std::env::vars() {
        if k.starts_with("VFLOW_") || matches!(k.as_str(), "LC_ALL" | "LC_MESSAGES" | "LANG") {
            c.env_remove(k);
        }
    }
    c.env("VFLOW_CONFIG", config).env("NO_PROXY", "*");
    // The history (and other data) of the test's own, never the user's.
    let data = config.parent().unwrap_or(Path::new(".")).join("data");
    c.env("XDG_DATA_HOME", data);
    c
}

/// Run it to the end.
pub fn run(config: &Path, args: &[&str]) -> Output {
    command(config).args(args).output().unwrap()
}

/// [`run`] on a blocking thread, so a simulator in the test's runtime keeps serving.
pub async fn run_bg(config: &Path, args: &[&str]) -> Output {
    let config = config.to_path_buf();
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&config, &refs)
    })
    .await
    .unwrap()
}

struct SchemaDir;

impl jsonschema::Retrieve for SchemaDir {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/har-schema")
            .join(name);
        Ok(serde_json::from_str(&std::fs::read_to_string(p)?)?)
    }
}

/// Where `text` breaks the HAR 1.2 JSON schema of the har-schema package (tests/har-schema).
pub fn har_schema_errors(text: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/har-schema/har.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root).unwrap()).unwrap();
    let v = jsonschema::options()
        .with_base_uri("file:///har-schema/")
        .with_retriever(SchemaDir)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let doc: serde_json::Value = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    v.iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}
