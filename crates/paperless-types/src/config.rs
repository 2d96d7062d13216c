//! The application configuration: settings an administrator can change at runtime in the web UI
//! ("Configuration"), overriding the `PAPERLESS_*` environment variables.
//!
//! Endpoints:
//! - `GET /api/config/` → `Vec<`[`ApplicationConfiguration`]`>`: an unpaginated list holding the
//!   single configuration object
//! - `GET /api/config/{id}/` → [`ApplicationConfiguration`] (the id is normally 1)
//! - `PUT`/`PATCH /api/config/{id}/` with [`ApplicationConfigurationPatch`] →
//!   [`ApplicationConfiguration`]
//!
//! Every setting is nullable: `null` means "not set here, use the environment variable or the
//! built-in default". The application logo is a file: upload it with a `multipart/form-data`
//! `PATCH` (field `app_logo`); it is not part of the JSON payload.
//! See <https://docs.paperless-ngx.com/configuration/>.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::ConfigId;
use crate::patch::Patch;
use crate::secret::Secret;

crate::open_enum::string_enum! {
    /// The PDF type OCRmyPDF produces (`output_type`, `PAPERLESS_OCR_OUTPUT_TYPE`).
    pub enum OutputType {
        /// `pdf`: plain PDF.
        Pdf => "pdf",
        /// `pdfa`: PDF/A-2b.
        PdfA => "pdfa",
        /// `pdfa-1`: PDF/A-1b.
        PdfA1 => "pdfa-1",
        /// `pdfa-2`: PDF/A-2b.
        PdfA2 => "pdfa-2",
        /// `pdfa-3`: PDF/A-3b.
        PdfA3 => "pdfa-3",
    }
}

crate::open_enum::string_enum! {
    /// When OCR runs (`mode`, `PAPERLESS_OCR_MODE`).
    pub enum OcrMode {
        /// `auto`: OCR pages without text, keep existing text.
        Auto => "auto",
        /// `force`: rasterize and OCR every page, replacing existing text.
        Force => "force",
        /// `redo`: redo OCR on pages that already have (possibly bad) text.
        Redo => "redo",
        /// `off`: never OCR.
        Off => "off",
    }
}

crate::open_enum::string_enum! {
    /// When an archived PDF version is generated (`archive_file_generation`).
    pub enum ArchiveFileGeneration {
        /// `auto`: when OCR changed the document or the original is not a PDF/A.
        Auto => "auto",
        /// `always`.
        Always => "always",
        /// `never`.
        Never => "never",
    }
}

crate::open_enum::string_enum! {
    /// unpaper cleaning before OCR (`unpaper_clean`, `PAPERLESS_OCR_CLEAN`).
    pub enum UnpaperClean {
        /// `clean`: clean pages for OCR only.
        Clean => "clean",
        /// `clean-final`: clean pages and keep the cleaned pages in the output.
        CleanFinal => "clean-final",
        /// `none`: no cleaning.
        None => "none",
    }
}

crate::open_enum::string_enum! {
    /// Ghostscript's colour conversion strategy for PDF/A output (`color_conversion_strategy`).
    pub enum ColorConversionStrategy {
        /// `LeaveColorUnchanged`.
        LeaveColorUnchanged => "LeaveColorUnchanged",
        /// `RGB`.
        Rgb => "RGB",
        /// `UseDeviceIndependentColor`.
        UseDeviceIndependentColor => "UseDeviceIndependentColor",
        /// `Gray`.
        Gray => "Gray",
        /// `CMYK`.
        Cmyk => "CMYK",
    }
}

crate::open_enum::string_enum! {
    /// The service computing document embeddings for AI features (`llm_embedding_backend`).
    pub enum LlmEmbeddingBackend {
        /// `openai-like`: an OpenAI-compatible API.
        OpenAiLike => "openai-like",
        /// `huggingface`: a local Hugging Face model.
        Huggingface => "huggingface",
        /// `ollama`: an Ollama server.
        Ollama => "ollama",
    }
}

crate::open_enum::string_enum! {
    /// The large language model service for AI features (`llm_backend`).
    pub enum LlmBackend {
        /// `openai-like`: an OpenAI-compatible API.
        OpenAiLike => "openai-like",
        /// `ollama`: an Ollama server.
        Ollama => "ollama",
    }
}

