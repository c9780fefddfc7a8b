//! Layout at the sizes a person uses (80x24, 120x40, 160x48), in English and
//! Chinese: nothing a person needs is cut or runs into its neighbour. The
//! help overlay's two columns, the puzzle's status line, and the tables'
//! cells (a cut cell ends with `…` and the selected row's full text is
//! shown below the table).

mod zh_screens;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vflow::api::Lang;
use vflow::tui::app::{App, Msg, update};
use vflow::tui::fixtures::{self, app, error_body, filled, json_response, with_result};
use zh_screens::{assert_rows_fit, in_chinese};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (160, 48)];

fn lang_code(a: &App) -> &'static str {
    match a.ui_lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

fn draw(a: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let t = zh_screens::draw(a, w, h);
    assert_rows_fit(&t);
    t
}

/// The text of the cells `x0..x1` of row `y` (a wide character once).
fn cells(t: &Terminal<TestBackend>, y: u16, x0: u16, x1: u16) -> String {
    let buf = t.backend().buffer();
    let mut s = String::new();
    let mut skip = 0usize;
    for x in x0..x1 {
        let sym = buf[(x, y)].symbol();
        if skip == 0 {
            s.push_str(sym);
        }
        skip = skip.max(zh_screens::cols(sym)).saturating_sub(1);
    }
    s
}

fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Open the help overlay on `a` and check, at every size, that each key's
/// description stays in its own column (the gap between the columns blank,
/// every description whole in its column) and snapshot it.
fn help_columns(name: &str, a: &mut App) {
    let screen_keys = vflow::tui::keymap::help(a);
    let lang = a.ui_lang;
    let global: Vec<(&str, String)> = vflow::tui::keymap::GLOBAL
        .iter()
        .filter(|b| (b.shown)(a))
        .map(|b| (b.label, b.describe(lang)))
        .collect();
    update(a, Msg::Key(KeyEvent::from(KeyCode::F(1))));
    assert!(a.help.open);
    for (w, h) in SIZES {
        let t = draw(a, w, h);
        let rows = zh_screens::rows(&t);
        let top = rows.iter().position(|r| r.contains('╔')).unwrap();
        let ox = zh_screens::column_of(&rows[top], "╔").unwrap() as u16;
        let ow = zh_screens::column_of(&rows[top], "╗").unwrap() as u16 + 1 - ox;
        let inner = ow - 2;
        let (heading, everywhere) = match lang {
            Lang::En => ("This screen", "Everywhere"),
            Lang::Zh => ("本页", "任何页面"),
        };
        let first = rows.iter().position(|r| r.contains(heading)).unwrap();
        let gap = zh_screens::column_of(&rows[first], everywhere).unwrap() as u16 - 1;
        assert!(gap > ox + inner / 3, "{w}x{h}: two columns");
        let first = first + 1;
        let last = rows.iter().position(|r| r.contains('╚')).unwrap();
        let (mut left, mut right) = (String::new(), String::new());
        for y in first..last {
            let y = y as u16;
            let row = cells(&t, y, ox + 1, ox + ow - 1);
            if row.trim().is_empty() {
                break; // the end of the two columns
            }
            assert_eq!(
                cells(&t, y, gap, gap + 1),
                " ",
                "{w}x{h} row {y}: a description runs into the right column\n{}",
                zh_screens::text(&t)
            );
            left.push_str(&cells(&t, y, ox + 1, gap));
            right.push_str(&cells(&t, y, gap + 1, ox + ow - 1));
        }
        let (left, right) = (squeezed(&left), squeezed(&right));
        // Small windows scroll: check what is on screen.
        for (k, d) in &screen_keys {
            let entry = squeezed(&format!("{k}{d}"));
            if left.contains(&squeezed(k)) && (w, h) != (80, 24) {
                assert!(left.contains(&entry), "{w}x{h}: {entry} in {left}");
            }
        }
        for (k, d) in &global {
            let entry = squeezed(&format!("{k}{d}"));
            if (w, h) != (80, 24) {
                assert!(right.contains(&entry), "{w}x{h}: {entry} in {right}");
            }
        }
        insta::assert_snapshot!(format!("help_{name}_{}_{w}x{h}", lang_code(a)), t.backend());
    }
}

#[test]
fn help_on_the_token_step_keeps_each_entry_in_its_column() {
    let (mut a, _) = app();
    help_columns("token", &mut a);
    let (mut a, _) = app();
    in_chinese(&mut a);
    help_columns("token", &mut a);
}

#[test]
fn help_on_the_result_keeps_each_entry_in_its_column() {
    for zh in [false, true] {
        let (a, _) = filled(vflow::tui::app::Step::Review);
        let mut a = with_result(
            a,
            Some(json_response(400, &error_body("IDAAS.SDK.PARAM.0002"))),
        );
        if zh {
            in_chinese(&mut a);
        }
        help_columns("result", &mut a);
    }
}

