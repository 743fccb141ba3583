import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { LinkedArticle } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { sampleArticle } from "../test/knowledge";
import { samplePlan, samplePlanSummary, sampleRun } from "../test/plans";
import { renderApp } from "../test/render";
import { sampleCourses } from "../test/training";

const sop: LinkedArticle = { id: "art-1", title: "退款流程", kind: "sop", status: "published" };

describe("article links to plan steps and courses", () => {
  it("lists the linked steps and courses and links a step chosen by plan", async () => {
    let links = 0;
    mockIpc({
      kb_article_get: () => sampleArticle(),
      kb_version_list: () => [],
      kb_article_cases: () => [],
      kb_article_steps: () => [
        { id: "s1", planId: "plan-1", planTitle: "Telephony outage", phase: "monitoring", text: "Watch the queue" },
      ],
      kb_article_courses: () => [{ id: "course-gdpr", title: "Data protection" }],
      plan_list: () => [samplePlanSummary],
      plan_get: () => samplePlan(),
      course_list: () => sampleCourses,
      kb_link_step: () => {
        links += 1;
        return links === 1 ? Promise.reject(ipcError({ code: "not_found" })) : null;
      },
      kb_unlink_course: () => null,
    });
    const { user } = renderApp("/knowledge/art-1");
    const steps = await screen.findByRole("region", { name: "Plan steps" });
    expect(await within(steps).findByRole("link", { name: "Telephony outage · Monitoring: Watch the queue" })).toHaveAttribute(
      "href",
      "#/plans/plan-1",
    );
    await user.click(within(steps).getByRole("combobox", { name: "Plan" }));
    await user.click(await screen.findByRole("option", { name: "Telephony outage" }));
    await user.click(await within(steps).findByRole("combobox", { name: "Step" }));
    // The step already linked is not offered again.
    expect(screen.queryByRole("option", { name: "Monitoring · Watch the queue" })).not.toBeInTheDocument();
    await user.click(await screen.findByRole("option", { name: "Response · Switch to the backup line" }));
    await user.click(within(steps).getByRole("button", { name: "Link to step" }));
    // A step deleted meanwhile: the error says so, in words.
    expect(await screen.findByText("The item was not found. It may have been deleted.")).toBeInTheDocument();
    await user.click(within(steps).getByRole("button", { name: "Link to step" }));
    await waitFor(() => expect(callsTo("kb_link_step")).toHaveLength(2));
    expect(callsTo("kb_link_step")[1]).toEqual({ article: "art-1", step: "s3" });

    const courses = screen.getByRole("region", { name: "Course materials" });
    expect(within(courses).getByText("Data protection")).toBeInTheDocument();
    await user.click(within(courses).getByRole("button", { name: "Remove from Data protection" }));
    await waitFor(() => expect(callsTo("kb_unlink_course")).toEqual([{ article: "art-1", course: "course-gdpr" }]));
  });
});

describe("a step's articles at hand", () => {
  it("shows a step's articles in the run's checklist", async () => {
    mockIpc({ plan_run_get: () => sampleRun(), kb_plan_articles: () => [{ stepId: "s3", article: sop }] });
    renderApp("/plans/runs/run-1");
    const response = await screen.findByRole("region", { name: "Response" });
    const list = await within(response).findByRole("list", { name: "Articles for Switch to the backup line" });
    expect(within(list).getByRole("link", { name: "退款流程" })).toHaveAttribute("href", "#/knowledge/art-1");
    expect(callsTo("kb_plan_articles")).toContainEqual({ plan: "plan-1" });
    expect(within(response).queryByRole("list", { name: "Articles for Post a status notice" })).not.toBeInTheDocument();
  });

  it("shows a step's articles on the plan page", async () => {
    mockIpc({ plan_get: () => samplePlan(), kb_plan_articles: () => [{ stepId: "s1", article: sop }] });
    renderApp("/plans/plan-1");
    const monitoring = await screen.findByRole("region", { name: "Monitoring" });
    const list = await within(monitoring).findByRole("list", { name: "Articles for Watch the queue" });
    expect(within(list).getByRole("link", { name: "退款流程" })).toBeInTheDocument();
  });

  it("shows a course's materials on the courses page", async () => {
    mockIpc({ course_list: () => sampleCourses, kb_course_materials: () => [{ courseId: "course-gdpr", article: sop }] });
    renderApp("/training/courses");
    const table = await screen.findByRole("table", { name: "Courses" });
    const row = within(table).getByRole("row", { name: /Data protection/ });
    const list = await within(row).findByRole("list", { name: "Materials of Data protection" });
    expect(within(list).getByRole("link", { name: "退款流程" })).toHaveAttribute("href", "#/knowledge/art-1");
  });
});
