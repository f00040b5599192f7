//! The exporter's forms as name/value pairs and uploaded files, from an urlencoded or a `multipart/form-data`
//! body alike. The forms have rows that grow (materials, goods items), so their fields are read by name rather
//! than into a fixed struct. The page layer has already checked the CSRF token and bounded the body's size.
//!
//! The multipart reader is just enough of RFC 7578 for what browsers send: parts separated by the boundary, each
//! with a `Content-Disposition: form-data; name="..."` (and `filename="..."` for a file) and an optional
//! `Content-Type`. File contents are kept as bytes, untouched.

use axum::extract::{FromRequest, Request};
use axum::http::header;

use crate::pages::context::FORM_BODY_LIMIT;
use crate::pages::error::{Failure, PageError};

/// A file sent with a form.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The form field's name.
    pub name: String,
    /// The file's name as the browser gave it (without any directory).
    pub file_name: String,
    /// The part's `Content-Type`, lower case without parameters (`application/octet-stream` when absent).
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// A submitted form.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pairs: Vec<(String, String)>,
    /// Files actually chosen (a file input left empty sends nothing here).
    pub uploads: Vec<Upload>,
}

impl Fields {
    /// A form of `pairs` (tests and re-rendering).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Fields {
        Fields { pairs: pairs.into_iter().map(|(n, v)| (n.to_owned(), v.to_owned())).collect(), uploads: Vec::new() }
    }

    /// The first value of `name`, or `""`.
    pub fn get(&self, name: &str) -> &str {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// The first value of `name`, trimmed, as an owned string.
    pub fn text(&self, name: &str) -> String {
        self.get(name).trim().to_owned()
    }

    /// Every value of `name` (ticked checkboxes).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    /// Whether any field is named `name`.
    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(n, _)| n == name)
    }

    /// The file chosen for `name`.
    pub fn upload(&self, name: &str) -> Option<&Upload> {
        self.uploads.iter().find(|u| u.name == name)
    }

    /// A small count field (`rows`, `items`), at least `min` and at most `max`.
    pub fn count(&self, name: &str, min: usize, max: usize) -> usize {
        self.get(name).trim().parse::<usize>().unwrap_or(min).clamp(min, max)
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = PageError;

    async fn from_request(request: Request, _: &S) -> Result<Fields, PageError> {
        let content_type =
            request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let bytes = axum::body::to_bytes(request.into_body(), FORM_BODY_LIMIT)
            .await
            .map_err(|_| PageError::new(Failure::TooLarge))?;
        let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match media.as_str() {
            "application/x-www-form-urlencoded" => Ok(Fields {
                pairs: form_urlencoded::parse(&bytes).map(|(n, v)| (n.into_owned(), v.into_owned())).collect(),
                uploads: Vec::new(),
            }),
            "multipart/form-data" => {
                let boundary = boundary(&content_type).ok_or(PageError::new(Failure::BadRequest))?;
                multipart(&boundary, &bytes).ok_or(PageError::new(Failure::BadRequest))
            }
            _ => Err(PageError::new(Failure::BadRequest)),
        }
    }
}

fn boundary(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_owned())
        .find(|b| !b.is_empty() && b.len() <= 200)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > haystack.len() {
        return None;
    }
    haystack[from..].windows(needle.len()).position(|w| w == needle).map(|at| at + from)
}

/// The `key="value"` parameters of a header value (`form-data; name="a"; filename="b.csv"`).
fn parameter(value: &str, key: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// Reads a whole multipart body; `None` when it is not one.
fn multipart(boundary: &str, body: &[u8]) -> Option<Fields> {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut fields = Fields::default();
    let mut at = find(body, &delimiter, 0)? + delimiter.len();
    loop {
        if body[at..].starts_with(b"--") {
            return Some(fields);
        }
        at = at.checked_add(2).filter(|_| body[at..].starts_with(b"\r\n"))?;
        let head_end = find(body, b"\r\n\r\n", at)?;
        let head = std::str::from_utf8(&body[at..head_end]).ok()?;
        let content_start = head_end + 4;
        let mut closing = b"\r\n".to_vec();
        closing.extend_from_slice(&delimiter);
        let content_end = find(body, &closing, content_start)?;
        let content = &body[content_start..content_end];
        at = content_end + closing.len();
        let (mut name, mut file_name, mut media_type) = (None, None, None);
        for line in head.split("\r\n") {
            let Some((key, value)) = line.split_once(':') else { continue };
            if key.trim().eq_ignore_ascii_case("content-disposition") {
                name = parameter(value, "name");
                file_name = parameter(value, "filename");
            } else if key.trim().eq_ignore_ascii_case("content-type") {
                media_type = Some(value.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
            }
        }
        let name = name?;
        match file_name {
            // An empty file input: nothing chosen.
            Some(file) if file.is_empty() && content.is_empty() => {}
            Some(file) => {
                // Some browsers send the client's path: keep the last component only.
                let file_name = file.rsplit(['/', '\\']).next().unwrap_or_default().to_owned();
                let media_type = media_type.unwrap_or_else(|| "application/octet-stream".to_owned());
                fields.uploads.push(Upload { name, file_name, media_type, bytes: content.to_vec() });
            }
            None => fields.pairs.push((name, String::from_utf8_lossy(content).into_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multipart_body_gives_its_fields_and_files() {
        let body = b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nT.1\r\n\
            --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\docs\\\\bill.csv\"\r\n\
            Content-Type: text/csv; charset=utf-8\r\n\r\nhs,value\r\n3920,1\r\n\r\n--XyZ\r\n\
            Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\nContent-Type: application/octet-stream\
            \r\n\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nWith --XyZ inside\r\n--XyZ--\r\n";
        let fields = multipart("XyZ", body).unwrap();
        assert_eq!(fields.get("csrf_token"), "T.1");
        assert_eq!(fields.get("note"), "With --XyZ inside");
        let file = fields.upload("file").unwrap();
        assert_eq!((file.file_name.as_str(), file.media_type.as_str()), ("bill.csv", "text/csv"));
        assert_eq!(file.bytes, b"hs,value\r\n3920,1\r\n");
        assert!(fields.upload("empty").is_none(), "an empty file input is no upload");
        assert!(multipart("XyZ", b"--XyZ\r\nno headers end").is_none());
        assert!(multipart("XyZ", b"nothing").is_none());
    }

    #[test]
    fn counts_are_clamped() {
        let fields = Fields::from_pairs([("rows", "5000"), ("items", "x")]);
        assert_eq!(fields.count("rows", 1, 200), 200);
        assert_eq!(fields.count("items", 1, 20), 1);
        assert_eq!(fields.count("missing", 3, 20), 3);
    }
}
