//! The demo's QA: one phone-call scorecard in the demo's language, and three evaluations
//! of every agent over the last two months on cases they resolved (one on a call outside the
//! cases for an agent who has resolved none yet), one of each agent's
//! cases scored by a second evaluator so calibration has something to show — through the
//! same write functions the app uses.

use rand::Rng;

use crate::Result;
use crate::ids::{AgentId, CaseId};
use crate::qa::{self, Criterion, EvaluationInput, Rating, ScorecardInput};
use crate::settings::Language;
use crate::store::WriteTx;

use super::parts::{book_in, part_rng};

/// Label, weight, points, critical.
type Line = (&'static str, u8, u8, bool);

struct Book {
    name: &'static str,
    criteria: [Line; 5],
    evaluators: [&'static str; 2],
    comments: [&'static str; 3],
}

const EN: Book = Book {
    name: "Phone call quality",
    criteria: [
        ("Verified the caller's identity", 10, 1, true),
        ("Greeted and used the customer's name", 10, 2, false),
        ("Listened and showed empathy", 25, 5, false),
        ("Resolved the issue or set a clear next step", 40, 5, false),
        ("Logged the case accurately", 15, 3, false),
    ],
    evaluators: ["Grace Wu (QA)", "Tom Reed (team lead)"],
    comments: [
        "Calm and clear; summarise the next step before closing.",
        "Good ownership of the refund; the case notes missed the order number.",
        "Verify identity before discussing the account.",
    ],
};

const HANS: Book = Book {
    name: "电话服务质检",
    criteria: [
        ("核实来电人身份", 10, 1, true),
        ("规范问候并称呼客户姓名", 10, 2, false),
        ("耐心倾听，表达同理心", 25, 5, false),
        ("解决问题或给出明确的后续安排", 40, 5, false),
        ("准确记录工单", 15, 3, false),
    ],
    evaluators: ["吴佳（质检）", "李强（组长）"],
    comments: [
        "语气平稳清晰；结束前请复述后续安排。",
        "退款处理主动负责；工单备注缺少订单号。",
        "讨论账户前须先核实身份。",
    ],
};

const HANT: Book = Book {
    name: "電話服務品質評估",
    criteria: [
        ("核實來電者身分", 10, 1, true),
        ("有禮問候並稱呼客戶姓名", 10, 2, false),
        ("耐心傾聽，表達同理心", 25, 5, false),
        ("解決問題或提供明確的後續安排", 40, 5, false),
        ("正確記錄案件", 15, 3, false),
    ],
    evaluators: ["吳佳（品質）", "林志明（組長）"],
    comments: [
        "語氣平穩清楚；結束前請重述後續安排。",
        "退款處理積極負責；案件備註缺少訂單編號。",
        "討論帳戶前須先核實身分。",
    ],
};

/// Writes the scorecard and the evaluations; `today` is the demo's last day.
pub(super) fn write(
    tx: &mut WriteTx<'_>,
    seed: u64,
    language: Language,
    today: chrono::NaiveDate,
    agents: &[AgentId],
) -> Result<()> {
    let book = book_in(language, [&EN, &HANS, &HANT]);
    let mut rng = part_rng(seed, 0x7161_0000_0000_0000);
    let criteria = book
        .criteria
        .iter()
        .map(|&(label, weight, points, critical)| Criterion {
            key: String::new(),
            label: label.to_owned(),
            weight,
            points,
            critical,
        })
        .collect();
    let id = qa::create(tx, &ScorecardInput { name: book.name.to_owned(), criteria })?;
    let card = qa::get(tx.conn(), &id)?;
    // Evaluations cannot be dated after this computer's today (a demo may end later).
    let today = today.min(crate::settings::today(tx.conn(), tx.now())?);
    for agent in agents {
        let cases: Vec<CaseId> = tx
            .conn()
            .prepare_cached(
                "SELECT id FROM cases WHERE assignee_id = ?1 AND status IN ('resolved', 'closed') AND deleted_at IS NULL
                 ORDER BY rowid DESC LIMIT 3",
            )?
            .query_map([agent], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        // An agent with no resolved case yet (a small demo) is still evaluated, on a call
        // outside the cases, so every profile has a trend.
        let cases: Vec<Option<CaseId>> =
            if cases.is_empty() { vec![None] } else { cases.into_iter().map(Some).collect() };
        // Each agent has a level they mostly perform at, so the trends differ.
        let level: f64 = rng.random_range(0.55..0.95);
        for (i, case) in cases.iter().enumerate() {
            let day = today - chrono::Duration::days(7 + 21 * i as i64 + rng.random_range(0..5));
            let mut evaluators = vec![book.evaluators[0]];
            if i == 0 {
                evaluators.push(book.evaluators[1]);
            }
            for evaluator in evaluators {
                let ratings = card
                    .criteria
                    .iter()
                    .map(|c| {
                        let value = if c.critical {
                            u8::from(rng.random_bool(0.95))
                        } else {
                            let jitter: f64 = rng.random_range(-0.25..0.25);
                            ((level + jitter).clamp(0.0, 1.0) * f64::from(c.points)).round() as u8
                        };
                        Rating { key: c.key.clone(), value: Some(value) }
                    })
                    .collect();
                qa::evaluate(
                    tx,
                    &EvaluationInput {
                        version_id: card.version_id.clone(),
                        agent_id: agent.clone(),
                        case_id: case.clone(),
                        evaluator: evaluator.to_owned(),
                        evaluated_on: day.to_string(),
                        ratings,
                        comment: book.comments[rng.random_range(0..book.comments.len())].to_owned(),
                    },
                )?;
            }
        }
    }
    Ok(())
}
