/**
 * An article's Markdown, rendered safely. react-markdown builds React elements from the
 * Markdown syntax tree and never parses HTML (no rehype-raw): HTML in an article shows
 * as text, so no script or event handler can reach the page. Images are not loaded
 * (nothing remote may be fetched while offline, nor tracked when online): each shows as
 * its description. Links open nothing inside the app's window: a link shows its text,
 * with the address as its title.
 */
import { Code, Table, Text, Title, Typography } from "@mantine/core";
import { IconPhotoOff } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

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
    img: ({ alt }) => (
      <Text component="span" c="dimmed" inherit>
        <IconPhotoOff size={14} aria-hidden /> {t("knowledge.markdown.image", { alt: alt ?? "" })}
      </Text>
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
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={components(t)}>
        {text}
      </ReactMarkdown>
    </Typography>
  );
}
