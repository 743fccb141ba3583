//! The demo's knowledge base: a dozen SOPs, policies, call scripts and known issues in the
//! demo's language, filed in a small category tree, published (a few past their review
//! date, so the home screen's reminders show), and some linked to the demo's first cases —
//! through the same write functions the app uses.

use crate::Result;
use crate::ids::{CaseId, KbCategoryId};
use crate::knowledge::{ArticleInput, ArticleKind, CategoryInput, articles, categories, links, versions};
use crate::settings::Language;
use crate::store::WriteTx;

/// One demo article: its category (an index into the language's categories), kind,
/// title, tags, body, and days from the demo's end to its review date (negative: overdue).
struct Demo {
    category: usize,
    kind: ArticleKind,
    title: &'static str,
    tags: &'static [&'static str],
    body: &'static str,
    review_in_days: i64,
}

use ArticleKind::{CallScript, KnownIssue, Policy, Sop};

const fn a(
    category: usize,
    kind: ArticleKind,
    title: &'static str,
    tags: &'static [&'static str],
    body: &'static str,
    review_in_days: i64,
) -> Demo {
    Demo { category, kind, title, tags, body, review_in_days }
}

/// Categories: 0 and 1 at the top, 2 inside 0, 3 at the top.
const EN_CATEGORIES: [&str; 4] = ["Billing", "Delivery", "Refunds", "Technical support"];
const HANS_CATEGORIES: [&str; 4] = ["账单", "物流配送", "退款", "技术支持"];
const HANT_CATEGORIES: [&str; 4] = ["帳單", "物流配送", "退款", "技術支援"];

const EN: &[Demo] = &[
    a(
        2,
        Sop,
        "Refund request SOP",
        &["refund", "billing"],
        "# Refund request\n\n1. Find the order by its number and check the payment went through.\n2. Check the refund window: **30 days** from delivery (VIP: 60 days).\n3. Within the window, issue the refund to the original payment method.\n4. Outside it, escalate to Billing with the order number and the reason.\n5. Tell the customer when to expect the money: 3–5 working days.\n\n| Payment | Refund time |\n|---|---|\n| Card | 3–5 working days |\n| Wallet | 1 working day |\n",
        90,
    ),
    a(
        2,
        Policy,
        "Refund and return policy",
        &["refund", "policy"],
        "# Refund and return policy\n\n- Unused items can be returned within 30 days of delivery.\n- VIP customers have 60 days.\n- Shipping is refunded only when the item arrived damaged or wrong.\n- Refunds go back to the original payment method; no cash refunds.\n",
        -12,
    ),
    a(
        0,
        Sop,
        "Double charge investigation",
        &["billing", "payment"],
        "# Double charge\n\n1. Ask for the last four digits of the card and the dates of both charges.\n2. Compare with the payment log: a pending authorisation is **not** a charge.\n3. If both charges settled, refund the second one at once and note the case.\n4. If one is only pending, explain it drops off within 7 days.\n",
        120,
    ),
    a(
        0,
        CallScript,
        "Billing dispute call script",
        &["billing", "script"],
        "Hello {customer_name}, thank you for calling. I'm looking at case {case_reference}.\n\nI understand you were charged in a way you did not expect. Let me go through the charges with you one by one.\n\n*(Check each charge against the order history.)*\n\nThank you for your patience. Here is what I will do next, and when you will hear from us.\n",
        60,
    ),
    a(
        1,
        Sop,
        "Late delivery handling",
        &["delivery"],
        "# Late delivery\n\n1. Check the tracking page and the carrier's last scan.\n2. Up to 3 days late: apologise and give the new estimate.\n3. More than 3 days late: open a trace with the carrier and schedule a call-back for 2 days later.\n4. More than 10 days: send a replacement or refund, whichever the customer prefers.\n",
        45,
    ),
    a(
        1,
        KnownIssue,
        "Tracking page shows no updates for 48 hours",
        &["delivery", "known issue"],
        "# Tracking stuck for 48 hours\n\n**Symptom:** the tracking page shows *Label created* for two days.\n\n**Cause:** the regional carrier uploads scans once a day; parcels handed over on a Friday often show nothing until Monday.\n\n**Answer:** reassure the customer; if nothing after 4 working days, open a trace.\n",
        -3,
    ),
    a(
        3,
        KnownIssue,
        "App login fails after password reset",
        &["login", "app", "known issue"],
        "# Login fails after a password reset\n\n**Symptom:** the app says *Invalid credentials* right after a reset.\n\n**Workaround:**\n1. Sign out on every device (Settings → Security → Sign out everywhere).\n2. Clear the app's cache, then sign in again.\n\nA fix ships in app version 5.2.\n",
        30,
    ),
    a(
        3,
        Sop,
        "Outage communication SOP",
        &["outage", "incident"],
        "# During an outage\n\n1. Confirm the outage with the on-call engineer; note the start time.\n2. Post the status message within **15 minutes**.\n3. Set the phone greeting to the outage message.\n4. Tag every related case `outage` and link it to the incident.\n5. When resolved, call back VIP customers first.\n",
        180,
    ),
    a(
        3,
        CallScript,
        "Outage call script",
        &["outage", "script"],
        "Hello {customer_name}, thank you for your patience. We know about the service problem and our engineers are working on it now.\n\nYour case {case_reference} is linked to the incident, so you will hear from us as soon as the service is back.\n\nIs there anything urgent I can help with in the meantime?\n",
        90,
    ),
    a(
        0,
        Policy,
        "Goodwill credit policy",
        &["billing", "policy", "vip"],
        "# Goodwill credit\n\n- Agents may give up to **20** in credit per case; team leads up to 100.\n- VIP customers: double these limits.\n- Every credit is noted in the case with its reason.\n- No credit for a case already refunded in full.\n",
        -30,
    ),
    a(
        3,
        Sop,
        "Account verification SOP",
        &["account", "security"],
        "# Verifying the caller\n\nBefore discussing an account, confirm **two** of:\n\n- the e-mail address on the account,\n- the last order number,\n- the postcode of the delivery address.\n\nNever ask for a full card number or a password.\n",
        200,
    ),
    a(
        1,
        CallScript,
        "Delivery call-back script",
        &["delivery", "script", "callback"],
        "Hello {customer_name}, this is a call-back about your delivery, case {case_reference}.\n\nI have news from the carrier: *(give the update)*.\n\nDoes the new delivery date work for you? If not, I can arrange a replacement or a refund.\n",
        75,
    ),
];

