//! The trace of a determination: lines of plain words, kept in one buffer because formatting and allocating a
//! string per line was most of the engine's time.

use std::fmt::{self, Write};

use serde::ser::{Serialize, SerializeSeq, Serializer};

/// Lines of explanation, in the order the engine reasoned.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trace {
    text: String,
    /// End offset of each line in `text`.
    ends: Vec<usize>,
}

impl Trace {
    pub fn with_capacity(lines: usize) -> Trace {
        Trace { text: String::with_capacity(lines * 100), ends: Vec::with_capacity(lines) }
    }

    /// Adds a line of fixed text.
    pub fn push(&mut self, line: &str) {
        self.text.push_str(line);
        self.ends.push(self.text.len());
    }

    /// Adds a formatted line: `trace.line(format_args!(...))`.
    pub fn line(&mut self, args: fmt::Arguments<'_>) {
        // Writing into a String cannot fail.
        let _ = self.text.write_fmt(args);
        self.ends.push(self.text.len());
    }

    /// Starts a line to be written piecewise with `write!(trace.open(), ...)`, ended by `close`.
    pub fn open(&mut self) -> &mut String {
        &mut self.text
    }

    pub fn close(&mut self) {
        self.ends.push(self.text.len());
    }

    /// Moves the lines of `other` to the end of this trace.
    pub fn append(&mut self, other: &mut Trace) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|end| end + base));
        other.text.clear();
        other.ends.clear();
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(self.ends.iter().copied()).map(|(start, end)| &self.text[start..end])
    }

    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }
}

impl Serialize for Trace {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for line in self.iter() {
            seq.serialize_element(line)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_order_and_text() {
        let mut trace = Trace::with_capacity(2);
        trace.push("first");
        trace.line(format_args!("second {}", 2));
        let mut other = Trace::default();
        let _ = write!(other.open(), "third");
        other.close();
        trace.append(&mut other);
        assert_eq!(trace.iter().collect::<Vec<_>>(), vec!["first", "second 2", "third"]);
        assert_eq!(serde_json::to_string(&trace).unwrap(), r#"["first","second 2","third"]"#);
        assert!(other.is_empty());
    }
}
