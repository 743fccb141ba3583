use super::*;
use crate::store::test_support::temp_store;

fn input(name: &str) -> CustomerInput {
    CustomerInput {
        name: name.into(),
        company: "Acme".into(),
        email: "a@example.com".into(),
        phone: "+86 21 5555 0101".into(),
        tier: Tier::Standard,
        notes: String::new(),
    }
}

#[test]
fn create_edit_and_search() {
    let (_d, mut store, _) = temp_store();
    let id = store.write(|tx| create(tx, &input("王小明"))).unwrap();
    store.write(|tx| create(tx, &input("Alice Wong"))).unwrap();
    let mut vip = input("王小明");
    vip.tier = Tier::Vip;
    store.write(|tx| update(tx, &id, &vip)).unwrap();
    assert_eq!(get(store.conn(), &id).unwrap().tier, Tier::Vip);
    let hits = search(store.conn(), "小明", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(search(store.conn(), "wong", 10).unwrap()[0].name, "Alice Wong");
    assert_eq!(search(store.conn(), "", 10).unwrap().len(), 2);
    assert_eq!(search(store.conn(), "5555", 10).unwrap().len(), 2);
    assert!(search(store.conn(), "%", 10).unwrap().is_empty());
}

#[test]
fn bad_input_is_refused_and_nothing_written() {
    let (_d, mut store, _) = temp_store();
    for (bad, field) in [(input(""), "name"), (CustomerInput { email: "nope".into(), ..input("x") }, "email")] {
        match store.write(|tx| create(tx, &bad)) {
            Err(Error::Validation { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
    }
    assert!(search(store.conn(), "", 10).unwrap().is_empty());
}

#[test]
fn unknown_customer_is_not_found() {
    let (_d, mut store, _) = temp_store();
    let missing = CustomerId::new();
    assert!(matches!(store.write(|tx| update(tx, &missing, &input("x"))), Err(Error::NotFound { .. })));
}

fn refusal(r: Result<Vec<Customer>>) -> (&'static str, ValidationRule, Option<u32>) {
    match r {
        Err(Error::Validation { field, rule, limit }) => (field, rule, limit),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn search_text_is_bounded_like_case_search() {
    let (_d, mut store, _) = temp_store();
    store.write(|tx| create(tx, &input(&"客".repeat(120)))).unwrap();
    assert_eq!(search(store.conn(), &"客".repeat(199), 10).unwrap().len(), 0);
    assert_eq!(search(store.conn(), &"客".repeat(200), 10).unwrap().len(), 0);
    // Surrounding spaces are not part of the search.
    assert_eq!(search(store.conn(), &format!("  {}  ", "客".repeat(120)), 10).unwrap().len(), 1);
    // One over, and the tester's five million.
    for n in [201, 5_000_000] {
        assert_eq!(refusal(search(store.conn(), &"客".repeat(n), 10)), ("query", ValidationRule::TooLong, Some(200)));
    }
}

#[test]
fn search_returns_at_most_the_limit_it_is_given() {
    let (_d, mut store, _) = temp_store();
    for i in 0..3 {
        store.write(|tx| create(tx, &input(&format!("Customer {i}")))).unwrap();
    }
    assert_eq!(search(store.conn(), "", 2).unwrap().len(), 2);
    assert_eq!(search(store.conn(), "", SEARCH_LIMIT_MAX).unwrap().len(), 3);
    for limit in [0, SEARCH_LIMIT_MAX + 1, u32::MAX] {
        assert_eq!(refusal(search(store.conn(), "", limit)), ("limit", ValidationRule::InvalidValue, Some(200)));
    }
}
