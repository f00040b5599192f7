//! Certificate PDFs read back as a reader would: the text extracted with poppler's `pdftotext`, the pages
//! rasterised with `pdftoppm` and both QR codes decoded, the fonts listed with `pdffonts`; and the refusals.

mod common;
mod kinds;
mod pages;
mod poppler;
mod refusals;
