//! Failed sign-ins per (client IP, e-mail): after too many within a window, sign-in
//! answers 429 without checking the password, so a password cannot be guessed online.
//!
//! Kept in memory, per server process: behind a load balancer with N processes an
//! attacker gets at most N times the budget, which still bounds guessing. The key uses
//! the e-mail as typed (lower-cased), so unknown e-mails are limited like known ones and
//! the answer reveals nothing.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys kept before stale ones are swept.
const SWEEP_ABOVE: usize = 10_000;

/// The limiter.
#[derive(Debug)]
pub struct SignInLimiter {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<(IpAddr, String), VecDeque<Instant>>>,
}

impl SignInLimiter {
    /// Allows `max_failures` failures per key within `window`.
    pub fn new(max_failures: usize, window: Duration) -> Self {
        SignInLimiter { max_failures, window, failures: Mutex::new(HashMap::new()) }
    }

    /// `Err(seconds to wait)` when the key has used up its failures.
    pub fn check(&self, ip: IpAddr, email: &str, now: Instant) -> Result<(), u64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let Some(times) = map.get_mut(&(ip, email.to_lowercase())) else {
            return Ok(());
        };
        prune(times, now, self.window);
        match times.front() {
            Some(&oldest) if times.len() >= self.max_failures => {
                let wait = self.window.saturating_sub(now.duration_since(oldest));
                Err(wait.as_secs().max(1))
            }
            _ => Ok(()),
        }
    }

    /// Records a failed attempt.
    pub fn failed(&self, ip: IpAddr, email: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > SWEEP_ABOVE {
            map.retain(|_, times| {
                prune(times, now, self.window);
                !times.is_empty()
            });
        }
        let times = map.entry((ip, email.to_lowercase())).or_default();
        prune(times, now, self.window);
        times.push_back(now);
    }

    /// Forgets a key's failures after a successful sign-in.
    pub fn succeeded(&self, ip: IpAddr, email: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&(ip, email.to_lowercase()));
    }
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times.front().is_some_and(|&t| now.duration_since(t) >= window) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    const IP: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
    const OTHER_IP: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

    #[test]
    fn the_failure_after_the_budget_is_refused_until_the_window_passes() {
        let limiter = SignInLimiter::new(3, Duration::from_secs(300));
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(limiter.check(IP, "a@x", t0).is_ok(), "attempt {i}");
            limiter.failed(IP, "a@x", t0);
        }
        assert_eq!(limiter.check(IP, "a@x", t0 + Duration::from_secs(100)), Err(200));
        assert!(limiter.check(IP, "a@x", t0 + Duration::from_secs(300)).is_ok());
    }

    #[test]
    fn keys_are_separate_per_ip_and_email_but_not_per_case() {
        let limiter = SignInLimiter::new(1, Duration::from_secs(300));
        let t0 = Instant::now();
        limiter.failed(IP, "A@x", t0);
        assert!(limiter.check(IP, "a@X", t0).is_err());
        assert!(limiter.check(OTHER_IP, "a@x", t0).is_ok());
        assert!(limiter.check(IP, "b@x", t0).is_ok());
    }

    #[test]
    fn success_clears_the_failures() {
        let limiter = SignInLimiter::new(1, Duration::from_secs(300));
        let t0 = Instant::now();
        limiter.failed(IP, "a@x", t0);
        limiter.succeeded(IP, "a@x");
        assert!(limiter.check(IP, "a@x", t0).is_ok());
    }
}
