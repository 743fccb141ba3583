//! The demo's voice of the customer: each case's journey stage (from its category), a
//! few thousand feedback entries (survey answers, focus-group notes, comments) with
//! themes, and a handful of insights citing the worst pain points — in the demo's
//! language, through the same write functions the app uses.
//!
//! It draws from a random stream of its own (seeded from the run's seed), so adding it
//! left every case of a seed as it was.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rand::Rng;
use rand::rngs::StdRng;

use crate::ids::{CaseId, CustomerId, JourneyStageId};
use crate::settings::Language;
use crate::store::WriteTx;
use crate::voc::{
    Department, Evidence, FeedbackInput, FeedbackSource, InsightInput, InsightStatus, Sentiment, feedback, insights,
    stages,
};
use crate::Result;

use super::parts::{book_in, part_rng};

/// Feedback entries per case (at least [`MIN_FEEDBACK`], at most [`MAX_FEEDBACK`]).
const CASES_PER_FEEDBACK: u32 = 25;
const MIN_FEEDBACK: u32 = 20;
const MAX_FEEDBACK: u32 = 4_000;
/// Cases each insight cites at most.
const CITED_CASES: usize = 25;

/// Weights of the built-in stages (awareness … cancellation) for each case category
/// (in the phrasebook's order: billing, delivery, technical, account, complaint, refund,
/// product quality). A tenth of cases get no stage, as in real use.
const STAGE_WEIGHTS: [[u32; 7]; super::text::CATEGORY_COUNT] = [
    [0, 0, 0, 0, 70, 15, 15],
    [0, 60, 40, 0, 0, 0, 0],
    [0, 0, 40, 60, 0, 0, 0],
    [0, 0, 40, 30, 0, 0, 30],
    [20, 30, 0, 50, 0, 0, 0],
    [0, 20, 0, 0, 40, 0, 40],
    [0, 30, 0, 70, 0, 0, 0],
];

/// The stream the voice of the customer draws from.
pub(super) fn rng(seed: u64) -> StdRng {
    part_rng(seed, 0x766f_6963_6500_0000)
}

fn pick<T: Copy>(rng: &mut StdRng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

fn weighted(rng: &mut StdRng, weights: &[u32]) -> usize {
    let mut roll = rng.random_range(0..weights.iter().sum::<u32>());
    for (i, w) in weights.iter().enumerate() {
        if roll < *w {
            return i;
        }
        roll -= w;
    }
    weights.len() - 1
}

/// The stage a case of `category` is filed under (`None` for a tenth of them).
pub(super) fn case_stage(rng: &mut StdRng, category: usize) -> Option<JourneyStageId> {
    if rng.random_range(0..10) == 0 {
        return None;
    }
    Some(stages::built_in_id(stages::BUILT_IN[weighted(rng, &STAGE_WEIGHTS[category])]))
}

/// What customers say at one stage, and what about.
struct StageText {
    themes: &'static [&'static str],
    negative: &'static [&'static str],
    positive: &'static [&'static str],
}

/// A finding the demo raises.
struct InsightText {
    stage: usize,
    department: Department,
    status: InsightStatus,
    /// Days from the run's end to the review date (negative: in the past).
    review_in: i64,
    title: &'static str,
    finding: &'static str,
    change: &'static str,
}

struct Book {
    stages: [StageText; 7],
    insights: &'static [InsightText],
}

