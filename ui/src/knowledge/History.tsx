/**
 * An article's history: every publication (numbered) and every text kept from a sync
 * conflict, each restorable as the new draft; and a line diff between any two of them
 * or the current draft. Added and removed lines say so in words for screen readers, and
 * their colours are the theme's, so they read in light and dark alike.
 */
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconRestore } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { formatDateTime } from "../cases/time";
import type { Article, ArticleVersionId, ArticleVersionSummary, DiffLine } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useArticleVersions, useRestoreVersion, useVersionDiff } from "../ipc/queries";

/** The select value standing for the current draft. */
const DRAFT = "draft";

function versionName(t: TFunction, v: ArticleVersionSummary): string {
  return v.kind === "published"
    ? t("knowledge.history.version", { number: v.number })
    : t("knowledge.history.conflictVersion");
}

const LINE_LOOK: Record<DiffLine["op"], { sign: string; background?: string }> = {
  equal: { sign: " " },
  insert: { sign: "+", background: "var(--mantine-color-green-light)" },
  delete: { sign: "−", background: "var(--mantine-color-red-light)" },
};

const DIFF_LIST = { listStyle: "none", margin: 0, overflowX: "auto" } as const;
const DIFF_LINE = { fontFamily: "var(--mantine-font-family-monospace)", whiteSpace: "pre-wrap", padding: "0 8px" } as const;

function Diff({ lines }: { lines: readonly DiffLine[] }) {
  const { t } = useTranslation();
  if (lines.every((l) => l.op === "equal")) return <Text size="sm" c="dimmed">{t("knowledge.history.same")}</Text>;
  return (
    <Paper withBorder radius="sm" p={0} component="ol" aria-label={t("knowledge.history.diff")} style={DIFF_LIST}>
      {lines.map((l, i) => (
        <li key={i} style={{ ...DIFF_LINE, background: LINE_LOOK[l.op].background }}>
          <span aria-hidden>{LINE_LOOK[l.op].sign} </span>
          {l.op !== "equal" ? <VisuallyHidden>{t(`knowledge.history.${l.op}`)}</VisuallyHidden> : null}
          <Text component="span" size="sm">
            {l.text || "\u00a0"}
          </Text>
        </li>
      ))}
    </Paper>
  );
}

export function History({ article }: { article: Article }) {
  const { t, i18n } = useTranslation();
  const versions = useArticleVersions(article.id);
  const restore = useRestoreVersion();
  const list = versions.data ?? [];
  const latest = list.at(-1)?.id ?? null;
  const [old, setOld] = useState<string | null>(null);
  const [next, setNext] = useState<string>(DRAFT);
  const oldChoice = old ?? latest;
  const toId = (v: string | null): ArticleVersionId | null => (v === null || v === DRAFT ? null : v);
  const diff = useVersionDiff(article.id, toId(oldChoice), toId(next), oldChoice !== null);
  const options = [
    ...list.map((v) => ({ value: v.id, label: `${versionName(t, v)} · ${formatDateTime(i18n.language, v.at)}` })),
    { value: DRAFT, label: t("knowledge.history.draft") },
  ];

  return (
    <Paper component="section" withBorder radius="md" p="md" aria-label={t("knowledge.history.title")}>
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t("knowledge.history.title")}
        </Title>
        {versions.isError ? (
          <Text size="sm" c="red">
            {describeError(t, versions.error)}
          </Text>
        ) : list.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("knowledge.history.none")}
          </Text>
        ) : (
          <>
            <Table aria-label={t("knowledge.history.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("knowledge.history.versionColumn")}</Table.Th>
                  <Table.Th scope="col">{t("knowledge.fields.title")}</Table.Th>
                  <Table.Th scope="col">{t("knowledge.history.who")}</Table.Th>
                  <Table.Th scope="col">{t("knowledge.history.when")}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t("knowledge.history.actions")}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Th scope="row" fw="normal">
                      {v.kind === "conflict" ? (
                        <Badge color="orange" variant="light" tt="none">
                          {versionName(t, v)}
                        </Badge>
                      ) : (
                        versionName(t, v)
                      )}
                    </Table.Th>
                    <Table.Td>{v.title}</Table.Td>
                    <Table.Td>{v.author || t("knowledge.history.thisDevice")}</Table.Td>
                    <Table.Td>{formatDateTime(i18n.language, v.at)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconRestore size={12} aria-hidden />}
                        aria-label={t("knowledge.history.restoreNamed", { name: versionName(t, v) })}
                        loading={restore.isPending && restore.variables === v.id}
                        onClick={() =>
                          restore.mutate(v.id, {
                            onSuccess: () => notifications.show({ message: t("knowledge.history.restored") }),
                            onError: (e) => notifications.show({ color: "red", message: describeError(t, e) }),
                          })
                        }
                      >
                        {t("knowledge.history.restore")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group gap="sm" align="flex-end" role="group" aria-label={t("knowledge.history.compare")}>
              <Select
                label={t("knowledge.history.older")}
                data={options}
                value={oldChoice}
                onChange={setOld}
                allowDeselect={false}
                w={300}
              />
              <Select
                label={t("knowledge.history.newer")}
                data={options}
                value={next}
                onChange={(v) => setNext(v ?? DRAFT)}
                allowDeselect={false}
                w={300}
              />
            </Group>
            {diff.isError ? (
              <Text size="sm" c="red">
                {describeError(t, diff.error)}
              </Text>
            ) : diff.data ? (
              <Diff lines={diff.data} />
            ) : null}
          </>
        )}
      </Stack>
    </Paper>
  );
}
