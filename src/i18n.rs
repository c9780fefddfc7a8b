//! The UI's words: one Fluent catalogue (`assets/locales/{en/en-US,zh/zh-CN}/*.ftl`) for every string a
//! person reads in the TUI and in the CLI's human output, English and Simplified Chinese.
//!
//! Fluent (`fluent-bundle`) was chosen over `rust-i18n` because it handles plurals (CLDR rules
//! per language) and placeables in the library and keeps translators' files free of Rust. The
//! files are embedded at build time. Ids are looked up with [`t!`](crate::t) so that a test can
//! find every id the code uses (`tests/i18n_catalogue.rs`): an id missing in one language, or
//! not used anywhere, fails it.
//!
//! Each file is parsed the first time one of its messages is looked up, in the language looked
//! up: ids are named after their file (`tui-token-…` lives in `tui-token.ftl`; an id that starts
//! with no file's name lives in `common.ftl`), so a lookup knows which file to parse. The TUI's
//! first frame reads three files of one language, a third of the catalogue (see
//! [`FIRST_FRAME`]); a CLI command reads its own.
//!
//! The UI language is independent of `X-L` (the language asked of the server): see [`choose`].

use crate::api::catalogue::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::sync::OnceLock;

/// One catalogue file of one language: its text, embedded, and its messages once parsed.
struct File {
    name: &'static str,
    source: &'static str,
    bundle: OnceLock<FluentBundle<FluentResource>>,
}

/// The files of `dir` (`assets/locales/DIR/NAME.ftl`), in the order given.
macro_rules! files {
    ($dir:literal: $($name:literal),+ $(,)?) => {
        [$(File {
            name: $name,
            source: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"), "/assets/locales/", $dir, "/", $name, ".ftl"
            )),
            bundle: OnceLock::new(),
        }),+]
    };
}

/// The files of every language (a test holds this list to the directories).
const FILE_NAMES: [&str; 15] = [
    "check",
    "cli",
    "client",
    "common",
    "report",
    "tui-check",
    "tui-flow",
    "tui-help",
    "tui-keys",
    "tui-lists",
    "tui-probe",
    "tui-puzzle",
    "tui-result",
    "tui-runtime",
    "tui-token",
];

/// The file whose ids start with no other file's name.
const COMMON: &str = "common";

/// The files the TUI's first frame reads, in the order it draws them: the title bar, steps and
/// sidebar, the token step, the footer's key labels (`tests/first_frame_words.rs` holds the
/// first frame to them). The warm-up parses them in this order, so that a frame that catches up
/// with it waits for the file it needs next.
pub const FIRST_FRAME: [&str; 3] = ["tui-flow", "tui-token", "tui-keys"];

static EN_FILES: [File; 15] = files!("en/en-US":
    "check", "cli", "client", "common", "report", "tui-check", "tui-flow", "tui-help",
    "tui-keys", "tui-lists", "tui-probe", "tui-puzzle", "tui-result", "tui-runtime", "tui-token");
static ZH_FILES: [File; 15] = files!("zh/zh-CN":
    "check", "cli", "client", "common", "report", "tui-check", "tui-flow", "tui-help",
    "tui-keys", "tui-lists", "tui-probe", "tui-puzzle", "tui-result", "tui-runtime", "tui-token");

fn files(lang: Lang) -> (&'static [File; 15], &'static str) {
    match lang {
        Lang::En => (&EN_FILES, "en-US"),
        Lang::Zh => (&ZH_FILES, "zh-CN"),
    }
}

/// The name of the file that holds `id`: the file whose name, and a `-`, begin it, else
/// [`COMMON`].
fn file_of(id: &str) -> &'static str {
    FILE_NAMES
        .iter()
        .copied()
        .find(|name| {
            id.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('-'))
        })
        .unwrap_or(COMMON)
}

