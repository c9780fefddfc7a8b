//! The suite file: cases as data (TOML), parsed with serde and checked, with
//! errors that name the file, the line and the reason.

use crate::config::line_col;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// The built-in suite (`assets/check-suite.toml`).
pub const BUILTIN: &str = include_str!("../../assets/check-suite.toml");

/// Placeholders that values may contain.
pub const PASS_TOKEN: &str = "{pass_token}";
pub const PUZZLE_TOKEN: &str = "{puzzle_token}";
pub const RUN: &str = "{run}";
/// The code `deliver` had sent, and that code plus one (a wrong code of the right shape).
pub const CODE: &str = "{code}";
pub const WRONG_CODE: &str = "{wrong_code}";
/// The id_token of the `login` setup.
pub const ID_TOKEN: &str = "{id_token}";
/// A JWT-shaped id_token whose `exp` lies in 2020 (never valid anywhere).
pub const EXPIRED_ID_TOKEN: &str = "{expired_id_token}";
/// The state token of the `state_token` setup.
pub const STATE_TOKEN: &str = "{state_token}";

/// Which request a case starts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Endpoint {
    #[default]
    #[serde(rename = "sms/send")]
    SmsSend,
    #[serde(rename = "captcha/verify")]
    CaptchaVerify,
    #[serde(rename = "register/mobile-verify-code")]
    Register,
    #[serde(rename = "social/register-bind")]
    RegisterBind,
    #[serde(rename = "login/mobile-verify-code")]
    Login,
    /// Without Authorization the forgotten-password reset, with it the logged-in change.
    #[serde(rename = "pwd/update-by-mobile")]
    PwdUpdate,
    #[serde(rename = "profile/update-mobile")]
    UpdateMobile,
    #[serde(rename = "social/bind")]
    SocialBind,
}

impl Endpoint {
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::SmsSend => "sms/send",
            Endpoint::CaptchaVerify => "captcha/verify",
            Endpoint::Register => "register/mobile-verify-code",
            Endpoint::RegisterBind => "social/register-bind",
            Endpoint::Login => "login/mobile-verify-code",
            Endpoint::PwdUpdate => "pwd/update-by-mobile",
            Endpoint::UpdateMobile => "profile/update-mobile",
            Endpoint::SocialBind => "social/bind",
        }
    }

    /// The code consumer of this endpoint; `bearer` picks the variant of the shared path.
    pub fn consumer(self, bearer: bool) -> Option<crate::api::Consumer> {
        use crate::api::Consumer as C;
        Some(match self {
            Endpoint::SmsSend | Endpoint::CaptchaVerify => return None,
            Endpoint::Register => C::Register,
            Endpoint::RegisterBind => C::SocialRegisterBind,
            Endpoint::Login => C::Login,
            Endpoint::PwdUpdate if bearer => C::UpdatePwd,
            Endpoint::PwdUpdate => C::ForgetPwd,
            Endpoint::UpdateMobile => C::UpdateMobile,
            Endpoint::SocialBind => C::SocialBind,
        })
    }
}

/// Sends made before the checked one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Setup {
    /// The same request, same pass token, sent twice; the second answer is checked.
    SendTwice,
    /// A first send with its own fresh pass token, then the case's request.
    Resend,
}

/// What the answer must be.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expected {
    /// Any 2xx.
    Success,
    /// An error: the status, the `error_code`, or both.
    Error {
        status: Option<u16>,
        error_code: Option<String>,
    },
}

impl Expected {
    /// `200 OK`, `400 IDAAS.SDK.PARAM.0001`, `404`, `IDAAS.SDK.X`.
    pub fn label(&self) -> String {
        match self {
            Expected::Success => "200 OK".into(),
            Expected::Error { status, error_code } => match (status, error_code) {
                (Some(s), Some(c)) => format!("{s} {c}"),
                (Some(s), None) => s.to_string(),
                (None, Some(c)) => c.clone(),
                (None, None) => "an error".into(),
            },
        }
    }
}

