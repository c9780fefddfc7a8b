//! `vflow captcha get|verify`.

use super::common;
use super::flow::{self, Run};
use super::{ClientIdArg, GlobalArgs};
use crate::api::Lang;
use crate::api::text::visible;
use crate::api::token::format_point_json;
use base64::Engine as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum CaptchaCommand {
    /// Get a slider puzzle: prints the token (and secretKey), optionally saves the two PNGs
    Get {
        /// Save the background and the piece as TOKEN-background.png / TOKEN-piece.png in DIR
        #[arg(long, value_name = "DIR")]
        save: Option<PathBuf>,
        #[command(flatten)]
        client_id: ClientIdArg,
        /// Print every exchange in full
        #[arg(long, short)]
        verbose: bool,
    },
    /// Verify a slider position: prints the captcha_token (pass token) on success
    Verify {
        /// The puzzle token from `captcha get`
        #[arg(long, value_name = "T")]
        token: String,
        /// The slider's x position
        #[arg(long, value_name = "X")]
        x: f64,
        /// The y position (the puzzle always has 5)
        #[arg(long, value_name = "Y", default_value_t = 5.0)]
        y: f64,
        /// The mobile number the code will go to
        #[arg(long, value_name = "M")]
        sender: String,
        /// The puzzle's secretKey: point_json is then sent AES-encrypted
        #[arg(long, value_name = "KEY")]
        secret_key: Option<String>,
        #[command(flatten)]
        client_id: ClientIdArg,
        /// Print every exchange in full
        #[arg(long, short)]
        verbose: bool,
    },
    /// Solve a slider puzzle in the terminal: prints the captcha_token (pass token)
    #[command(after_help = "\
The puzzle is drawn inline with Unicode half-blocks (on stderr). With stdin a terminal, slide the
piece with the arrow keys (Shift or PgUp/PgDn: 10 px, Home/End) or type the x, then Enter. With
stdin not a terminal, one number is read from it: the x of the piece's left edge (0-263).
The pass token alone goes to stdout, for scripts:

  TOKEN=$(vflow captcha solve --target http://127.0.0.1:8080 --sender 13800138000)")]
    Solve {
        /// The mobile number the code will go to (the captcha's sender)
        #[arg(long, value_name = "M")]
        sender: String,
        #[command(flatten)]
        client_id: ClientIdArg,
        /// Print every exchange in full
        #[arg(long, short)]
        verbose: bool,
    },
}

fn save_png(dir: &Path, name: &str, b64: Option<&str>, lang: Lang) -> Result<PathBuf, String> {
    let b64 = b64.ok_or_else(|| crate::t!(lang, "cli-captcha-no-image", name = name))?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|e| {
            crate::t!(
                lang,
                "cli-captcha-not-base64",
                name = name,
                error = e.to_string()
            )
        })?;
    // the name carries the server's token: it must not name another directory or a device
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        || name.starts_with('.')
    {
        return Err(crate::t!(
            lang,
            "cli-captcha-bad-token-name",
            token = visible(name)
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| common::cannot_write(lang, &path, &e.to_string()))?;
    Ok(path)
}

/// Print the pass token alone on stdout (masked with `--redact`), or pass the failure on.
pub(super) fn print_pass_token(redact: bool, res: Result<String, ExitCode>) -> ExitCode {
    match res {
        Ok(pass) if redact => println!("{}", visible(&crate::api::redact::pass_token(&pass))),
        Ok(pass) => println!("{}", visible(&pass)),
        Err(code) => return code,
    }
    ExitCode::SUCCESS
}

pub fn run(global: &GlobalArgs, cmd: CaptchaCommand) -> ExitCode {
    let (client_id, verbose) = match &cmd {
        CaptchaCommand::Get {
            client_id, verbose, ..
        }
        | CaptchaCommand::Verify {
            client_id, verbose, ..
        }
        | CaptchaCommand::Solve {
            client_id, verbose, ..
        } => (client_id.clone(), *verbose),
    };
    let (profile, http) = match common::setup(global, &client_id) {
        Ok(ph) => ph,
        Err(code) => return code,
    };
    common::runtime().block_on(async move {
        let (target, _sim) = match common::target(&profile, true).await {
            Ok(t) => t,
            Err(code) => return code,
        };
        let redact = profile.redact;
        let lang = profile.ui_lang;
        let mut run = Run::new(http, profile, target.base_url.clone(), verbose, false);
        run.lines_to_stderr = true;
        match cmd {
            CaptchaCommand::Get { save, .. } => {
                let c = match flow::get_captcha(&mut run).await {
                    Ok(c) => c,
                    Err(code) => return code,
                };
                let token = c.token.clone().unwrap_or_default();
                if let Some(dir) = save {
                    if let Err(e) = std::fs::create_dir_all(&dir) {
                        return common::usage_error(common::cannot_create(
                            lang,
                            &dir,
                            &e.to_string(),
                        ));
                    }
                    for (suffix, img) in [
                        ("background", c.original_image_base64.as_deref()),
                        ("piece", c.jigsaw_image_base64.as_deref()),
                    ] {
                        match save_png(&dir, &format!("{token}-{suffix}.png"), img, lang) {
                            Ok(p) => println!(
                                "{}",
                                crate::t!(
                                    lang,
                                    "cli-captcha-saved",
                                    path = p.display().to_string()
                                )
                            ),
                            Err(e) => return common::usage_error(e),
                        }
                    }
                }
                let shown = if redact {
                    crate::api::redact::pass_token(&token)
                } else {
                    token.clone()
                };
                let shown = visible(&shown).into_owned();
                println!("token: {shown}");
                if let Some(k) = &c.secret_key {
                    println!("secretKey: {}", visible(k));
                }
                let key = c
                    .secret_key
                    .as_ref()
                    .map(|k| format!(" --secret-key {}", visible(k)))
                    .unwrap_or_default();
                if target.simulator {
                    // The in-process simulator (and this puzzle) ends with this command.
                    println!("{}", crate::t!(lang, "cli-captcha-sim-stopped"));
                } else {
                    println!(
                        "{}",
                        crate::t!(
                            lang,
                            "cli-captcha-next",
                            command = format!(
                                "vflow captcha verify --token {shown} --x X --sender MOBILE{key}"
                            )
                        )
                    );
                }
                ExitCode::SUCCESS
            }
            CaptchaCommand::Solve { sender, .. } => {
                run.redactor.add_mobile(&sender);
                super::solve::run(&mut run, &sender).await
            }
            CaptchaCommand::Verify {
                token,
                x,
                y,
                sender,
                secret_key,
                ..
            } => {
                run.redactor.add_mobile(&sender);
                let point = format_point_json(x, y);
                let res =
                    flow::verify(&mut run, &token, &point, secret_key.as_deref(), &sender).await;
                print_pass_token(redact, res)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_servers_token_cannot_write_outside_the_folder() {
        let dir = std::env::temp_dir().join(format!("vflow-save-png-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let png = base64::engine::general_purpose::STANDARD.encode(b"\x89PNG");
        for name in [
            "../escape-background.png",
            "a/b-piece.png",
            "..-piece.png",
            "/etc/x-piece.png",
            "x\u{1b}]0;t\u{7}-piece.png",
        ] {
            let e = save_png(&dir, name, Some(&png), Lang::En).unwrap_err();
            assert!(e.contains("cannot be used in a file name"), "{e}");
            assert!(!e.contains('\u{1b}'), "{e}");
        }
        assert!(!dir.join("../escape-background.png").exists());
        let e = save_png(&dir, "../x-piece.png", Some(&png), Lang::Zh).unwrap_err();
        assert!(e.contains("不能用作文件名"), "{e}");
        let ok = save_png(
            &dir,
            "71dd26999e314f9abb0c635336976635-piece.png",
            Some(&png),
            Lang::En,
        )
        .unwrap();
        assert_eq!(std::fs::read(&ok).unwrap(), b"\x89PNG");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
