import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { OutstandingAck, ReadStatus } from "../ipc/bindings";
import { callsTo, mockIpc } from "../test/ipc";
import { sampleArticle, sampleVersions } from "../test/knowledge";
import { renderApp } from "../test/render";

function owed(agentId: string, agentName: string, overrides: Partial<OutstandingAck> = {}): OutstandingAck {
  return {
    articleId: "art-1",
    articleTitle: "退款流程",
    versionId: "v1",
    versionNumber: 1,
    agentId,
    agentName,
    roleId: "role-agent",
    askedAt: "2026-03-01T08:00:00.000Z",
    ...overrides,
  };
}

const asked: ReadStatus = {
  latestVersionId: "v1",
  latestNumber: 1,
  requests: [{ roleId: "role-agent", versionId: "v1", versionNumber: 1, at: "2026-03-01T08:00:00.000Z" }],
  outstanding: [owed("agent-ann", "Ann Lee"), owed("agent-bo", "Bo Wang")],
  acknowledged: [{ agentId: "agent-cy", agentName: "Cy Chen", versionNumber: 1, ackedOn: "2026-03-02" }],
};

describe("read and acknowledge on the article page", () => {
  it("shows who was asked and who is outstanding, and records one agent or a briefing", async () => {
    mockIpc({
      kb_article_get: () => sampleArticle(),
      kb_version_list: () => sampleVersions,
      kb_article_cases: () => [],
      kb_read_status: () => asked,
      kb_acknowledge: (args) => (args as { agentIds: string[] }).agentIds.length,
    });
    const { user } = renderApp("/knowledge/art-1");
    const panel = await screen.findByRole("region", { name: "Read and acknowledge" });
    expect(await within(panel).findByText("Asked to read: Agent (version 1)")).toBeInTheDocument();
    expect(within(panel).getByText("2 agents still to acknowledge")).toBeInTheDocument();
    const list = within(panel).getByRole("list", { name: "Agents still to acknowledge" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    expect(within(panel).getByText("Acknowledged: Cy Chen (2026-03-02)")).toBeInTheDocument();

    await user.click(within(panel).getByRole("button", { name: "Record that Bo Wang read it today" }));
    await waitFor(() => expect(callsTo("kb_acknowledge")).toHaveLength(1));
    expect(callsTo("kb_acknowledge")[0]).toMatchObject({ article: "art-1", agentIds: ["agent-bo"] });

    await user.click(within(panel).getByRole("button", { name: "Record briefing…" }));
    const dialog = await screen.findByRole("dialog", { name: "Record acknowledgements: 退款流程" });
    // Everyone outstanding is ticked; untick one.
    expect(within(dialog).getByRole("checkbox", { name: "Ann Lee" })).toBeChecked();
    await user.click(within(dialog).getByRole("checkbox", { name: "Ann Lee" }));
    await user.click(within(dialog).getByRole("button", { name: "Record acknowledgements" }));
    await waitFor(() => expect(callsTo("kb_acknowledge")).toHaveLength(2));
    expect(callsTo("kb_acknowledge")[1]).toMatchObject({ article: "art-1", agentIds: ["agent-bo"] });
  });

  it("asks roles to read, publishing a changed text first, and requires a role", async () => {
    mockIpc({
      kb_article_get: () => sampleArticle({ changedSincePublish: true }),
      kb_version_list: () => sampleVersions,
      kb_article_cases: () => [],
      kb_read_ask: () => "v3",
    });
    const { user } = renderApp("/knowledge/art-1");
    const panel = await screen.findByRole("region", { name: "Read and acknowledge" });
    expect(await within(panel).findByText("Publish the article to ask the team to read it.")).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Ask to read…" }));
    const dialog = await screen.findByRole("dialog", { name: "Ask to read: 退款流程" });
    await user.click(within(dialog).getByRole("button", { name: "Ask to read" }));
    expect(await within(dialog).findByText("This field is required.")).toBeInTheDocument();
    expect(callsTo("kb_read_ask")).toHaveLength(0);
    await user.click(within(dialog).getByRole("checkbox", { name: "Agent" }));
    await user.click(within(dialog).getByRole("checkbox", { name: "QA" }));
    expect(
      within(dialog).getByRole("checkbox", { name: "Publish the current text first (it changed since the last version)" }),
    ).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Ask to read" }));
    await waitFor(() =>
      expect(callsTo("kb_read_ask")).toEqual([{ article: "art-1", roleIds: ["role-agent", "role-qa"], publish: true }]),
    );
  });
});

describe("outstanding acknowledgements in the compliance view", () => {
  it("lists each agent with the article to read, linking to it", async () => {
    mockIpc({ kb_outstanding_acks: () => [owed("agent-ann", "Ann Lee", { versionNumber: 3 })] });
    renderApp("/training/compliance");
    const table = await screen.findByRole("table", { name: "Articles agents still have to acknowledge" });
    const row = within(table).getByRole("row", { name: /Ann Lee/ });
    expect(within(row).getByRole("link", { name: "退款流程" })).toHaveAttribute("href", "#/knowledge/art-1");
    expect(within(row).getByText("Version 3")).toBeInTheDocument();
    expect(within(row).getByText("Agent")).toBeInTheDocument();
    expect(callsTo("kb_outstanding_acks").at(-1)).toEqual({ teamId: null });
  });
});
