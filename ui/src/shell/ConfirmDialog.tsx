/**
 * A question before an action that cannot be taken back (delete a policy, clear demo
 * data, sign out): what happens, the action's error if it failed (the dialog stays open
 * for it), Cancel (focused first, the safe choice) and the action.
 */
import { Button, Group, Modal, Stack, Text, type MantineColor } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { describeError } from "../ipc/errors";

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  confirmColor,
  confirmIcon,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  /** What the action does. */
  children: ReactNode;
  confirmLabel: string;
  confirmColor?: MantineColor;
  confirmIcon?: ReactNode;
  pending: boolean;
  /** The action's failure, if it failed (null or undefined otherwise). */
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ "aria-label": t("common.close") }}>
      <Stack gap="sm">
        {children}
        {error != null && (
          <Text size="sm" c="red" role="alert">
            {describeError(t, error)}
          </Text>
        )}
      </Stack>
      <Group justify="flex-end" gap="xs" mt="md">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t("common.cancel")}
        </Button>
        <Button color={confirmColor} leftSection={confirmIcon} loading={pending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
