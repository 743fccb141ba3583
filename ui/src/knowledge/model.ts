/** The fixed lists of the knowledge base, as Rust names them, with their labels and colours. */
import type { TFunction } from "i18next";

import type { ArticleKind, ArticleStatus, Category } from "../ipc/bindings";

export const KINDS: readonly ArticleKind[] = ["sop", "policy", "call_script", "known_issue", "other"];
export const STATUSES: readonly ArticleStatus[] = ["draft", "published", "archived"];

export const kindOptions = (t: TFunction) => KINDS.map((v) => ({ value: v, label: t(`knowledge.kind.${v}`) }));
export const statusOptions = (t: TFunction) => STATUSES.map((v) => ({ value: v, label: t(`knowledge.status.${v}`) }));

/** The category tree as select options, each indented by its depth (the list is in tree order). */
export const categoryOptions = (categories: readonly Category[]) =>
  categories.map((c) => ({ value: c.id, label: `${"\u00a0\u00a0".repeat(c.depth)}${c.name}` }));

/** Mantine theme colours; each badge also says its state in words. */
export const STATUS_COLOR: Record<ArticleStatus, string> = { draft: "gray", published: "green", archived: "dark" };
