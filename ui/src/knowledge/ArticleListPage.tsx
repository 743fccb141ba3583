/**
 * Every article the search and filters find: kind, category (with its subcategories),
 * tag and status (archived ones only when asked for); the search text is marked in each
 * title and in a snippet of the body.
 */
import { Anchor, Button, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { isOneOf } from "../cases/model";
import { formatDateTime } from "../cases/time";
import { LIMITS, type ArticleKind, type ArticleStatus, type KbCategoryId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useArticleSearch, useArticleTags, useCategories } from "../ipc/queries";
import { ArticleStatusBadge, ConflictBadge, KindBadge } from "./Badges";
import { CategoriesDialog } from "./CategoriesDialog";
import { MarkdownDialog } from "./MarkdownDialog";
import { CategoryDialog } from "./CategoryDialog";
import { Highlighted } from "./Highlighted";
import { KINDS, STATUSES, categoryOptions, kindOptions, statusOptions } from "./model";

const PLAIN_LIST = { listStyle: "none", padding: 0, margin: 0 } as const;

export function ArticleListPage() {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState("");
  const [debounced] = useDebouncedValue(text, 150);
  const [kind, setKind] = useState<ArticleKind | null>(null);
  const [status, setStatus] = useState<ArticleStatus | null>(null);
  const [categoryId, setCategoryId] = useState<KbCategoryId | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [addingCategory, setAddingCategory] = useState(false);
  const [managingCategories, setManagingCategories] = useState(false);
  const [movingFiles, setMovingFiles] = useState(false);
  const categories = useCategories();
  const tags = useArticleTags();
  const found = useArticleSearch({ text: debounced.trim() || null, kind, status, categoryId, tag });

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t("knowledge.list.search")}
          placeholder={t("knowledge.list.searchPlaceholder")}
          leftSection={<IconSearch size={14} aria-hidden />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={LIMITS.articleSearchMax}
          type="search"
          w={320}
        />
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setAddingCategory(true)}>
            {t("knowledge.category.new")}
          </Button>
          <Button size="xs" variant="default" onClick={() => setManagingCategories(true)}>
            {t("knowledge.category.manage")}
          </Button>
          <Button size="xs" variant="default" onClick={() => setMovingFiles(true)}>
            {t("knowledge.files.open")}
          </Button>
          <Button size="xs" component={Link} to="/knowledge/new" leftSection={<IconPlus size={14} aria-hidden />}>
            {t("knowledge.list.new")}
          </Button>
        </Group>
      </Group>
      <Group gap="sm" role="group" aria-label={t("knowledge.list.filters")}>
        <Select
          label={t("knowledge.fields.kind")}
          placeholder={t("knowledge.list.any")}
          data={kindOptions(t)}
          value={kind}
          onChange={(v) => setKind(isOneOf(KINDS, v) ? v : null)}
          clearable
          w={180}
        />
        <Select
          label={t("knowledge.fields.category")}
          placeholder={t("knowledge.list.any")}
          data={categoryOptions(categories.data ?? [])}
          value={categoryId}
          onChange={setCategoryId}
          clearable
          w={200}
        />
        <Select
          label={t("knowledge.fields.tag")}
          placeholder={t("knowledge.list.any")}
          data={tags.data ?? []}
          value={tag}
          onChange={setTag}
          clearable
          searchable
          w={160}
        />
        <Select
          label={t("knowledge.fields.status")}
          placeholder={t("knowledge.list.notArchived")}
          data={statusOptions(t)}
          value={status}
          onChange={(v) => setStatus(isOneOf(STATUSES, v) ? v : null)}
          clearable
          w={180}
        />
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {found.isError ? describeError(t, found.error) : t("knowledge.list.count", { count: found.data?.length ?? 0 })}
      </Text>
      {found.data && found.data.length > 0 ? (
        <Stack gap="xs" component="ul" aria-label={t("knowledge.list.label")} style={PLAIN_LIST}>
          {found.data.map((hit) => (
            <li key={hit.article.id}>
              <Stack gap={2}>
                <Group gap="xs">
                  <Anchor component={Link} to={`/knowledge/${hit.article.id}`} fw={500}>
                    <Highlighted segments={hit.title} />
                  </Anchor>
                  <KindBadge kind={hit.article.kind} />
                  <ArticleStatusBadge status={hit.article.status} />
                  <ConflictBadge count={hit.article.conflicts} />
                </Group>
                {hit.snippet.length > 0 ? (
                  <Text size="sm" c="dimmed">
                    <Highlighted segments={hit.snippet} />
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed">
                  {t("knowledge.list.updated", { when: formatDateTime(i18n.language, hit.article.updatedAt) })}
                  {hit.article.tags.length > 0 ? ` · ${hit.article.tags.join(", ")}` : ""}
                </Text>
              </Stack>
            </li>
          ))}
        </Stack>
      ) : found.data ? (
        <Text c="dimmed">{debounced.trim() ? t("knowledge.list.noMatch") : t("knowledge.list.empty")}</Text>
      ) : null}
      {addingCategory ? <CategoryDialog opened onClose={() => setAddingCategory(false)} /> : null}
      {managingCategories ? <CategoriesDialog onClose={() => setManagingCategories(false)} /> : null}
      {movingFiles ? <MarkdownDialog onClose={() => setMovingFiles(false)} /> : null}
    </Stack>
  );
}