const HANS: &[Demo] = &[
    a(
        2,
        Sop,
        "退款申请处理流程",
        &["退款", "账单"],
        "# 退款申请\n\n1. 按订单号查找订单，确认付款已成功。\n2. 核对退款期限：签收后 **30 天**内（VIP 客户 60 天）。\n3. 在期限内：原路退回付款方式。\n4. 超出期限：附订单号和原因升级给账单组。\n5. 告知客户到账时间：3–5 个工作日。\n\n| 付款方式 | 到账时间 |\n|---|---|\n| 银行卡 | 3–5 个工作日 |\n| 电子钱包 | 1 个工作日 |\n",
        90,
    ),
    a(
        2,
        Policy,
        "退换货政策",
        &["退款", "政策"],
        "# 退换货政策\n\n- 未使用的商品可在签收后 30 天内退货。\n- VIP 客户为 60 天。\n- 仅在商品破损或发错时退还运费。\n- 退款一律原路退回，不退现金。\n",
        -12,
    ),
    a(
        0,
        Sop,
        "重复扣款核查流程",
        &["账单", "支付"],
        "# 重复扣款\n\n1. 询问银行卡后四位及两笔扣款的日期。\n2. 对照支付记录：预授权**不是**扣款。\n3. 两笔都已入账：立即退还第二笔并记入工单。\n4. 其中一笔仅为预授权：说明 7 天内会自动撤销。\n",
        120,
    ),
    a(
        0,
        CallScript,
        "账单争议通话话术",
        &["账单", "话术"],
        "{customer_name}您好，感谢来电。我正在查看工单 {case_reference}。\n\n了解到您收到了意料之外的扣款，我们一笔一笔来核对。\n\n*（对照订单记录逐笔核对）*\n\n感谢您的耐心。接下来我会这样处理，并在约定时间回复您。\n",
        60,
    ),
    a(
        1,
        Sop,
        "物流延误处理流程",
        &["物流"],
        "# 物流延误\n\n1. 查看物流页面和承运商最后一次扫描记录。\n2. 延误 3 天以内：致歉并告知新的预计送达时间。\n3. 延误超过 3 天：向承运商发起查件，并安排 2 天后回访。\n4. 超过 10 天：按客户意愿补发或退款。\n",
        45,
    ),
    a(
        1,
        KnownIssue,
        "物流信息 48 小时未更新",
        &["物流", "已知问题"],
        "# 物流信息 48 小时未更新\n\n**现象：**物流页面连续两天显示“已下单”。\n\n**原因：**地区承运商每天只上传一次扫描记录，周五交寄的包裹常到周一才有更新。\n\n**答复：**安抚客户；4 个工作日后仍无更新再发起查件。\n",
        -3,
    ),
    a(
        3,
        KnownIssue,
        "重置密码后无法登录 App",
        &["登录", "App", "已知问题"],
        "# 重置密码后无法登录\n\n**现象：**重置密码后 App 立即提示“账号或密码错误”。\n\n**临时办法：**\n1. 在所有设备上退出登录（设置 → 安全 → 全部退出）。\n2. 清除 App 缓存后重新登录。\n\n5.2 版本将修复此问题。\n",
        30,
    ),
    a(
        3,
        Sop,
        "系统故障沟通流程",
        &["故障", "应急"],
        "# 系统故障期间\n\n1. 与值班工程师确认故障并记录开始时间。\n2. **15 分钟**内发布状态公告。\n3. 将电话欢迎语切换为故障提示。\n4. 为相关工单打上“故障”标签并关联到事件。\n5. 恢复后优先回访 VIP 客户。\n",
        180,
    ),
    a(
        3,
        CallScript,
        "系统故障通话话术",
        &["故障", "话术"],
        "{customer_name}您好，感谢您的耐心等待。我们已经知道服务出现了问题，工程师正在全力处理。\n\n您的工单 {case_reference} 已关联到此次事件，服务恢复后我们会第一时间联系您。\n\n在此期间，还有什么紧急的事情需要我帮忙吗？\n",
        90,
    ),
    a(
        0,
        Policy,
        "补偿额度政策",
        &["账单", "政策", "VIP"],
        "# 补偿额度\n\n- 坐席每个工单最多可给予 **20** 元补偿，组长最多 100 元。\n- VIP 客户额度加倍。\n- 每笔补偿都须在工单中注明原因。\n- 已全额退款的工单不再补偿。\n",
        -30,
    ),
    a(
        3,
        Sop,
        "客户身份核验流程",
        &["账户", "安全"],
        "# 核验来电者身份\n\n讨论账户前，须核对以下任意**两项**：\n\n- 账户绑定的邮箱，\n- 最近一笔订单号，\n- 收货地址的邮编。\n\n切勿索要完整银行卡号或密码。\n",
        200,
    ),
    a(
        1,
        CallScript,
        "物流回访话术",
        &["物流", "话术", "回访"],
        "{customer_name}您好，这里是关于您配送问题的回访，工单 {case_reference}。\n\n承运商有了新消息：*（告知最新情况）*。\n\n新的送达日期您方便吗？如果不方便，我可以为您安排补发或退款。\n",
        75,
    ),
];

