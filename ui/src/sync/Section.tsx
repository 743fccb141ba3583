/**
 * One titled part of the Sync pages: a region named by its heading. The heading can take
 * the focus (`headingRef`), so the page can move it there when what is shown changes
 * (after signing in or out, after the demo data is cleared).
 */
import { Paper, Text, Title } from "@mantine/core";
import { useId, type ReactNode, type Ref } from "react";

import classes from "./Sync.module.css";

export function Section({
  title,
  description,
  action,
  headingRef,
  children,
}: {
  title: string;
  description?: ReactNode;
  /** A control beside the heading. */
  action?: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Paper component="section" withBorder radius="md" px="lg" py="md" aria-labelledby={headingId}>
      <div className={classes.sectionHeader}>
        <div>
          <Title order={2} size="h5" id={headingId} ref={headingRef} tabIndex={-1} className={classes.heading}>
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
