//! Prometheus metrics, served at `GET /metrics`.
//!
//! A registry per server (not the process-global one), so the library can run several
//! servers in one process and every metric is registered in one place.

use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry, TextEncoder};

/// The server's metrics.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    /// Changes received in pushes (new and duplicate).
    pub changes_pushed: IntCounter,
    /// Changes new to the server (applied or lost).
    pub changes_accepted: IntCounter,
    /// Changes received again in a retried push.
    pub changes_duplicate: IntCounter,
    /// Pull pages served.
    pub pull_pages: IntCounter,
    /// Failed sign-ins (wrong workspace, e-mail or password).
    pub sign_in_failures: IntCounter,
}

impl Metrics {
    /// Registers every metric.
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new_custom(Some("frontline".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests by route, method and status"),
            &["route", "method", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "HTTP request latency by route"),
            &["route"],
        )?;
        let counter = |name: &str, help: &str| IntCounter::new(name, help);
        let metrics = Metrics {
            changes_pushed: counter("changes_pushed_total", "Changes received in pushes")?,
            changes_accepted: counter("changes_accepted_total", "Changes new to the server (applied or lost)")?,
            changes_duplicate: counter("changes_duplicate_total", "Changes received again in a retried push")?,
            pull_pages: counter("pull_pages_total", "Pull pages served")?,
            sign_in_failures: counter("sign_in_failures_total", "Failed sign-ins")?,
            requests,
            latency,
            registry,
        };
        metrics.registry.register(Box::new(metrics.requests.clone()))?;
        metrics.registry.register(Box::new(metrics.latency.clone()))?;
        for c in [
            &metrics.changes_pushed,
            &metrics.changes_accepted,
            &metrics.changes_duplicate,
            &metrics.pull_pages,
            &metrics.sign_in_failures,
        ] {
            metrics.registry.register(Box::new(c.clone()))?;
        }
        Ok(metrics)
    }

    /// Counts one answered request.
    pub fn observe_request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests.with_label_values(&[route, method, &status.to_string()]).inc();
        self.latency.with_label_values(&[route]).observe(seconds);
    }

    /// The text exposition format.
    pub fn render(&self) -> Result<String, prometheus::Error> {
        let mut out = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut out)?;
        String::from_utf8(out).map_err(|e| prometheus::Error::Msg(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_metrics_name_every_counter() {
        let m = Metrics::new().unwrap();
        m.observe_request("/v1/hello", "GET", 200, 0.001);
        m.changes_pushed.inc_by(3);
        let text = m.render().unwrap();
        for name in [
            "frontline_http_requests_total{method=\"GET\",route=\"/v1/hello\",status=\"200\"} 1",
            "frontline_changes_pushed_total 3",
            "frontline_changes_accepted_total 0",
            "frontline_changes_duplicate_total 0",
            "frontline_pull_pages_total 0",
            "frontline_sign_in_failures_total 0",
            "frontline_http_request_duration_seconds_bucket",
        ] {
            assert!(text.contains(name), "{name} missing from\n{text}");
        }
    }
}
