/**
 * Settings: loads the stored settings (loader while waiting, translated error with
 * Retry if that fails) and hands them to the form; below it, the service levels,
 * holidays and team calendars, which save on each change, and the data's export and
 * import.
 */
import { Alert, Button, Center, Loader, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import { describeError } from "../ipc/errors";
import { useSettings } from "../ipc/queries";
import { Calendars } from "./Calendars";
import { DataTransfer } from "./DataTransfer";
import { Holidays } from "./Holidays";
import { JourneyStages } from "./JourneyStages";
import { ServiceLevels } from "./ServiceLevels";
import { SettingsForm } from "./SettingsForm";

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();

  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1} size="h2">
          {t("settings.title")}
        </Title>
        <Text size="sm" c="dimmed" mt={2}>
          {t("settings.subtitle")}
        </Text>
      </div>

      {settings.isPending && (
        <Center py="xl">
          <Loader size="sm" aria-label={t("app.loading")} />
        </Center>
      )}

      {settings.isError && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t("settings.loadFailed")}
        >
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(t, settings.error)}</Text>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} aria-hidden />}
              loading={settings.isFetching}
              onClick={() => void settings.refetch()}
            >
              {t("settings.retry")}
            </Button>
          </Stack>
        </Alert>
      )}

      {settings.isSuccess && <SettingsForm saved={settings.data} />}

      {/* Saved as soon as changed, so outside the form and its Save bar. */}
      <ServiceLevels />
      <Holidays />
      <Calendars />
      <JourneyStages />
      <DataTransfer />
    </Stack>
  );
}
