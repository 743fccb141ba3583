/**
 * Write or edit an article: title, kind, category, tags, owner, review date and the
 * Markdown body, with a preview rendered exactly as the article page renders it. Saving
 * keeps the article's status; publishing is a separate, deliberate step on its page.
 */
import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  TagsInput,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";

import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { isOneOf } from "../cases/model";
import { LIMITS, type Article, type ArticleKind, type KbCategoryId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useArticle, useArticleTags, useCategories, useSaveArticle } from "../ipc/queries";
import { Markdown } from "./Markdown";
import { KINDS, categoryOptions, kindOptions } from "./model";

const FIELDS = ["title", "body", "kind", "categoryId", "tags", "owner", "reviewOn"] as const;

function EditorForm({ article }: { article?: Article }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const f = article?.fields;
  const categories = useCategories();
  const knownTags = useArticleTags();
  const [title, setTitle] = useState(f?.title ?? "");
  const [kind, setKind] = useState<ArticleKind>(f?.kind ?? "sop");
  const [categoryId, setCategoryId] = useState<KbCategoryId | null>(f?.categoryId ?? null);
  const [tags, setTags] = useState<string[]>(f?.tags ?? []);
  const [owner, setOwner] = useState(f?.owner ?? "");
  const [reviewOn, setReviewOn] = useState(f?.reviewOn ?? "");
  const [body, setBody] = useState(f?.body ?? "");
  const [tab, setTab] = useState<string | null>("write");
  const { errors, save, textField, formProps } = useDialogMutation(useSaveArticle(article?.id ?? null), FIELDS, (id) => {
    void navigate(`/knowledge/${id}`);
  });
  const cancelTo = article ? `/knowledge/${article.id}` : "/knowledge";
  const heading = article ? t("knowledge.editor.editTitle") : t("knowledge.editor.newTitle");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Back to the text, where an error about it shows.
    setTab("write");
    if (formProps.pending || !errors.requireFilled({ title })) return;
    save({ title, body, kind, categoryId, tags, owner, reviewOn: reviewOn || null });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={heading}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {heading}
        </Title>
        <TextInput
          label={t("knowledge.fields.title")}
          {...textField("title", title, setTitle)}
          required
          maxLength={200}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <FormSelect
            label={t("knowledge.fields.kind")}
            data={kindOptions(t)}
            value={kind}
            onChange={(v) => isOneOf(KINDS, v) && setKind(v)}
            allowDeselect={false}
          />
          <FormSelect
            label={t("knowledge.fields.category")}
            placeholder={t("knowledge.editor.noCategory")}
            data={categoryOptions(categories.data ?? [])}
            value={categoryId}
            onChange={(v) => {
              setCategoryId(v);
              errors.clear("categoryId");
            }}
            clearable
            error={errors.fieldErrors.categoryId}
          />
          <TextInput label={t("knowledge.fields.owner")} {...textField("owner", owner, setOwner)} maxLength={120} />
          <TextInput
            type="date"
            label={t("knowledge.fields.reviewOn")}
            {...textField("reviewOn", reviewOn, setReviewOn)}
          />
        </SimpleGrid>
        <TagsInput
          label={t("knowledge.fields.tags")}
          data={knownTags.data ?? []}
          value={tags}
          onChange={(v) => {
            setTags(v);
            errors.clear("tags");
          }}
          maxTags={LIMITS.tagsMax}
          error={errors.fieldErrors.tags}
          clearable
        />
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List aria-label={t("knowledge.fields.body")}>
            <Tabs.Tab value="write">{t("knowledge.editor.write")}</Tabs.Tab>
            <Tabs.Tab value="preview">{t("knowledge.editor.preview")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="xs">
            <Textarea
              label={t("knowledge.fields.body")}
              description={t("knowledge.editor.bodyHint")}
              {...textField("body", body, setBody)}
              autosize
              minRows={8}
              maxLength={LIMITS.articleBodyMax}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs">
            <Paper withBorder radius="md" p="md" aria-label={t("knowledge.editor.preview")} component="section">
              <Markdown text={body} />
            </Paper>
          </Tabs.Panel>
        </Tabs>
        {formProps.formError ? (
          <Alert color="red" role="alert">
            {formProps.formError}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" component={Link} to={cancelTo}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={formProps.pending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `/knowledge/new`: a new draft. */
export function NewArticlePage() {
  return <EditorForm />;
}

/** `/knowledge/:id/edit`: the article's fields as they are now. */
export function EditArticlePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const article = useArticle(id);
  if (article.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t("app.loading")} />
      </Center>
    );
  }
  if (article.isError) return <Alert color="red">{describeError(t, article.error)}</Alert>;
  return <EditorForm article={article.data} />;
}
