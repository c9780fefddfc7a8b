//! Slider-captcha rules (spec §4) and the optional AES point encryption.

use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyInit, block_padding::Pkcs7};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

/// Background image size.
pub const BG_WIDTH: u32 = 310;
pub const BG_HEIGHT: u32 = 155;
/// Puzzle piece size (it spans the full height, hence y is always 5).
pub const PIECE_WIDTH: u32 = 47;
pub const PIECE_HEIGHT: u32 = 155;
/// The y every correct answer has.
pub const Y: i64 = 5;
/// The hole's x is drawn uniformly from this range.
pub const X_MIN: u32 = 100;
pub const X_MAX: u32 = 262;
/// |x - x_true| <= TOLERANCE passes.
pub const TOLERANCE: i64 = 5;

/// Does the (already truncated) answer pass for a puzzle whose hole is at `x_true`?
pub fn position_passes(x: i64, y: i64, x_true: i64) -> bool {
    // abs_diff: no overflow for any x a client can send (even -1e300 saturated to i64::MIN).
    y == Y && x.abs_diff(x_true) <= TOLERANCE as u64
}

type Enc = ecb::Encryptor<aes::Aes128>;
type Dec = ecb::Decryptor<aes::Aes128>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AesError {
    /// The key is not 16 bytes of UTF-8.
    KeyLength(usize),
    NotBase64,
    BadCiphertext,
    NotUtf8,
}

impl std::fmt::Display for AesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AesError::KeyLength(n) => write!(f, "secretKey is {n} bytes, AES-128 needs 16"),
            AesError::NotBase64 => write!(f, "point_json is not base64"),
            AesError::BadCiphertext => write!(f, "point_json does not decrypt with the secretKey"),
            AesError::NotUtf8 => write!(f, "decrypted point_json is not UTF-8"),
        }
    }
}

impl std::error::Error for AesError {}

fn key(secret_key: &str) -> Result<[u8; 16], AesError> {
    secret_key
        .as_bytes()
        .try_into()
        .map_err(|_| AesError::KeyLength(secret_key.len()))
}

/// base64(AES-128-ECB/PKCS7(plain)) keyed by the UTF-8 bytes of `secret_key`, as AJ-Captcha does.
pub fn encrypt_point(plain: &str, secret_key: &str) -> Result<String, AesError> {
    let k = key(secret_key)?;
    let ct = Enc::new(&k.into()).encrypt_padded_vec::<Pkcs7>(plain.as_bytes());
    Ok(B64.encode(ct))
}

/// The inverse of [`encrypt_point`].
pub fn decrypt_point(b64: &str, secret_key: &str) -> Result<String, AesError> {
    let k = key(secret_key)?;
    let ct = B64.decode(b64.trim()).map_err(|_| AesError::NotBase64)?;
    let pt = Dec::new(&k.into())
        .decrypt_padded_vec::<Pkcs7>(&ct)
        .map_err(|_| AesError::BadCiphertext)?;
    String::from_utf8(pt).map_err(|_| AesError::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_edges() {
        assert!(position_passes(200, 5, 200));
        assert!(position_passes(195, 5, 200));
        assert!(position_passes(205, 5, 200));
        assert!(!position_passes(194, 5, 200));
        assert!(!position_passes(206, 5, 200));
        assert!(!position_passes(200, 6, 200));
        // Absurd values a client can send: a clean "no", never an overflow.
        assert!(!position_passes(i64::MIN, 5, 262));
        assert!(!position_passes(i64::MAX, 5, 100));
    }

    #[test]
    fn aes_matches_openssl_and_round_trips() {
        // printf '{"x":237.0,"y":5.0}' | openssl enc -aes-128-ecb -K 4142434445464748494a4b4c4d4e4f50 | base64
        let key = "ABCDEFGHIJKLMNOP";
        let ct = encrypt_point("{\"x\":237.0,\"y\":5.0}", key).unwrap();
        assert_eq!(ct, "+54GVoevuykADnPRsnpDxpWV2ftKKLB/DMrzgCordWo=");
        assert_eq!(decrypt_point(&ct, key).unwrap(), "{\"x\":237.0,\"y\":5.0}");
        assert_eq!(encrypt_point("x", "short"), Err(AesError::KeyLength(5)));
        assert_eq!(decrypt_point("!!!", key), Err(AesError::NotBase64));
        assert_eq!(
            decrypt_point(&ct, "PONMLKJIHGFEDCBA"),
            Err(AesError::BadCiphertext)
        );
    }
}