/// Values the suite's sms/send requests start from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    #[serde(default = "default_scene")]
    pub scene: String,
    #[serde(default = "default_mobile")]
    pub mobile: String,
    #[serde(default = "default_token")]
    pub captcha_token: String,
}

fn default_scene() -> String {
    "LOGIN_SMS".into()
}
fn default_mobile() -> String {
    "13800138000".into()
}
fn default_token() -> String {
    r#"71dd26999e314f9abb0c635336976635---{"x":237.0,"y":5.0}"#.into()
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            scene: default_scene(),
            mobile: default_mobile(),
            captcha_token: default_token(),
        }
    }
}

/// One case, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub name: String,
    /// What the case is about, in English (the suite file's `description`).
    pub description: String,
    /// The same in Chinese (`description_zh`); a suite without it shows the English one.
    pub description_zh: Option<String>,
    pub endpoint: Endpoint,
    /// Headers to set (`""` sends blank), in name order.
    pub headers: Vec<(String, String)>,
    pub omit_headers: Vec<String>,
    /// Body fields to set (`""` sends blank), in name order.
    pub fields: Vec<(String, String)>,
    pub omit_fields: Vec<String>,
    pub pass_token: bool,
    pub sender: Option<String>,
    pub setup: Option<Setup>,
    pub simulator_only: bool,
    /// Consumers: the mobile of the case (login, delivery, body) instead of the defaults'.
    pub mobile: Option<String>,
    /// Consumers: before the check, send a code of this scene to the body's `mobile` (or
    /// the case's) and read it from the simulator's outbox: `{code}`, `{wrong_code}`.
    pub deliver: Option<crate::api::Scene>,
    /// Consumers: deliver the code to this number instead (the classic mistakes: the old
    /// number for UPDATE_MOBILE_SMS, another user's for UPDATE_PWD_SMS).
    pub deliver_to: Option<String>,
    /// Consumers: log the case's mobile in first (LOGIN_SMS through the outbox): `{id_token}`.
    pub login: bool,
    /// Consumers: get a state token from the simulator first: `{state_token}`.
    pub state_token: bool,
    /// Consumers: send the request with `{wrong_code}` this many times before the check.
    pub wrong_first: u32,
    pub expect: Expected,
    /// Line of the case in its file.
    pub line: usize,
}

impl Case {
    /// What the case is about in `lang`: `description_zh` in Chinese when the suite has it,
    /// else `description`. The CLI's `check` and the TUI's check screen show this.
    pub fn description_in(&self, lang: crate::api::Lang) -> &str {
        match (lang, &self.description_zh) {
            (crate::api::Lang::Zh, Some(zh)) if !zh.trim().is_empty() => zh,
            _ => &self.description,
        }
    }

    /// Every value of the case (headers, fields, sender), for placeholder checks.
    fn values(&self) -> impl Iterator<Item = &str> {
        self.headers
            .iter()
            .chain(&self.fields)
            .map(|(_, v)| v.as_str())
            .chain(self.sender.as_deref())
            .chain(self.mobile.as_deref())
            .chain(self.deliver_to.as_deref())
    }

    /// It fetches a fresh captcha puzzle first.
    pub fn needs_puzzle(&self) -> bool {
        self.values().any(|v| v.contains(PUZZLE_TOKEN))
    }
}

/// A parsed suite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suite {
    /// `built-in`, or the file it came from.
    pub source: String,
    pub defaults: Defaults,
    pub cases: Vec<Case>,
}

/// A malformed suite: `FILE:LINE:COL: reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuiteError(pub String);

