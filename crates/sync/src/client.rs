//! The HTTP side of a device: a [`Transport`] over the protocol's endpoints, plus signing
//! in and out. Blocking on purpose: it runs on the app's sync thread or the CLI's main
//! thread, neither of which has (or needs) an async runtime.
//!
//! TLS by rustls, trusting the operating system's certificates (a company's own CA
//! included), or only the PEM file named by [`CA_ENV`] for a self-signed server. Plain
//! HTTP only to this machine (loopback), so a password never crosses a network in clear.

use std::io::Read as _;
use std::time::Duration;

use serde::de::DeserializeOwned;
use ureq::Agent;
use ureq::tls::{Certificate, RootCerts, TlsConfig};

use crate::hlc::NodeId;
use crate::protocol::{
    ErrorBody, Hello, MAX_BODY_BYTES, PROTOCOL_HEADER, PROTOCOL_VERSION, PullResponse, PushRequest, PushResponse,
    SERVER_TIME_HEADER, SignInRequest, SignInResponse,
};
use crate::session::{Transport, TransportError};

/// Environment variable naming a PEM file of CA certificates to trust instead of the
/// system's (for a server with a self-signed or private certificate).
pub const CA_ENV: &str = "FRONTLINE_CA_CERT";
/// How long one request may take in all.
const TIMEOUT: Duration = Duration::from_secs(60);
/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A server at a base URL, with this device's token once signed in.
pub struct HttpTransport {
    base: String,
    token: Option<String>,
    agent: Agent,
    /// The last pull page's bytes. A first sync pulls dozens of pages of several
    /// megabytes each; reading each into the same buffer faults its memory in once, where
    /// a buffer per page had the kernel zero pages for about 4% of the sync's CPU time.
    page: Vec<u8>,
}

impl std::fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("HttpTransport").field("base", &self.base).finish_non_exhaustive()
    }
}

/// This computer's name, for the server's device list; `fallback` when it has none.
pub fn host_name(fallback: &str) -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_owned()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| fallback.to_owned())
}

/// Checks a server URL and returns it without a trailing slash: `https://…`, or
/// `http://` to loopback only.
pub fn normalize_url(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    let (scheme, rest) = url.split_once("://").ok_or_else(|| "the address must start with https://".to_owned())?;
    let host_port = rest.split('/').next().unwrap_or_default();
    let host = host_port
        .strip_prefix('[')
        .and_then(|h| h.split_once(']').map(|(h, _)| h))
        .unwrap_or_else(|| host_port.rsplit_once(':').map_or(host_port, |(h, _)| h));
    if host.is_empty() || rest.contains(char::is_whitespace) {
        return Err("the address has no server name".into());
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(url.to_owned()),
        "http" if matches!(host, "localhost" | "127.0.0.1" | "::1") || host.starts_with("127.") => Ok(url.to_owned()),
        "http" => Err("use https:// — plain http is only allowed to this computer (localhost)".into()),
        _ => Err("the address must start with https://".into()),
    }
}

impl HttpTransport {
    /// A transport to `base_url` (see [`normalize_url`]), signed in when `token` is given.
    pub fn new(base_url: &str, token: Option<String>) -> Result<Self, TransportError> {
        let base = normalize_url(base_url).map_err(TransportError::Protocol)?;
        let roots = match std::env::var_os(CA_ENV).filter(|v| !v.is_empty()) {
            Some(path) => {
                let pem = std::fs::read(&path).map_err(|e| {
                    TransportError::Protocol(format!("cannot read {CA_ENV} file {}: {e}", path.to_string_lossy()))
                })?;
                let certs: Vec<Certificate<'static>> = ureq::tls::parse_pem(&pem)
                    .filter_map(|item| match item {
                        Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
                        _ => None,
                    })
                    .collect();
                if certs.is_empty() {
                    return Err(TransportError::Protocol(format!("{CA_ENV} file holds no certificate")));
                }
                RootCerts::new_with_certs(&certs)
            }
            None => RootCerts::PlatformVerifier,
        };
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .user_agent(concat!("frontline/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(HttpTransport { base, token, agent, page: Vec::new() })
    }

    /// The server's base URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// `POST /v1/devices`: signs this device in; keeps and returns the token.
    pub fn sign_in(&mut self, request: &SignInRequest) -> Result<SignInResponse, TransportError> {
        let url = format!("{}/v1/devices", self.base);
        let resp = self.agent.post(&url).header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string()).send_json(request);
        let answer: SignInResponse = read(resp)?;
        self.token = Some(answer.token.clone());
        Ok(answer)
    }

    /// `DELETE /v1/devices/current`: revokes this device's token on the server.
    pub fn sign_out(&mut self) -> Result<(), TransportError> {
        let url = format!("{}/v1/devices/current", self.base);
        let resp = self.authorized(self.agent.delete(&url))?.call();
        let mut resp = resp.map_err(network)?;
        if resp.status().is_success() {
            return Ok(());
        }
        Err(server_error(&mut resp))
    }

    fn authorized<B>(&self, req: ureq::RequestBuilder<B>) -> Result<ureq::RequestBuilder<B>, TransportError> {
        let token = self.token.as_deref().ok_or_else(|| TransportError::Server {
            code: crate::protocol::ErrorCode::Unauthorized,
            message: "not signed in".into(),
            server_time_ms: None,
        })?;
        Ok(req.header("authorization", format!("Bearer {token}")).header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string()))
    }
}

