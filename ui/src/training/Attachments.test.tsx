import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import en from "../i18n/locales/en.json";
import zhHans from "../i18n/locales/zh-Hans.json";
import zhHant from "../i18n/locales/zh-Hant.json";
import type { Attachment } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { renderApp } from "../test/render";
import { sampleHistory } from "../test/training";

const cert: Attachment = { recordId: "r1", name: "crm-certificate.pdf", mime: "application/pdf", size: 120_000 };

function history() {
  const h = sampleHistory();
  // r2 was earned in a session: it carries no file.
  h.records = h.records.map((r) => (r.id === "r2" ? { ...r, fromSession: true } : r));
  return h;
}

describe("certificates on training records", () => {
  it("offers the attached file to save, and a button to attach one on records entered without a session", async () => {
    mockIpc({ training_history: history, training_attachments: () => [cert], training_attachment_save: () => "/home/ann/crm-certificate.pdf" });
    const { user } = renderApp("/training/people/agent-ann");
    const table = await screen.findByRole("table", { name: /records/i });
    const save = await within(table).findByRole("button", { name: "Save the certificate crm-certificate.pdf of CRM basics (2024-06-01)" });
    const attach = within(table).getAllByRole("button", { name: /^Attach file: certificate of / });
    expect(attach).toHaveLength(2);
    // The name starts with the words on the button, so speech input ("click Attach file")
    // finds it (WCAG 2.5.3, axe's label-content-name-mismatch).
    for (const button of attach) expect(button.getAttribute("aria-label")).toMatch(new RegExp(`^${button.textContent}`));
    expect(within(table).queryByRole("button", { name: "Attach file: certificate of Data protection (2024-06-01)" })).not.toBeInTheDocument();
    await user.click(save);
    await waitFor(() => expect(callsTo("training_attachment_save")).toEqual([{ recordId: "r1", fileName: "crm-certificate.pdf" }]));
    expect(await screen.findByText("Saved to /home/ann/crm-certificate.pdf")).toBeInTheDocument();
  });

  it("says why Rust refused a picked file", async () => {
    mockIpc({
      training_history: history,
      training_attachment_pick: () => Promise.reject(ipcError({ code: "validation", field: "file", rule: "attachment_type" })),
    });
    const { user } = renderApp("/training/people/agent-ann");
    await user.click(await screen.findByRole("button", { name: "Attach file: certificate of Data protection (2025-03-20)" }));
    expect(await screen.findByText(/Only PDF, PNG and JPEG files can be attached\./)).toBeInTheDocument();
    expect(callsTo("training_attachment_pick")).toEqual([{ recordId: "r4" }]);
  });

  it("names the attach button starting with the words it shows, in every language", () => {
    for (const locale of [en, zhHans, zhHant]) {
      const { attach, attachTo } = locale.training.attachments;
      expect(attachTo.startsWith(attach)).toBe(true);
    }
  });
});
