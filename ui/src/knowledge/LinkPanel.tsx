/**
 * The shape every "linked to" panel of the knowledge base shares — an article's cases,
 * plan steps and courses: a titled section listing the links, each with its unlink
 * button, the reason when they cannot be read, and below them a picker to link another.
 */
import { ActionIcon, Anchor, Button, Group, Paper, Select, Stack, Text, Title, type SelectProps } from "@mantine/core";
import { IconLinkOff } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { describeError } from "../ipc/errors";

/** One link of the list. */
export interface LinkRow {
  key: string;
  /** Where the link leads (a router path). */
  to: string;
  label: string;
  /** The unlink button's accessible name, which names the link. */
  unlinkLabel: string;
  onUnlink: () => void;
  /** Actions shown before the unlink button (the case panel's "insert script"). */
  actions?: ReactNode;
}

export function LinkPanel({
  title,
  rows,
  error,
  none,
  children,
}: {
  title: string;
  /** Undefined while loading. */
  rows: LinkRow[] | undefined;
  error: unknown;
  none: string;
  /** The form that links another. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-label={title}>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {title}
        </Title>
        {error ? (
          <Text size="sm" c="red">
            {describeError(t, error)}
          </Text>
        ) : rows && rows.length > 0 ? (
          <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {rows.map((row) => (
              <Group key={row.key} component="li" gap="xs" justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={row.to} size="sm">
                  {row.label}
                </Anchor>
                <Group gap={4} wrap="nowrap">
                  {row.actions}
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label={row.unlinkLabel} onClick={row.onUnlink}>
                    <IconLinkOff size={14} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {none}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

/** A searchable choice and the button that links it, side by side. */
export function PickToLink({
  button,
  pending,
  onLink,
  ...select
}: Omit<SelectProps, "style"> & {
  value: string | null;
  /** The button's text. */
  button: string;
  pending: boolean;
  onLink: (value: string) => void;
}) {
  const { t } = useTranslation();
  const { value } = select;
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <Select searchable nothingFoundMessage={t("knowledge.list.noMatch")} {...select} style={{ flex: 1 }} />
      <Button
        size="sm"
        variant="default"
        disabled={value === null}
        loading={pending}
        onClick={() => value !== null && onLink(value)}
      >
        {button}
      </Button>
    </Group>
  );
}
