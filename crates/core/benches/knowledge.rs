//! Knowledge-base search on the issue 19 benchmark size: 5,000 articles of about 2,000
//! characters each, Chinese and English mixed, beside a raw-SQLite baseline (an FTS5
//! MATCH on the same index) taken in the same run. Each searched word is in about one
//! article in twenty, as a real team's topic would be. The data set is made afresh in a
//! temporary database (deterministic text, through the app's write path).
#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]

use criterion::{Criterion, criterion_group, criterion_main};
use frontline_core::Store;
use frontline_core::knowledge::{ArticleInput, ArticleKind, ArticleQuery, articles, search};

const ARTICLES: usize = 5_000;
const CHARS: usize = 2_000;

const FILLER: [&str; 16] = [
    "核对订单号和付款记录。",
    "Check the order number and the payment log. ",
    "如客户情绪激动，先致歉再说明处理步骤。",
    "Escalate to the team lead when the customer asks for a manager. ",
    "记录客户的联系方式和方便回访的时间。",
    "Confirm the delivery address before sending a replacement. ",
    "系统维护期间请使用备用流程登记工单。",
    "Never ask for a full card number or a password. ",
    "每次补偿都须在工单中注明原因。",
    "Schedule a call-back within two working days. ",
    "确认账户绑定的邮箱和最近一笔订单。",
    "Tell the customer when to expect the money. ",
    "升级时附上订单号、问题描述和已做的排查。",
    "Tag related cases and link them to the incident. ",
    "发票信息有误时，请财务部门重新开具。",
    "VIP customers have sixty days to return an item. ",
];
/// Words each in about one article in twenty (article i has marker i % 20).
const MARKERS: [&str; 4] = ["宽带断线", "退款", "refund", "outage"];

fn make_store(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("kb-bench.db")).unwrap();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    store
        .write(|tx| {
            for i in 0..ARTICLES {
                let mut body = String::with_capacity(CHARS * 3);
                let mut chars = 0;
                if i % 20 < MARKERS.len() {
                    body.push_str(&format!("## {}\n\n", MARKERS[i % 20]));
                }
                while chars < CHARS {
                    let s = FILLER[(next() % FILLER.len() as u64) as usize];
                    body.push_str(s);
                    chars += s.chars().count();
                    if next() % 8 == 0 {
                        body.push('\n');
                    }
                }
                let input = ArticleInput {
                    title: format!("SOP {i} 流程 {}", FILLER[i % FILLER.len()].chars().take(12).collect::<String>()),
                    body,
                    kind: ArticleKind::Sop,
                    category_id: None,
                    tags: vec![],
                    owner: String::new(),
                    review_on: None,
                };
                articles::create(tx, &input)?;
            }
            Ok(())
        })
        .unwrap();
    store
}

fn knowledge(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = make_store(dir.path());
    let conn = store.conn();
    let mut g = c.benchmark_group("kb_search");
    for (name, word) in [("chinese_4_chars", "宽带断线"), ("chinese_2_chars", "退款"), ("english_word", "refund")]
    {
        let q = ArticleQuery { text: Some(word.into()), ..Default::default() };
        let found = search::find(conn, &q).unwrap().len();
        assert!(found > 0, "kb_search/{name} for {word:?} finds nothing: it would measure nothing");
        println!("kb_search/{name}: {word:?} finds {found} of {ARTICLES} articles");
        g.bench_function(name, |b| b.iter(|| search::find(conn, &q).unwrap()));
    }
    g.bench_function("list_without_text", |b| b.iter(|| search::find(conn, &ArticleQuery::default()).unwrap()));
    g.bench_function("baseline/fts_match_raw_sql", |b| {
        let mut stmt = conn
            .prepare("SELECT a.id, a.title, a.body FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH '\"宽带断线\"' LIMIT 200")
            .unwrap();
        b.iter(|| {
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect::<Vec<_>>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = knowledge
}
criterion_main!(benches);