const HANT: &[Demo] = &[
    a(
        2,
        Sop,
        "退款申請處理流程",
        &["退款", "帳單"],
        "# 退款申請\n\n1. 依訂單編號查詢訂單，確認付款已完成。\n2. 核對退款期限：簽收後 **30 天**內（VIP 客戶 60 天）。\n3. 在期限內：退回原付款方式。\n4. 超過期限：附上訂單編號與原因，轉給帳單組處理。\n5. 告知客戶入帳時間：3–5 個工作天。\n\n| 付款方式 | 入帳時間 |\n|---|---|\n| 信用卡 | 3–5 個工作天 |\n| 電子錢包 | 1 個工作天 |\n",
        90,
    ),
    a(
        2,
        Policy,
        "退換貨政策",
        &["退款", "政策"],
        "# 退換貨政策\n\n- 未使用的商品可於簽收後 30 天內退貨。\n- VIP 客戶為 60 天。\n- 僅在商品破損或寄錯時退還運費。\n- 退款一律退回原付款方式，不退現金。\n",
        -12,
    ),
    a(
        0,
        Sop,
        "重複扣款查核流程",
        &["帳單", "付款"],
        "# 重複扣款\n\n1. 詢問信用卡末四碼及兩筆扣款的日期。\n2. 對照付款紀錄：預先授權**不是**扣款。\n3. 兩筆都已入帳：立即退還第二筆並記錄於案件。\n4. 其中一筆僅為預先授權：說明 7 天內會自動取消。\n",
        120,
    ),
    a(
        0,
        CallScript,
        "帳單爭議通話腳本",
        &["帳單", "腳本"],
        "{customer_name}您好，感謝您的來電。我正在查看案件 {case_reference}。\n\n了解您收到了預期之外的扣款，我們一筆一筆來核對。\n\n*（對照訂單紀錄逐筆核對）*\n\n感謝您的耐心。接下來我會這樣處理，並在約定時間回覆您。\n",
        60,
    ),
    a(
        1,
        Sop,
        "配送延遲處理流程",
        &["物流"],
        "# 配送延遲\n\n1. 查看貨態頁面與物流商最後一次掃描紀錄。\n2. 延遲 3 天以內：致歉並告知新的預計送達時間。\n3. 延遲超過 3 天：向物流商申請查件，並安排 2 天後回電。\n4. 超過 10 天：依客戶意願補寄或退款。\n",
        45,
    ),
    a(
        1,
        KnownIssue,
        "貨態 48 小時沒有更新",
        &["物流", "已知問題"],
        "# 貨態 48 小時沒有更新\n\n**現象：**貨態頁面連續兩天顯示「已建立託運單」。\n\n**原因：**區域物流商每天只上傳一次掃描紀錄，週五交寄的包裹常到週一才會更新。\n\n**回覆：**安撫客戶；4 個工作天後仍無更新再申請查件。\n",
        -3,
    ),
    a(
        3,
        KnownIssue,
        "重設密碼後無法登入 App",
        &["登入", "App", "已知問題"],
        "# 重設密碼後無法登入\n\n**現象：**重設密碼後 App 立即顯示「帳號或密碼錯誤」。\n\n**暫時解法：**\n1. 在所有裝置上登出（設定 → 安全性 → 全部登出）。\n2. 清除 App 快取後重新登入。\n\n5.2 版將修正此問題。\n",
        30,
    ),
    a(
        3,
        Sop,
        "系統中斷溝通流程",
        &["系統中斷", "應變"],
        "# 系統中斷期間\n\n1. 與值班工程師確認中斷並記錄開始時間。\n2. **15 分鐘**內發布狀態公告。\n3. 將電話語音問候切換為中斷說明。\n4. 為相關案件加上「系統中斷」標籤並連結到事件。\n5. 恢復後優先回電給 VIP 客戶。\n",
        180,
    ),
    a(
        3,
        CallScript,
        "系統中斷通話腳本",
        &["系統中斷", "腳本"],
        "{customer_name}您好，感謝您耐心等候。我們已得知服務發生問題，工程師正全力處理中。\n\n您的案件 {case_reference} 已連結到這次事件，服務恢復後我們會第一時間與您聯繫。\n\n這段期間，還有什麼緊急的事需要我協助嗎？\n",
        90,
    ),
    a(
        0,
        Policy,
        "補償額度政策",
        &["帳單", "政策", "VIP"],
        "# 補償額度\n\n- 客服人員每件案件最多可給予 **20** 元補償，組長最多 100 元。\n- VIP 客戶額度加倍。\n- 每筆補償都須在案件中註明原因。\n- 已全額退款的案件不再補償。\n",
        -30,
    ),
    a(
        3,
        Sop,
        "客戶身分驗證流程",
        &["帳戶", "安全"],
        "# 驗證來電者身分\n\n討論帳戶前，須核對下列任意**兩項**：\n\n- 帳戶綁定的電子郵件，\n- 最近一筆訂單編號，\n- 收件地址的郵遞區號。\n\n切勿索取完整信用卡號碼或密碼。\n",
        200,
    ),
    a(
        1,
        CallScript,
        "配送回電腳本",
        &["物流", "腳本", "回電"],
        "{customer_name}您好，這裡是關於您配送問題的回電，案件 {case_reference}。\n\n物流商有新消息：*（告知最新狀況）*。\n\n新的送達日期您方便嗎？如果不方便，我可以為您安排補寄或退款。\n",
        75,
    ),
];

