/**
 * An article's Markdown, rendered safely. react-markdown builds React elements from the
 * Markdown syntax tree and never parses HTML (no rehype-raw): HTML in an article shows
 * as text, so no script or event handler can reach the page. Remote images are not
 * loaded (nothing remote may be fetched while offline, nor tracked when online): each
 * shows as its description. Images stored with the database (`frontline-image:ID`, pasted
 * or picked in the editor) are fetched through IPC as a `data:` URL, which is all the
 * CSP's `img-src 'self' data:` allows. Links open nothing inside the app's window: a
 * link shows its text, with the address as its title.
 */
import { Code, Table, Text, Title, Typography } from "@mantine/core";
import { IconPhotoOff } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import ReactMarkdown, { defaultUrlTransform, type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

import { useArticleImage } from "../ipc/queries";

/** How the Markdown refers to an image stored with the database. */
export const IMAGE_SCHEME = "frontline-image:";

/** Keeps app-internal image references as written; every other address as react-markdown's default. */
function urlTransform(url: string): string {
  return url.startsWith(IMAGE_SCHEME) ? url : defaultUrlTransform(url);
}

function NotShown({ alt, missing }: { alt: string; missing?: boolean }) {
  const { t } = useTranslation();
  return (
    <Text component="span" c="dimmed" inherit>
      <IconPhotoOff size={14} aria-hidden /> {t(missing ? "knowledge.markdown.imageMissing" : "knowledge.markdown.image", { alt })}
    </Text>
  );
}

function StoredImage({ id, alt }: { id: string; alt: string }) {
  const image = useArticleImage(id);
  if (image.isError) return <NotShown alt={alt} missing />;
  // Only what Rust stored and checked: a data: URL of a PNG, JPEG, GIF or WebP.
  if (!image.data || !image.data.dataUrl.startsWith("data:image/")) return null;
  return <img src={image.data.dataUrl} alt={alt} style={{ maxWidth: "100%", height: "auto" }} />;
}

function components(t: TFunction): Components {
  return {
    h1: ({ children }) => <Title order={3}>{children}</Title>,
    h2: ({ children }) => <Title order={4}>{children}</Title>,
    h3: ({ children }) => <Title order={5}>{children}</Title>,
    h4: ({ children }) => <Title order={6}>{children}</Title>,
    a: ({ children, href }) => (
      <Text component="span" td="underline" inherit title={href ? t("knowledge.markdown.linkTitle", { href }) : undefined}>
        {children}
      </Text>
    ),
    img: ({ alt, src }) =>
      typeof src === "string" && src.startsWith(IMAGE_SCHEME) ? (
        <StoredImage id={src.slice(IMAGE_SCHEME.length)} alt={alt ?? ""} />
      ) : (
        <NotShown alt={alt ?? ""} />
      ),
    table: ({ children }) => (
      <Table withTableBorder withColumnBorders>
        {children}
      </Table>
    ),
    code: ({ children }) => <Code>{children}</Code>,
  };
}

export function Markdown({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <Typography>
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml urlTransform={urlTransform} components={components(t)}>
        {text}
      </ReactMarkdown>
    </Typography>
  );
}
