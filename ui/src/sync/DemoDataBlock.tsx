/**
 * In place of the sign-in form while the database holds demo data: why it cannot sign
 * in (demo data must never reach the team), and a way out — Clear demo data, after a
 * confirmation that says exactly what goes and what stays.
 */
import { Button, Group, List, Stack, Text, ThemeIcon } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconFlask, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { useClearDemo } from "../ipc/queries";
import { ConfirmDialog } from "../shell/ConfirmDialog";
import { Section } from "../shell/Section";

function ClearDemoDialog({ onClose, onCleared }: { onClose: () => void; onCleared: () => void }) {
  const { t } = useTranslation();
  const clear = useClearDemo();
  return (
    <ConfirmDialog
      title={t("sync.demo.confirmTitle")}
      confirmLabel={t("sync.demo.clear")}
      confirmColor="red"
      confirmIcon={<IconTrash size={16} aria-hidden />}
      pending={clear.isPending}
      error={clear.error}
      onClose={onClose}
      // mutateAsync: the refreshed state replaces this block (mutate's callbacks would be
      // dropped with it).
      onConfirm={() =>
        void clear.mutateAsync().then(
          (cleared) => {
            notifications.show({
              color: "teal",
              icon: <IconCheck size={16} aria-hidden />,
              message: t("sync.demo.cleared", { count: cleared.cases }),
            });
            onCleared();
          },
          () => undefined, // Shown in the dialog (clear.error).
        )
      }
    >
      <List size="sm" spacing={6}>
        <List.Item>{t("sync.demo.confirmBody")}</List.Item>
        <List.Item>{t("sync.demo.confirmSettings")}</List.Item>
      </List>
      <Text size="sm" fw={600}>
        {t("sync.demo.confirmUndo")}
      </Text>
    </ConfirmDialog>
  );
}

export function DemoDataBlock({ onCleared }: { onCleared: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <Section title={t("sync.demo.heading")}>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon variant="light" color="orange" size={40} radius="md" aria-hidden>
          <IconFlask size={22} stroke={1.6} />
        </ThemeIcon>
        <Stack gap="sm" align="flex-start">
          <Text size="sm" lh={1.6}>
            {t("sync.demo.body")}
          </Text>
          <Button
            color="red"
            variant="light"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setConfirming(true)}
          >
            {t("sync.demo.clear")}
          </Button>
        </Stack>
      </Group>
      {confirming && (
        <ClearDemoDialog
          onClose={() => setConfirming(false)}
          onCleared={() => {
            setConfirming(false);
            onCleared();
          }}
        />
      )}
    </Section>
  );
}
