//! The trace of a determination: lines of plain English words and, beside each line, the same step as data: a
//! stable key (`material.non_originating`) and named parameters (`row`, `hs`, `value` ...), so that pages can say
//! it in another language. Lines and parameters are each kept in one buffer, because formatting and allocating a
//! string per line was most of the engine's time.
//!
//! A step's parameters are added before its line is written: `trace.param("date", ...)` then
//! `trace.line("scheme.not_in_force", format_args!(...))`; the line takes every parameter added since the last line.
//! The keys and the parameters each key carries are listed in [`super::steps`].

use std::fmt::{self, Write};

use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use super::numbers::write_decimal;

/// Lines of explanation, in the order the engine reasoned, with their steps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trace {
    text: String,
    /// End offset of each line in `text`.
    ends: Vec<usize>,
    /// The step key of each line.
    keys: Vec<&'static str>,
    /// Every parameter value, one after the other.
    values: String,
    /// Each parameter's name and the end offset of its value in `values`.
    params: Vec<(&'static str, usize)>,
    /// End index in `params` of each line's parameters.
    param_ends: Vec<usize>,
}

impl Trace {
    pub fn with_capacity(lines: usize) -> Trace {
        Trace {
            text: String::with_capacity(lines * 100),
            ends: Vec::with_capacity(lines),
            keys: Vec::with_capacity(lines),
            values: String::with_capacity(lines * 48),
            params: Vec::with_capacity(lines * 8),
            param_ends: Vec::with_capacity(lines),
        }
    }

    /// Adds a parameter to the step whose line is written next.
    pub fn param(&mut self, name: &'static str, value: &str) {
        self.values.push_str(value);
        self.params.push((name, self.values.len()));
    }

    /// Adds a formatted parameter.
    pub fn param_fmt(&mut self, name: &'static str, args: fmt::Arguments<'_>) {
        // Writing into a String cannot fail.
        let _ = self.values.write_fmt(args);
        self.params.push((name, self.values.len()));
    }

    /// Adds a decimal parameter, written as `Display` writes it (and as the line prints it).
    pub fn param_decimal(&mut self, name: &'static str, value: Decimal) {
        write_decimal(&mut self.values, value);
        self.params.push((name, self.values.len()));
    }

    /// Adds a whole-number parameter.
    pub fn param_number(&mut self, name: &'static str, value: usize) {
        self.values.push_str(itoa::Buffer::new().format(value));
        self.params.push((name, self.values.len()));
    }

    /// Adds as a parameter what the open line has written since `start` (from [`Trace::open`]'s length).
    pub fn param_since(&mut self, name: &'static str, start: usize) {
        self.values.push_str(&self.text[start..]);
        self.params.push((name, self.values.len()));
    }

    /// Adds a line of fixed text, the step `key`.
    pub fn push(&mut self, key: &'static str, line: &str) {
        self.text.push_str(line);
        self.close(key);
    }

    /// Adds a formatted line, the step `key`: `trace.line(key, format_args!(...))`.
    pub fn line(&mut self, key: &'static str, args: fmt::Arguments<'_>) {
        // Writing into a String cannot fail.
        let _ = self.text.write_fmt(args);
        self.close(key);
    }

    /// Starts a line to be written piecewise with `write!(trace.open(), ...)`, ended by `close`.
    pub fn open(&mut self) -> &mut String {
        &mut self.text
    }

    /// Ends the open line as the step `key`, with the parameters added since the last line.
    pub fn close(&mut self, key: &'static str) {
        self.ends.push(self.text.len());
        self.keys.push(key);
        self.param_ends.push(self.params.len());
    }

    /// Moves the lines of `other` to the end of this trace.
    pub fn append(&mut self, other: &mut Trace) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|end| end + base));
        self.keys.append(&mut other.keys);
        let value_base = self.values.len();
        self.values.push_str(&other.values);
        self.params.extend(other.params.iter().map(|&(name, end)| (name, end + value_base)));
        let param_base = self.params.len() - other.params.len();
        self.param_ends.extend(other.param_ends.iter().map(|end| end + param_base));
        other.text.clear();
        other.ends.clear();
        other.values.clear();
        other.params.clear();
        other.param_ends.clear();
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The lines, in English.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(self.ends.iter().copied()).map(|(start, end)| &self.text[start..end])
    }

    /// The steps, one per line, in the same order.
    pub fn steps(&self) -> impl Iterator<Item = Step<'_>> + '_ {
        let starts = std::iter::once(0).chain(self.param_ends.iter().copied());
        starts.zip(self.param_ends.iter().copied()).zip(self.keys.iter()).map(|((start, end), &key)| Step {
            key,
            params: &self.params[start..end],
            value_start: if start == 0 { 0 } else { self.params[start - 1].1 },
            values: &self.values,
        })
    }

    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }
}