/// Writes the feedback and the insights of a run whose cases are written.
pub(super) fn write(
    tx: &mut WriteTx<'_>,
    rng: &mut StdRng,
    language: Language,
    tz: Tz,
    end: DateTime<Utc>,
    cases: u32,
    customers: &[CustomerId],
) -> Result<()> {
    let book = book(language);
    let n = (cases / CASES_PER_FEEDBACK).clamp(MIN_FEEDBACK, MAX_FEEDBACK);
    let mut made = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let given = end - Duration::minutes(rng.random_range(60..super::SPAN_DAYS * 24 * 60));
        let stage = weighted(rng, &[4, 10, 12, 30, 22, 10, 12]);
        let text = &book.stages[stage];
        let sentiment = match rng.random_range(0..10) {
            0..=5 => Sentiment::Negative,
            6..=7 => Sentiment::Neutral,
            _ => Sentiment::Positive,
        };
        let source = pick(
            rng,
            &[FeedbackSource::Survey, FeedbackSource::Survey, FeedbackSource::Survey, FeedbackSource::Comment,
              FeedbackSource::Review, FeedbackSource::Social, FeedbackSource::FocusGroup, FeedbackSource::Interview],
        );
        let csat = (source == FeedbackSource::Survey).then(|| match sentiment {
            Sentiment::Negative => rng.random_range(1..=3),
            Sentiment::Neutral => rng.random_range(3..=4),
            Sentiment::Positive => rng.random_range(4..=5),
        });
        let mut themes = vec![pick(rng, text.themes).to_owned()];
        if rng.random_range(0..3) == 0 {
            themes.push(pick(rng, text.themes).to_owned());
        }
        tx.set_time(given);
        let input = FeedbackInput {
            received_on: given.with_timezone(&tz).date_naive().to_string(),
            source,
            sentiment,
            customer_id: (rng.random_range(0..3) > 0).then(|| pick_customer(rng, customers)).flatten(),
            journey_stage_id: (rng.random_range(0..12) > 0).then(|| stages::built_in_id(stages::BUILT_IN[stage])),
            csat,
            themes,
            text: pick(rng, if sentiment == Sentiment::Positive { text.positive } else { text.negative }).to_owned(),
        };
        made.push((stage, feedback::create(tx, &input)?));
    }
    tx.set_time(end - Duration::days(3));
    for i in book.insights {
        let stage = stages::built_in_id(stages::BUILT_IN[i.stage]);
        let cause = worst_root_cause(tx.conn(), &stage)?;
        let evidence = Evidence {
            case_ids: match &cause {
                Some(cause) => cases_with(tx.conn(), &stage, cause)?,
                None => Vec::new(),
            },
            feedback_ids: made.iter().filter(|(s, _)| *s == i.stage).take(8).map(|(_, id)| id.clone()).collect(),
        };
        let finding = match &cause {
            Some(cause) => i.finding.replace("{cause}", cause),
            None => i.finding.replace("{cause}", "—"),
        };
        let review = (end + Duration::days(i.review_in)).with_timezone(&tz).date_naive().to_string();
        let input = InsightInput {
            title: i.title.to_owned(),
            finding,
            department: i.department,
            requested_change: i.change.to_owned(),
            review_on: Some(review),
        };
        let id = insights::create(tx, &input, &evidence)?;
        let path: &[InsightStatus] = match i.status {
            InsightStatus::Proposed => &[],
            InsightStatus::Accepted => &[InsightStatus::Accepted],
            InsightStatus::Done => &[InsightStatus::Accepted, InsightStatus::Done],
            InsightStatus::Declined => &[InsightStatus::Declined],
        };
        for to in path {
            insights::set_status(tx, &id, *to)?;
        }
    }
    Ok(())
}

fn pick_customer(rng: &mut StdRng, customers: &[CustomerId]) -> Option<CustomerId> {
    (!customers.is_empty()).then(|| customers[rng.random_range(0..customers.len())].clone())
}

/// The root cause with most cases at `stage`.
fn worst_root_cause(conn: &rusqlite::Connection, stage: &JourneyStageId) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(
            "SELECT root_cause FROM cases WHERE journey_stage_id = ?1 AND deleted_at IS NULL AND coalesce(root_cause, '') <> ''
             GROUP BY root_cause ORDER BY count(*) DESC, root_cause LIMIT 1",
        )?
        .query_row([stage], |r| r.get(0))
        .optional()?)
}

/// The newest cases at `stage` with `cause`.
fn cases_with(conn: &rusqlite::Connection, stage: &JourneyStageId, cause: &str) -> Result<Vec<CaseId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM cases WHERE journey_stage_id = ?1 AND root_cause = ?2 AND deleted_at IS NULL
         ORDER BY created_at DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(rusqlite::params![stage, cause, CITED_CASES as i64], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn book(language: Language) -> &'static Book {
    book_in(language, [&EN, &ZH_HANS, &ZH_HANT])
}

use Department as D;
use InsightStatus as S;

