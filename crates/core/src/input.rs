//! Rules for free-text input shared by every form: trimmed, length-limited, no control
//! characters (newlines only where the field is multi-line).

use crate::{Error, Result, ValidationRule};

/// How a text field is checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextRule {
    /// Wire name of the field (camelCase), for the error.
    pub field: &'static str,
    /// Maximum length in characters.
    pub max: u32,
    /// Whether an empty value is refused.
    pub required: bool,
    /// Whether line breaks and tabs are allowed.
    pub multiline: bool,
}

impl TextRule {
    pub const fn line(field: &'static str, max: u32, required: bool) -> Self {
        TextRule { field, max, required, multiline: false }
    }

    pub const fn block(field: &'static str, max: u32, required: bool) -> Self {
        TextRule { field, max, required, multiline: true }
    }

    /// Checks `value` and returns it trimmed.
    pub fn check(self, value: &str) -> Result<String> {
        let v = value.trim();
        if self.required && v.is_empty() {
            return Err(Error::invalid(self.field, ValidationRule::Required));
        }
        if v.chars().count() > self.max as usize {
            return Err(Error::Validation { field: self.field, rule: ValidationRule::TooLong, limit: Some(self.max) });
        }
        let bad = |c: char| c.is_control() && !(self.multiline && matches!(c, '\n' | '\t' | '\r'));
        if v.chars().any(bad) {
            return Err(Error::invalid(self.field, ValidationRule::InvalidValue));
        }
        Ok(v.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_inputs() {
        let line = TextRule::line("title", 5, true);
        let block = TextRule::block("notes", 5, false);
        let cases: &[(TextRule, &str, Result<&str, ValidationRule>)] = &[
            (line, "  abc ", Ok("abc")),
            (line, "", Err(ValidationRule::Required)),
            (line, "   ", Err(ValidationRule::Required)),
            (line, "abcdef", Err(ValidationRule::TooLong)),
            (line, "客服中心好", Ok("客服中心好")),
            (line, "a\nb", Err(ValidationRule::InvalidValue)),
            (line, "a\u{7}", Err(ValidationRule::InvalidValue)),
            (block, "a\nb", Ok("a\nb")),
            (block, "", Ok("")),
            (block, "a\u{0}", Err(ValidationRule::InvalidValue)),
        ];
        for (rule, input, want) in cases {
            let got = rule.check(input);
            match (got, want) {
                (Ok(v), Ok(w)) => assert_eq!(v, *w, "{input:?}"),
                (Err(Error::Validation { rule: r, .. }), Err(w)) => assert_eq!(r, *w, "{input:?}"),
                (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
            }
        }
    }
}
