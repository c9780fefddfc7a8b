//! The TUI's first frame reads only the catalogue files it needs ([`vflow::i18n::FIRST_FRAME`]):
//! each file is parsed on first use, and the first frame waits for nothing else.
//! (Its own test binary: no other test parses files in this process.)

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vflow::api::Lang;
use vflow::config::{self, ConfigFile, Overrides};
use vflow::i18n;
use vflow::tui::app::{App, Target};

#[test]
fn the_first_frame_parses_only_its_own_files_in_its_own_language() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/locales/en/en-US");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".ftl").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() > i18n::FIRST_FRAME.len());

    for lang in [Lang::Zh, Lang::En] {
        // As `vflow` resolves it in a locale of that language (X-L follows the UI language).
        let overrides = Overrides {
            locale: Some(lang),
            ..Overrides::default()
        };
        let profile = config::resolve_with(&overrides, None, &ConfigFile::default()).unwrap();
        assert_eq!(profile.ui_lang, lang);
        for (w, h) in [(80, 24), (120, 40)] {
            let target = Target {
                base_url: "http://127.0.0.1:9".into(),
                simulator: true,
                profile: "default".into(),
            };
            let mut app = App::new(target, profile.headers(), vflow::clock::system());
            app.ui_lang = lang;
            app.size = (w, h);
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            term.draw(|f| vflow::tui::view(&app, f)).unwrap();
            let screen = format!("{:?}", term.backend().buffer());
            // The frame is the token step, in words (not ids).
            assert!(!screen.contains("tui-token-"), "{screen}");
        }
        for name in &names {
            let first = i18n::FIRST_FRAME.contains(&name.as_str());
            assert_eq!(
                i18n::is_parsed(lang, name),
                first,
                "{name} in {lang:?}: parsed for the first frame? (FIRST_FRAME: {:?})",
                i18n::FIRST_FRAME
            );
            if lang == Lang::Zh {
                // Chinese is drawn first: nothing of English is parsed for it.
                assert!(!i18n::is_parsed(Lang::En, name), "{name} in English");
            }
        }
    }
}
