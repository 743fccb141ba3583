/** Knowledge-base samples: a published refund SOP edited on two devices, and a call script. */
import type { Article, ArticleHit, ArticleVersionSummary } from "../ipc/bindings";

export function sampleArticle(overrides: Partial<Article> = {}): Article {
  return {
    id: "art-1",
    fields: {
      title: "退款流程",
      body: "# Refunds\n\n1. Check the order\n2. Refund within 3 days",
      kind: "sop",
      categoryId: null,
      tags: ["billing"],
      owner: "Mei Chen",
      reviewOn: "2027-01-31",
    },
    status: "published",
    changedSincePublish: false,
    conflicts: 0,
    createdAt: "2026-03-01T08:00:00.000Z",
    updatedAt: "2026-03-02T08:00:00.000Z",
    ...overrides,
  };
}

export const sampleVersions: ArticleVersionSummary[] = [
  { id: "v1", kind: "published", number: 1, title: "退款流程", author: "mei@example.com", at: "2026-03-01T08:00:00.000Z" },
  { id: "v2", kind: "conflict", number: 0, title: "退款流程", author: "ann@example.com", at: "2026-03-02T09:00:00.000Z" },
];

export const sampleHit: ArticleHit = {
  article: {
    id: "art-1",
    title: "退款流程",
    kind: "sop",
    categoryId: null,
    status: "published",
    tags: ["billing"],
    reviewOn: null,
    conflicts: 0,
    updatedAt: "2026-03-02T08:00:00.000Z",
  },
  title: [{ text: "退款流程", hit: false }],
  snippet: [
    { text: "先核对订单，再办理", hit: false },
    { text: "退款", hit: true },
    { text: "。", hit: false },
  ],
};
