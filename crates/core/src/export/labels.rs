//! The words files made in core are read in: CSV headers and report headings, in the
//! three languages of the app (the UI's own strings live in its locale files; these are
//! the few that leave the app inside a file, worded as the UI words them).

use crate::settings::Language;

macro_rules! labels {
    ($($(#[$doc:meta])* $name:ident => $en:literal, $hans:literal, $hant:literal;)*) => {
        /// A word or phrase a file is written with.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Label {
            $($(#[$doc])* $name,)*
        }

        impl Label {
            /// Every label (for the tests that check each language has its own text).
            pub const ALL: &'static [Label] = &[$(Label::$name,)*];

            /// The label in `lang`.
            pub fn text(self, lang: Language) -> &'static str {
                match self {
                    $(Label::$name => match lang {
                        Language::En => $en,
                        Language::ZhHans => $hans,
                        Language::ZhHant => $hant,
                    },)*
                }
            }
        }
    };
}

labels! {
    /// Case id.
    Id => "Id", "ID", "ID";
    /// Case reference.
    Reference => "Reference", "案件编号", "案件編號";
    /// Title.
    Title => "Title", "标题", "標題";
    /// Customer.
    Customer => "Customer", "客户", "客戶";
    /// VIP customer.
    Vip => "VIP customer", "VIP 客户", "VIP 客戶";
    /// Priority.
    Priority => "Priority", "优先级", "優先級";
    /// Status.
    Status => "Status", "状态", "狀態";
    /// Channel.
    Channel => "Channel", "渠道", "管道";
    /// Category.
    Category => "Category", "类别", "類別";
    /// Assignee.
    Assignee => "Assignee", "负责人", "負責人";
    /// Tags.
    Tags => "Tags", "标签", "標籤";
    /// Escalated.
    Escalated => "Escalated", "已升级", "已升級";
    /// Created.
    Created => "Created", "创建时间", "建立時間";
    /// First response due.
    FirstResponseDue => "First response due", "首次响应到期", "首次回應到期";
    /// Resolution due.
    ResolutionDue => "Resolution due", "解决到期", "解決到期";
    /// Call-back due.
    CallbackDue => "Call-back due", "回访到期", "回訪到期";
    /// SLA at risk.
    AtRisk => "SLA at risk", "SLA 有风险", "SLA 有風險";

    /// KPI name column.
    Kpi => "KPI", "指标", "指標";
    /// KPI key column.
    Key => "Key", "键", "鍵";
    /// Unit column.
    Unit => "Unit", "单位", "單位";
    /// "This period (…)" column.
    ThisPeriod => "This period", "本期", "本期";
    /// "Previous period (…)" column.
    PreviousPeriod => "Previous period", "上一周期", "上一週期";
    /// "Cases" column (the basis of a value).
    Basis => "Cases", "案件数", "案件數";
    /// "to" between two days.
    To => "to", "至", "至";

    /// Cases created.
    CasesCreated => "Cases created", "新建案件", "新增案件";
    /// Cases resolved.
    CasesResolved => "Cases resolved", "已解决案件", "已解決案件";
    /// FRT.
    FirstResponseTime => "First response time", "首次响应时间", "首次回應時間";
    /// Resolution time.
    ResolutionTime => "Resolution time", "解决时长", "解決時長";
    /// SLA compliance.
    SlaCompliance => "SLA compliance", "SLA 达成率", "SLA 達成率";
    /// FCR.
    FirstContactResolution => "First-contact resolution", "首次联络解决率", "首次聯絡解決率";
    /// AHT.
    HandleTime => "Average handle time", "平均处理时长", "平均處理時長";
    /// CSAT.
    Csat => "CSAT", "满意度 (CSAT)", "滿意度 (CSAT)";
    /// NPS.
    Nps => "NPS", "净推荐值 (NPS)", "淨推薦值 (NPS)";
    /// Backlog.
    Backlog => "Backlog", "积压", "待處理量";
    /// Backlog under a day old.
    BacklogUnderOneDay => "Backlog: under 1 day", "积压：不足 1 天", "待處理量：不足 1 天";
    /// Backlog 1–3 days old.
    BacklogOneToThreeDays => "Backlog: 1–3 days", "积压：1–3 天", "待處理量：1–3 天";
    /// Backlog 3–7 days old.
    BacklogThreeToSevenDays => "Backlog: 3–7 days", "积压：3–7 天", "待處理量：3–7 天";
    /// Backlog over 7 days old.
    BacklogOverSevenDays => "Backlog: 7 days or more", "积压：7 天及以上", "待處理量：7 天以上";
    /// Backlog of one priority ("Backlog: P1" — the priority follows).
    BacklogOfPriority => "Backlog:", "积压：", "待處理量：";
    /// Call-backs due.
    CallbacksDue => "Call-backs due", "到期回访", "到期回訪";
    /// Call-backs overdue.
    CallbacksOverdue => "Call-backs overdue", "逾期回访", "逾期回訪";
    /// Follow-up rate.
    CallbacksOnTime => "Call-backs done on time", "按时完成的回访", "準時完成的回訪";

    /// No data.
    NoData => "No data", "暂无数据", "暫無資料";
    /// Minutes, short.
    Min => "min", "分钟", "分鐘";
    /// Hours, short.
    Hour => "h", "小时", "小時";
    /// Weekly report title.
    WeeklyReport => "Weekly service report", "服务周报", "服務週報";
    /// Monthly report title.
    MonthlyReport => "Monthly service report", "服务月报", "服務月報";
    /// Report section: KPIs.
    KpisHeading => "Key performance indicators", "关键绩效指标", "關鍵績效指標";
    /// Report column: change.
    Change => "Change", "变化", "變化";
    /// Report section: day by day.
    DayByDay => "Day by day: cases created, SLA compliance, CSAT and NPS", "每日情况：新建案件、SLA 达成率、满意度与净推荐值", "每日情況：新增案件、SLA 達成率、滿意度與淨推薦值";
    /// Report section: top categories.
    TopCategories => "Top issues (categories)", "主要问题（类别）", "主要問題（類別）";
    /// Report section: root causes.
    RootCauses => "Root causes", "根本原因", "根本原因";
    /// "Generated".
    Generated => "Generated", "生成时间", "產生時間";
    /// "Time zone".
    TimeZone => "Time zone", "时区", "時區";

    /// Unit: seconds.
    Seconds => "seconds", "秒", "秒";
    /// Unit: percent.
    Percent => "percent", "百分比", "百分比";
    /// Compliance matrix: the agent column.
    Agent => "Agent", "坐席", "客服人員";
    /// Compliance matrix: the day a course's state matters (expiry or due date).
    By => "by", "截止日期", "截止日期";
    /// Compliance state.
    Compliant => "Compliant", "合规", "合規";
    /// Compliance state.
    Expiring => "Expiring", "即将到期", "即將到期";
    /// Compliance state.
    Expired => "Expired", "已过期", "已過期";
    /// Compliance state.
    Due => "Due", "待完成", "待完成";
    /// Compliance state.
    Missing => "Missing", "缺失", "缺少";
    /// Compliance state.
    Exempt => "Exempt", "豁免", "豁免";
    /// Unit: cases.
    Cases => "cases", "案件", "案件";
    /// Unit: NPS score.
    Score => "score (−100 to 100)", "分值（−100 至 100）", "分值（−100 至 100）";

    /// A run's report: the title before the plan's.
    RunReport => "Run report", "运行报告", "執行報告";
    /// The plan version a run followed.
    PlanVersion => "Plan version", "预案版本", "預案版本";
    /// Incident, drill or tabletop.
    KindOfRun => "Kind of run", "运行类型", "執行類型";
    /// Run kind.
    RealIncident => "Real incident", "真实事件", "真實事件";
    /// Run kind.
    Drill => "Drill", "演练", "演練";
    /// Run kind.
    Tabletop => "Tabletop exercise", "桌面推演", "桌上推演";
    /// Who led the run.
    Commander => "Incident commander", "事件指挥人", "事件指揮官";
    /// When the run started.
    Activated => "Activated", "启动时间", "啟動時間";
    /// When the run was closed.
    ClosedAt => "Closed", "结束时间", "結束時間";
    /// A run not closed yet.
    StillActive => "Active", "进行中", "進行中";
    /// The run's score (heading and value).
    RunScore => "Score", "评分", "評分";
    /// Of the score: required steps done by their target, of all required.
    RequiredOnTime => "Required steps done on time", "按时完成的必做步骤", "準時完成的必要步驟";
    /// The score's table of phases.
    TimePerPhase => "Time per phase", "各阶段用时", "各階段用時";
    /// Column: phase.
    Phase => "Phase", "阶段", "階段";
    /// Column: a phase's target.
    Target => "Target", "目标", "目標";
    /// Column: how long a phase took.
    Took => "Took", "实际", "實際";
    /// A phase none of whose steps was done.
    NotDone => "Not done", "未完成", "未完成";
    /// After a phase's time past its target.
    Late => "late", "超时", "逾時";
    /// Phase.
    Monitoring => "Monitoring", "监控", "監控";
    /// Phase.
    Warning => "Warning", "预警", "預警";
    /// Phase.
    Response => "Response", "响应", "應變";
    /// Phase.
    Recovery => "Recovery", "恢复", "復原";
    /// Section: the checklist as the run ended.
    Checklist => "Timeline of the checklist", "检查清单时间线", "檢查清單時間軸";
    /// Column: step.
    Step => "Step", "步骤", "步驟";
    /// Column: the step's owner.
    OwnerRole => "Owner role", "负责角色", "負責角色";
    /// Column: when the step was due.
    DueAt => "Due", "截止", "截止";
    /// Column: how the step ended.
    Outcome => "Outcome", "结果", "結果";
    /// A step not required.
    Optional => "Optional", "可选", "選用";
    /// Step state.
    StepPending => "Pending", "待办", "待辦";
    /// Step state.
    StepOverdue => "Overdue", "已超时", "已逾時";
    /// Step state.
    StepDone => "Done", "已完成", "已完成";
    /// Step state.
    StepSkipped => "Skipped", "已跳过", "已略過";
    /// Section: the incident log.
    IncidentLog => "Incident log", "事件日志", "事件日誌";
    /// An empty incident log.
    NothingLogged => "Nothing logged yet.", "尚无日志。", "尚無日誌。";
    /// Log entry of a tick.
    LogDone => "Done", "已完成步骤", "已完成步驟";
    /// Log entry of a skip.
    LogSkipped => "Skipped", "已跳过", "已略過";
    /// Log entry of a note.
    LogNote => "Note", "备注", "備註";
    /// Log entry of the close.
    LogClosed => "Run closed", "运行已结束", "執行已結束";
    /// Section: cases linked to the run.
    LinkedCases => "Linked cases", "关联工单", "關聯案件";
    /// Case status.
    StatusNew => "New", "新建", "新建";
    /// Case status.
    StatusOpen => "Open", "处理中", "處理中";
    /// Case status.
    StatusPendingCustomer => "Pending customer", "等待客户", "等待客戶";
    /// Case status.
    StatusPendingInternal => "Pending internal", "等待内部", "等待內部";
    /// Case status.
    StatusResolved => "Resolved", "已解决", "已解決";
    /// Case status.
    StatusClosed => "Closed", "已关闭", "已關閉";
    /// Section: notes taken right after the run.
    HotWash => "Hot-wash", "即时复盘", "即時檢討";
    /// Section: the after-action review.
    AfterActionReview => "After-action review", "事后评估", "事後檢討報告";
    /// Review: what went well.
    WentWell => "What went well", "做得好的地方", "做得好的地方";
    /// Review: what went wrong.
    WentWrong => "What went wrong", "出问题的地方", "出問題的地方";
    /// A review field left empty.
    NothingWritten => "Nothing written.", "尚未填写。", "尚未填寫。";
    /// Section: the review's action items.
    ActionItems => "Action items", "改进措施", "改善措施";
    /// No action items.
    NoActionItems => "No action items yet.", "暂无改进措施。", "尚無改善措施。";
    /// Column: the action.
    Action => "Action", "措施", "措施";
    /// Column: who does it.
    Owner => "Owner", "负责人", "負責人";
    /// Column: by when.
    DueOn => "Due", "截止日期", "截止日期";
    /// Column: when it was done.
    DoneOn => "Done on", "完成日期", "完成日期";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_text_in_every_language() {
        for l in Label::ALL {
            for lang in [Language::En, Language::ZhHans, Language::ZhHant] {
                assert!(!l.text(lang).trim().is_empty(), "{l:?} in {lang:?}");
            }
        }
    }
}
