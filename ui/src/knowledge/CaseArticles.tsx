/**
 * The case page's knowledge panel: the articles linked to the case, linking another
 * (found by the same search as the knowledge base), unlinking, and "insert script": a
 * call script's text with the case's customer and reference filled in by Rust, copied
 * to the clipboard for the chat or e-mail being written.
 */
import { Button } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconClipboardCopy } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ArticleId, CaseId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { scriptForCase, useArticleSearch, useCaseArticles, useLinkCase, useUnlinkCase } from "../ipc/queries";
import { LinkPanel, PickToLink } from "./LinkPanel";

export function CaseArticles({ caseId }: { caseId: CaseId }) {
  const { t } = useTranslation();
  const linked = useCaseArticles(caseId);
  const link = useLinkCase();
  const unlink = useUnlinkCase();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 150);
  const [choice, setChoice] = useState<ArticleId | null>(null);
  const found = useArticleSearch({ text: debounced || null, kind: null, status: null, categoryId: null, tag: null });
  const linkedIds = new Set((linked.data ?? []).map((a) => a.id));
  const options = (found.data ?? [])
    .filter((h) => !linkedIds.has(h.article.id))
    .map((h) => ({ value: h.article.id, label: h.article.title }));
  const fail = (error: unknown) => notifications.show({ color: "red", message: describeError(t, error) });

  const insertScript = async (article: ArticleId) => {
    try {
      await navigator.clipboard.writeText(await scriptForCase(article, caseId));
      notifications.show({ message: t("knowledge.case.scriptCopied") });
    } catch (error) {
      fail(error);
    }
  };

  const rows = linked.data?.map((a) => ({
    key: a.id,
    to: `/knowledge/${a.id}`,
    label: a.title,
    unlinkLabel: t("knowledge.case.unlinkNamed", { title: a.title }),
    onUnlink: () => unlink.mutate({ article: a.id, kase: caseId }, { onError: fail }),
    actions:
      a.kind === "call_script" ? (
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconClipboardCopy size={12} aria-hidden />}
          aria-label={t("knowledge.case.insertScriptNamed", { title: a.title })}
          onClick={() => void insertScript(a.id)}
        >
          {t("knowledge.case.insertScript")}
        </Button>
      ) : null,
  }));

  return (
    <LinkPanel title={t("knowledge.case.title")} rows={rows} error={linked.error} none={t("knowledge.case.none")}>
      <PickToLink
        label={t("knowledge.case.find")}
        placeholder={t("knowledge.list.searchPlaceholder")}
        searchValue={search}
        onSearchChange={setSearch}
        // The search already chose the options; the picker must not filter them again.
        filter={({ options: all }) => all}
        data={options}
        value={choice}
        onChange={setChoice}
        button={t("knowledge.case.link")}
        pending={link.isPending}
        onLink={(article) =>
          link.mutate(
            { article, kase: caseId },
            {
              onSuccess: () => {
                setChoice(null);
                setSearch("");
              },
              onError: fail,
            },
          )
        }
      />
    </LinkPanel>
  );
}