#[test]
fn help_on_the_puzzle_keeps_each_entry_in_its_column() {
    for zh in [false, true] {
        let (mut a, _) = fixtures::puzzle_screen();
        if zh {
            in_chinese(&mut a);
        }
        help_columns("puzzle", &mut a);
    }
}

/// The text of the screen with whitespace removed (a wrapped text reads whole).
fn squeezed_screen(t: &Terminal<TestBackend>) -> String {
    squeezed(&zh_screens::flat(&zh_screens::text(t)).replace(['┃', '│'], " "))
}

#[test]
fn the_selected_scene_shows_its_whole_description() {
    use vflow::api::Scene;
    for zh in [false, true] {
        let (mut a, _) = filled(vflow::tui::app::Step::Scene);
        if zh {
            in_chinese(&mut a);
        }
        for (i, s) in Scene::ALL.iter().enumerate() {
            a.scene_sel = i;
            for (w, h) in SIZES {
                let t = draw(&mut a, w, h);
                let screen = squeezed_screen(&t);
                let d = squeezed(&vflow::tui::screens::scene::description(*s, a.ui_lang));
                assert!(
                    screen.contains(&d),
                    "{w}x{h} {s:?}: {d}\n{}",
                    zh_screens::text(&t)
                );
            }
        }
    }
}

/// The row of the screen that shows `name` in a table's first column, whole
/// or cut with `…` (at least 8 characters of it).
fn table_row<'a>(rows: &'a [String], name: &str) -> Option<&'a str> {
    rows.iter().map(String::as_str).find(|r| {
        let Some(cell) = r.strip_prefix('│') else {
            return false;
        };
        cell.starts_with(&format!("{name} "))
            || name
                .char_indices()
                .skip(8)
                .any(|(i, _)| cell.starts_with(&format!("{}…", &name[..i])))
    })
}

/// A table's cell text shown whole in `row`, or cut with `…`; false when a
/// part of it is shown with no `…`.
fn whole_or_ellipsized(row: &str, text: &str) -> bool {
    if row.contains(text) {
        return true;
    }
    // The longest prefix of `text` on the row must be followed by `…`.
    // (a column starts after two spaces; three characters at least).
    let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(3).collect();
    match ends
        .iter()
        .rev()
        .find(|&&i| row.contains(&format!("  {}", &text[..i])))
    {
        Some(&i) => row.contains(&format!("{}…", &text[..i])),
        None => true, // the column is not drawn at this width
    }
}

/// The table row of `name` shows `text` whole or cut with `…`, and the box under the table
/// has `text` in full (the selected row). The screen, squeezed.
#[track_caller]
fn assert_cut_with_ellipsis_and_whole_below(
    t: &Terminal<TestBackend>,
    name: &str,
    text: &str,
) -> String {
    let (w, h) = (
        t.backend().buffer().area.width,
        t.backend().buffer().area.height,
    );
    let rows = zh_screens::rows(t);
    let row = table_row(&rows, name)
        .unwrap_or_else(|| panic!("{w}x{h}: {name} not in\n{}", rows.join("\n")));
    assert!(
        whole_or_ellipsized(row, text),
        "{w}x{h}: {text:?} cut without … in {row:?}"
    );
    let screen = squeezed_screen(t);
    assert!(screen.contains(&squeezed(text)), "{w}x{h} {text}");
    screen
}

#[test]
fn check_table_cells_are_cut_with_an_ellipsis_and_shown_whole_below() {
    for zh in [false, true] {
        let (mut a, _) = app();
        if zh {
            in_chinese(&mut a);
        }
        update(&mut a, Msg::Key(KeyEvent::from(KeyCode::F(4))));
        let cases = a.check.suite.cases.clone();
        for (w, h) in SIZES {
            for (i, case) in cases.iter().enumerate() {
                a.check.sel = i;
                let t = draw(&mut a, w, h);
                let screen = assert_cut_with_ellipsis_and_whole_below(
                    &t,
                    &case.name,
                    case.description_in(a.ui_lang),
                );
                assert!(
                    screen.contains(&squeezed(&case.name)),
                    "{w}x{h} {}",
                    case.name
                );
            }
            a.check.sel = 0;
            let t = draw(&mut a, w, h);
            insta::assert_snapshot!(
                format!("check_table_{}_{w}x{h}", lang_code(&a)),
                t.backend()
            );
        }
    }
}