/// `name`'s messages in `lang`, parsed on first use.
fn bundle(lang: Lang, name: &str) -> &'static FluentBundle<FluentResource> {
    let (files, locale) = files(lang);
    let file = files
        .iter()
        .find(|f| f.name == name)
        .expect("file_of names a listed file");
    file.bundle.get_or_init(|| {
        let mut bundle =
            FluentBundle::new_concurrent(vec![locale.parse().expect("a valid language tag")]);
        // No Unicode isolation marks around placeables: a terminal draws them as odd cells.
        bundle.set_use_isolating(false);
        // A syntax error (which the catalogue test rules out) loses only the entries it is in.
        let resource = FluentResource::try_new(file.source.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

fn lookup(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = bundle(lang, file_of(id));
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The message `id` in `lang`. An unknown id (a bug the catalogue test catches) shows as the id.
pub fn text(lang: Lang, id: &str) -> String {
    lookup(lang, id, None).unwrap_or_else(|| id.to_string())
}

/// The message `id` in `lang` with its placeables filled from `args`.
pub fn text_args(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let mut map = FluentArgs::with_capacity(args.len());
    for (k, v) in args {
        map.set(*k, v.0.clone());
    }
    lookup(lang, id, Some(&map)).unwrap_or_else(|| id.to_string())
}

/// Parse `names` in `lang` now (each is parsed on first use otherwise): for a start-up that
/// warms them on another thread.
pub fn warm(lang: Lang, names: &[&str]) {
    for name in names {
        let _ = bundle(lang, name);
    }
}

/// Whether `name` has been parsed in `lang` (for the test that holds the first frame to
/// [`FIRST_FRAME`]).
#[cfg(any(test, feature = "test-support"))]
pub fn is_parsed(lang: Lang, name: &str) -> bool {
    files(lang)
        .0
        .iter()
        .any(|f| f.name == name && f.bundle.get().is_some())
}

/// On another thread, from the very start of the process, parse the files of the language
/// this process will most likely speak that its first words come from: the TUI's first frame
/// ([`FIRST_FRAME`]) when `tui`, else the CLI's, and the error catalogue every explanation
/// reads. The first words printed or drawn rarely wait for them. The guess reads `--ui-lang`,
/// `VFLOW_UI_LANG` and the locale; a profile's `ui_lang` is read later, and a wrong guess only
/// means that language is parsed on first use instead.
pub fn warm_in_background(tui: bool) {
    // `args_os`: an argument that is not UTF-8 (a file name) is clap's to report, not a panic.
    let args = std::env::args_os().skip(1);
    let lang = guess_ui_lang(args.map(|a| a.to_string_lossy().into_owned()), |k| {
        std::env::var(k).ok()
    });
    // It may still run when the TUI holds the quit signals for its first frame.
    let _ = crate::quit_signals::spawn_without("warm-i18n", move || {
        if tui {
            warm(lang, &FIRST_FRAME);
        } else {
            warm(lang, &["cli", "client"]);
            let _ = crate::api::catalogue::Catalogue::get();
        }
    });
}

/// The UI language from the command line and the environment alone (no profile): `--ui-lang X`
/// or `--ui-lang=X`, else `VFLOW_UI_LANG`, else the locale, else English.
pub fn guess_ui_lang(
    args: impl Iterator<Item = String>,
    get: impl Fn(&str) -> Option<String>,
) -> Lang {
    let mut flag = None;
    let mut args = args.peekable();
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        if let Some(v) = a.strip_prefix("--ui-lang=") {
            flag = parse_ui_lang(v).ok();
        } else if a == "--ui-lang" {
            flag = args.peek().and_then(|v| parse_ui_lang(v).ok());
        }
    }
    let flag = flag.or_else(|| get("VFLOW_UI_LANG").and_then(|v| parse_ui_lang(&v).ok()));
    choose(flag, None, env_locale(get))
}

/// One placeable's value: numbers stay numbers (so plural rules apply), the rest is text.
#[derive(Debug, Clone)]
pub struct Arg(FluentValue<'static>);

macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg(FluentValue::from(v))
            }
        }
    )*};
}
arg_from_number!(u8, u16, u32, u64, usize, i32, i64, f64);

impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg(FluentValue::from(v))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg(FluentValue::from(v.clone()))
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg(FluentValue::from(v.to_string()))
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(v: Cow<'_, str>) -> Arg {
        Arg(FluentValue::from(v.into_owned()))
    }
}

