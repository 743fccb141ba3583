/**
 * One titled part of a page (Settings, Sync): a region named by its heading, with an
 * optional control beside the heading. Given `headingRef`, the heading can take the focus,
 * so a page can move it there when what is shown changes (after signing in or out, say).
 */
import { Paper, Text, Title } from "@mantine/core";
import { useId, type ReactNode, type Ref } from "react";

import classes from "./Section.module.css";

export function Section({
  title,
  description,
  action,
  headingRef,
  children,
}: {
  title: string;
  description?: ReactNode;
  /** A control beside the heading (e.g. "Add policy"). */
  action?: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Paper component="section" withBorder radius="md" px="lg" py="md" aria-labelledby={headingId}>
      <div className={classes.header}>
        <div>
          <Title
            order={2}
            size="h5"
            id={headingId}
            ref={headingRef}
            tabIndex={headingRef ? -1 : undefined}
            className={classes.heading}
          >
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
      <div className={classes.body}>{children}</div>
    </Paper>
  );
}
