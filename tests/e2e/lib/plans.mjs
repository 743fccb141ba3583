/**
 * Contingency plans through the UI, the moves a supervisor makes: a new plan, its steps,
 * publishing, and starting a run (scenarios 15 and 17).
 */
import { clickButton, fillTextbox, submitDialog, waitForText } from "./cases.mjs";
import { getByRole } from "./queries.mjs";
import { openSection } from "./ui.mjs";

/** Creates a plan titled `title` from the Plans page; the app then shows the plan's page. */
export async function createPlan(browser, title) {
  await openSection(browser, "Plans");
  await clickButton(browser, "New plan");
  const dialog = await getByRole(browser, "dialog", { name: "New contingency plan" });
  await fillTextbox(browser, "Title", title, { within: dialog });
  await submitDialog(browser, dialog, "New contingency plan", "Create plan");
}

/**
 * Adds a step to the plan shown: `phase` as the UI names it (Monitoring, Warning, Response,
 * Recovery), its text, and its target in minutes after activation.
 */
export async function addStep(browser, { phase, text, offsetMinutes }) {
  await clickButton(browser, `Add step to ${phase}`);
  const name = `New step in ${phase}`;
  const dialog = await getByRole(browser, "dialog", { name });
  await fillTextbox(browser, "Step", text, { within: dialog });
  await fillTextbox(browser, "Target (minutes after activation)", String(offsetMinutes), { within: dialog });
  await submitDialog(browser, dialog, name, "Add step");
}

/** Publishes the plan shown and waits for its version `number`. */
export async function publishPlan(browser, number = 1) {
  await clickButton(browser, "Publish");
  await waitForText(browser, await getByRole(browser, "main"), (t) => t.includes(`Version ${number}, published`), `the plan's version ${number}`);
}

/**
 * Starts a run (a drill, the form's default) of the plan shown, led by `commander`; returns
 * once the run's page is open.
 */
export async function startDrill(browser, commander) {
  await browser.execute((el) => el.scrollIntoView({ block: "center" }), await getByRole(browser, "button", { name: "Start a run" }));
  await clickButton(browser, "Start a run");
  const dialog = await getByRole(browser, "dialog", { name: "Start a run of this plan" });
  await fillTextbox(browser, "Incident commander", commander, { within: dialog });
  await submitDialog(browser, dialog, "Start a run of this plan", "Start a run");
  await getByRole(browser, "link", { name: "Back to the plan" });
}