#[test]
fn probe_table_cells_are_cut_with_an_ellipsis_and_shown_whole_below() {
    for zh in [false, true] {
        let (mut a, _) = app();
        if zh {
            in_chinese(&mut a);
        }
        update(&mut a, Msg::Key(KeyEvent::from(KeyCode::F(4))));
        update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('s'))));
        update(
            &mut a,
            Msg::Check(vflow::tui::check::CheckMsg::Finished {
                run: 1,
                stopped: true,
            }),
        );
        update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Tab)));
        assert!(a.probe.shown);
        let probes = a.probe.suite.probes.clone();
        for (w, h) in SIZES {
            for (i, probe) in probes.iter().enumerate() {
                a.probe.sel = i;
                let t = draw(&mut a, w, h);
                assert_cut_with_ellipsis_and_whole_below(
                    &t,
                    &probe.name,
                    probe.title_in(a.ui_lang),
                );
            }
            a.probe.sel = 0;
            let t = draw(&mut a, w, h);
            insta::assert_snapshot!(
                format!("probe_table_{}_{w}x{h}", lang_code(&a)),
                t.backend()
            );
        }
    }
}

/// The puzzle screen as `fixtures::puzzle_screen` opens it, in `lang`.
fn puzzle_in(zh: bool) -> App {
    let (mut a, _) = fixtures::app();
    if zh {
        in_chinese(&mut a);
    }
    let ctrl_p = KeyEvent::new(KeyCode::Char('p'), crossterm::event::KeyModifiers::CONTROL);
    update(&mut a, Msg::Key(ctrl_p));
    update(
        &mut a,
        Msg::PuzzleFetched(Ok(Box::new(vflow::tui::screens::puzzle::Fetched {
            puzzle: fixtures::puzzle(),
            picker: Some(ratatui_image::picker::Picker::halfblocks()),
        }))),
    );
    a
}

fn keys(a: &mut App, s: &str) {
    for c in s.chars() {
        update(a, Msg::Key(KeyEvent::from(KeyCode::Char(c))));
    }
}

#[test]
fn the_puzzle_status_wraps_at_80x24_and_the_picture_keeps_its_size() {
    use vflow::tui::screens::puzzle;
    let full = ratatui::layout::Rect::new(0, 0, 80, 24);
    for zh in [false, true] {
        let mut a = puzzle_in(zh);
        a.mobile = Default::default();
        let picture = puzzle::areas(&a, full).picture;
        let lang = lang_code(&a);
        // Typing x with no mobile known: the status says how to give one.
        keys(&mut a, "150");
        let t = draw(&mut a, 80, 24);
        let screen = squeezed_screen(&t);
        let unknown = match a.ui_lang {
            Lang::En => "typed 150 sender: mobile not known yet: Enter asks for it (m edits)",
            Lang::Zh => "已输入 150 手机号：尚未填写，按 Enter 时会询问（m 编辑）",
        };
        assert!(
            screen.contains(&squeezed(unknown)),
            "{}",
            zh_screens::text(&t)
        );
        assert_eq!(
            puzzle::areas(&a, full).picture,
            picture,
            "the picture keeps its size"
        );
        insta::assert_snapshot!(format!("puzzle_status_typed_{lang}_80x24"), t.backend());
        // Enter asks for the mobile; the number typed, the status says what Enter does.
        update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Enter)));
        assert!(a.puzzle.editing_mobile);
        keys(&mut a, "13800138000");
        let mut t = draw(&mut a, 80, 24);
        let screen = squeezed_screen(&t);
        let editing = match a.ui_lang {
            Lang::En => "13800138000 Enter verifies, Esc back to the slider",
            Lang::Zh => "13800138000 按 Enter 验证，按 Esc 返回滑块",
        };
        assert!(
            screen.contains(&squeezed(editing)),
            "{}",
            zh_screens::text(&t)
        );
        assert_eq!(
            puzzle::areas(&a, full).picture,
            picture,
            "the picture keeps its size"
        );
        // The cursor is right after the number typed.
        let pos = t.get_cursor_position().unwrap();
        let rows = zh_screens::rows(&t);
        let row = &rows[usize::from(pos.y)];
        let at = zh_screens::column_of(row, "13800138000").expect("the number on the cursor's row");
        assert_eq!(usize::from(pos.x), at + 11, "{row}");
        insta::assert_snapshot!(format!("puzzle_status_mobile_{lang}_80x24"), t.backend());
    }
}

#[test]
fn the_loupe_has_a_label_at_80x24() {
    for zh in [false, true] {
        let mut a = puzzle_in(zh);
        keys(&mut a, "147");
        let t = draw(&mut a, 80, 24);
        let ar = vflow::tui::screens::puzzle::areas(&a, ratatui::layout::Rect::new(0, 0, 80, 24));
        assert!(ar.loupe.height >= 2, "a loupe at 80x24");
        // A narrow column on the left: `loupe` / `×2`.
        let label = cells(&t, ar.loupe.y, ar.loupe.x, ar.loupe.x + 6)
            + &cells(&t, ar.loupe.y + 1, ar.loupe.x, ar.loupe.x + 6);
        let want = match a.ui_lang {
            Lang::En => "loupe×2",
            Lang::Zh => "放大镜×2",
        };
        assert!(squeezed(&label).starts_with(want), "{label:?}");
    }
}