/// `t!(lang, "id")` or `t!(lang, "id", name = value, ...)`: the message in the UI language.
/// Ids are literals so the catalogue test can see them.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal) => {
        $crate::i18n::text($lang, $id)
    };
    ($lang:expr, $id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::i18n::text_args(
            $lang,
            $id,
            &[$((stringify!($k), $crate::i18n::Arg::from($v))),+],
        )
    };
}

/// The language a locale name stands for: `zh`, `zh_CN.UTF-8`, `zh-Hans`... are Chinese;
/// anything else (or nothing) is not a choice.
pub fn locale_lang(locale: &str) -> Option<Lang> {
    let l = locale.trim();
    if l.is_empty() {
        return None;
    }
    let primary = l
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(if primary == "zh" { Lang::Zh } else { Lang::En })
}

/// The locale's language as POSIX decides it: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set and not empty. `get` reads a variable (the process environment in `main`).
pub fn env_locale(get: impl Fn(&str) -> Option<String>) -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| get(k).filter(|v| !v.trim().is_empty()))
        .and_then(|v| locale_lang(&v))
}

/// Parses `en` / `zh` (as `--ui-lang` and the profile's `ui_lang` take them).
pub fn parse_ui_lang(s: &str) -> Result<Lang, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "en" | "english" => Ok(Lang::En),
        "zh" | "cn" | "chinese" | "中文" => Ok(Lang::Zh),
        other => Err(format!("{other:?} is not a UI language: use en or zh")),
    }
}

/// The UI language: the flag (or `VFLOW_UI_LANG`), else the profile's `ui_lang`, else the locale,
/// else English.
pub fn choose(flag: Option<Lang>, profile: Option<Lang>, locale: Option<Lang>) -> Lang {
    flag.or(profile).or(locale).unwrap_or(Lang::En)
}