macro_rules! config_fields {
    ($( $(#[doc = $doc:literal])* $field:ident : $ty:ty; )*) => {
        /// The application configuration as the server returns it.
        ///
        /// `None` means the setting is not set here and the environment variable or built-in
        /// default applies.
        ///
        /// ```
        /// use paperless_types::config::{ApplicationConfiguration, OutputType};
        ///
        /// let list: Vec<ApplicationConfiguration> = serde_json::from_str(
        ///     r#"[{"id":1,"output_type":"pdfa","app_title":"Archive","ai_enabled":false}]"#,
        /// )?;
        /// assert_eq!(list[0].output_type, Some(OutputType::PdfA));
        /// assert_eq!(list[0].pages, None);
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct ApplicationConfiguration {
            /// Primary key (normally 1: there is one configuration).
            pub id: ConfigId,
            /// URL of the uploaded application logo, shown in the web UI (read-only here:
            /// upload it with a multipart `PATCH`).
            #[serde(default)]
            pub app_logo: Option<String>,
            $(
                $(#[doc = $doc])*
                #[serde(default)]
                pub $field: Option<$ty>,
            )*
        }

        /// The body of `PATCH /api/config/{id}/` (partial update) or `PUT` (replace).
        ///
        /// [`Patch::Unchanged`] leaves a setting alone, [`Patch::Null`] unsets it (the
        /// environment variable or built-in default applies again).
        ///
        /// ```
        /// use paperless_types::config::{ApplicationConfigurationPatch, OcrMode};
        ///
        /// let patch = ApplicationConfigurationPatch::new()
        ///     .app_title(Some("Family archive".into()))
        ///     .mode(Some(OcrMode::Redo))
        ///     .pages(None);
        /// assert_eq!(
        ///     serde_json::to_string(&patch)?,
        ///     r#"{"pages":null,"mode":"redo","app_title":"Family archive"}"#
        /// );
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct ApplicationConfigurationPatch {
            $(
                $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
                pub $field: Patch<$ty>,
            )*
        }

        crate::setters::setters! { ApplicationConfigurationPatch {
            $( patch $field: $ty; )*
        }}
    };
}

config_fields! {
    /// Extra OCRmyPDF arguments as a JSON object (`PAPERLESS_OCR_USER_ARGS`), such as
    /// `{"invalidate_digital_signatures": true}`.
    user_args: serde_json::Map<String, serde_json::Value>;
    /// Tag barcodes: regular expression → tag name (`PAPERLESS_CONSUMER_TAG_BARCODE_MAPPING`).
    barcode_tag_mapping: BTreeMap<String, String>;
    /// API key of the LLM service; a mask of `*` on read (send the mask back to keep it).
    llm_api_key: Secret;
    /// The PDF type produced by OCR (`PAPERLESS_OCR_OUTPUT_TYPE`).
    output_type: OutputType;
    /// OCR only the first this many pages (`PAPERLESS_OCR_PAGES`).
    pages: u32;
    /// OCR languages as Tesseract codes joined by `+`, such as `deu+eng` (`PAPERLESS_OCR_LANGUAGE`).
    language: String;
    /// When OCR runs (`PAPERLESS_OCR_MODE`).
    mode: OcrMode;
    /// When an archived PDF version is generated (`PAPERLESS_ARCHIVE_FILE_GENERATION`).
    archive_file_generation: ArchiveFileGeneration;
    /// DPI assumed for images without that information (`PAPERLESS_OCR_IMAGE_DPI`).
    image_dpi: u32;
    /// unpaper cleaning (`PAPERLESS_OCR_CLEAN`).
    unpaper_clean: UnpaperClean;
    /// Whether pages are deskewed (`PAPERLESS_OCR_DESKEW`).
    deskew: bool;
    /// Whether pages are rotated upright (`PAPERLESS_OCR_ROTATE_PAGES`).
    rotate_pages: bool;
    /// Confidence needed before rotating a page (`PAPERLESS_OCR_ROTATE_PAGES_THRESHOLD`).
    rotate_pages_threshold: f64;
    /// Largest image (in pixels) decompressed for OCR (`PAPERLESS_OCR_MAX_IMAGE_PIXELS`).
    max_image_pixels: f64;
    /// Ghostscript colour conversion for PDF/A (`PAPERLESS_OCR_COLOR_CONVERSION_STRATEGY`).
    color_conversion_strategy: ColorConversionStrategy;
    /// Title shown by the web UI (`PAPERLESS_APP_TITLE`).
    app_title: String;
    /// Whether documents are scanned for barcodes (`PAPERLESS_CONSUMER_ENABLE_BARCODES`).
    barcodes_enabled: bool;
    /// Whether TIFF files are scanned for barcodes (`PAPERLESS_CONSUMER_BARCODE_TIFF_SUPPORT`).
    barcode_enable_tiff_support: bool;
    /// The separator barcode text (`PAPERLESS_CONSUMER_BARCODE_STRING`, default `PATCHT`).
    barcode_string: String;
    /// Whether separator pages are kept (`PAPERLESS_CONSUMER_BARCODE_RETAIN_SPLIT_PAGES`).
    barcode_retain_split_pages: bool;
    /// Whether ASN barcodes set the archive serial number (`PAPERLESS_CONSUMER_ENABLE_ASN_BARCODE`).
    barcode_enable_asn: bool;
    /// The prefix of ASN barcodes (`PAPERLESS_CONSUMER_ASN_BARCODE_PREFIX`, default `ASN`).
    barcode_asn_prefix: String;
    /// Upscaling factor before barcode detection (`PAPERLESS_CONSUMER_BARCODE_UPSCALE`).
    barcode_upscale: f64;
    /// DPI used to render pages for barcode detection (`PAPERLESS_CONSUMER_BARCODE_DPI`).
    barcode_dpi: u32;
    /// Scan only the first this many pages for barcodes (`PAPERLESS_CONSUMER_BARCODE_MAX_PAGES`).
    barcode_max_pages: u32;
    /// Whether tag barcodes assign tags (`PAPERLESS_CONSUMER_ENABLE_TAG_BARCODE`).
    barcode_enable_tag: bool;
    /// Whether tag barcodes also split documents (`PAPERLESS_CONSUMER_TAG_BARCODE_SPLIT`).
    barcode_tag_split: bool;
    /// Whether AI features (suggestions, chat) are enabled (`PAPERLESS_AI_ENABLED`).
    ai_enabled: bool;
    /// The embedding service (`PAPERLESS_AI_LLM_EMBEDDING_BACKEND`).
    llm_embedding_backend: LlmEmbeddingBackend;
    /// The embedding model name (`PAPERLESS_AI_LLM_EMBEDDING_MODEL`).
    llm_embedding_model: String;
    /// URL of the embedding service, if not the backend's default.
    llm_embedding_endpoint: String;
    /// Size of the text chunks embedded.
    llm_embedding_chunk_size: u32;
    /// Context window size of the LLM.
    llm_context_size: u32;
    /// The LLM service (`PAPERLESS_AI_LLM_BACKEND`).
    llm_backend: LlmBackend;
    /// The LLM model name (`PAPERLESS_AI_LLM_MODEL`).
    llm_model: String;
    /// URL of the LLM service, if not the backend's default (`PAPERLESS_AI_LLM_ENDPOINT`).
    llm_endpoint: String;
    /// The language LLM answers are written in.
    llm_output_language: String;
    /// Timeout of LLM requests, in seconds.
    llm_request_timeout: u32;
}

impl ApplicationConfigurationPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_renders_the_captured_body() {
        let patch = ApplicationConfigurationPatch::new()
            .app_title(Some("Paperless Conformance Lab".into()));
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            r#"{"app_title":"Paperless Conformance Lab"}"#
        );
    }

    #[test]
    fn api_key_is_redacted_and_masks_are_recognised() {
        let config: ApplicationConfiguration = serde_json::from_str(
            r#"{"id":1,"llm_api_key":"**********","user_args":{"deskew":true}}"#,
        )
        .unwrap();
        assert!(config.llm_api_key.as_ref().is_some_and(Secret::is_masked));
        assert_eq!(
            config.user_args.as_ref().and_then(|a| a.get("deskew")),
            Some(&serde_json::Value::Bool(true))
        );
        let patch = ApplicationConfigurationPatch::new().llm_api_key(Some(Secret::new("sk-live")));
        assert!(!format!("{patch:?}").contains("sk-live"));
    }

    #[test]
    fn unknown_enum_values_survive() {
        let config: ApplicationConfiguration =
            serde_json::from_str(r#"{"id":1,"mode":"skip_noarchive","output_type":""}"#).unwrap();
        assert_eq!(config.mode, Some(OcrMode::Other("skip_noarchive".into())));
        assert_eq!(config.output_type, Some(OutputType::Other(String::new())));
        let json = serde_json::to_value(&config).unwrap();
        assert_eq!(json["mode"], "skip_noarchive");
    }
}
