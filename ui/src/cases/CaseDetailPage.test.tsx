import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { CaseDetail } from "../ipc/bindings";
import { ALLOWED_ACTIONS, minutesFromNow, sampleDetail, target } from "../test/cases";
import { callsTo, ipcError, mockIpc, rejectWith, sampleSettings } from "../test/ipc";
import { renderApp } from "../test/render";

function openCase(detail: CaseDetail = sampleDetail(), handlers = {}) {
  mockIpc({ case_get: () => detail, case_transition: () => null, ...handlers });
  return renderApp("/cases/case-1");
}

describe("case detail", () => {
  it("shows the title as the heading, with the reference", async () => {
    openCase();
    expect(
      await screen.findByRole("heading", { level: 1, name: "Refund not received after cancellation" }),
    ).toBeInTheDocument();
    expect(screen.getByText("C-A1-00001")).toBeInTheDocument();
    expect(callsTo("case_get")).toEqual([{ id: "case-1" }]);
  });

  it("offers only the statuses the case may move to", async () => {
    const { user } = openCase(sampleDetail({ nextStatuses: ["open", "pending_internal"] }, { status: "new" }));
    await user.click(await screen.findByRole("button", { name: "Change status" }));
    const items = await screen.findAllByRole("menuitem");
    expect(items.map((i) => i.textContent)).toEqual(["Open", "Pending internal"]);

    await user.click(screen.getByRole("menuitem", { name: "Open" }));
    await waitFor(() => expect(callsTo("case_transition")).toEqual([{ id: "case-1", to: "open", resolution: null }]));
    expect(await screen.findByText("Status changed to Open")).toBeInTheDocument();
  });

  it("names the dialog's close button, and it closes the dialog", async () => {
    const { user } = openCase();
    await user.click(await screen.findByRole("button", { name: "Assign" }));
    const dialog = await screen.findByRole("dialog", { name: "Assign case" });
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Assign case" })).not.toBeInTheDocument());
  });

  it("will not resolve without a root cause, then resolves and offers the call-back", async () => {
    const { user } = openCase();
    await user.click(await screen.findByRole("button", { name: "Change status" }));
    await user.click(await screen.findByRole("menuitem", { name: "Resolved" }));
    const dialog = await screen.findByRole("dialog", { name: "Resolve case" });
    await user.type(within(dialog).getByRole("textbox", { name: "Resolution summary" }), "Refund re-issued");
    await user.click(within(dialog).getByRole("button", { name: "Resolve" }));

    const rootCause = within(dialog).getByRole("textbox", { name: "Root cause" });
    expect(rootCause).toHaveAttribute("aria-invalid", "true");
    expect(rootCause).toHaveAccessibleDescription("This field is required.");
    expect(callsTo("case_transition")).toEqual([]);

    await user.type(rootCause, "Refund batch failed");
    await user.click(within(dialog).getByRole("button", { name: "Resolve" }));
    await waitFor(() =>
      expect(callsTo("case_transition")).toEqual([
        {
          id: "case-1",
          to: "resolved",
          resolution: { rootCause: "Refund batch failed", resolutionSummary: "Refund re-issued" },
        },
      ]),
    );
    const offer = await screen.findByRole("dialog", { name: "Schedule call-back" });
    expect(within(offer).getByText(/The case is resolved/)).toBeInTheDocument();
    expect(within(offer).getByRole("button", { name: "Not now" })).toBeInTheDocument();
  }, 15_000);

  it("shows Rust's validation error beside the resolve field and keeps the text", async () => {
    const { user } = openCase(undefined, {
      case_transition: rejectWith(ipcError({ code: "validation", field: "resolutionSummary", rule: "too_long", limit: 4000 })),
    });
    await user.click(await screen.findByRole("button", { name: "Change status" }));
    await user.click(await screen.findByRole("menuitem", { name: "Resolved" }));
    const dialog = await screen.findByRole("dialog", { name: "Resolve case" });
    await user.type(within(dialog).getByRole("textbox", { name: "Root cause" }), "Cause");
    await user.type(within(dialog).getByRole("textbox", { name: "Resolution summary" }), "Summary");
    await user.click(within(dialog).getByRole("button", { name: "Resolve" }));
    const summary = within(dialog).getByRole("textbox", { name: "Resolution summary" });
    await waitFor(() => expect(summary).toHaveAccessibleDescription("Must be at most 4000 characters."));
    expect(summary).toHaveValue("Summary");
  }, 15_000);

  it("shows breached and at-risk SLA targets in words, with the time left", async () => {
    openCase(
      sampleDetail({
        sla: {
          firstResponse: target({ status: "running", targetMinutes: 60, dueAt: minutesFromNow(-95), remainingMinutes: -95 }),
          resolution: target({
            status: "running",
            targetMinutes: 480,
            dueAt: minutesFromNow(45),
            remainingMinutes: 45,
            atRisk: true,
          }),
          businessHours: true,
          calendar: { id: null, name: "", timeZone: "Asia/Shanghai" },
        },
      }),
    );
    const sla = await screen.findByRole("region", { name: "Service level" });
    const [first, resolution] = within(sla).getAllByText(/^(First response|Resolution)$/).map((l) => l.closest("[data-sla-state]") as HTMLElement);
    expect(first).toHaveAttribute("data-sla-state", "breached");
    expect(within(first!).getByText("Breached")).toBeInTheDocument();
    expect(within(first!).getByText("1 h 35 min overdue")).toBeInTheDocument();
    expect(resolution).toHaveAttribute("data-sla-state", "at_risk");
    expect(within(resolution!).getByText("At risk")).toBeInTheDocument();
    expect(within(resolution!).getByText("in 45 min")).toBeInTheDocument();
    expect(
      within(sla).getByText("Targets count business hours, calendar: Workspace calendar (Asia/Shanghai)."),
    ).toBeInTheDocument();
    // Business-hour targets in business hours: 8 of them are a working day, not "1 d".
    expect(within(first!).getByText("Target 1 business hour")).toBeInTheDocument();
    expect(within(resolution!).getByText("Target 8 business hours")).toBeInTheDocument();
  });

  it("is at risk only when Rust says so, not by a window of its own", async () => {
    openCase(
      sampleDetail({
        sla: {
          // 45 minutes left of 8 business hours, but the night in between leaves more than
          // the last fifth in business time: Rust says not at risk, and so does the panel.
          firstResponse: target({ status: "met", dueAt: null, remainingMinutes: null }),
          resolution: target({ targetMinutes: 480, dueAt: minutesFromNow(45), remainingMinutes: 45, atRisk: false }),
          businessHours: true,
          calendar: { id: null, name: "", timeZone: "Asia/Shanghai" },
        },
      }),
    );
    const sla = await screen.findByRole("region", { name: "Service level" });
    const resolution = within(sla).getByText("Resolution").closest("[data-sla-state]");
    expect(resolution).toHaveAttribute("data-sla-state", "running");
    expect(within(sla).queryByText("At risk")).not.toBeInTheDocument();
  });

  it("shows calendar-hour targets in hours", async () => {
    openCase(
      sampleDetail({
        sla: {
          firstResponse: target({ targetMinutes: 240 }),
          resolution: target({ targetMinutes: 1440, dueAt: minutesFromNow(1200), remainingMinutes: 1200 }),
          businessHours: false,
          calendar: { id: null, name: "", timeZone: "Asia/Shanghai" },
        },
      }),
    );
    const sla = await screen.findByRole("region", { name: "Service level" });
    expect(within(sla).getByText("Target 4 h")).toBeInTheDocument();
    expect(within(sla).getByText("Target 24 h")).toBeInTheDocument();
  });

  it("says business-hour targets in Chinese", async () => {
    mockIpc({
      settings_get: () => sampleSettings({ language: "zh-Hans" }),
      case_get: () =>
        sampleDetail({
          sla: {
            firstResponse: target({ targetMinutes: 480 }),
            resolution: target({ status: "paused", targetMinutes: 2400, remainingMinutes: 90 }),
            businessHours: true,
          calendar: { id: null, name: "", timeZone: "Asia/Shanghai" },
          },
        }),
    });
    renderApp("/cases/case-1");
    const sla = await screen.findByRole("region", { name: "服务水平" });
    expect(within(sla).getByText("目标：8 个工作小时")).toBeInTheDocument();
    expect(within(sla).getByText("目标：40 个工作小时")).toBeInTheDocument();
    expect(within(sla).getByText("剩余 1 小时 30 分钟工作时间")).toBeInTheDocument();
  });

  it("shows met, paused and no-target states", async () => {
    openCase(
      sampleDetail({
        sla: {
          firstResponse: target({ status: "met", remainingMinutes: null }),
          resolution: target({ status: "paused", remainingMinutes: 130 }),
          businessHours: false,
          calendar: { id: null, name: "", timeZone: "Asia/Shanghai" },
        },
      }),
    );
    const sla = await screen.findByRole("region", { name: "Service level" });
    expect(within(sla).getByText("Met")).toBeInTheDocument();
    expect(within(sla).getByText("Paused")).toBeInTheDocument();
    expect(within(sla).getByText("in 2 h 10 min")).toBeInTheDocument();
  });

  it("records the call-back with outcome, CSAT, NPS and comment", async () => {
    const { user } = openCase(
      sampleDetail(
        { nextStatuses: ["closed", "open"], allowedActions: [...ALLOWED_ACTIONS.resolved] },
        { status: "resolved", followUp: { dueAt: minutesFromNow(60), doneAt: null, outcome: null } },
      ),
      { case_record_callback: () => null },
    );
    await user.click(await screen.findByRole("button", { name: "Record call-back" }));
    const dialog = await screen.findByRole("dialog", { name: "Record call-back" });
    await user.type(within(dialog).getByRole("textbox", { name: "Outcome" }), "Customer satisfied");
    await user.click(within(within(dialog).getByRole("radiogroup", { name: "CSAT" })).getByRole("radio", { name: "4" }));
    await user.click(within(within(dialog).getByRole("radiogroup", { name: "NPS" })).getByRole("radio", { name: "9" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Comment" }), "Quick and friendly");
    await user.click(within(dialog).getByRole("button", { name: "Save call-back" }));
    await waitFor(() =>
      expect(callsTo("case_record_callback")).toEqual([
        { id: "case-1", result: { outcome: "Customer satisfied", csat: 4, nps: 9, comment: "Quick and friendly" } },
      ]),
    );
  }, 15_000);

  it("offers a closed case notes and its due call-back only, and says why", async () => {
    openCase(
      sampleDetail(
        { nextStatuses: ["open"], allowedActions: [...ALLOWED_ACTIONS.closed] },
        { status: "closed", tags: ["refund"], followUp: { dueAt: minutesFromNow(-60), doneAt: null, outcome: null } },
      ),
    );
    const toolbar = await screen.findByRole("toolbar", { name: "Case actions" });
    expect(within(toolbar).getAllByRole("button").map((b) => b.textContent)).toEqual(["Change status", "Record call-back"]);
    expect(
      screen.getByText("This case is closed: only notes and a due call-back's outcome can be added. Reopen it to change anything else."),
    ).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Note" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add note" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Log contact" })).not.toBeInTheDocument();
    // Tags are shown, not editable.
    const details = screen.getByRole("region", { name: "Details" });
    expect(within(details).getByText("refund")).toBeInTheDocument();
    expect(within(details).queryAllByLabelText("Tags")).toEqual([]);
  });

  it("offers a resolved case the call-back and corrections, but no new work", async () => {
    openCase(
      sampleDetail({ nextStatuses: ["closed", "open"], allowedActions: [...ALLOWED_ACTIONS.resolved] }, { status: "resolved" }),
    );
    const toolbar = await screen.findByRole("toolbar", { name: "Case actions" });
    expect(within(toolbar).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Change status",
      "Edit",
      "Schedule call-back",
    ]);
    expect(screen.getByRole("button", { name: "Log contact" })).toBeInTheDocument();
    const tagFields = within(screen.getByRole("region", { name: "Details" })).getAllByLabelText("Tags");
    expect(tagFields.some((el) => el.tagName === "INPUT")).toBe(true);
    expect(screen.queryByText(/This case is closed/)).not.toBeInTheDocument();
  });

  it("offers an open case its work, but no call-back yet", async () => {
    openCase(sampleDetail({}, { escalation: { department: "Billing", level: 1, reason: "Refund above limit" } }));
    const toolbar = await screen.findByRole("toolbar", { name: "Case actions" });
    expect(within(toolbar).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Change status",
      "Assign",
      "Escalate",
      "De-escalate",
      "Edit",
    ]);
  });

  it("explains Rust's refusal when the case moved on in the meantime", async () => {
    const { user } = openCase(undefined, {
      case_assign: rejectWith(ipcError({ code: "invalid_transition" })),
    });
    await user.click(await screen.findByRole("button", { name: "Assign" }));
    const dialog = await screen.findByRole("dialog", { name: "Assign case" });
    await user.click(within(dialog).getByRole("button", { name: "Save assignment" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("This change is not allowed in the case's current state.");
  });

  it("puts Rust's field error beside the escalation's field, then closes once saved", async () => {
    let attempts = 0;
    const { user } = openCase(undefined, {
      case_escalate: () => {
        attempts += 1;
        if (attempts === 1) {
          return Promise.reject(ipcError({ code: "validation", field: "department", rule: "too_long", limit: 80 }));
        }
        return null;
      },
    });
    await user.click(await screen.findByRole("button", { name: "Escalate" }));
    const dialog = await screen.findByRole("dialog", { name: "Escalate case" });
    const department = within(dialog).getByRole("textbox", { name: "Department" });
    await user.type(department, "Billing and refunds");
    await user.type(within(dialog).getByRole("textbox", { name: "Reason" }), "Refund above limit");
    await user.click(within(dialog).getByRole("button", { name: "Confirm escalation" }));
    await waitFor(() => expect(department).toHaveAccessibleDescription("Must be at most 80 characters."));
    expect(department).toHaveValue("Billing and refunds");

    await user.type(department, "!");
    expect(department).not.toHaveAccessibleDescription("Must be at most 80 characters.");
    await user.click(within(dialog).getByRole("button", { name: "Confirm escalation" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Escalate case" })).not.toBeInTheDocument());
    expect(callsTo("case_escalate")).toHaveLength(2);
  }, 15_000);

  it("adds a note and logs a contact with the handle time in seconds", async () => {
    const { user } = openCase(undefined, { case_add_note: () => null, case_log_contact: () => null });
    await user.type(await screen.findByRole("textbox", { name: "Note" }), "Called the bank");
    await user.click(screen.getByRole("button", { name: "Add note" }));
    await waitFor(() => expect(callsTo("case_add_note")).toEqual([{ id: "case-1", text: "Called the bank" }]));

    await user.click(screen.getByRole("button", { name: "Log contact" }));
    const dialog = await screen.findByRole("dialog", { name: "Log customer contact" });
    const minutes = within(dialog).getByRole("textbox", { name: "Handle time (minutes)" });
    await user.clear(minutes);
    await user.type(minutes, "12");
    await user.type(within(dialog).getByRole("textbox", { name: "Summary" }), "Explained the refund");
    await user.click(within(dialog).getByRole("button", { name: "Save contact" }));
    await waitFor(() =>
      expect(callsTo("case_log_contact")).toEqual([
        {
          id: "case-1",
          contact: { channel: "phone", direction: "outbound", summary: "Explained the refund", handleSeconds: 720 },
        },
      ]),
    );
  }, 15_000);

  it("renders every timeline event kind in Simplified Chinese", async () => {
    const at = "2026-11-23T08:00:00Z";
    mockIpc({
      settings_get: () => sampleSettings({ language: "zh-Hans" }),
      case_get: () =>
        sampleDetail({
          timeline: [
            { id: "1", at, data: { kind: "created", priority: "p2", channel: "phone" } },
            { id: "2", at, data: { kind: "note", text: "客户很着急" } },
            { id: "3", at, data: { kind: "status_changed", from: "new", to: "open" } },
            { id: "4", at, data: { kind: "assigned", assignee: "李娜", team: "一线" } },
            { id: "5", at, data: { kind: "escalated", escalation: { department: "财务部", level: 2, reason: "金额较大" } } },
            { id: "6", at, data: { kind: "de_escalated", reason: "已处理" } },
            { id: "7", at, data: { kind: "tags_changed", added: ["退款"], removed: ["紧急"] } },
            { id: "8", at, data: { kind: "edited", fields: ["title", "priority"] } },
            { id: "9", at, data: { kind: "customer_contact", channel: "phone", direction: "outbound", summary: "已致电", handleSeconds: 300 } },
            { id: "10", at, data: { kind: "resolved", rootCause: "系统故障", resolutionSummary: "重新退款" } },
            { id: "11", at, data: { kind: "callback_scheduled", dueAt: "2026-11-24T02:00:00Z" } },
            { id: "12", at, data: { kind: "callback_recorded", outcome: "客户满意", csat: 5, nps: 10, comment: "谢谢" } },
          ],
        }),
    });
    renderApp("/cases/case-1");
    const timeline = await screen.findByRole("region", { name: "时间线" });
    const items = within(timeline).getAllByRole("listitem");
    expect(items).toHaveLength(12);
    const text = (kind: string) => items.find((i) => i.dataset.kind === kind)?.textContent ?? "";
    expect(text("created")).toContain("案件已创建（P2 · 高，电话）");
    expect(text("note")).toContain("备注");
    expect(text("note")).toContain("客户很着急");
    expect(text("status_changed")).toContain("状态从“新建”改为“处理中”");
    expect(text("assigned")).toContain("分配给 李娜（一线）");
    expect(text("escalated")).toContain("升级至财务部（2 级）");
    expect(text("escalated")).toContain("原因：金额较大");
    expect(text("de_escalated")).toContain("已撤销升级");
    expect(text("tags_changed")).toContain("添加：退款");
    expect(text("tags_changed")).toContain("删除：紧急");
    expect(text("edited")).toContain("已编辑：标题、优先级");
    expect(text("customer_contact")).toContain("客户联系（电话）：我们联系客户");
    expect(text("customer_contact")).toContain("处理时长 5 分钟");
    expect(text("resolved")).toContain("已解决");
    expect(text("resolved")).toContain("根本原因：系统故障");
    expect(text("callback_scheduled")).toContain("已安排回访：");
    expect(text("callback_scheduled")).toMatch(/2026年11月24日/);
    expect(text("callback_recorded")).toContain("已完成回访");
    expect(text("callback_recorded")).toContain("满意度 5/5 · 净推荐值 10/10");
    // Newest first; every time in the interface language.
    expect(items[0]?.dataset.kind).toBe("callback_recorded");
    expect(within(items[11]!).getByText(/2026年11月23日/)).toBeInTheDocument();
  });
});