const OWNERS: [&str; 3] = ["Mei Chen", "陈美", "陳美"];

/// Writes the knowledge base in `language`; `today` is the demo's last day. Links the
/// first articles to the first of `cases`.
pub(super) fn write(
    tx: &mut WriteTx<'_>,
    language: Language,
    today: chrono::NaiveDate,
    cases: &[CaseId],
) -> Result<()> {
    let (names, demos, owner) = match language {
        Language::En => (EN_CATEGORIES, EN, OWNERS[0]),
        Language::ZhHans => (HANS_CATEGORIES, HANS, OWNERS[1]),
        Language::ZhHant => (HANT_CATEGORIES, HANT, OWNERS[2]),
    };
    let mut ids: Vec<KbCategoryId> = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let parent = (i == 2).then(|| ids[0].clone());
        ids.push(categories::create(tx, &CategoryInput { name: (*name).to_owned(), parent_id: parent })?);
    }
    for (i, d) in demos.iter().enumerate() {
        let input = ArticleInput {
            title: d.title.to_owned(),
            body: d.body.to_owned(),
            kind: d.kind,
            category_id: Some(ids[d.category].clone()),
            tags: d.tags.iter().map(|t| (*t).to_owned()).collect(),
            owner: owner.to_owned(),
            review_on: Some((today + chrono::Duration::days(d.review_in_days)).to_string()),
        };
        let id = articles::create(tx, &input)?;
        versions::publish(tx, &id)?;
        if let Some(case) = cases.get(i) {
            links::link(tx, &id, case)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_articles_with_placeholders_in_each_script() {
        for demos in [EN, HANS, HANT] {
            assert_eq!(demos.len(), EN.len());
            for (d, en) in demos.iter().zip(EN) {
                assert_eq!((d.category, d.kind, d.review_in_days), (en.category, en.kind, en.review_in_days));
                if d.kind == CallScript {
                    assert!(d.body.contains("{customer_name}") && d.body.contains("{case_reference}"), "{}", d.title);
                }
            }
        }
    }
}
