//! What newcomers tripped over (issue 15), driven through the TUI's real update loop
//! against the simulator on 127.0.0.1 at 80x24: a notice wider than the status row is
//! read in full, Ctrl+G on the mobile step comes back where the person was, a captcha
//! that refuses the edited headers says so and offers the full headers.

mod zh_screens;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;
use vflow::api::Lang;
use vflow::api::headers as h;
use vflow::client::Outcome;
use vflow::sim::SimHandle;
use vflow::tui::app::{App, Msg, Screen, Step, Target};
use vflow::tui::runtime::Runtime;
use zh_screens::{draw, in_chinese, text};

const LIMIT: Duration = Duration::from_secs(10);

struct Harness {
    app: App,
    rt: Runtime,
    /// Keys pressed so far (a typed character is one).
    keys: usize,
    _sim: SimHandle,
}

impl Harness {
    async fn new(w: u16, h: u16) -> Harness {
        let sim = vflow::tui::fixtures::simulator(false).await;
        let target = Target {
            base_url: sim.base_url(),
            simulator: true,
            profile: "default".into(),
        };
        let mut app = App::new(
            target,
            vflow::tui::fixtures::headers(),
            vflow::clock::system(),
        );
        app.size = (w, h);
        Harness {
            app,
            rt: vflow::tui::fixtures::runtime(),
            keys: 0,
            _sim: sim,
        }
    }

    fn key(&mut self, k: KeyEvent) {
        self.keys += 1;
        self.rt.dispatch(&mut self.app, Msg::Key(k));
    }

    fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::from(code));
    }

    fn ctrl(&mut self, c: char) {
        self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    async fn settle(&mut self) {
        self.rt.settle(&mut self.app, LIMIT).await.unwrap();
    }

    /// The screen as drawn at the app's size.
    fn screen(&mut self) -> String {
        let (w, h) = self.app.size;
        text(&draw(&mut self.app, w, h))
    }

    /// Omit X-agent in the headers editor (F2, down to it, Space, Esc).
    fn omit_agent(&mut self) {
        let back = self.app.screen;
        self.press(KeyCode::F(2));
        assert_eq!(self.app.screen, Screen::Headers);
        let idx = self
            .app
            .headers
            .iter()
            .position(|x| x.name == h::AGENT)
            .unwrap();
        for _ in 0..idx {
            self.press(KeyCode::Down);
        }
        self.press(KeyCode::Char(' '));
        assert!(!self.app.headers[idx].enabled);
        self.press(KeyCode::Esc);
        assert_eq!(self.app.screen, back);
    }
}

#[tokio::test]
async fn header_refused_ctrl_g_leaves_a_visible_notice_and_the_full_headers_offer() {
    let mut t = Harness::new(80, 24).await;
    t.omit_agent();
    t.ctrl('g');
    assert_eq!(t.app.screen, Screen::Wizard(Step::Mobile));
    t.type_text("13800138000");
    t.press(KeyCode::Enter);
    t.settle().await;
    let s = t.screen();
    eprintln!("{s}");
    eprintln!("{:?}", t.app.notice);
}
