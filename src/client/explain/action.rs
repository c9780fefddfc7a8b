//! Things a person can do in vflow, named by explanations instead of keys or
//! flags: each front end says how to do it (the CLI with a flag or in words,
//! the TUI with its key).

use super::text::Text;

/// An action a next step points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UiAction {
    /// Open the device headers editor.
    EditHeaders,
    /// Apply a device preset to the device headers.
    ApplyPreset,
    /// Set the X-client-id header.
    EditClientId,
    /// Get a fresh captcha pass token.
    NewToken,
    /// Send the request again (with a fresh token).
    Resend,
    /// Choose another scene.
    ChangeScene,
    /// Enter another mobile number.
    ChangeMobile,
    /// Log in with the delivered code.
    Login,
}

impl UiAction {
    /// Every action, for the front ends' tests.
    pub const ALL: [UiAction; 8] = [
        UiAction::EditHeaders,
        UiAction::ApplyPreset,
        UiAction::EditClientId,
        UiAction::NewToken,
        UiAction::Resend,
        UiAction::ChangeScene,
        UiAction::ChangeMobile,
        UiAction::Login,
    ];

    /// The action in a few words.
    pub fn words(self) -> Text {
        let (en, zh) = match self {
            UiAction::EditHeaders => ("edit the headers", "编辑请求头"),
            UiAction::ApplyPreset => ("apply a device preset", "套用设备预设"),
            UiAction::EditClientId => ("set the client id", "设置 client id"),
            UiAction::NewToken => ("get a fresh pass token", "获取新的通过令牌"),
            UiAction::Resend => ("send again", "再次发送"),
            UiAction::ChangeScene => ("choose another scene", "选择其他场景"),
            UiAction::ChangeMobile => ("enter another mobile", "输入其他手机号"),
            UiAction::Login => ("log in with the code", "用验证码登录"),
        };
        Text::new(en, zh)
    }

    /// The command line's way to do it, when it has one.
    pub fn cli_flag(self) -> Option<Text> {
        let (en, zh) = match self {
            UiAction::EditHeaders => (
                "--header 'NAME: VALUE' / --omit-header NAME",
                "--header 'NAME: VALUE' / --omit-header NAME",
            ),
            UiAction::ApplyPreset => (
                "--device android|iphone|windows|macos-safari|wechat",
                "--device android|iphone|windows|macos-safari|wechat",
            ),
            UiAction::EditClientId => ("--client-id ID or the profile", "--client-id ID 或配置档"),
            UiAction::NewToken => (
                "`vflow captcha get` + `vflow captcha verify`",
                "`vflow captcha get` + `vflow captcha verify`",
            ),
            UiAction::ChangeScene => ("--scene SCENE", "--scene SCENE"),
            UiAction::ChangeMobile => ("--mobile M", "--mobile M"),
            UiAction::Resend | UiAction::Login => return None,
        };
        Some(Text::new(en, zh))
    }
}
