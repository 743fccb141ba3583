/**
 * Write or edit an article: title, kind, category, tags, owner, review date and the
 * Markdown body, with a preview rendered exactly as the article page renders it. Saving
 * keeps the article's status; publishing is a separate, deliberate step on its page.
 * An image pasted into the text or picked from a file (in Rust's dialog) is stored with
 * the database and referred to as `![name](frontline-image:ID)` where the cursor is.
 * An image belongs to its article, so the first image of a new article saves it as a
 * draft (it needs a title for that); the form then goes on editing that draft.
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
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPhotoPlus } from "@tabler/icons-react";
import { useRef, useState, type ClipboardEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";

import { FormSelect } from "../cases/dialogs/FormSelect";
import { useDialogMutation } from "../cases/dialogs/useDialogMutation";
import { isOneOf } from "../cases/model";
import { LIMITS, type Article, type ArticleId, type ArticleImageId, type ArticleKind, type KbCategoryId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import {
  addArticleImage,
  pickArticleImage,
  useArticle,
  useArticleTags,
  useCategories,
  useSaveArticle,
} from "../ipc/queries";
import { IMAGE_SCHEME, Markdown } from "./Markdown";
import { KINDS, categoryOptions, kindOptions } from "./model";

const FIELDS = ["title", "body", "kind", "categoryId", "tags", "owner", "reviewOn"] as const;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable image"));
    reader.readAsDataURL(file);
  });
}

/** The image reference Markdown gets for a stored image; brackets in the name are dropped. */
export function imageMarkdown(id: ArticleImageId, name: string): string {
  const alt = name.replace(/\.[a-z0-9]+$/i, "").replace(/[[\]]/g, "").trim() || "image";
  return `![${alt}](${IMAGE_SCHEME}${id})`;
}

/**
 * Pasting and picking images into the body, at the cursor. `articleId` gives the id the
 * image is stored under, saving a new article first; null when it cannot (the reason is
 * already shown).
 */
function useImageInsert(articleId: () => Promise<ArticleId | null>, body: string, setBody: (body: string) => void) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [busy, setBusy] = useState(false);
  const run = async (store: (id: ArticleId) => Promise<{ id: ArticleImageId; name: string } | null>) => {
    // Where the cursor was when asked: a first save re-renders before the image is stored.
    const area = ref.current;
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    setBusy(true);
    try {
      const id = await articleId();
      const stored = id ? await store(id) : null;
      if (stored) setBody(body.slice(0, start) + imageMarkdown(stored.id, stored.name) + body.slice(end));
    } catch (error) {
      notifications.show({ color: "red", message: describeError(t, error) });
    } finally {
      setBusy(false);
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const file = Array.from(event.clipboardData.files).find((f) => f.type.startsWith("image/"));
    if (!file) return;
    event.preventDefault();
    void run(async (id) => ({ id: await addArticleImage(id, await readAsDataUrl(file)), name: file.name }));
  };
  const pick = () =>
    void run(async (id) => {
      const stored = await pickArticleImage(id);
      return stored ? { id: stored, name: t("fields.image") } : null;
    });
  return { ref, busy, onPaste, pick };
}

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
  // A new article's id once its first image saved it as a draft.
  const [savedId, setSavedId] = useState<ArticleId | undefined>(article?.id);
  const { errors, save, textField, formProps } = useDialogMutation(useSaveArticle(savedId ?? null), FIELDS, (id) => {
    void navigate(`/knowledge/${id}`);
  });
  const firstSave = useSaveArticle(null);
  const input = () => ({ title, body, kind, categoryId, tags, owner, reviewOn: reviewOn || null });
  const images = useImageInsert(
    async () => {
      if (savedId) return savedId;
      if (!errors.requireFilled({ title })) return null;
      try {
        const id = await firstSave.mutateAsync(input());
        setSavedId(id);
        notifications.show({ message: t("knowledge.editor.draftSavedForImage") });
        return id;
      } catch (error) {
        errors.fail(error);
        return null;
      }
    },
    body,
    setBody,
  );
  const cancelTo = savedId ? `/knowledge/${savedId}` : "/knowledge";
  const heading = article ? t("knowledge.editor.editTitle") : t("knowledge.editor.newTitle");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Back to the text, where an error about it shows.
    setTab("write");
    if (formProps.pending || images.busy || !errors.requireFilled({ title })) return;
    save(input());
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
            <Group justify="space-between" align="center" mb={4} wrap="nowrap">
              <Text size="xs" c="dimmed">
                {savedId ? t("knowledge.editor.imageHint") : t("knowledge.editor.imageSavesDraft")}
              </Text>
              <Button
                size="compact-xs"
                variant="default"
                leftSection={<IconPhotoPlus size={14} aria-hidden />}
                loading={images.busy}
                onClick={images.pick}
              >
                {t("knowledge.editor.addImage")}
              </Button>
            </Group>
            <Textarea
              ref={images.ref}
              onPaste={images.onPaste}
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