impl std::fmt::Display for SuiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SuiteError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuiteFile {
    #[serde(default)]
    defaults: Defaults,
    #[serde(default)]
    case: Vec<Spanned<CaseFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    description_zh: Option<String>,
    #[serde(default)]
    endpoint: Endpoint,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    omit_headers: Vec<String>,
    #[serde(default)]
    fields: BTreeMap<String, String>,
    #[serde(default)]
    omit_fields: Vec<String>,
    #[serde(default)]
    pass_token: bool,
    sender: Option<String>,
    setup: Option<Setup>,
    #[serde(default)]
    simulator_only: bool,
    mobile: Option<String>,
    deliver: Option<crate::api::Scene>,
    deliver_to: Option<String>,
    #[serde(default)]
    login: bool,
    #[serde(default)]
    state_token: bool,
    #[serde(default)]
    wrong_first: u32,
    expect: Spanned<ExpectFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectFile {
    success: Option<bool>,
    status: Option<u16>,
    error_code: Option<String>,
}

/// The built-in suite's `source`.
pub const BUILTIN_SOURCE: &str = "built-in suite (assets/check-suite.toml)";

impl Suite {
    /// The built-in suite.
    pub fn builtin() -> Suite {
        parse(BUILTIN, BUILTIN_SOURCE).expect("the built-in suite parses")
    }

    /// Where the suite came from, in `lang`: the built-in one by name, else its file.
    pub fn source_in(&self, lang: crate::api::Lang) -> String {
        if self.source == BUILTIN_SOURCE {
            crate::t!(lang, "check-builtin-suite")
        } else {
            self.source.clone()
        }
    }

    /// The built-in suite, parsed once per process (the TUI warms it on another thread
    /// while it starts, so its first frame does not wait for it).
    /// A suite with no cases: what the Check screen holds until it first opens.
    pub fn empty() -> Suite {
        Suite {
            source: BUILTIN_SOURCE.into(),
            defaults: Defaults {
                scene: default_scene(),
                mobile: default_mobile(),
                captcha_token: default_token(),
            },
            cases: Vec::new(),
        }
    }

    pub fn builtin_shared() -> std::sync::Arc<Suite> {
        static S: std::sync::LazyLock<std::sync::Arc<Suite>> =
            std::sync::LazyLock::new(|| std::sync::Arc::new(Suite::builtin()));
        S.clone()
    }

    /// Read and parse a suite file.
    pub fn load(path: &Path) -> Result<Suite, SuiteError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            SuiteError(format!(
                "{}: cannot read the suite file: {e}",
                path.display()
            ))
        })?;
        parse(&text, &path.display().to_string())
    }

    pub fn names(&self) -> Vec<&str> {
        self.cases.iter().map(|c| c.name.as_str()).collect()
    }

    /// Indices of the cases named in `only` (all when empty); an unknown name is an error.
    pub fn select(&self, only: &[String]) -> Result<Vec<usize>, String> {
        self.select_in(only, crate::api::Lang::En)
    }

    /// [`Suite::select`] with the error in `lang`.
    pub fn select_in(&self, only: &[String], lang: crate::api::Lang) -> Result<Vec<usize>, String> {
        if only.is_empty() {
            return Ok((0..self.cases.len()).collect());
        }
        let mut out = Vec::new();
        for name in only {
            match self.cases.iter().position(|c| &c.name == name) {
                Some(i) if !out.contains(&i) => out.push(i),
                Some(_) => {}
                None => {
                    let near = self.names().into_iter().min_by(|a, b| {
                        strsim::levenshtein(a, name).cmp(&strsim::levenshtein(b, name))
                    });
                    return Err(match near {
                        Some(near) => crate::t!(
                            lang,
                            "check-only-unknown-near",
                            name = name.as_str(),
                            near = near
                        ),
                        None => crate::t!(lang, "check-only-unknown", name = name.as_str()),
                    });
                }
            }
        }
        out.sort_unstable();
        Ok(out)
    }
}

