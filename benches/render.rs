//! Time to render each main screen at 200x50 on ratatui's TestBackend.
//! Run: `cargo bench --bench render`.

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vflow::tui::app::{App, Step};
use vflow::tui::fixtures::{error_body, filled, json_response, key, ok_response, with_result};
use vflow::tui::view;

fn main() {
    divan::main();
}

fn screen(name: &str) -> App {
    let (a, _) = filled(Step::Review);
    let mut a = match name {
        "token" => filled(Step::Token).0,
        "scene" => filled(Step::Scene).0,
        "review" => a,
        "result_success" => with_result(a, Some(ok_response())),
        "result_param_0001" => {
            let mut a = a;
            a.headers[3].enabled = false;
            with_result(
                a,
                Some(json_response(400, &error_body("IDAAS.SDK.PARAM.0001"))),
            )
        }
        "result_refused" => with_result(a, None),
        "headers" => {
            let mut a = a;
            key(&mut a, KeyCode::F(2));
            a
        }
        "puzzle" => vflow::tui::fixtures::puzzle_screen().0,
        // The proxy's Traffic screen holding 100,000 exchanges (only the rows
        // on screen are drawn): following the newest, and in the middle.
        "traffic_100k" => vflow::tui::fixtures::traffic(100_000),
        "traffic_100k_middle" => {
            let mut a = vflow::tui::fixtures::traffic(100_000);
            a.traffic.sel = 50_000;
            a.traffic.follow = false;
            a
        }
        "traffic_100k_filtered" => {
            let mut a = vflow::tui::fixtures::traffic(100_000);
            key(&mut a, KeyCode::Char('/'));
            for c in "param".chars() {
                key(&mut a, KeyCode::Char(c));
            }
            key(&mut a, KeyCode::Enter);
            a
        }
        "history" => {
            let mut a = with_result(a, Some(ok_response()));
            key(&mut a, KeyCode::F(3));
            a
        }
        _ => unreachable!(),
    };
    a.size = (200, 50);
    a
}

#[divan::bench(args = [
    "token", "scene", "review", "result_success", "result_param_0001",
    "result_refused", "headers", "history", "puzzle",
    "traffic_100k", "traffic_100k_middle", "traffic_100k_filtered",
])]
fn render_200x50(bencher: divan::Bencher, name: &str) {
    let app = screen(name);
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    bencher.bench_local(|| {
        term.draw(|f| view(&app, f)).unwrap();
    });
}