impl Transport for HttpTransport {
    fn hello(&mut self) -> Result<Hello, TransportError> {
        let url = format!("{}/v1/hello", self.base);
        read(self.agent.get(&url).header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string()).call())
    }

    fn pull(&mut self, after: u64, limit: u32, node: NodeId) -> Result<PullResponse, TransportError> {
        let url = format!("{}/v1/sync/pull", self.base);
        let req = self
            .authorized(self.agent.get(&url))?
            .query("after", after.to_string())
            .query("limit", limit.to_string())
            .query("node", node.to_string());
        read_into(req.call(), &mut self.page)
    }

    fn push(&mut self, request: &PushRequest) -> Result<PushResponse, TransportError> {
        let url = format!("{}/v1/sync/push", self.base);
        read(self.authorized(self.agent.post(&url))?.send_json(request))
    }

    fn local_time_ms(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}

fn network(e: ureq::Error) -> TransportError {
    match e {
        ureq::Error::Json(e) => TransportError::Protocol(e.to_string()),
        other => TransportError::Network(other.to_string()),
    }
}

fn read<T: DeserializeOwned>(resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Result<T, TransportError> {
    read_into(resp, &mut Vec::new())
}

/// Reads an answer's JSON body through `buf` (emptied first).
fn read_into<T: DeserializeOwned>(
    resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    buf: &mut Vec<u8>,
) -> Result<T, TransportError> {
    let mut resp = resp.map_err(network)?;
    if !resp.status().is_success() {
        return Err(server_error(&mut resp));
    }
    buf.clear();
    resp.body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES as u64)
        .reader()
        .read_to_end(buf)
        .map_err(|e| TransportError::Network(e.to_string()))?;
    serde_json::from_slice(buf).map_err(|e| TransportError::Protocol(e.to_string()))
}

/// The server's error answer, or what can be said of one that is not the protocol's.
fn server_error(resp: &mut ureq::http::Response<ureq::Body>) -> TransportError {
    let status = resp.status();
    let header_time = resp.headers().get(SERVER_TIME_HEADER).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    match resp.body_mut().with_config().limit(1 << 20).read_json::<ErrorBody>() {
        Ok(body) => TransportError::Server {
            code: body.error.code,
            message: body.error.message,
            server_time_ms: Some(body.error.server_time_ms).filter(|t| *t > 0).or(header_time),
        },
        Err(_) if status.is_server_error() => TransportError::Network(format!("the server answered {status}")),
        Err(_) => TransportError::Protocol(format!("the server answered {status}, not Frontline's protocol")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_addresses() {
        assert_eq!(normalize_url(" https://sync.example.com/ ").unwrap(), "https://sync.example.com");
        assert_eq!(normalize_url("http://127.0.0.1:8443").unwrap(), "http://127.0.0.1:8443");
        assert_eq!(normalize_url("http://localhost:1/x").unwrap(), "http://localhost:1/x");
        assert_eq!(normalize_url("http://[::1]:80").unwrap(), "http://[::1]:80");
        assert!(normalize_url("http://sync.example.com").is_err(), "plain http across a network");
        assert!(normalize_url("sync.example.com").is_err());
        assert!(normalize_url("ftp://sync.example.com").is_err());
        assert!(normalize_url("https://").is_err());
    }
}
