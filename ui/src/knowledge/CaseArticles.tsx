/**
 * The case page's knowledge panel: the articles linked to the case, linking another
 * (found by the same search as the knowledge base), unlinking, and "insert script": a
 * call script's text with the case's customer and reference filled in by Rust, copied
 * to the clipboard for the chat or e-mail being written.
 */
import { ActionIcon, Anchor, Button, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconClipboardCopy, IconLinkOff } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { ArticleId, CaseId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { scriptForCase, useArticleSearch, useCaseArticles, useLinkCase, useUnlinkCase } from "../ipc/queries";

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

  return (
    <Paper component="section" withBorder radius="md" p="md" aria-label={t("knowledge.case.title")}>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t("knowledge.case.title")}
        </Title>
        {linked.isError ? (
          <Text size="sm" c="red">
            {describeError(t, linked.error)}
          </Text>
        ) : linked.data && linked.data.length > 0 ? (
          <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {linked.data.map((a) => (
              <Group key={a.id} component="li" gap="xs" justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/knowledge/${a.id}`} size="sm">
                  {a.title}
                </Anchor>
                <Group gap={4} wrap="nowrap">
                  {a.kind === "call_script" ? (
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconClipboardCopy size={12} aria-hidden />}
                      aria-label={t("knowledge.case.insertScriptNamed", { title: a.title })}
                      onClick={() => void insertScript(a.id)}
                    >
                      {t("knowledge.case.insertScript")}
                    </Button>
                  ) : null}
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray"
                    aria-label={t("knowledge.case.unlinkNamed", { title: a.title })}
                    onClick={() => unlink.mutate({ article: a.id, kase: caseId }, { onError: fail })}
                  >
                    <IconLinkOff size={14} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t("knowledge.case.none")}
          </Text>
        )}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label={t("knowledge.case.find")}
            placeholder={t("knowledge.list.searchPlaceholder")}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            data={options}
            value={choice}
            onChange={setChoice}
            nothingFoundMessage={t("knowledge.list.noMatch")}
            style={{ flex: 1 }}
          />
          <Button
            size="sm"
            variant="default"
            disabled={choice === null}
            loading={link.isPending}
            onClick={() =>
              choice &&
              link.mutate(
                { article: choice, kase: caseId },
                {
                  onSuccess: () => {
                    setChoice(null);
                    setSearch("");
                  },
                  onError: fail,
                },
              )
            }
          >
            {t("knowledge.case.link")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
