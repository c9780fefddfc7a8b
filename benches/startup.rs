//! What runs before the TUI's first frame, piece by piece (release build, no
//! terminal): the profile, the simulator's router, the app state, the first
//! frame's drawing, and the embedded assets parsed on the way.
//! Run: `cargo bench --bench startup`. The whole start in a pty, beside another
//! TUI: `scripts/bench-tui.py`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vflow::api::Catalogue;
use vflow::check::Suite;
use vflow::config::{self, ConfigFile, Overrides};
use vflow::tui::app::{App, Target};

fn main() {
    divan::main();
}

fn target() -> Target {
    Target {
        base_url: "http://127.0.0.1:9".into(),
        simulator: true,
        profile: "default".into(),
    }
}

/// The effective profile from flags and an empty file, and its headers.
#[divan::bench]
fn profile_and_headers() -> usize {
    let p = config::resolve_with(&Overrides::default(), None, &ConfigFile::default()).unwrap();
    p.headers().len()
}

/// The simulator's router (what `sim::start` builds after the bind).
#[divan::bench]
fn sim_router() -> axum::Router {
    vflow::sim::router(vflow::sim::SimConfig::default())
}

/// The app state of the first screen.
#[divan::bench]
fn app_new() -> App {
    App::new(target(), Vec::new(), vflow::clock::system())
}

/// The first frame at 120x40.
#[divan::bench]
fn first_frame(b: divan::Bencher) {
    let app = App::new(target(), Vec::new(), vflow::clock::system());
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    b.bench_local(|| {
        term.draw(|f| vflow::tui::view(&app, f)).unwrap();
    });
}

/// Parsing the built-in check suite (assets/check-suite.toml).
#[divan::bench]
fn builtin_suite() -> Suite {
    Suite::builtin()
}

/// Parsing the error catalogue (assets/error-codes.toml); cached after the first use.
#[divan::bench]
fn catalogue_parse() -> Catalogue {
    Catalogue::parse(include_str!("../assets/error-codes.toml")).unwrap()
}
