//! The canonical text form of a rule, the inverse of `parse`.

use std::fmt;

use super::{Basis, Level, Rule};

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::None => "ANY",
            Level::Chapter => "CC",
            Level::Heading => "CTH",
            Level::Subheading => "CTSH",
        })
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Basis::ExWorks => "",
            Basis::Fob => " FOB",
        })
    }
}

fn write_joined(f: &mut fmt::Formatter<'_>, rules: &[Rule], separator: &str, wrap_or: bool) -> fmt::Result {
    for (i, rule) in rules.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        // `&` binds tighter than `|`, so only an alternative inside a conjunction needs parentheses.
        if wrap_or && matches!(rule, Rule::AnyOf(_)) {
            write!(f, "({rule})")?;
        } else {
            write!(f, "{rule}")?;
        }
    }
    Ok(())
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::AnyOf(rules) => write_joined(f, rules, " | ", true),
            Rule::AllOf(rules) => write_joined(f, rules, " & ", true),
            Rule::WhollyObtained => f.write_str("WO"),
            Rule::MaterialsWhollyObtained(sel) => write!(f, "WO[{sel}]"),
            Rule::Change { level, except, allow, same_max_percent } => {
                write!(f, "{level}")?;
                if let Some(sel) = except {
                    write!(f, " EXCEPT[{sel}]")?;
                }
                if let Some(sel) = allow {
                    write!(f, " ALLOW[{sel}]")?;
                }
                if let Some(max) = same_max_percent {
                    write!(f, " SAME<={}%", max.normalize())?;
                }
                Ok(())
            }
            Rule::From(sel) => write!(f, "FROM[{sel}]"),
            Rule::MaxNonOriginatingValue { max_percent, of } => {
                write!(f, "MAXNOM {}%", max_percent.normalize())?;
                match of {
                    Some(sel) => write!(f, "[{sel}]"),
                    None => Ok(()),
                }
            }
            Rule::MaxWeight { max_percent, of, basis } => {
                write!(f, "MAXWT {}%[{of}]", max_percent.normalize())?;
                match basis {
                    Some(sel) => write!(f, " OF[{sel}]"),
                    None => Ok(()),
                }
            }
            Rule::RegionalValueContent { min_percent, of, basis } => {
                write!(f, "RVC {}%", min_percent.normalize())?;
                if let Some(sel) = of {
                    write!(f, "[{sel}]")?;
                }
                write!(f, "{basis}")
            }
            Rule::MinOriginatingValue { min_percent, basis } => write!(f, "MINOM {}%{basis}", min_percent.normalize()),
            Rule::NonOriginatingWithinOriginating => f.write_str("NOM<=OM"),
            Rule::Process(id) => write!(f, "P({id})"),
            Rule::AtLeast { count, processes } => {
                write!(f, "ATLEAST {count} ({})", processes.join(", "))
            }
        }
    }
}
