//! Serving the router on a listener the caller bound: plain HTTP or HTTPS, with client
//! addresses (for the sign-in rate limit) and a graceful shutdown.
//!
//! The caller binds, so it knows the real address before serving (port 0 in tests) and
//! prints it; shutdown is a future, so `main` ties it to SIGTERM/Ctrl-C and a test to
//! whatever it likes.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum_server::Handle;
use axum_server::tls_rustls::RustlsConfig;

use crate::app::{AppState, router};

/// How long in-flight requests get to finish once shutdown starts.
const DRAIN: Duration = Duration::from_secs(30);

/// Serves until `shutdown` completes, then lets in-flight requests finish.
pub async fn serve_with_listener(
    listener: std::net::TcpListener,
    state: AppState,
    tls: Option<Arc<rustls::ServerConfig>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    listener.set_nonblocking(true)?;
    let app = router(state)?.into_make_service_with_connect_info::<SocketAddr>();
    let handle = Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down: finishing requests in flight");
        stopper.graceful_shutdown(Some(DRAIN));
    });
    match tls {
        Some(config) => {
            axum_server::from_tcp_rustls(listener, RustlsConfig::from_config(config)).handle(handle).serve(app).await?
        }
        None => axum_server::from_tcp(listener).handle(handle).serve(app).await?,
    }
    tracing::info!("stopped");
    Ok(())
}
