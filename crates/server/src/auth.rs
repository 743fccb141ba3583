//! Who is calling: user passwords, device tokens, sign-in, and the bearer extractor.
//!
//! Passwords are kept as argon2id hashes (default parameters). A device token is 32
//! random bytes, shown once at sign-in; the server keeps only its SHA-256, so a leaked
//! database holds no usable token. Sign-in answers the same 401 for an unknown
//! workspace, an unknown e-mail and a wrong password — and spends the same argon2 time
//! on each — so it cannot be used to find out who has an account.

use std::net::IpAddr;
use std::sync::OnceLock;
use std::time::Instant;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use frontline_sync::protocol::{SignInRequest, SignInResponse};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::clock::now_ms;
use crate::error::ApiError;
use crate::storage::{DeviceAuth, NewDevice};

/// Shortest password `user add` accepts.
pub const MIN_PASSWORD_LEN: usize = 8;
/// Longest device name and app version accepted at sign-in.
const MAX_LABEL_LEN: usize = 128;
/// The one answer to every failed sign-in.
const WRONG_CREDENTIALS: &str = "wrong workspace, e-mail or password";
/// The one answer to a token that is missing, malformed, unknown or revoked.
const BAD_TOKEN: &str = "missing, unknown or revoked device token: sign in again";

/// Why a password is refused by `user add`.
pub fn check_password_rules(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(format!("the password must have at least {MIN_PASSWORD_LEN} characters"));
    }
    Ok(())
}

/// The argon2id PHC string of a password, with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// Whether `password` matches a PHC string (false for a malformed one).
pub fn verify_password(phc: &str, password: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash to verify against when there is no user, so a miss costs what a hit costs.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password, never matches").unwrap_or_default())
}

/// A new device token: 32 random bytes, base64url without padding.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the server stores of a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Signs a device in: checks the password (rate-limited per client IP and e-mail) and
/// registers the device with a fresh token.
pub async fn sign_in(state: &AppState, ip: IpAddr, req: SignInRequest) -> Result<SignInResponse, ApiError> {
    check_label("device_name", &req.device_name, true)?;
    check_label("app_version", &req.app_version, false)?;
    if let Err(wait) = state.limiter.check(ip, &req.email, Instant::now()) {
        return Err(ApiError::RateLimited(wait));
    }
    let user = state.storage.user_credentials(&req.workspace, &req.email).await?;
    let phc = user.as_ref().map_or_else(|| decoy_hash().to_owned(), |u| u.password_hash.clone());
    let password = req.password;
    let permit = state.password_checks.clone().acquire_owned().await.map_err(|_| ApiError::Unavailable(None))?;
    let matches = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        verify_password(&phc, &password)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("password check failed: {e}")))?;
    let user = match user {
        Some(user) if matches => user,
        _ => {
            state.limiter.failed(ip, &req.email, Instant::now());
            state.metrics.sign_in_failures.inc();
            return Err(ApiError::Unauthorized(WRONG_CREDENTIALS));
        }
    };
    state.limiter.succeeded(ip, &req.email);
    if user.disabled {
        return Err(ApiError::Forbidden("this user is disabled"));
    }
    let token = new_token();
    let device = state
        .storage
        .register_device(NewDevice {
            workspace: user.workspace.id,
            user_id: user.user_id,
            name: req.device_name,
            node: req.node,
            app_version: req.app_version,
            token_hash: token_hash(&token),
            now_ms: now_ms(),
        })
        .await?;
    tracing::info!(device = %device.id, code = %device.code, workspace = %user.workspace.name, "device signed in");
    Ok(SignInResponse {
        token,
        device_id: device.id,
        device_code: device.code,
        workspace: user.workspace.name,
        role: user.role,
        server_time_ms: now_ms(),
    })
}

fn check_label(field: &str, value: &str, required: bool) -> Result<(), ApiError> {
    let bad_length = value.chars().count() > MAX_LABEL_LEN || (required && value.trim().is_empty());
    if bad_length || value.chars().any(char::is_control) {
        return Err(ApiError::BadRequest(format!(
            "{field} must be {} to {MAX_LABEL_LEN} characters without control characters",
            if required { 1 } else { 0 }
        )));
    }
    Ok(())
}

/// The calling device, from `Authorization: Bearer <token>`. Refuses a revoked device
/// (401) and a disabled user (403) on the very next request.
#[derive(Debug, Clone)]
pub struct AuthDevice(pub DeviceAuth);

impl FromRequestParts<AppState> for AuthDevice {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| !token.is_empty())
            .ok_or(ApiError::Unauthorized(BAD_TOKEN))?;
        let device = state.storage.authenticate(&token_hash(token), now_ms()).await?;
        match device {
            Some(device) if device.revoked => Err(ApiError::Unauthorized(BAD_TOKEN)),
            Some(device) if device.user_disabled => Err(ApiError::Forbidden("this user is disabled")),
            Some(device) => Ok(AuthDevice(device)),
            None => Err(ApiError::Unauthorized(BAD_TOKEN)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let phc = hash_password("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_password(&phc, "correct horse"));
        assert!(!verify_password(&phc, "correct horse "));
        assert!(!verify_password("not a phc string", "correct horse"));
    }

    #[test]
    fn the_decoy_hash_never_matches() {
        assert!(!verify_password(decoy_hash(), ""));
        assert!(!decoy_hash().is_empty());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_password_rules("").is_err());
        assert!(check_password_rules("1234567").is_err());
        assert!(check_password_rules("12345678").is_ok());
        assert!(check_password_rules("密码密码密码密码").is_ok(), "counted in characters, not bytes");
    }

    #[test]
    fn tokens_are_32_random_bytes_and_stored_only_as_a_hash() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).map(|v| v.len()).ok(), Some(32));
        let h = token_hash(&a);
        assert_eq!(h.len(), 64);
        assert!(!h.contains(&a));
        assert_eq!(h, token_hash(&a));
    }
}
