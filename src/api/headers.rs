//! The request headers of every `/api/v2/sdk` endpoint (spec §2).

pub const OS_VERSION: &str = "X-operating-sys-version";
pub const FINGERPRINT: &str = "X-device-fingerprint";
pub const DEVICE_IP: &str = "X-device-ip";
pub const AGENT: &str = "X-agent";
pub const LANG: &str = "X-L";
pub const CLIENT_ID: &str = "X-client-id";
pub const CONTENT_TYPE: &str = "content-type";
pub const TENANT_ID: &str = "X-tenant-id";

/// The documentation's example client id; the simulator registers it by default.
pub const EXAMPLE_CLIENT_ID: &str = "nTo1eRIub60vPb54WeE6aojPwYwImtl4";

/// The three device headers whose absence gives `IDAAS.SDK.PARAM.0001`.
pub const REQUIRED_DEVICE: [&str; 3] = [OS_VERSION, FINGERPRINT, AGENT];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderSpec {
    pub name: &'static str,
    pub required: bool,
    pub example: &'static str,
    pub meaning: &'static str,
}

/// Every documented header, in the documentation's order.
pub const HEADERS: [HeaderSpec; 8] = [
    HeaderSpec {
        name: OS_VERSION,
        required: true,
        example: "Android 10",
        meaning: "OS version of the calling client",
    },
    HeaderSpec {
        name: FINGERPRINT,
        required: true,
        example: "156aysdna213sc50",
        meaning: "fingerprint of the calling device",
    },
    HeaderSpec {
        name: DEVICE_IP,
        required: false,
        example: "192.168.1.2",
        meaning: "IP address of the calling client",
    },
    HeaderSpec {
        name: AGENT,
        required: true,
        example: "Mozilla/5.0 (iPhone; CPU iPhone OS 13_3 like Mac OS X)",
        meaning: "the client's user agent",
    },
    HeaderSpec {
        name: LANG,
        required: false,
        example: "en",
        meaning: "language of error messages (zh or en)",
    },
    HeaderSpec {
        name: CLIENT_ID,
        required: true,
        example: EXAMPLE_CLIENT_ID,
        meaning: "application (client) id issued when the app was registered",
    },
    HeaderSpec {
        name: CONTENT_TYPE,
        required: true,
        example: "application/json",
        meaning: "body format",
    },
    HeaderSpec {
        name: TENANT_ID,
        required: false,
        example: "",
        meaning: "OneAccess only: tenant of an ISV application",
    },
];

/// The documented spec of a header, matched case-insensitively.
pub fn spec(name: &str) -> Option<&'static HeaderSpec> {
    HEADERS.iter().find(|h| h.name.eq_ignore_ascii_case(name))
}

/// True when the name is one of the headers the vendor documents.
pub fn is_documented(name: &str) -> bool {
    spec(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_set_matches_documentation() {
        let required: Vec<_> = HEADERS
            .iter()
            .filter(|h| h.required)
            .map(|h| h.name)
            .collect();
        assert_eq!(
            required,
            [OS_VERSION, FINGERPRINT, AGENT, CLIENT_ID, CONTENT_TYPE]
        );
        for name in REQUIRED_DEVICE {
            assert!(spec(name).unwrap().required);
        }
        assert_eq!(spec("x-CLIENT-id").unwrap().name, CLIENT_ID);
        assert!(!is_documented("X-Foo"));
    }
}
