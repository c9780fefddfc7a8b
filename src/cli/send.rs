//! `vflow send`: one sms/send request, recorded and explained.

use super::common;
use super::{ClientIdArg, GlobalArgs};
use crate::api::Lang;
use crate::client::curl::curl;
use crate::client::report::Redactor;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
A body field whose option is not given is not sent at all; give an empty value (--mobile '') to send it blank.

Exit codes: 0 success, 1 API or HTTP error, 2 usage or config error, 3 transport failure.

Examples:
  vflow send --target http://127.0.0.1:8080 --scene LOGIN_SMS \\
    --mobile 13800138000 --captcha-token 'TOKEN---{\"x\":120.0,\"y\":5.0}'
  vflow send --scene LOGIN_SMS --mobile 13800138000 --captcha-token x \\
    --omit-header X-agent --json
  vflow send --scene LOGIN_SMS --mobile 13800138000 --captcha-token x \\
    --curl --redact")]
pub struct SendArgs {
    /// The send scene (`type`), e.g. LOGIN_SMS (any value is sent as given)
    #[arg(long, value_name = "SCENE", value_parser = common::Suggest(common::scene_values))]
    pub scene: Option<String>,
    /// The mobile number that receives the code
    #[arg(long, value_name = "M")]
    pub mobile: Option<String>,
    /// The pass token from captcha/verify (TOKEN---POINT_JSON)
    #[arg(long, value_name = "T")]
    pub captcha_token: Option<String>,
    #[command(flatten)]
    pub client_id: ClientIdArg,
    /// Set a header ('Name: value'; 'Name:' sends it blank); repeatable
    #[arg(long = "header", short = 'H', value_name = "'NAME: VALUE'")]
    pub headers: Vec<String>,
    /// Do not send this header at all; repeatable
    #[arg(long = "omit-header", value_name = "NAME")]
    pub omit_headers: Vec<String>,
    /// The sender given to captcha/verify, so the explanation can compare it with --mobile
    #[arg(long, value_name = "M")]
    pub sender: Option<String>,
    /// Print one JSON object (request, response, timing, outcome, explanation, exit_code)
    #[arg(long, conflicts_with = "curl")]
    pub json: bool,
    /// Print an equivalent curl command instead of sending
    #[arg(long)]
    pub curl: bool,
    /// Send a request imported from a curl command, HAR 1.2 file or raw HTTP
    /// request (- reads stdin); to --target if given, else to its own host;
    /// the other options override single fields
    #[arg(long, value_name = "FILE|-")]
    pub from: Option<std::path::PathBuf>,
    /// With --from: which entry of a HAR file (as `vflow import` lists them)
    #[arg(long, value_name = "N", requires = "from")]
    pub entry: Option<usize>,
    /// Also write the exchange as a HAR 1.2 file (mode 0600)
    #[arg(long, value_name = "FILE")]
    pub har: Option<std::path::PathBuf>,
}

/// Parse `Name: value` (`Name:` is a blank value); the error in `lang`.
pub fn parse_header(s: &str, lang: Lang) -> Result<(String, String), String> {
    let quoted = format!("{s:?}");
    let (name, value) = s
        .split_once(':')
        .ok_or_else(|| crate::t!(lang, "cli-header-no-colon", header = quoted.as_str()))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(crate::t!(
            lang,
            "cli-header-no-name",
            header = quoted.as_str()
        ));
    }
    Ok((
        name.to_string(),
        value.strip_prefix(' ').unwrap_or(value).to_string(),
    ))
}

pub fn run(global: &GlobalArgs, args: SendArgs) -> ExitCode {
    if args.from.is_some() {
        return super::import::send_from(global, args);
    }
    let profile = match common::profile(global, &args.client_id) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let lang = profile.ui_lang;
    let mut overrides = Vec::new();
    for h in &args.headers {
        match parse_header(h, lang) {
            Ok(pair) => overrides.push(pair),
            Err(e) => return common::usage_error(e),
        }
    }
    let rt = common::runtime();
    rt.block_on(async move {
        // --curl needs no server: show the target (or a placeholder) without starting one
        let (target, _sim) = if args.curl {
            (None, None)
        } else {
            match common::target(&profile, true).await {
                Ok((t, sim)) => (Some(t), sim),
                Err(code) => return code,
            }
        };
        let base = match &target {
            Some(t) => t.base_url.clone(),
            None => profile
                .target
                .clone()
                .unwrap_or_else(|| "http://127.0.0.1:8080".into()),
        };
        let mut spec = profile.sms_send(&base, "", "", "");
        let body = spec.body.as_mut().expect("sms/send has a body");
        for (f, v) in body
            .iter_mut()
            .zip([&args.mobile, &args.scene, &args.captcha_token])
        {
            match v {
                Some(v) => f.value = v.clone(),
                None => f.enabled = false,
            }
        }
        for (n, v) in &overrides {
            spec.set_header(n, v);
        }
        for n in &args.omit_headers {
            spec.omit_header(n);
        }
        if args.curl {
            let sent = match crate::client::send::record(&spec) {
                Ok(s) => s,
                Err(e) => return common::usage_error(e.text(lang)),
            };
            let sent = if profile.redact {
                let mut r = Redactor::new();
                r.learn_request(&sent);
                r.request(&sent)
            } else {
                sent
            };
            println!("{}", curl(&sent));
            return ExitCode::SUCCESS;
        }
        let http = match common::http(&profile) {
            Ok(h) => h,
            Err(code) => return code,
        };
        // What will likely fail, said before the exchange (stderr; --json carries it too).
        let warnings = crate::client::precheck::for_spec(&spec);
        for w in &warnings {
            common::warn(lang, w.text.get(lang));
        }
        let x = match common::send(&http, &spec, lang).await {
            Ok(x) => x,
            Err(code) => return code,
        };
        let mut ctx = profile.explain_context();
        ctx.captcha_sender = args.sender.clone();
        common::print_and_write_har(&x, &ctx, args.json, args.har.as_deref(), &warnings, lang)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_syntax() {
        let en = Lang::En;
        assert_eq!(
            parse_header("X-L: zh", en).unwrap(),
            ("X-L".into(), "zh".into())
        );
        assert_eq!(parse_header("X-L:", en).unwrap(), ("X-L".into(), "".into()));
        assert_eq!(
            parse_header("X-a:  two", en).unwrap(),
            ("X-a".into(), " two".into())
        );
        assert_eq!(
            parse_header("nocolon", en).unwrap_err(),
            "--header \"nocolon\": expected 'Name: value'"
        );
        assert_eq!(
            parse_header(": v", en).unwrap_err(),
            "--header \": v\": the name is empty"
        );
        assert_eq!(
            parse_header("nocolon", Lang::Zh).unwrap_err(),
            "--header \"nocolon\"：应为 'Name: value' 的形式"
        );
    }
}
