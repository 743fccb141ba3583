//! The demo's coaching: a one-to-one with every third agent a few weeks before the demo's
//! end, with an action or two (one done, one open) and a follow-up — some already due, so
//! the roster's reminder shows — in the demo's language, through the app's own write path.

use rand::Rng;

use crate::Result;
use crate::coaching::{self, ActionInput, CoachingKind, NoteInput};
use crate::ids::AgentId;
use crate::settings::Language;
use crate::store::WriteTx;

use super::parts::{book_in, part_rng};

struct Book {
    author: &'static str,
    strengths: [&'static str; 3],
    improvements: [&'static str; 3],
    actions: [&'static str; 3],
}

const EN: Book = Book {
    author: "Tom Reed (team lead)",
    strengths: [
        "Stayed calm with an angry caller and kept the call on track.",
        "Clear, friendly written replies; customers thank you by name.",
        "Owns refunds end to end instead of passing them on.",
    ],
    improvements: [
        "Summarise the next step and when the customer will hear back before closing.",
        "Verify identity before discussing the account.",
        "Log the order number and the promised call-back time in the case.",
    ],
    actions: [
        "Shadow a senior agent on three refund calls",
        "Re-read the identity verification SOP",
        "Use the call-back template for a week",
    ],
};

const HANS: Book = Book {
    author: "李强（组长）",
    strengths: [
        "面对情绪激动的客户保持冷静，通话节奏把控得好。",
        "书面回复清晰友好，客户常点名致谢。",
        "退款问题一跟到底，不推诿。",
    ],
    improvements: [
        "结束通话前复述后续安排及回复时间。",
        "讨论账户前须先核实身份。",
        "在工单中记录订单号和约定的回电时间。",
    ],
    actions: ["跟听资深坐席的三通退款电话", "重读身份核实作业指导书", "一周内使用回电模板"],
};

const HANT: Book = Book {
    author: "林志明（組長）",
    strengths: [
        "面對情緒激動的客戶保持冷靜，通話節奏掌握得好。",
        "書面回覆清楚友善，客戶常指名致謝。",
        "退款問題一路跟進，不推諉。",
    ],
    improvements: [
        "結束通話前重述後續安排與回覆時間。",
        "討論帳戶前須先核實身分。",
        "在案件中記錄訂單編號與約定的回電時間。",
    ],
    actions: ["旁聽資深客服人員的三通退款電話", "重讀身分核實作業指引", "一週內使用回電範本"],
};

/// Writes the notes; `today` is the demo's last day.
pub(super) fn write(
    tx: &mut WriteTx<'_>,
    seed: u64,
    language: Language,
    today: chrono::NaiveDate,
    agents: &[AgentId],
) -> Result<()> {
    let book = book_in(language, [&EN, &HANS, &HANT]);
    let mut rng = part_rng(seed, 0x636f_6163_6800_0000);
    // Notes cannot be dated after this computer's today (a demo may end later).
    let today = today.min(crate::settings::today(tx.conn(), tx.now())?);
    for agent in agents.iter().step_by(3) {
        let held = today - chrono::Duration::days(rng.random_range(10..40));
        let days = |n: i64| (held + chrono::Duration::days(n)).to_string();
        let pick = rng.random_range(0..3);
        let input = NoteInput {
            agent_id: agent.clone(),
            held_on: held.to_string(),
            kind: CoachingKind::OneToOne,
            strengths: book.strengths[pick].to_owned(),
            improvements: book.improvements[(pick + 1) % 3].to_owned(),
            follow_up_on: Some(days(rng.random_range(14..35))),
            author: book.author.to_owned(),
            actions: vec![
                ActionInput { text: book.actions[pick].to_owned(), due_on: days(7) },
                ActionInput { text: book.actions[(pick + 2) % 3].to_owned(), due_on: days(21) },
            ],
        };
        let note = coaching::create(tx, &input)?;
        // The first action is done a few days in.
        let first = coaching::for_agent(tx.conn(), agent, today)?
            .into_iter()
            .find(|n| n.id == note)
            .and_then(|n| n.actions.into_iter().next());
        if let Some(action) = first {
            coaching::set_action_done(tx, &action.id, Some(&days(5)))?;
        }
    }
    Ok(())
}
