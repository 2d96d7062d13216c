//! TLS: the crypto provider, the trust store and client certificates, assembled into a rustls
//! `ClientConfig` always through `builder_with_provider` (never the process-wide default, which
//! panics when zero or two providers are compiled in).

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};

use crate::{BaseUrl, BuildError};

#[cfg(not(any(feature = "ring", feature = "aws-lc-rs")))]
compile_error!(
    "paperless-transport needs a rustls crypto provider: enable its `ring` feature (the default) \
     or its `aws-lc-rs` feature"
);

/// The crypto provider chosen by features: `aws-lc-rs` when enabled (someone opted into it
/// explicitly, since `ring` is the default), otherwise `ring`.
#[cfg(feature = "aws-lc-rs")]
pub(crate) fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// The crypto provider chosen by features: `aws-lc-rs` when enabled (someone opted into it
/// explicitly, since `ring` is the default), otherwise `ring`.
#[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
pub(crate) fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// TLS settings collected by the builder. Holds PEM bytes until `build`, where they are parsed.
#[derive(Clone, Default)]
pub(crate) struct TlsOptions {
    pub(crate) extra_roots_pem: Vec<Vec<u8>>,
    pub(crate) identity_pem: Option<(Vec<u8>, Vec<u8>)>,
    pub(crate) accept_invalid_certs: bool,
    pub(crate) built_in_roots: bool,
    pub(crate) config: Option<Arc<ClientConfig>>,
}

impl std::fmt::Debug for TlsOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Counts and flags only: the client key must never be printed.
        f.debug_struct("TlsOptions")
            .field("extra_roots", &self.extra_roots_pem.len())
            .field("client_identity", &self.identity_pem.is_some())
            .field("danger_accept_invalid_certs", &self.accept_invalid_certs)
            .field("built_in_roots", &self.built_in_roots)
            .field("custom_config", &self.config.is_some())
            .finish()
    }
}

impl TlsOptions {
    pub(crate) fn new() -> Self {
        Self {
            built_in_roots: true,
            ..Self::default()
        }
    }

    /// The rustls configuration for a base URL: the escape hatch as given, or one assembled from
    /// the options.
    pub(crate) fn client_config(&self, base: &BaseUrl) -> Result<Arc<ClientConfig>, BuildError> {
        if let Some(config) = &self.config {
            return Ok(Arc::clone(config));
        }
        let provider = provider();
        let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| BuildError::Tls {
                reason: e.to_string(),
            })?;
        let builder = if self.accept_invalid_certs {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AcceptAnyServerCert { provider }))
        } else {
            builder.with_root_certificates(self.root_store(base)?)
        };
        let config = match &self.identity_pem {
            None => builder.with_no_client_auth(),
            Some((chain_pem, key_pem)) => {
                let chain = parse_certificates(chain_pem).map_err(|reason| {
                    BuildError::InvalidClientIdentity {
                        reason: format!("certificate chain: {reason}"),
                    }
                })?;
                let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| {
                    BuildError::InvalidClientIdentity {
                        reason: format!(
                            "private key: {}; give a PEM with a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block",
                            pem_error(&e)
                        ),
                    }
                })?;
                builder.with_client_auth_cert(chain, key).map_err(|e| {
                    BuildError::InvalidClientIdentity {
                        reason: format!(
                            "rustls refused the certificate and key ({e}); check the key belongs to the first certificate"
                        ),
                    }
                })?
            }
        };
        Ok(Arc::new(config))
    }

    fn root_store(&self, base: &BaseUrl) -> Result<RootCertStore, BuildError> {
        let mut roots = RootCertStore::empty();
        #[allow(unused_mut)]
        let mut native_problem: Option<String> = None;
        if self.built_in_roots {
            #[cfg(feature = "webpki-roots")]
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            #[cfg(feature = "native-roots")]
            {
                let loaded = rustls_native_certs::load_native_certs();
                for cert in loaded.certs {
                    // The OS store may hold certificates webpki cannot parse; skip those.
                    let _ = roots.add(cert);
                }
                if let Some(first) = loaded.errors.first() {
                    native_problem = Some(first.to_string());
                }
            }
        }
        for pem in &self.extra_roots_pem {
            for cert in parse_certificates(pem)
                .map_err(|reason| BuildError::InvalidCertificate { reason })?
            {
                roots
                    .add(cert)
                    .map_err(|e| BuildError::InvalidCertificate {
                        reason: format!(
                            "{e}; give the CA certificate that signed the server's certificate"
                        ),
                    })?;
            }
        }
        if roots.is_empty() && base.is_https() {
            let mut reason = String::from(
                "enable the `webpki-roots` or `native-roots` feature, or add your CA with \
                 add_root_certificate_pem",
            );
            if !self.built_in_roots {
                reason = String::from(
                    "built-in roots are switched off (tls_built_in_roots(false)); add your CA with \
                     add_root_certificate_pem",
                );
            }
            if let Some(problem) = native_problem {
                reason.push_str(&format!(
                    " (loading the system's certificates failed: {problem})"
                ));
            }
            return Err(BuildError::NoTlsRoots {
                base_url: base.to_string(),
                reason,
            });
        }
        Ok(roots)
    }
}

fn parse_certificates(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| pem_error(&e))?;
    if certs.is_empty() {
        return Err(
            "no `-----BEGIN CERTIFICATE-----` block found; give the certificate in PEM form"
                .to_owned(),
        );
    }
    Ok(certs)
}

fn pem_error(e: &rustls_pki_types::pem::Error) -> String {
    use rustls_pki_types::pem::Error as E;
    match e {
        E::NoItemsFound => "no matching PEM block found".to_owned(),
        other => format!("not valid PEM ({other})"),
    }
}

/// The verifier behind `danger_accept_invalid_certs(true)`: accepts any server certificate (so
/// self-signed, expired or wrongly named ones), but still checks the handshake signatures against
/// the certificate's key, so the peer must hold the key of the certificate it shows.
#[derive(Debug)]
struct AcceptAnyServerCert {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for AcceptAnyServerCert {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
