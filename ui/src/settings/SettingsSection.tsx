/** One titled section of the Settings page: a region named by its heading. */
import { Paper, Text, Title } from "@mantine/core";
import { useId, type ReactNode } from "react";

import classes from "./SettingsPage.module.css";

export function SettingsSection({
  title,
  description,
  action,
  children,
}: {
  title: string;
  description?: string;
  /** A control beside the heading (e.g. "Add policy"). */
  action?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Paper component="section" withBorder radius="md" px="lg" py="md" aria-labelledby={headingId}>
      <div className={classes.sectionHeader}>
        <div>
          <Title order={2} size="h5" id={headingId}>
            {title}
          </Title>
          {description && (
            <Text size="xs" c="dimmed" mt={2}>
              {description}
            </Text>
          )}
        </div>
        {action}
      </div>
      <div className={classes.sectionBody}>{children}</div>
    </Paper>
  );
}
