import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { CoachingNote, NoteInput } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";
import { sampleHistory } from "../test/training";

function note(overrides: Partial<CoachingNote> = {}): CoachingNote {
  return {
    id: "note-1",
    agentId: "agent-ann",
    agentName: "Ann Lee",
    heldOn: "2026-02-01",
    kind: "one_to_one",
    strengths: "Calm with an angry caller.",
    improvements: "Summarise the next step.",
    followUpOn: "2026-02-15",
    followUpDue: true,
    author: "Grace Wu",
    actions: [
      { id: "action-1", text: "Shadow a senior on refunds", dueOn: "2026-02-10", doneOn: null, overdue: true },
      { id: "action-2", text: "Read the refund SOP", dueOn: "2026-02-05", doneOn: "2026-02-04", overdue: false },
    ],
    ...overrides,
  };
}

describe("coaching", () => {
  it("lists an agent's notes with overdue actions and the follow-up due, and ticks an action", async () => {
    mockIpc({ training_history: () => sampleHistory(), coaching_for_agent: () => [note()], coaching_action_done: () => null });
    const { user } = renderApp("/training/people/agent-ann");
    const item = await screen.findByRole("listitem", { name: "One-to-one on 2026-02-01" });
    expect(within(item).getByText("Follow-up due 2026-02-15")).toBeInTheDocument();
    expect(within(item).getByText("overdue since 2026-02-10")).toBeInTheDocument();
    expect(within(item).getByRole("checkbox", { name: /Read the refund SOP done 2026-02-04/ })).toBeChecked();
    await user.click(within(item).getByRole("checkbox", { name: /Shadow a senior on refunds/ }));
    await waitFor(() => expect(callsTo("coaching_action_done")).toHaveLength(1));
    expect(callsTo("coaching_action_done")[0]).toMatchObject({ id: "action-1" });
    expect((callsTo("coaching_action_done")[0] as { doneOn: string | null }).doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("records a note with an action, and shows Rust's refusal of a due day beside it", async () => {
    let calls = 0;
    mockIpc({
      training_history: () => sampleHistory(),
      coaching_create: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(ipcError({ code: "validation", field: "dueOn", rule: "before_conversation" })) : "note-2";
      },
    });
    const { user } = renderApp("/training/people/agent-ann");
    await user.click(await screen.findByRole("button", { name: "New coaching note" }));
    const dialog = await screen.findByRole("dialog", { name: "Coaching Ann Lee" });
    await user.click(within(dialog).getByRole("radio", { name: "Feedback" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Coached by" }), "Grace Wu");
    await user.type(within(dialog).getByRole("textbox", { name: "To improve" }), "Verify identity first.");
    await user.click(within(dialog).getByRole("button", { name: "Add action" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Action 1" }), "Practise the ID check");
    await user.click(within(dialog).getByRole("button", { name: "Save note" }));
    expect(await within(dialog).findByText("Choose a day on or after the day of the conversation.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Save note" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const input = (callsTo("coaching_create")[1] as { input: NoteInput }).input;
    expect(input).toMatchObject({
      agentId: "agent-ann",
      kind: "feedback",
      author: "Grace Wu",
      strengths: "",
      improvements: "Verify identity first.",
      followUpOn: null,
      actions: [{ text: "Practise the ID check", dueOn: "" }],
    });
  });

  it("lists the follow-ups due above the roster, linked to each agent", async () => {
    mockIpc({ coaching_follow_ups_due: () => [note()] });
    renderApp("/training/people");
    const alert = await screen.findByText("1 coaching follow-up due");
    const box = alert.closest("[role=alert]") as HTMLElement;
    expect(within(box).getByRole("link", { name: "Ann Lee" })).toHaveAttribute("href", "#/training/people/agent-ann");
    expect(within(box).getByText(/follow-up due 2026-02-15 \(from the conversation of 2026-02-01\)/)).toBeInTheDocument();
  });
});

describe("coaching notes after saving", () => {
  it("corrects a note's own fields in the same form, without its actions", async () => {
    mockIpc({ training_history: () => sampleHistory(), coaching_for_agent: () => [note()], coaching_update: () => null });
    const { user } = renderApp("/training/people/agent-ann");
    await user.click(await screen.findByRole("button", { name: "Correct the note of 2026-02-01" }));
    const dialog = await screen.findByRole("dialog", { name: "Correct the note on Ann Lee" });
    expect(within(dialog).queryByRole("button", { name: "Add action" })).not.toBeInTheDocument();
    const improve = within(dialog).getByRole("textbox", { name: "To improve" });
    expect(improve).toHaveValue("Summarise the next step.");
    await user.clear(improve);
    await user.type(improve, "Confirm the refund amount aloud.");
    await user.click(within(dialog).getByRole("button", { name: "Save note" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo("coaching_update")[0]).toMatchObject({
      id: "note-1",
      edit: { heldOn: "2026-02-01", kind: "one_to_one", improvements: "Confirm the refund amount aloud.", author: "Grace Wu", followUpOn: "2026-02-15" },
    });
  });

  it("shows Rust's refusal of a corrected day beside the field", async () => {
    mockIpc({
      training_history: () => sampleHistory(),
      coaching_for_agent: () => [note()],
      coaching_update: () => Promise.reject(ipcError({ code: "validation", field: "heldOn", rule: "before_conversation" })),
    });
    const { user } = renderApp("/training/people/agent-ann");
    await user.click(await screen.findByRole("button", { name: "Correct the note of 2026-02-01" }));
    const dialog = await screen.findByRole("dialog", { name: "Correct the note on Ann Lee" });
    await user.click(within(dialog).getByRole("button", { name: "Save note" }));
    expect(await within(dialog).findByText("Choose a day on or after the day of the conversation.")).toBeInTheDocument();
  });

  it("deletes a note after a confirmation that Cancel leaves untouched", async () => {
    mockIpc({ training_history: () => sampleHistory(), coaching_for_agent: () => [note()], coaching_delete: () => null });
    const { user } = renderApp("/training/people/agent-ann");
    await user.click(await screen.findByRole("button", { name: "Delete the note of 2026-02-01" }));
    let dialog = await screen.findByRole("dialog", { name: "Delete this coaching note?" });
    expect(within(dialog).getByText(/will be deleted on every device/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(callsTo("coaching_delete")).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Delete the note of 2026-02-01" }));
    dialog = await screen.findByRole("dialog", { name: "Delete this coaching note?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(callsTo("coaching_delete")).toEqual([{ id: "note-1" }]));
  });
});