/// The name of a language in itself, for the title bar and `config show`.
pub fn native_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "中文",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_map_to_languages() {
        assert_eq!(locale_lang("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(locale_lang("zh_TW"), Some(Lang::Zh));
        assert_eq!(locale_lang("zh-Hans"), Some(Lang::Zh));
        assert_eq!(locale_lang("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(locale_lang("C.UTF-8"), Some(Lang::En));
        assert_eq!(locale_lang("POSIX"), Some(Lang::En));
        assert_eq!(locale_lang(" "), None);
    }

    #[test]
    fn lc_all_beats_lc_messages_beats_lang_and_empty_means_unset() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            env_locale(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
            Some(Lang::En)
        );
        assert_eq!(
            env_locale(env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN")])),
            Some(Lang::Zh)
        );
        assert_eq!(
            env_locale(env(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")])),
            Some(Lang::Zh)
        );
        assert_eq!(env_locale(env(&[])), None);
    }

    #[test]
    fn flag_beats_profile_beats_locale() {
        assert_eq!(
            choose(Some(Lang::En), Some(Lang::Zh), Some(Lang::Zh)),
            Lang::En
        );
        assert_eq!(choose(None, Some(Lang::Zh), Some(Lang::En)), Lang::Zh);
        assert_eq!(choose(None, None, Some(Lang::Zh)), Lang::Zh);
        assert_eq!(choose(None, None, None), Lang::En);
    }

    #[test]
    fn ui_lang_values() {
        assert_eq!(parse_ui_lang("ZH"), Ok(Lang::Zh));
        assert_eq!(parse_ui_lang("en"), Ok(Lang::En));
        assert!(parse_ui_lang("fr").unwrap_err().contains("en or zh"));
    }

    #[test]
    fn the_warm_up_guesses_the_language_from_the_flag_then_the_environment() {
        let args = |v: &[&str]| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let zh_locale: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];
        assert_eq!(guess_ui_lang(args(&[]), env(zh_locale)), Lang::Zh);
        assert_eq!(
            guess_ui_lang(args(&["--ui-lang", "en"]), env(zh_locale)),
            Lang::En
        );
        assert_eq!(
            guess_ui_lang(args(&["--ui-lang=en"]), env(zh_locale)),
            Lang::En
        );
        assert_eq!(
            guess_ui_lang(args(&["send", "--ui-lang", "zh"]), env(&[])),
            Lang::Zh
        );
        let both: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8"), ("VFLOW_UI_LANG", "en")];
        assert_eq!(guess_ui_lang(args(&[]), env(both)), Lang::En);
        // After `--`, words are not options.
        assert_eq!(
            guess_ui_lang(args(&["--", "--ui-lang=zh"]), env(&[])),
            Lang::En
        );
        assert_eq!(
            guess_ui_lang(args(&["--ui-lang", "klingon"]), env(&[])),
            Lang::En
        );
    }

    #[test]
    fn each_language_lists_the_files_of_its_directory() {
        for (lang, dir) in [(Lang::En, "en/en-US"), (Lang::Zh, "zh/zh-CN")] {
            let path = format!("{}/assets/locales/{dir}", env!("CARGO_MANIFEST_DIR"));
            let mut on_disk: Vec<String> = std::fs::read_dir(&path)
                .unwrap()
                .filter_map(|e| {
                    let name = e.unwrap().file_name().into_string().unwrap();
                    name.strip_suffix(".ftl").map(str::to_string)
                })
                .collect();
            on_disk.sort();
            let listed: Vec<&str> = files(lang).0.iter().map(|f| f.name).collect();
            assert_eq!(listed, on_disk, "{dir}");
            assert_eq!(listed, FILE_NAMES, "{dir}");
        }
    }

    #[test]
    fn an_id_is_looked_up_in_the_file_it_is_named_after() {
        assert_eq!(file_of("tui-token-title"), "tui-token");
        assert_eq!(file_of("tui-check-title"), "tui-check");
        assert_eq!(file_of("check-title"), "check");
        assert_eq!(file_of("ui-lang-mismatch"), "common");
        // A name is a whole word of the id: `tui-` alone is no file.
        assert_eq!(file_of("tui-tokens"), "common");
        // No file's name begins another's with a `-` after it, so the first match is the only one.
        for a in FILE_NAMES {
            for b in FILE_NAMES {
                assert!(a == b || !b.starts_with(&format!("{a}-")), "{a} / {b}");
            }
        }
    }

    #[test]
    fn each_language_has_its_own_loader_and_both_are_complete_for_a_known_id() {
        assert_eq!(text(Lang::En, "tui-flow-step-scene"), "Scene");
        assert_ne!(text(Lang::Zh, "tui-flow-step-scene"), "tui-flow-step-scene");
        assert_ne!(
            text(Lang::Zh, "tui-flow-step-scene"),
            text(Lang::En, "tui-flow-step-scene")
        );
    }

    #[test]
    fn list_titles_count_in_the_singular_too() {
        assert_eq!(
            crate::t!(Lang::En, "tui-lists-history-title-n", n = 1usize),
            "History (1 exchange)"
        );
        assert_eq!(
            crate::t!(Lang::En, "tui-lists-history-title-n", n = 2usize),
            "History (2 exchanges)"
        );
        assert_eq!(
            crate::t!(Lang::En, "tui-lists-traffic-count", n = 1usize),
            "1 exchange"
        );
        assert_eq!(
            crate::t!(Lang::Zh, "tui-lists-traffic-count", n = 1usize),
            "1 次请求"
        );
    }

    #[test]
    fn placeables_and_plurals_come_from_the_library() {
        assert_eq!(
            crate::t!(Lang::En, "ui-lang-mismatch", ui = "English", server = "zh"),
            "UI English · X-L zh"
        );
        assert_eq!(
            crate::t!(Lang::Zh, "ui-lang-mismatch", ui = "中文", server = "en"),
            "界面 中文 · X-L en"
        );
        assert_eq!(crate::t!(Lang::En, "n-exchanges", n = 1u32), "1 exchange");
        assert_eq!(crate::t!(Lang::En, "n-exchanges", n = 2u32), "2 exchanges");
        assert_eq!(crate::t!(Lang::Zh, "n-exchanges", n = 2u32), "2 次交换");
    }
}