/// One step of the trace: its key and named parameters.
#[derive(Debug, Clone, Copy)]
pub struct Step<'t> {
    pub key: &'static str,
    params: &'t [(&'static str, usize)],
    /// Where the first parameter's value starts in `values`.
    value_start: usize,
    values: &'t str,
}

impl<'t> Step<'t> {
    /// The parameters in the order the engine added them.
    pub fn params(&self) -> impl Iterator<Item = (&'static str, &'t str)> + '_ {
        let starts = std::iter::once(self.value_start).chain(self.params.iter().map(|p| p.1));
        starts.zip(self.params.iter()).map(|(start, &(name, end))| (name, &self.values[start..end]))
    }

    /// The value of the parameter `name`.
    pub fn param(&self, name: &str) -> Option<&'t str> {
        let values = self.values;
        let starts = std::iter::once(self.value_start).chain(self.params.iter().map(|p| p.1));
        starts.zip(self.params.iter()).find(|(_, p)| p.0 == name).map(|(start, &(_, end))| &values[start..end])
    }
}

impl Serialize for Step<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Params<'a, 't>(&'a Step<'t>);
        impl Serialize for Params<'_, '_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.params.len()))?;
                for (name, value) in self.0.params() {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
        let mut step = serializer.serialize_struct("Step", 2)?;
        step.serialize_field("key", self.key)?;
        step.serialize_field("params", &Params(self))?;
        step.end()
    }
}

/// The lines, as an array of strings (what API consumers and stored determinations have always had).
impl Serialize for Trace {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for line in self.iter() {
            seq.serialize_element(line)?;
        }
        seq.end()
    }
}

/// The steps, as an array of `{"key": ..., "params": {...}}`.
pub struct Steps<'t>(pub &'t Trace);

impl Serialize for Steps<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for step in self.0.steps() {
            seq.serialize_element(&step)?;
        }
        seq.end()
    }
}

/// A determination's trace as two fields: `trace` (the lines) and `steps`.
pub fn with_steps<S: Serializer>(trace: &Trace, serializer: S) -> Result<S::Ok, S::Error> {
    let mut fields = serializer.serialize_struct("Trace", 2)?;
    fields.serialize_field("trace", trace)?;
    fields.serialize_field("steps", &Steps(trace))?;
    fields.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_steps_keep_their_order_text_and_parameters() {
        let mut trace = Trace::with_capacity(2);
        trace.push("one", "first");
        trace.param("n", "2");
        trace.param_decimal("amount", Decimal::new(1250, 2));
        trace.line("two", format_args!("second {}", 2));
        let mut other = Trace::default();
        other.param_number("row", 3);
        let start = other.open().len();
        let _ = write!(other.open(), "third");
        other.param_since("word", start);
        other.close("three");
        trace.append(&mut other);
        assert_eq!(trace.iter().collect::<Vec<_>>(), vec!["first", "second 2", "third"]);
        assert_eq!(serde_json::to_string(&trace).unwrap(), r#"["first","second 2","third"]"#);
        assert_eq!(
            serde_json::to_string(&Steps(&trace)).unwrap(),
            r#"[{"key":"one","params":{}},{"key":"two","params":{"n":"2","amount":"12.50"}},{"key":"three","params":{"row":"3","word":"third"}}]"#
        );
        let steps: Vec<Step<'_>> = trace.steps().collect();
        assert_eq!(steps[1].param("amount"), Some("12.50"));
        assert_eq!(steps[2].param("word"), Some("third"));
        assert_eq!(steps[2].param("amount"), None);
        assert!(other.is_empty() && other.steps().next().is_none());
    }
}