/// Parse a suite's text; `source` names it in errors.
pub fn parse(text: &str, source: &str) -> Result<Suite, SuiteError> {
    let at = |offset: usize, msg: String| {
        let (line, col) = line_col(text, offset);
        SuiteError(format!("{source}:{line}:{col}: {msg}"))
    };
    let file: SuiteFile = toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        match e.span() {
            Some(span) => at(span.start, msg),
            None => SuiteError(format!("{source}: {msg}")),
        }
    })?;
    if file.case.is_empty() {
        return Err(SuiteError(format!("{source}: the suite has no [[case]]")));
    }
    let mut cases: Vec<Case> = Vec::new();
    for c in file.case {
        let start = c.span().start;
        let c = c.into_inner();
        let name_at = c.name.span().start;
        let name = c.name.into_inner();
        let err = |msg: String| at(start, format!("case `{name}`: {msg}"));
        if name.is_empty()
            || !name
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(ch))
        {
            return Err(at(
                name_at,
                format!("case name {name:?}: use letters, digits, '-', '_' and '.' only"),
            ));
        }
        if let Some(first) = cases.iter().find(|x| x.name == name) {
            return Err(at(
                name_at,
                format!("case name `{name}` is already used on line {}", first.line),
            ));
        }
        let expect_at = c.expect.span().start;
        let expect = expected(c.expect.into_inner())
            .map_err(|msg| at(expect_at, format!("case `{name}`: expect: {msg}")))?;
        for h in c.headers.keys() {
            if c.omit_headers.iter().any(|o| o.eq_ignore_ascii_case(h)) {
                return Err(err(format!("header {h} is both set and omitted")));
            }
        }
        for f in c.fields.keys() {
            if c.omit_fields.contains(f) {
                return Err(err(format!("field {f} is both set and omitted")));
            }
        }
        let case = Case {
            name: name.clone(),
            description: c.description,
            description_zh: c.description_zh,
            endpoint: c.endpoint,
            headers: c.headers.into_iter().collect(),
            omit_headers: c.omit_headers,
            fields: c.fields.into_iter().collect(),
            omit_fields: c.omit_fields,
            pass_token: c.pass_token,
            sender: c.sender,
            setup: c.setup,
            simulator_only: c.simulator_only,
            mobile: c.mobile,
            deliver: c.deliver,
            deliver_to: c.deliver_to,
            login: c.login,
            state_token: c.state_token,
            wrong_first: c.wrong_first,
            expect,
            line: line_col(text, start).0,
        };
        check_case(&case).map_err(err)?;
        cases.push(case);
    }
    Ok(Suite {
        source: source.to_string(),
        defaults: file.defaults,
        cases,
    })
}

/// What a case's `expect` table says (the message without the case and place on error).
fn expected(e: ExpectFile) -> Result<Expected, String> {
    match (e.success, e.status, e.error_code) {
        (Some(true), None, None) => Ok(Expected::Success),
        (Some(true), _, _) => Err("success = true takes no status or error_code".into()),
        (_, None, None) => {
            Err("give success = true, or the status and/or error_code of the expected error".into())
        }
        (_, Some(s), _) if (200..300).contains(&s) => {
            Err("write success = true for a 2xx answer".into())
        }
        (_, status, code) => Ok(Expected::Error {
            status,
            error_code: code.map(|c| c.trim().to_string()),
        }),
    }
}

