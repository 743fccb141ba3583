import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { ArticleInput } from "../ipc/bindings";
import { callsTo, ipcError, mockIpc } from "../test/ipc";
import { sampleArticle } from "../test/knowledge";
import { renderApp } from "../test/render";

const PNG_URL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==";

function withBody(body: string) {
  const article = sampleArticle({ status: "draft" });
  return { ...article, fields: { ...article.fields, body } };
}

describe("images stored with the database", () => {
  it("shows a stored image from IPC as a data URL, never a remote one", async () => {
    mockIpc({
      kb_article_get: () =>
        withBody("![Refund form](frontline-image:img-1)\n\n![Gone](frontline-image:img-9)\n\n![pixel](https://tracker.example.com/p.png)"),
      kb_version_list: () => [],
      kb_article_cases: () => [],
      kb_image_get: (args) =>
        (args as { id: string }).id === "img-1"
          ? { id: "img-1", articleId: "art-1", mime: "image/png", dataUrl: PNG_URL }
          : Promise.reject(ipcError({ code: "not_found" })),
    });
    renderApp("/knowledge/art-1");
    const article = await screen.findByRole("article", { name: "退款流程" });
    const image = await within(article).findByRole("img", { name: "Refund form" });
    expect(image).toHaveAttribute("src", PNG_URL);
    expect(await within(article).findByText("Image missing: Gone")).toBeInTheDocument();
    expect(within(article).getByText("Image not shown: pixel")).toBeInTheDocument();
    expect(article.innerHTML).not.toContain("tracker.example.com");
    expect(within(article).getAllByRole("img")).toHaveLength(1);
  });

  it("stores a pasted image and puts its reference where the cursor is", async () => {
    mockIpc({
      kb_article_get: () => withBody("Before\nAfter"),
      kb_version_list: () => [],
      kb_article_cases: () => [],
      kb_image_add: () => "img-7",
      kb_article_update: () => null,
    });
    const { user } = renderApp("/knowledge/art-1/edit");
    const body = (await screen.findByRole("textbox", { name: "Body" })) as HTMLTextAreaElement;
    body.setSelectionRange(7, 7);
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], "refund form.png", {
      type: "image/png",
    });
    fireEvent.paste(body, { clipboardData: { files: [file] } });
    await waitFor(() => expect(body.value).toBe("Before\n![refund form](frontline-image:img-7)After"));
    const call = callsTo("kb_image_add")[0] as { article: string; data: string };
    expect(call.article).toBe("art-1");
    expect(call.data).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(callsTo("kb_article_update")).toHaveLength(1));
    const input = (callsTo("kb_article_update")[0] as { input: ArticleInput }).input;
    expect(input.body).toContain("(frontline-image:img-7)");
  });

  it("says why a picked file is refused and changes nothing", async () => {
    mockIpc({
      kb_article_get: () => withBody("Text"),
      kb_version_list: () => [],
      kb_article_cases: () => [],
      kb_image_pick: () => Promise.reject(ipcError({ code: "validation", field: "image", rule: "image_type" })),
    });
    const { user } = renderApp("/knowledge/art-1/edit");
    const body = (await screen.findByRole("textbox", { name: "Body" })) as HTMLTextAreaElement;
    await user.click(screen.getByRole("button", { name: "Add image…" }));
    expect(await screen.findByText("Image: Only PNG, JPEG, GIF and WebP images can be added.")).toBeInTheDocument();
    expect(body.value).toBe("Text");
  });

  it("asks for a title before a new article's first image, and stores nothing", async () => {
    const { user } = renderApp("/knowledge/new");
    await user.click(await screen.findByRole("button", { name: "Add image…" }));
    expect(await screen.findByRole("textbox", { name: "Title" })).toHaveAccessibleDescription(/required/i);
    expect(callsTo("kb_article_create")).toHaveLength(0);
    expect(callsTo("kb_image_pick")).toHaveLength(0);
  });

  it("saves a new article as a draft for its first image, then goes on editing that draft", async () => {
    mockIpc({
      kb_article_create: () => "art-9",
      kb_image_add: () => "img-3",
      kb_article_update: () => null,
    });
    const { user } = renderApp("/knowledge/new");
    await user.type(await screen.findByRole("textbox", { name: "Title" }), "Outage banner");
    const body = screen.getByRole("textbox", { name: "Body" }) as HTMLTextAreaElement;
    await user.type(body, "Shown here:");
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "banner.png", { type: "image/png" });
    fireEvent.paste(body, { clipboardData: { files: [file] } });
    await waitFor(() => expect(body.value).toBe("Shown here:![banner](frontline-image:img-3)"));
    expect((callsTo("kb_article_create")[0] as { input: ArticleInput }).input.title).toBe("Outage banner");
    expect((callsTo("kb_image_add")[0] as { article: string }).article).toBe("art-9");
    expect(await screen.findByText("Saved as a draft so that the image can be stored with it.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(callsTo("kb_article_update")).toHaveLength(1));
    expect(callsTo("kb_article_create")).toHaveLength(1);
    const update = callsTo("kb_article_update")[0] as { id: string; input: ArticleInput };
    expect(update.id).toBe("art-9");
    expect(update.input.body).toContain("(frontline-image:img-3)");
  });
});
