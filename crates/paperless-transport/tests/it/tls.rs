//! TLS against an in-process rustls server with certificates made by rcgen.

use std::sync::{Arc, Mutex};

use paperless_transport::{BaseUrl, BuildError, TransportBuilder, TransportErrorKind, classify};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;

use crate::support::{Seen, get, send, send_text, serve_hyper, text};

/// A private CA, a server certificate for 127.0.0.1, `localhost` and `paperless.test` (a name
/// only the test proxy resolves) and a client certificate, all signed by it.
pub(crate) struct Pki {
    pub(crate) ca_pem: String,
    ca_der: CertificateDer<'static>,
    server_cert: CertificateDer<'static>,
    server_key: Vec<u8>,
    client_cert_pem: String,
    client_key_pem: String,
}

pub(crate) fn pki() -> Pki {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "paperless-rs test CA");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);

    let server_key = KeyPair::generate().unwrap();
    let mut server_params = CertificateParams::new(vec![
        "127.0.0.1".to_owned(),
        "localhost".to_owned(),
        "paperless.test".to_owned(),
    ])
    .unwrap();
    server_params
        .extended_key_usages
        .push(ExtendedKeyUsagePurpose::ServerAuth);
    let server_cert = server_params.signed_by(&server_key, &issuer).unwrap();

    let client_key = KeyPair::generate().unwrap();
    let mut client_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    client_params
        .distinguished_name
        .push(DnType::CommonName, "paperless-rs test client");
    client_params
        .extended_key_usages
        .push(ExtendedKeyUsagePurpose::ClientAuth);
    let client_cert = client_params.signed_by(&client_key, &issuer).unwrap();

    Pki {
        ca_pem: ca_cert.pem(),
        ca_der: ca_cert.der().clone(),
        server_cert: server_cert.der().clone(),
        server_key: server_key.serialize_der(),
        client_cert_pem: client_cert.pem(),
        client_key_pem: client_key.serialize_pem(),
    }
}

/// Starts an HTTPS server (HTTP/1.1 and HTTP/2 by ALPN); with `require_client_cert` it demands a
/// client certificate signed by the test CA.
pub(crate) async fn https_server(
    pki: &Pki,
    require_client_cert: bool,
) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ServerConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .unwrap();
    let builder = if require_client_cert {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(pki.ca_der.clone()).unwrap();
        let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
            .build()
            .unwrap();
        builder.with_client_cert_verifier(verifier)
    } else {
        builder.with_no_client_auth()
    };
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(pki.server_key.clone()));
    let mut config = builder
        .with_single_cert(vec![pki.server_cert.clone()], key)
        .unwrap();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = serve_hyper(listener, Some(acceptor), Arc::new(|_| text(200, "secure"))).await;
    (format!("https://127.0.0.1:{port}"), seen)
}

fn builder(url: &str) -> TransportBuilder {
    TransportBuilder::new(BaseUrl::parse(url).unwrap()).no_retry()
}

#[tokio::test]
async fn untrusted_server_fails_with_a_tls_error() {
    let pki = pki();
    let (url, seen) = https_server(&pki, false).await;
    let client = builder(&url).build().unwrap();
    let err = send(&client, get("/api/")).await.unwrap_err();
    assert_eq!(classify(&*err), TransportErrorKind::Tls, "{err:?}");
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn trusted_with_its_ca_added_and_speaks_http2() {
    let pki = pki();
    let (url, seen) = https_server(&pki, false).await;
    let client = builder(&url)
        .add_root_certificate_pem(pki.ca_pem.as_bytes())
        .build()
        .unwrap();
    assert_eq!(
        send_text(&client, get("/api/")).await,
        (200, "secure".to_owned())
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].version, http::Version::HTTP_2, "ALPN picks h2");
    assert_eq!(seen[0].uri, format!("{url}/api/"));
}

#[tokio::test]
async fn only_the_added_ca_when_built_in_roots_are_off() {
    let pki = pki();
    let (url, _seen) = https_server(&pki, false).await;
    let client = builder(&url)
        .tls_built_in_roots(false)
        .add_root_certificate_pem(pki.ca_pem.as_bytes())
        .build()
        .unwrap();
    assert_eq!(send_text(&client, get("/api/")).await.0, 200);
    let err = builder(&url).tls_built_in_roots(false).build().unwrap_err();
    assert!(matches!(err, BuildError::NoTlsRoots { .. }), "{err}");
    assert!(
        err.to_string().contains("add_root_certificate_pem"),
        "{err}"
    );
}

#[tokio::test]
async fn accepted_with_the_invalid_certificate_opt_in() {
    let pki = pki();
    let (url, seen) = https_server(&pki, false).await;
    let client = builder(&url)
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    assert_eq!(send_text(&client, get("/api/")).await.0, 200);
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn mutual_tls_presents_the_client_certificate_and_fails_without() {
    let pki = pki();
    let (url, seen) = https_server(&pki, true).await;

    let with_identity = builder(&url)
        .add_root_certificate_pem(pki.ca_pem.as_bytes())
        .client_identity_pem(
            pki.client_cert_pem.as_bytes(),
            pki.client_key_pem.as_bytes(),
        )
        .build()
        .unwrap();
    assert_eq!(send_text(&with_identity, get("/api/")).await.0, 200);
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].client_certs, 1);
    }

    let without = builder(&url)
        .add_root_certificate_pem(pki.ca_pem.as_bytes())
        .build()
        .unwrap();
    let err = send(&without, get("/api/")).await.unwrap_err();
    assert_eq!(classify(&*err), TransportErrorKind::Tls, "{err:?}");
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "the server saw no second request"
    );
}

#[tokio::test]
async fn tls_config_escape_hatch_is_used_as_is() {
    let pki = pki();
    let (url, _seen) = https_server(&pki, false).await;
    let mut roots = rustls::RootCertStore::empty();
    roots.add(pki.ca_der.clone()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let client = builder(&url).tls_config(Arc::new(config)).build().unwrap();
    assert_eq!(send_text(&client, get("/api/")).await.0, 200);
}

#[test]
fn bad_pem_and_bad_keys_are_typed_build_errors() {
    let url = "https://paperless.example.com";
    let err = builder(url)
        .add_root_certificate_pem(b"not a pem")
        .build()
        .unwrap_err();
    assert!(
        matches!(err, BuildError::InvalidCertificate { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("BEGIN CERTIFICATE"), "{err}");

    let pki = pki();
    let err = builder(url)
        .client_identity_pem(pki.client_cert_pem.as_bytes(), b"no key here")
        .build()
        .unwrap_err();
    assert!(
        matches!(err, BuildError::InvalidClientIdentity { .. }),
        "{err}"
    );

    // A key that does not belong to the certificate.
    let other_key = KeyPair::generate().unwrap().serialize_pem();
    let err = builder(url)
        .client_identity_pem(pki.client_cert_pem.as_bytes(), other_key.as_bytes())
        .build()
        .unwrap_err();
    assert!(
        matches!(err, BuildError::InvalidClientIdentity { .. }),
        "{err}"
    );
    assert!(!err.to_string().contains("PRIVATE KEY-----"), "{err}");
}
