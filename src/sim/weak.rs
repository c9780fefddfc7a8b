//! Defences the simulator can be told to drop (`vflow serve --weak race,replay,...`), so that
//! `vflow probe` has something to find and its findings can be shown and tested. None is on
//! by default; each knob switches exactly one defence off.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// One defence switched off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weakness {
    /// sms/send checks the pass token, waits, and only then consumes it (check-then-act):
    /// parallel sends with one token all pass.
    Race,
    /// A send that fails after the token was looked up leaves the token live.
    Replay,
    /// The pass token is not bound to the captcha's `sender`: it works for any mobile.
    Sender,
    /// The documentation's example pass token is accepted (a test backdoor left on).
    Forged,
    /// A wrong captcha/verify leaves the puzzle live: the slider can be tried again.
    Captcha,
    /// No resend cooldown.
    Cooldown,
    /// The cooldown and the daily cap count the mobile as written: `+86` dodges them.
    MobileFormat,
    /// No daily cap per mobile.
    DailyCap,
    /// Wrong codes never use up a code: guessing has no limit.
    Guessing,
    /// pwd/update-by-mobile says "user not found" before it checks the code.
    Enumeration,
}

impl Weakness {
    pub const ALL: [Weakness; 10] = [
        Weakness::Race,
        Weakness::Replay,
        Weakness::Sender,
        Weakness::Forged,
        Weakness::Captcha,
        Weakness::Cooldown,
        Weakness::MobileFormat,
        Weakness::DailyCap,
        Weakness::Guessing,
        Weakness::Enumeration,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Weakness::Race => "race",
            Weakness::Replay => "replay",
            Weakness::Sender => "sender",
            Weakness::Forged => "forged",
            Weakness::Captcha => "captcha",
            Weakness::Cooldown => "cooldown",
            Weakness::MobileFormat => "mobile-format",
            Weakness::DailyCap => "daily-cap",
            Weakness::Guessing => "guessing",
            Weakness::Enumeration => "enumeration",
        }
    }

    /// What the knob switches off, in one line.
    pub fn describe(self) -> &'static str {
        match self {
            Weakness::Race => {
                "the pass token is consumed only after a window (parallel sends all pass)"
            }
            Weakness::Replay => "a failed sms/send leaves its pass token live",
            Weakness::Sender => "a pass token works for any mobile, not only the captcha's sender",
            Weakness::Forged => "the documentation's example pass token is accepted",
            Weakness::Captcha => "a wrong captcha/verify leaves the puzzle live for another try",
            Weakness::Cooldown => "no 60 s resend cooldown",
            Weakness::MobileFormat => {
                "cooldown and daily cap count +86… and the national number apart"
            }
            Weakness::DailyCap => "no daily cap of 10 codes per mobile",
            Weakness::Guessing => "wrong codes never use a code up (no 5-attempt limit)",
            Weakness::Enumeration => {
                "pwd/update-by-mobile answers 'user not found' before checking the code"
            }
        }
    }
}

impl fmt::Display for Weakness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Weakness {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        Weakness::ALL
            .into_iter()
            .find(|w| w.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let names: Vec<_> = Weakness::ALL.iter().map(|w| w.name()).collect();
                format!("unknown weakness {s:?}: one of {}", names.join(", "))
            })
    }
}

/// The set of defences switched off (empty by default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Weaknesses(Vec<Weakness>);

impl Weaknesses {
    pub fn new(ws: impl IntoIterator<Item = Weakness>) -> Weaknesses {
        let mut v: Vec<_> = ws.into_iter().collect();
        v.sort();
        v.dedup();
        Weaknesses(v)
    }

    pub fn has(&self, w: Weakness) -> bool {
        self.0.contains(&w)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = Weakness> + '_ {
        self.0.iter().copied()
    }
}

/// How long a racy sms/send waits between checking the pass token and consuming it.
pub const RACE_WINDOW: Duration = Duration::from_millis(300);

/// The key the cooldown and the daily cap count a mobile under: without China's `+86`
/// (`0086`), so that the two ways of writing one number share one count.
pub fn counted_mobile(mobile: &str, weak: &Weaknesses) -> String {
    if weak.has(Weakness::MobileFormat) {
        return mobile.to_string();
    }
    mobile
        .strip_prefix("+86")
        .or_else(|| mobile.strip_prefix("0086"))
        .filter(|rest| rest.len() >= 5)
        .unwrap_or(mobile)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_listed() {
        for w in Weakness::ALL {
            assert_eq!(w.name().parse::<Weakness>(), Ok(w));
        }
        let e = "racy".parse::<Weakness>().unwrap_err();
        assert!(e.contains("race, replay"), "{e}");
    }

    #[test]
    fn counted_mobile_folds_the_area_code_unless_weak() {
        let none = Weaknesses::default();
        assert_eq!(counted_mobile("+8613800138000", &none), "13800138000");
        assert_eq!(counted_mobile("008613800138000", &none), "13800138000");
        assert_eq!(counted_mobile("+15005550006", &none), "+15005550006");
        let weak = Weaknesses::new([Weakness::MobileFormat]);
        assert_eq!(counted_mobile("+8613800138000", &weak), "+8613800138000");
    }
}
