//! The certificate's PDF as a download from its pages: `/exporter/certificates/{id}/certificate.pdf` and
//! `/officer/certificates/{id}/certificate.pdf`, in the page's language (`?lang=` chooses it, as on any page). Who
//! may download it is the service's (the exporter it was issued to and the certifying body: it prints the
//! security code); a refusal is the usual error page.

use axum::extract::State;
use axum::response::Response;
use origo_service::certificate_pdf::{PdfLanguage, PdfOffer};
use uuid::Uuid;

use super::context::{PageCtx, Signed};
use super::error::PageResult;
use super::i18n::Lang;
use super::officer::PagePath;
use crate::routes::certificate_pdf::pdf_response;
use crate::state::AppState;

/// The PDF's language for the page's.
pub fn pdf_language(lang: Lang) -> PdfLanguage {
    match lang {
        Lang::Uz => PdfLanguage::Uz,
        Lang::Ru => PdfLanguage::Ru,
        Lang::En => PdfLanguage::En,
    }
}

/// What a certificate page says about the PDF: the link, or why there is none (the catalogue key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfLink {
    Href(String),
    Unavailable(&'static str),
    None,
}

impl PdfLink {
    /// For `offer`, with the download under `base` (`/exporter/certificates/{id}`).
    pub fn new(offer: PdfOffer, base: &str) -> PdfLink {
        match offer {
            PdfOffer::Available => PdfLink::Href(format!("{base}/certificate.pdf")),
            PdfOffer::CodeNotKept => PdfLink::Unavailable("officer.certificate.pdf.unavailable"),
            PdfOffer::NotForCaller => PdfLink::None,
        }
    }

    /// The link, when there is one.
    pub fn href(&self) -> Option<&str> {
        match self {
            PdfLink::Href(href) => Some(href),
            _ => None,
        }
    }

    /// Why there is no link, when the caller would have one.
    pub fn unavailable(&self) -> Option<&'static str> {
        match self {
            PdfLink::Unavailable(key) => Some(key),
            _ => None,
        }
    }
}

/// `GET /exporter/certificates/{id}/certificate.pdf` and `GET /officer/certificates/{id}/certificate.pdf`.
pub async fn download(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
) -> PageResult<Response> {
    let pdf = state.service.certificate_pdf(&user.caller, id, pdf_language(ctx.lang)).await?;
    Ok(pdf_response(pdf))
}