static EN: Book = Book {
    stages: [
        StageText {
            themes: &["advertising", "pricing clarity", "website"],
            negative: &["The advert promised unlimited data but the small print says otherwise.", "I could not find the real monthly price anywhere on the website."],
            positive: &["The comparison page made it easy to choose a plan."],
        },
        StageText {
            themes: &["checkout", "stock", "delivery time", "pricing clarity"],
            negative: &["The checkout failed twice before my card was accepted.", "The phone was shown in stock but the order took two weeks.", "Delivery cost appeared only at the last step."],
            positive: &["Ordering online took five minutes, very smooth."],
        },
        StageText {
            themes: &["activation", "installation", "instructions", "welcome call"],
            negative: &["The SIM took three days to activate and nobody told me why.", "The installer arrived without the right router.", "The setup guide skips the step that actually matters."],
            positive: &["The welcome call explained everything I needed."],
        },
        StageText {
            themes: &["app", "network quality", "outages", "speed", "support"],
            negative: &["The app logs me out every day.", "Coverage at home drops every evening.", "Broadband was down for a day with no update on the status page.", "Speeds are half of what I pay for."],
            positive: &["The new app is quick and the usage graph is great.", "The agent fixed my router problem in one call."],
        },
        StageText {
            themes: &["bill clarity", "unexpected charges", "direct debit", "refunds"],
            negative: &["My bill went up and nothing explains why.", "I was charged twice this month.", "The refund took six weeks to arrive.", "Roaming charges appeared although I never left the country."],
            positive: &["The itemised bill finally makes sense."],
        },
        StageText {
            themes: &["loyalty", "renewal notice", "pricing clarity"],
            negative: &["New customers get a better deal than I do after five years.", "The renewal letter arrived after the price had already changed."],
            positive: &["The loyalty discount was applied without me asking."],
        },
        StageText {
            themes: &["cancellation process", "exit fees", "retention calls", "final bill"],
            negative: &["Cancelling took three phone calls and an hour on hold.", "I was still billed after cancelling.", "The retention team kept calling after I said no."],
            positive: &["Cancelling online was quick and the final bill was correct."],
        },
    ],
    insights: &[
        InsightText { stage: 4, department: D::Billing, status: S::Accepted, review_in: -5,
            title: "Billing errors after price changes drive repeat contacts",
            finding: "At the billing stage most cases come down to \"{cause}\"; these customers rate us lowest and many call twice.",
            change: "Test every tariff change against a sample of real accounts before bills go out." },
        InsightText { stage: 3, department: D::Engineering, status: S::Proposed, review_in: 14,
            title: "Outages without status updates multiply calls",
            finding: "In everyday use the top root cause is \"{cause}\"; feedback says customers learn about outages from us, not from the status page.",
            change: "Post every outage on the status page and in the app within 15 minutes." },
        InsightText { stage: 6, department: D::Sales, status: S::Declined, review_in: -20,
            title: "Retention calls after a clear 'no' anger leaving customers",
            finding: "Cancellation cases mostly have the root cause \"{cause}\"; comments describe repeated retention calls.",
            change: "Stop retention calls once a customer has confirmed the cancellation." },
        InsightText { stage: 2, department: D::Product, status: S::Done, review_in: -30,
            title: "Setup guide misses the activation step",
            finding: "Onboarding cases most often come down to \"{cause}\".",
            change: "Rewrite the setup guide around the activation step and add it to the welcome e-mail." },
    ],
};

static ZH_HANS: Book = Book {
    stages: [
        StageText {
            themes: &["广告宣传", "价格透明", "官网"],
            negative: &["广告说流量不限量，小字里却写着限速。", "官网上找不到真实的月费。"],
            positive: &["套餐对比页面很清楚，选起来很方便。"],
        },
        StageText {
            themes: &["下单支付", "库存", "配送时效", "价格透明"],
            negative: &["支付失败了两次才成功。", "页面显示有货，结果等了两周才发货。", "运费到最后一步才显示。"],
            positive: &["网上下单五分钟就搞定了，很顺畅。"],
        },
        StageText {
            themes: &["开通激活", "上门安装", "使用说明", "欢迎回访"],
            negative: &["SIM 卡三天才激活，也没人告诉我原因。", "安装师傅来了却没带对路由器。", "安装指南恰好漏掉了最关键的一步。"],
            positive: &["欢迎回访电话把需要的都讲清楚了。"],
        },
        StageText {
            themes: &["App 体验", "网络质量", "故障", "网速", "客服"],
            negative: &["App 每天都会自动退出登录。", "家里每天晚上信号都会变差。", "宽带断了一天，状态页面上一点消息都没有。", "实际网速只有套餐的一半。"],
            positive: &["新版 App 很快，用量图表很好用。", "客服一个电话就解决了路由器的问题。"],
        },
        StageText {
            themes: &["账单清晰度", "意外扣费", "自动扣款", "退款"],
            negative: &["这个月账单变多了，却没有任何说明。", "这个月被扣了两次费。", "退款六周才到账。", "我根本没出国，却被收了漫游费。"],
            positive: &["分项账单终于看得明白了。"],
        },
        StageText {
            themes: &["老客户优惠", "续约通知", "价格透明"],
            negative: &["用了五年，优惠还不如新客户。", "续约通知到的时候价格已经涨了。"],
            positive: &["没等我开口就给了老客户折扣。"],
        },
        StageText {
            themes: &["销户流程", "违约金", "挽留电话", "最终账单"],
            negative: &["销户打了三次电话，排队等了一个小时。", "销户之后还在扣费。", "明确拒绝后挽留团队还一直打电话。"],
            positive: &["网上销户很快，最终账单也没错。"],
        },
    ],
    insights: &[
        InsightText { stage: 4, department: D::Billing, status: S::Accepted, review_in: -5,
            title: "调价后的账单错误导致客户反复来电",
            finding: "账单阶段的案件大多源于“{cause}”；这些客户的满意度最低，很多人来电不止一次。",
            change: "每次资费调整在出账前先用一批真实账户测试。" },
        InsightText { stage: 3, department: D::Engineering, status: S::Proposed, review_in: 14,
            title: "故障没有及时公告，来电成倍增加",
            finding: "日常使用阶段最主要的根本原因是“{cause}”；反馈显示客户是从客服而不是状态页面得知故障的。",
            change: "每次故障在 15 分钟内发布到状态页面和 App。" },
        InsightText { stage: 6, department: D::Sales, status: S::Declined, review_in: -20,
            title: "客户明确拒绝后仍被挽留电话打扰",
            finding: "取消阶段的案件大多源于“{cause}”；留言中多次提到反复的挽留电话。",
            change: "客户确认销户后停止挽留电话。" },
        InsightText { stage: 2, department: D::Product, status: S::Done, review_in: -30,
            title: "安装指南漏掉了激活步骤",
            finding: "开通阶段的案件最常见的根本原因是“{cause}”。",
            change: "围绕激活步骤重写安装指南，并写进欢迎邮件。" },
    ],
};

