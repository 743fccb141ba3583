/**
 * The page shown for a section that this version does not have yet: its title and one
 * or two honest sentences about what it will hold. No placeholder data.
 */
import { Badge, Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import type { Icon } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

export interface NotYetAvailableProps {
  title: string;
  description: string;
  icon: Icon;
}

export function NotYetAvailable({ title, description, icon: SectionIcon }: NotYetAvailableProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={720}>
      <Group gap="sm" align="center">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Badge variant="light" color="gray" radius="sm">
          {t("sections.notYetAvailable")}
        </Badge>
      </Group>
      <Paper withBorder radius="md" p="lg">
        <Group align="flex-start" wrap="nowrap" gap="md">
          <ThemeIcon variant="light" size={40} radius="md" aria-hidden>
            <SectionIcon size={22} stroke={1.6} />
          </ThemeIcon>
          <Text c="dimmed" lh={1.6}>
            {description}
          </Text>
        </Group>
      </Paper>
    </Stack>
  );
}
