import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Settings } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc, rejectWith, sampleSettings } from "../test/ipc";
import { renderApp } from "../test/render";

async function openSettings() {
  const app = renderApp("/settings");
  await screen.findByLabelText("Organisation name");
  return app;
}

function saveButton() {
  return screen.getByRole("button", { name: "Save" });
}

describe("settings form", () => {
  it("shows a loader, then the stored values", async () => {
    mockIpc();
    renderApp("/settings");
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();

    expect(await screen.findByLabelText("Organisation name")).toHaveValue("Acme Support");
    expect(screen.getByRole("combobox", { name: "Time zone" })).toHaveValue("Europe/Berlin");
    expect(screen.getByRole("combobox", { name: "Language" })).toHaveValue("English");
    expect(screen.getByRole("combobox", { name: "Theme" })).toHaveValue("Light");

    expect(screen.getByRole("switch", { name: "Open on Monday" })).toBeChecked();
    expect(screen.getByLabelText("Monday opening time")).toHaveValue("09:00");
    expect(screen.getByLabelText("Friday closing time")).toHaveValue("17:30");
    expect(screen.getByRole("switch", { name: "Open on Sunday" })).not.toBeChecked();
    expect(screen.queryByLabelText("Sunday opening time")).not.toBeInTheDocument();
  });

  it("saves the edited settings and says so", async () => {
    const ipc = mockIpc();
    const { user } = await openSettings();

    const name = screen.getByLabelText("Organisation name");
    await user.clear(name);
    await user.type(name, "Globex Helpdesk");
    await user.click(screen.getByRole("switch", { name: "Open on Saturday" }));
    fireEvent.change(screen.getByLabelText("Saturday opening time"), { target: { value: "10:00" } });
    fireEvent.change(screen.getByLabelText("Saturday closing time"), { target: { value: "14:00" } });

    await user.click(screen.getByRole("combobox", { name: "Time zone" }));
    await user.click(await screen.findByRole("option", { name: "Asia/Shanghai" }));

    expect(screen.getByText("Unsaved changes")).toBeInTheDocument();
    await user.click(saveButton());

    expect(await screen.findByText("Settings saved")).toBeInTheDocument();
    const expected: Settings = sampleSettings({
      organisationName: "Globex Helpdesk",
      timeZone: "Asia/Shanghai",
    });
    expected.workingHours[5] = { weekday: "sat", open: true, intervals: [{ start: "10:00", end: "14:00" }] };
    expect(callsTo("settings_save")).toEqual([{ settings: expected }]);
    expect(ipc).toHaveBeenCalledWith("settings_save", { settings: expected });

    // The header follows the saved name, and nothing is left unsaved.
    expect(screen.getByTestId("organisation-name")).toHaveTextContent("Globex Helpdesk");
    expect(screen.queryByText("Unsaved changes")).not.toBeInTheDocument();
  });

  it("rejects an empty time without calling save", async () => {
    mockIpc();
    const { user } = await openSettings();

    fireEvent.change(screen.getByLabelText("Monday opening time"), { target: { value: "" } });
    await user.click(saveButton());

    const start = screen.getByLabelText("Monday opening time");
    expect(start).toHaveAttribute("aria-invalid", "true");
    expect(start).toHaveAccessibleDescription("This field is required.");
    expect(start).toHaveFocus();
    expect(screen.getByText("Some fields need attention before saving.")).toBeInTheDocument();
    expect(callsTo("settings_save")).toEqual([]);
  });

  it("rejects a closing time before the opening time without calling save", async () => {
    mockIpc();
    const { user } = await openSettings();

    fireEvent.change(screen.getByLabelText("Wednesday closing time"), { target: { value: "08:00" } });
    await user.click(saveButton());

    const end = screen.getByLabelText("Wednesday closing time");
    expect(end).toHaveAttribute("aria-invalid", "true");
    expect(end).toHaveAccessibleDescription(
      "The closing time must be later than the opening time.",
    );
    expect(callsTo("settings_save")).toEqual([]);

    // Fixing the row clears its error and lets the save through.
    fireEvent.change(end, { target: { value: "18:00" } });
    expect(end).not.toHaveAttribute("aria-invalid", "true");
    await user.click(saveButton());
    expect(await screen.findByText("Settings saved")).toBeInTheDocument();
    expect(callsTo("settings_save")).toHaveLength(1);
  });

  it("does not check the times of a closed day", async () => {
    mockIpc();
    const { user } = await openSettings();
    fireEvent.change(screen.getByLabelText("Tuesday opening time"), { target: { value: "" } });
    await user.click(screen.getByRole("switch", { name: "Open on Tuesday" }));
    await user.click(saveButton());
    expect(await screen.findByText("Settings saved")).toBeInTheDocument();
  });

  it("lets a 121st character be typed and refuses it beside the field, counting characters", async () => {
    mockIpc();
    const { user } = await openSettings();
    const name = screen.getByLabelText("Organisation name");
    // No maxlength: the browser would drop the 121st character silently.
    expect(name).not.toHaveAttribute("maxlength");

    // 120 characters outside the Basic Multilingual Plane are 240 UTF-16 units: accepted.
    const astral = "\u{20000}".repeat(120);
    fireEvent.change(name, { target: { value: astral } });
    await user.click(saveButton());
    expect(await screen.findByText("Settings saved")).toBeInTheDocument();
    expect(callsTo("settings_save")).toHaveLength(1);

    // Pasted, not typed key by key (121 keystrokes are slow here); user-event's paste
    // honours maxlength as a browser does.
    await user.clear(name);
    await user.paste("客服".repeat(30) + "x".repeat(61));
    expect([...(name as HTMLInputElement).value]).toHaveLength(121);
    await user.click(saveButton());

    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveAccessibleDescription(/Must be at most 120 characters\./);
    expect(name).toHaveFocus();
    expect(screen.getByText("Some fields need attention before saving.")).toBeInTheDocument();
    expect(callsTo("settings_save")).toHaveLength(1);
  });

  it("shows a validation error from Rust beside its field", async () => {
    mockIpc({
      settings_save: rejectWith(
        ipcError({ code: "validation", field: "organisationName", rule: "too_long", limit: 120 }),
      ),
    });
    const { user } = await openSettings();
    await user.type(screen.getByLabelText("Organisation name"), " International");
    await user.click(saveButton());

    const name = screen.getByLabelText("Organisation name");
    await waitFor(() => expect(name).toHaveAttribute("aria-invalid", "true"));
    expect(name).toHaveAccessibleDescription(/Must be at most 120 characters\./);
    expect(name).toHaveFocus();
    expect(screen.queryByText("Settings saved")).not.toBeInTheDocument();
    expect(screen.queryByText("Settings were not saved")).not.toBeInTheDocument();

    // Editing the field clears the stale error.
    await user.type(name, "!");
    expect(name).not.toHaveAttribute("aria-invalid", "true");
  });

  it("places a Rust error about one day's time on that row", async () => {
    mockIpc({
      settings_save: rejectWith(
        ipcError({ code: "validation", field: "workingHours[3].end", rule: "end_before_start" }),
      ),
    });
    const { user } = await openSettings();
    await user.click(saveButton());
    const end = await screen.findByLabelText("Thursday closing time");
    await waitFor(() => expect(end).toHaveAttribute("aria-invalid", "true"));
    expect(end).toHaveAccessibleDescription(
      "The closing time must be later than the opening time.",
    );
  });

  it("shows other save errors in an alert, translated from the code", async () => {
    mockIpc({ settings_save: rejectWith(ipcError({ code: "storage", message: "disk I/O error" })) });
    const { user } = await openSettings();
    await user.click(saveButton());

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Settings were not saved");
    expect(alert).toHaveTextContent("The local database could not be read or written.");
    expect(alert).not.toHaveTextContent("disk I/O error");
  });

  it("discards unsaved edits", async () => {
    mockIpc();
    const { user } = await openSettings();
    const name = screen.getByLabelText("Organisation name");
    await user.type(name, " Ltd");
    await user.click(screen.getByRole("button", { name: "Discard changes" }));
    expect(name).toHaveValue("Acme Support");
    expect(screen.getByRole("button", { name: "Discard changes" })).toBeDisabled();
  });

  it("applies a saved language at once", async () => {
    mockIpc();
    const { user } = await openSettings();

    await user.click(screen.getByRole("combobox", { name: "Language" }));
    await user.click(await screen.findByRole("option", { name: "简体中文" }));
    await user.click(saveButton());

    expect(await screen.findByText("设置已保存")).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "主导航" });
    expect(within(nav).getByRole("link", { name: "设置" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "应急预案" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "设置" })).toBeInTheDocument();
    expect(screen.getByLabelText("组织名称")).toHaveValue("Acme Support");
    expect(document.documentElement.lang).toBe("zh-Hans");
    // Language names stay in their own script.
    expect(screen.getByRole("combobox", { name: "语言" })).toHaveValue("简体中文");
  });

  it("applies a saved theme at once", async () => {
    mockIpc();
    const { user } = await openSettings();
    expect(document.documentElement).toHaveAttribute("data-mantine-color-scheme", "light");

    await user.click(screen.getByRole("combobox", { name: "Theme" }));
    await user.click(await screen.findByRole("option", { name: "Dark" }));
    await user.click(saveButton());

    await screen.findByText("Settings saved");
    expect(document.documentElement).toHaveAttribute("data-mantine-color-scheme", "dark");
  });

  it("shows a load error with Retry, and recovers", async () => {
    let fail = true;
    mockIpc({
      settings_get: () =>
        fail ? Promise.reject(ipcError({ code: "storage" })) : sampleSettings(),
    });
    const { user } = renderApp("/settings");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Settings could not be loaded");
    expect(alert).toHaveTextContent("The local database could not be read or written.");

    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByLabelText("Organisation name")).toHaveValue("Acme Support");
  });
});