static ZH_HANT: Book = Book {
    stages: [
        StageText {
            themes: &["廣告宣傳", "價格透明", "官網"],
            negative: &["廣告說流量吃到飽，小字卻寫著降速。", "官網上找不到真正的月租費。"],
            positive: &["方案比較頁面很清楚，挑選起來很方便。"],
        },
        StageText {
            themes: &["下單付款", "庫存", "配送時效", "價格透明"],
            negative: &["付款失敗了兩次才成功。", "頁面顯示有貨，結果等了兩週才出貨。", "運費到最後一步才顯示。"],
            positive: &["線上下單五分鐘就完成了，很順暢。"],
        },
        StageText {
            themes: &["開通啟用", "到府安裝", "使用說明", "歡迎回訪"],
            negative: &["SIM 卡三天才開通，也沒人告訴我原因。", "安裝人員來了卻沒帶對路由器。", "安裝指南剛好漏掉最關鍵的一步。"],
            positive: &["歡迎回訪電話把需要的都講清楚了。"],
        },
        StageText {
            themes: &["App 體驗", "網路品質", "故障", "網速", "客服"],
            negative: &["App 每天都會自動登出。", "家裡每天晚上訊號都會變差。", "寬頻斷了一天，狀態頁面上一點消息都沒有。", "實際網速只有方案的一半。"],
            positive: &["新版 App 很快，用量圖表很好用。", "客服一通電話就解決了路由器的問題。"],
        },
        StageText {
            themes: &["帳單清晰度", "意外扣款", "自動扣繳", "退款"],
            negative: &["這個月帳單變多了，卻沒有任何說明。", "這個月被扣了兩次款。", "退款六週才入帳。", "我根本沒出國，卻被收了漫遊費。"],
            positive: &["分項帳單終於看得懂了。"],
        },
        StageText {
            themes: &["老客戶優惠", "續約通知", "價格透明"],
            negative: &["用了五年，優惠還不如新客戶。", "續約通知到的時候價格已經漲了。"],
            positive: &["沒等我開口就給了老客戶折扣。"],
        },
        StageText {
            themes: &["退租流程", "違約金", "挽留電話", "最終帳單"],
            negative: &["退租打了三次電話，排隊等了一個小時。", "退租之後還在扣款。", "明確拒絕後挽留團隊還一直打電話。"],
            positive: &["線上退租很快，最終帳單也沒錯。"],
        },
    ],
    insights: &[
        InsightText { stage: 4, department: D::Billing, status: S::Accepted, review_in: -5,
            title: "調價後的帳單錯誤導致客戶反覆來電",
            finding: "帳單階段的案件大多源於「{cause}」；這些客戶的滿意度最低，很多人來電不只一次。",
            change: "每次資費調整在出帳前先用一批真實帳戶測試。" },
        InsightText { stage: 3, department: D::Engineering, status: S::Proposed, review_in: 14,
            title: "故障沒有即時公告，來電成倍增加",
            finding: "日常使用階段最主要的根本原因是「{cause}」；回饋顯示客戶是從客服而不是狀態頁面得知故障的。",
            change: "每次故障在 15 分鐘內發布到狀態頁面和 App。" },
        InsightText { stage: 6, department: D::Sales, status: S::Declined, review_in: -20,
            title: "客戶明確拒絕後仍被挽留電話打擾",
            finding: "取消階段的案件大多源於「{cause}」；留言中多次提到反覆的挽留電話。",
            change: "客戶確認退租後停止挽留電話。" },
        InsightText { stage: 2, department: D::Product, status: S::Done, review_in: -30,
            title: "安裝指南漏掉了開通步驟",
            finding: "開通階段的案件最常見的根本原因是「{cause}」。",
            change: "圍繞開通步驟重寫安裝指南，並寫進歡迎郵件。" },
    ],
};
