use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};

use crate::common::{BIN, Db, Server, agent};

/// A test CA and a certificate it signed for 127.0.0.1 and localhost: (CA PEM, cert PEM, key PEM).
fn test_pki() -> (String, String, String) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, "Frontline test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf_params = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap();
    let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).unwrap();
    (ca.pem(), leaf.pem(), leaf_key.serialize_pem())
}

#[test]
fn the_server_speaks_https_with_the_given_certificate() {
    let db = Db::sqlite();
    let email = db.team("acme");
    let (ca, cert, key) = test_pki();
    let dir = tempfile::tempdir().unwrap();
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert).unwrap();
    std::fs::write(&key_path, key).unwrap();
    let server = Server::start_full(
        &db,
        &["--tls-cert", &cert_path.display().to_string(), "--tls-key", &key_path.display().to_string()],
        &[],
        agent(Some(&ca)),
    );
    assert!(server.url.starts_with("https://127.0.0.1:"), "{}", server.url);
    let device = server.device("acme", &email);
    assert_eq!(server.pull(&device, 0, 10).status, 200);
}

#[test]
fn plain_http_off_loopback_is_refused_without_insecure_http() {
    let db = Db::sqlite();
    let out =
        std::process::Command::new(BIN).args(["serve", "--listen", "0.0.0.0:0"]).args(db.args()).output().unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "it never listened");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("refusing to serve plain HTTP") && err.contains("--insecure-http"), "{err}");
}

#[test]
fn an_unreadable_certificate_is_a_clear_start_up_error() {
    let db = Db::sqlite();
    let out = std::process::Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--tls-cert",
            "/nonexistent/cert.pem",
            "--tls-key",
            "/nonexistent/key.pem",
        ])
        .args(db.args())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/cert.pem"));
}
