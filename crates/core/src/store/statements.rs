//! The text of the statements the store shapes from a table and a list of columns, made
//! once per shape in a transaction. A first sync writes a hundred thousand rows in a
//! handful of shapes; formatting the same statement again for every row was about 4% of
//! the instructions of applying it (callgrind, 10k cases).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use super::schema::{Table, UPDATED_AT};

/// What a statement does with its row, `id` always `?1` and `updated_at` always `?2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Shape {
    /// `UPDATE t SET updated_at = ?2, a = ?3, … WHERE id = ?1`
    Update,
    /// `INSERT INTO t (id, updated_at, a, …) VALUES (?1, ?2, ?3, …)`
    Insert,
    /// `INSERT INTO t (id, updated_at, a, …) VALUES (?, ?, ?, …), (?, ?, ?, …), …`: that
    /// many rows, their values bound in order, each row's id and `updated_at` first.
    InsertRows(usize),
    /// [`Shape::InsertRows`] as `INSERT OR IGNORE`, `RETURNING` for each row it inserted
    /// the parent it derives into (a timeline entry's case, [`Table::parent`]), or its own
    /// id when it has none: rows already stored stay as they are.
    InsertNewRows(usize),
}

/// Rows per statement of a multi-row shape with `cols` columns besides `id` and
/// `updated_at`: up to [`MULTI_ROW_PARAMS`] bound values.
pub(super) fn rows_per_statement(cols: usize) -> usize {
    (MULTI_ROW_PARAMS / (cols + 2)).max(1)
}

/// Bound values per multi-row statement (SQLite allows 32,766). Inside a transaction SQLite
/// copies every page a statement with triggers changes to a statement journal first, once
/// per statement: many rows per statement copy each index page fewer times. Past a few
/// thousand values a first sync gained nothing more.
const MULTI_ROW_PARAMS: usize = 4_000;

/// The statements made so far, by shape, table and columns (in their order).
#[derive(Default)]
pub(super) struct Statements(HashMap<(Shape, Table, Vec<&'static str>), Rc<str>>);

impl Statements {
    /// The statement of `shape` for `cols` of `table`, the columns' values bound from `?3`
    /// on in their order.
    pub(super) fn get(&mut self, shape: Shape, table: Table, cols: Vec<&'static str>) -> Rc<str> {
        self.0.entry((shape, table, cols)).or_insert_with_key(|(shape, table, cols)| text(*shape, *table, cols)).clone()
    }
}

fn text(shape: Shape, table: Table, cols: &[&str]) -> Rc<str> {
    let name = table.name();
    let mut sql = String::new();
    // Writing to a String cannot fail.
    match shape {
        Shape::Update => {
            let _ = write!(sql, "UPDATE {name} SET {UPDATED_AT} = ?2");
            for (i, c) in cols.iter().enumerate() {
                let _ = write!(sql, ", {c} = ?{}", i + 3);
            }
            sql.push_str(" WHERE id = ?1");
        }
        Shape::Insert => {
            let _ = write!(sql, "INSERT INTO {name} (id, {UPDATED_AT}");
            for c in cols {
                let _ = write!(sql, ", {c}");
            }
            sql.push_str(") VALUES (?1, ?2");
            for i in 0..cols.len() {
                let _ = write!(sql, ", ?{}", i + 3);
            }
            sql.push(')');
        }
        Shape::InsertRows(n) | Shape::InsertNewRows(n) => {
            let new_only = matches!(shape, Shape::InsertNewRows(_));
            let _ = write!(sql, "INSERT{} INTO {name} (id, {UPDATED_AT}", if new_only { " OR IGNORE" } else { "" });
            for c in cols {
                let _ = write!(sql, ", {c}");
            }
            let row = format!("(?, ?{})", ", ?".repeat(cols.len()));
            let _ = write!(sql, ") VALUES {}", vec![row.as_str(); n].join(", "));
            if new_only {
                let returned = table.parent().map_or("id", |(_, col)| col);
                let _ = write!(sql, " RETURNING {returned}");
            }
        }
    }
    sql.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_number_the_columns_after_the_id_and_the_update_time() {
        let mut s = Statements::default();
        assert_eq!(
            &*s.get(Shape::Update, Table::Cases, vec!["title", "status"]),
            "UPDATE cases SET updated_at = ?2, title = ?3, status = ?4 WHERE id = ?1"
        );
        assert_eq!(
            &*s.get(Shape::Insert, Table::Cases, vec!["title", "status"]),
            "INSERT INTO cases (id, updated_at, title, status) VALUES (?1, ?2, ?3, ?4)"
        );
        assert_eq!(&*s.get(Shape::Update, Table::Cases, vec![]), "UPDATE cases SET updated_at = ?2 WHERE id = ?1");
        assert_eq!(
            &*s.get(Shape::InsertRows(2), Table::Cases, vec!["title"]),
            "INSERT INTO cases (id, updated_at, title) VALUES (?, ?, ?), (?, ?, ?)"
        );
        assert_eq!(
            &*s.get(Shape::InsertNewRows(2), Table::CaseEvents, vec!["case_id"]),
            "INSERT OR IGNORE INTO case_events (id, updated_at, case_id) VALUES (?, ?, ?), (?, ?, ?) RETURNING case_id"
        );
        assert_eq!(
            &*s.get(Shape::InsertNewRows(1), Table::Customers, vec!["name"]),
            "INSERT OR IGNORE INTO customers (id, updated_at, name) VALUES (?, ?, ?) RETURNING id"
        );
    }

    #[test]
    fn a_shape_is_made_once() {
        let mut s = Statements::default();
        let a = s.get(Shape::Insert, Table::CaseTags, vec!["case_id", "tag"]);
        let b = s.get(Shape::Insert, Table::CaseTags, vec!["case_id", "tag"]);
        assert!(Rc::ptr_eq(&a, &b));
        assert!(!Rc::ptr_eq(&a, &s.get(Shape::Insert, Table::CaseTags, vec!["tag", "case_id"])));
    }
}