/// The rules between a case's settings (the message without the case and place on error).
fn check_case(case: &Case) -> Result<(), String> {
    let consumer_setup =
        case.deliver.is_some() || case.login || case.state_token || case.wrong_first > 0;
    if case.endpoint.consumer(false).is_none() && (consumer_setup || case.mobile.is_some()) {
        return Err(format!(
            "deliver, login, state_token, wrong_first and mobile are for the code consumers, not {}",
            case.endpoint.name()
        ));
    }
    if consumer_setup && !case.simulator_only {
        return Err(
            "deliver, login, state_token and wrong_first read the simulator's outbox or helpers: add simulator_only = true".into(),
        );
    }
    if case.deliver_to.is_some() && case.deliver.is_none() {
        return Err("deliver_to needs deliver (the scene of the code)".into());
    }
    if case.wrong_first > 0 && case.deliver.is_none() {
        return Err("wrong_first needs deliver (a code to get wrong)".into());
    }
    for (flag, ph, what) in [
        (case.deliver.is_some(), CODE, "deliver"),
        (case.deliver.is_some(), WRONG_CODE, "deliver"),
        (case.login, ID_TOKEN, "login = true"),
        (case.state_token, STATE_TOKEN, "state_token = true"),
    ] {
        if !flag && case.values().any(|v| v.contains(ph)) {
            return Err(format!("{ph} is used without {what}"));
        }
    }
    if !case.pass_token {
        if case.values().any(|v| v.contains(PASS_TOKEN)) {
            return Err(format!("{PASS_TOKEN} is used without pass_token = true"));
        }
        if case.setup.is_some() {
            return Err("setup needs pass_token = true".into());
        }
        if case.sender.is_some() {
            return Err(
                "sender is the mobile a pass token is verified for: it needs pass_token = true"
                    .into(),
            );
        }
    } else if case.endpoint != Endpoint::SmsSend {
        return Err(format!(
            "pass_token is for sms/send, not {}",
            case.endpoint.name()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let s = Suite::builtin();
        assert!(s.cases.len() >= 15);
        assert!(s.cases.iter().any(|c| c.setup == Some(Setup::SendTwice)));
        assert!(s.cases[0].line > 1);
    }

    #[test]
    fn errors_have_line_and_reason() {
        let text = "[[case]]\nname = \"a\"\nexpect = { success = true }\nbogus = 1\n";
        let e = parse(text, "s.toml").unwrap_err().0;
        assert!(e.starts_with("s.toml:4:1: unknown field `bogus`"), "{e}");
        let text = "[[case]]\nname = \"a\"\nexpect = { success = true }\n\n[[case]]\nname = \"a\"\nexpect = { success = true }\n";
        let e = parse(text, "s.toml").unwrap_err().0;
        assert!(e.starts_with("s.toml:6:"), "{e}");
        assert!(e.contains("already used on line 1"), "{e}");
    }

    #[test]
    fn consumer_keys_are_checked() {
        let s = Suite::builtin();
        assert!(
            s.cases
                .iter()
                .any(|c| c.deliver.is_some() && c.wrong_first == 5)
        );
        let bad = [
            (
                "endpoint = \"sms/send\"\ndeliver = \"LOGIN_SMS\"\nsimulator_only = true",
                "are for the code consumers, not sms/send",
            ),
            (
                "endpoint = \"social/bind\"\nstate_token = true",
                "add simulator_only = true",
            ),
            (
                "endpoint = \"login/mobile-verify-code\"\nwrong_first = 2\nsimulator_only = true",
                "wrong_first needs deliver",
            ),
            (
                "endpoint = \"login/mobile-verify-code\"\nfields = { verify_code = \"{code}\" }",
                "{code} is used without deliver",
            ),
            (
                "endpoint = \"login/mobile-verify-code\"\ndeliver = \"LOGIN\"\nsimulator_only = true",
                "unknown variant `LOGIN`",
            ),
        ];
        for (body, want) in bad {
            let text = format!("[[case]]\nname = \"a\"\n{body}\nexpect = {{ success = true }}\n");
            let e = parse(&text, "s.toml").unwrap_err().0;
            assert!(e.contains(want), "{want}: {e}");
        }
    }

    #[test]
    fn every_builtin_case_has_a_chinese_description_and_a_suite_without_one_falls_back() {
        use crate::api::Lang;
        for c in &Suite::builtin().cases {
            let zh = c.description_in(Lang::Zh);
            assert!(
                c.description_zh.is_some() && zh != c.description,
                "{}: {zh}",
                c.name
            );
            assert!(
                zh.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
                "{zh}"
            );
            assert_eq!(c.description_in(Lang::En), c.description);
        }
        let text =
            "[[case]]\nname = \"a\"\ndescription = \"only English\"\nexpect = { success = true }\n";
        let c = &parse(text, "s.toml").unwrap().cases[0];
        assert_eq!(c.description_in(Lang::Zh), "only English");
        let e = Suite::builtin()
            .select_in(&["sucess".into()], Lang::Zh)
            .unwrap_err();
        assert!(e.contains("success") && e.contains("没有名为"), "{e}");
    }

    #[test]
    fn select_names() {
        let s = Suite::builtin();
        assert_eq!(s.select(&["success".into()]).unwrap().len(), 1);
        let e = s.select(&["sucess".into()]).unwrap_err();
        assert!(e.contains("did you mean success"), "{e}");
    }
}
