//! The words of an explanation: [`Text`] in two languages, next [`Step`]s that
//! may name a [`UiAction`], and the [`Explanation`] with its plain-text form.

use super::action::UiAction;
use crate::api::Lang;
use serde::ser::SerializeStruct;

/// One sentence in both languages.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

pub(super) fn t(en: impl Into<String>, zh: impl Into<String>) -> Text {
    Text::new(en, zh)
}

pub(super) fn from_list(list: &crate::api::catalogue::Bilingual<Vec<String>>) -> Vec<Text> {
    list.en
        .iter()
        .zip(&list.zh)
        .map(|(en, zh)| t(en.clone(), zh.clone()))
        .collect()
}

/// One next step: what to do, and the vflow action that does it, when there is one.
/// Each front end names the action its own way: the CLI with its flag or in
/// words ([`Step::cli`]), the TUI with its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The step without the action ("apply a device preset").
    pub text: Text,
    pub action: Option<UiAction>,
}

impl Step {
    /// A step vflow has no action for.
    pub fn plain(text: Text) -> Step {
        Step { text, action: None }
    }

    /// A step done by `action`.
    pub fn with(text: Text, action: UiAction) -> Step {
        Step {
            text,
            action: Some(action),
        }
    }

    /// The step as the command line says it: the action's flag, or its name in words.
    pub fn cli(&self) -> Text {
        let Some(a) = self.action else {
            return self.text.clone();
        };
        let (en, zh) = match a.cli_flag() {
            Some(flag) => (
                format!("{} ({})", self.text.en, flag.en),
                format!("{}（{}）", self.text.zh, flag.zh),
            ),
            None => (
                format!("{} (in the TUI: {})", self.text.en, a.words().en),
                format!("{}（TUI 中：{}）", self.text.zh, a.words().zh),
            ),
        };
        Text { en, zh }
    }
}

impl From<Text> for Step {
    fn from(text: Text) -> Step {
        Step::plain(text)
    }
}

/// In JSON a step reads as the command line says it (`en`, `zh`), with the
/// action's identifier when there is one (`"action": "apply_preset"`).
impl serde::Serialize for Step {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let cli = self.cli();
        let mut st = s.serialize_struct("Step", 3)?;
        st.serialize_field("en", &cli.en)?;
        st.serialize_field("zh", &cli.zh)?;
        match self.action {
            Some(a) => st.serialize_field("action", &a)?,
            None => st.skip_field("action")?,
        }
        st.end()
    }
}

/// A structured explanation; render with [`Explanation::render`] or read the fields.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Explanation {
    /// The language of the request's `X-L` header (the other one is always available).
    pub lang: Lang,
    /// `success`, `api_error`, `http_error`, `bad_body`, `transport`, `cancelled`.
    pub class: String,
    pub title: Text,
    /// The error code, or the transport kind (`connection_refused`, ...).
    pub code: Option<String>,
    /// `error_msg` exactly as the server sent it.
    pub server_message: Option<String>,
    /// The catalogue's message for the code, both languages.
    pub catalogue_message: Option<Text>,
    pub meaning: Text,
    /// What in this request caused it.
    pub in_this_request: Vec<Text>,
    /// The usual causes, in general.
    pub general_causes: Vec<Text>,
    pub next_steps: Vec<Step>,
}

impl Explanation {
    /// Add a next step vflow has no action for.
    pub(super) fn step(&mut self, text: Text) {
        self.next_steps.push(Step::plain(text));
    }

    /// A plain-text block in `lang` (no colours).
    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut out = String::new();
        match &self.code {
            Some(code) => out.push_str(&format!("{} ({code})\n", self.title.get(lang))),
            None => out.push_str(&format!("{}\n", self.title.get(lang))),
        }
        if let Some(m) = &self.server_message {
            out.push_str(&format!(
                "  {}: {m:?}\n",
                if zh {
                    "服务器消息"
                } else {
                    "server message"
                }
            ));
        }
        if let Some(m) = &self.catalogue_message {
            out.push_str(&format!(
                "  {}: {} / {}\n",
                if zh {
                    "文档消息"
                } else {
                    "documented message"
                },
                m.en,
                m.zh
            ));
        }
        out.push_str(&format!("  {}\n", self.meaning.get(lang)));
        let section = |out: &mut String, head: &str, items: &[Text]| {
            if !items.is_empty() {
                out.push_str(&format!("{head}\n"));
                for i in items {
                    out.push_str(&format!("  - {}\n", i.get(lang)));
                }
            }
        };
        section(
            &mut out,
            if zh {
                "本次请求中:"
            } else {
                "In this request:"
            },
            &self.in_this_request,
        );
        section(
            &mut out,
            if zh { "常见原因:" } else { "Usual causes:" },
            &self.general_causes,
        );
        section(
            &mut out,
            if zh { "下一步:" } else { "Next steps:" },
            &self.next_steps.iter().map(Step::cli).collect::<Vec<_>>(),
        );
        // the code and the server's message are the server's bytes
        crate::api::text::visible_lines(&out).into_owned()
    }
}
