//! The captcha pass token `TOKEN---POINT_JSON` (spec §3) and `point_json`.

use std::fmt;

pub const SEPARATOR: &str = "---";

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// The server truncates both coordinates to integers.
    pub fn truncated(&self) -> (i64, i64) {
        (self.x.trunc() as i64, self.y.trunc() as i64)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PassToken {
    pub token: String,
    pub point_json: String,
    pub point: Point,
}

/// Each malformed shape of a pass token, with a message that says exactly what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenError {
    Empty,
    NoSeparator,
    EmptyToken,
    EmptyPoint,
    PointNotJson(String),
    PointNotObject,
    MissingX,
    MissingY,
    XNotNumber(String),
    YNotNumber(String),
}

impl TokenError {
    /// The message in English (the words in the UI language are the client's:
    /// `client::words::token_error`).
    pub fn message_en(&self) -> String {
        use TokenError::*;
        match self {
            Empty => "the pass token is empty".into(),
            NoSeparator => "no \"---\" separator: a pass token is TOKEN---POINT_JSON, as captcha/verify returns it".into(),
            EmptyToken => "the TOKEN part before \"---\" is empty".into(),
            EmptyPoint => "the POINT_JSON part after \"---\" is empty".into(),
            PointNotJson(e) => format!("the POINT_JSON part is not JSON: {e}"),
            PointNotObject => "the POINT_JSON part is not a JSON object like {\"x\":237.0,\"y\":5.0}".into(),
            MissingX => "the POINT_JSON part has no \"x\"".into(),
            MissingY => "the POINT_JSON part has no \"y\"".into(),
            XNotNumber(v) => format!("\"x\" is {v}, not a number"),
            YNotNumber(v) => format!("\"y\" is {v}, not a number"),
        }
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for TokenError {}

/// Parse a pass token. Blanks around the whole value are an error of their own
/// only in that they are kept: the server compares strings verbatim.
pub fn parse_pass_token(s: &str) -> Result<PassToken, TokenError> {
    if s.trim().is_empty() {
        return Err(TokenError::Empty);
    }
    let (token, point_json) = s.split_once(SEPARATOR).ok_or(TokenError::NoSeparator)?;
    if token.trim().is_empty() {
        return Err(TokenError::EmptyToken);
    }
    if point_json.trim().is_empty() {
        return Err(TokenError::EmptyPoint);
    }
    let point = parse_point_json(point_json)?;
    Ok(PassToken {
        token: token.to_string(),
        point_json: point_json.to_string(),
        point,
    })
}

/// Parse `{"x":237.0,"y":5.0}` or `{"x":237,"y":5}`.
pub fn parse_point_json(s: &str) -> Result<Point, TokenError> {
    let v: serde_json::Value =
        serde_json::from_str(s).map_err(|e| TokenError::PointNotJson(e.to_string()))?;
    let obj = v.as_object().ok_or(TokenError::PointNotObject)?;
    let num = |key: &str, missing: TokenError, bad: fn(String) -> TokenError| {
        let val = obj.get(key).ok_or(missing)?;
        val.as_f64().ok_or_else(|| bad(val.to_string()))
    };
    let x = num("x", TokenError::MissingX, TokenError::XNotNumber)?;
    let y = num("y", TokenError::MissingY, TokenError::YNotNumber)?;
    Ok(Point { x, y })
}

/// `point_json` as the vendor's web client writes it: `{"x":237.0,"y":5.0}`.
pub fn format_point_json(x: f64, y: f64) -> String {
    format!("{{\"x\":{x:.1},\"y\":{y:.1}}}")
}

/// Something about a well-formed pass token that deserves a look (it does not
/// make the token malformed). Data only: the words are the client's
/// (`client::words::token_warning`), in the UI language.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenWarning {
    /// TOKEN is not 32 hex characters: `chars` long, `hex` when all of them are.
    Length { chars: usize, hex: bool },
    /// Blanks before or after TOKEN or POINT_JSON (the server compares verbatim).
    Blanks,
    /// `y` is not 5 (the slider puzzle's y is always 5).
    Y(f64),
}

/// Heuristic warnings on a well-formed token.
pub fn warnings(t: &PassToken) -> Vec<TokenWarning> {
    let mut w = Vec::new();
    let core = t.token.trim();
    let hex = core.chars().all(|c| c.is_ascii_hexdigit());
    if core.len() != 32 || !hex {
        w.push(TokenWarning::Length {
            chars: core.chars().count(),
            hex,
        });
    }
    if t.token != t.token.trim() || t.point_json != t.point_json.trim() {
        w.push(TokenWarning::Blanks);
    }
    if t.point.truncated().1 != 5 {
        w.push(TokenWarning::Y(t.point.y));
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "71dd26999e314f9abb0c635336976635---{\"x\":237.0,\"y\":5.0}";

    #[test]
    fn parses_documented_example_and_integer_form() {
        let t = parse_pass_token(GOOD).unwrap();
        assert_eq!(t.token, "71dd26999e314f9abb0c635336976635");
        assert_eq!(t.point_json, "{\"x\":237.0,\"y\":5.0}");
        assert_eq!(t.point, Point { x: 237.0, y: 5.0 });
        assert!(warnings(&t).is_empty());
        let t = parse_pass_token("abc---{\"x\":237,\"y\":5}").unwrap();
        assert_eq!(t.point.truncated(), (237, 5));
        assert_eq!(
            warnings(&t),
            [TokenWarning::Length {
                chars: 3,
                hex: true
            }],
            "short token is warned about"
        );
        let t = parse_pass_token(" xyz---{\"x\":237,\"y\":7.5}").unwrap();
        assert_eq!(
            warnings(&t),
            [
                TokenWarning::Length {
                    chars: 3,
                    hex: false
                },
                TokenWarning::Blanks,
                TokenWarning::Y(7.5)
            ]
        );
    }

    #[test]
    fn each_malformed_shape_has_its_own_error() {
        use TokenError::*;
        let cases: [(&str, TokenError); 9] = [
            ("", Empty),
            ("   ", Empty),
            ("71dd{\"x\":1,\"y\":5}", NoSeparator),
            ("---{\"x\":1,\"y\":5}", EmptyToken),
            ("abc---", EmptyPoint),
            ("abc---[1,2]", PointNotObject),
            ("abc---{\"y\":5}", MissingX),
            ("abc---{\"x\":5}", MissingY),
            ("abc---{\"x\":\"12\",\"y\":5}", XNotNumber("\"12\"".into())),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_pass_token(input).unwrap_err(),
                want,
                "input {input:?}"
            );
        }
        assert_eq!(
            parse_pass_token("abc---{\"x\":1,\"y\":null}").unwrap_err(),
            YNotNumber("null".into())
        );
        assert!(matches!(
            parse_pass_token("abc---{x:1}").unwrap_err(),
            PointNotJson(_)
        ));
        // messages are distinct, so a person can tell the shapes apart
        let msgs: std::collections::HashSet<String> = [
            Empty,
            NoSeparator,
            EmptyToken,
            EmptyPoint,
            PointNotObject,
            MissingX,
            MissingY,
        ]
        .iter()
        .map(|e| e.to_string())
        .collect();
        assert_eq!(msgs.len(), 7);
    }

    #[test]
    fn format_matches_vendor_client() {
        assert_eq!(format_point_json(237.0, 5.0), "{\"x\":237.0,\"y\":5.0}");
        let p = parse_point_json(&format_point_json(101.0, 5.0)).unwrap();
        assert_eq!(p.truncated(), (101, 5));
    }
}
