/**
 * Sync: signing this computer in to the team's server, and once signed in, how sync is
 * doing. Not signed in, the page shows the sign-in form — or, while the database holds
 * demo data, why it cannot sign in and how to clear it. Conflicts waiting for review are
 * summarised with a way to the Conflicts page (they outlive signing out).
 *
 * When what is shown changes under the user (signed in, signed out, demo data cleared),
 * the focus moves to the heading of what replaced the part they were using.
 */
import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconArrowRight, IconCheck, IconCircleCheck, IconRefresh } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { SyncState } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useSyncState } from "../ipc/queries";
import { DemoDataBlock } from "./DemoDataBlock";
import { Section } from "../shell/Section";
import { SignInForm } from "./SignInForm";
import { SyncOverview } from "./SyncOverview";

function ConflictsSummary({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Section title={t("sync.conflicts.title")}>
      {count === 0 ? (
        <Group gap="xs" c="dimmed">
          <IconCircleCheck size={16} aria-hidden />
          <Text size="sm">{t("sync.conflicts.none")}</Text>
        </Group>
      ) : (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={500}>
            {t("sync.conflicts.summary", { count })}
          </Text>
          <Button component={Link} to="/sync/conflicts" variant="light" color="orange" rightSection={<IconArrowRight size={16} aria-hidden />}>
            {t("sync.conflicts.review")}
          </Button>
        </Group>
      )}
    </Section>
  );
}

type FocusTarget = "status" | "signIn" | null;

function SyncContent({ state }: { state: SyncState }) {
  const { t } = useTranslation();
  const { status } = state;
  const [focus, setFocus] = useState<FocusTarget>(null);
  const statusHeading = useRef<HTMLHeadingElement>(null);
  const signInHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focus === "status" && statusHeading.current) {
      statusHeading.current.focus();
      setFocus(null);
    } else if (focus === "signIn" && signInHeading.current) {
      signInHeading.current.focus();
      setFocus(null);
    }
  });

  if (status.signedIn) {
    return (
      <>
        <SyncOverview state={state} headingRef={statusHeading} onSignedOut={() => setFocus("signIn")} />
        <ConflictsSummary count={status.conflicts ?? 0} />
      </>
    );
  }
  return (
    <>
      {status.holdsDemoData ? (
        // The focus waits for the form: the block stays until the state is read again.
        <DemoDataBlock onCleared={() => setFocus("signIn")} />
      ) : (
        <SignInForm
          remembered={status}
          headingRef={signInHeading}
          onSignedIn={(signedIn) => {
            notifications.show({
              color: "teal",
              icon: <IconCheck size={16} aria-hidden />,
              message: t("sync.signIn.signedIn", { workspace: signedIn.workspace ?? "" }),
            });
            setFocus("status");
          }}
        />
      )}
      {(status.conflicts ?? 0) > 0 && <ConflictsSummary count={status.conflicts ?? 0} />}
    </>
  );
}

export function SyncPage() {
  const { t } = useTranslation();
  const state = useSyncState();

  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1} size="h2">
          {t("sections.sync.title")}
        </Title>
        <Text size="sm" c="dimmed" mt={2}>
          {t("sections.sync.description")}
        </Text>
      </div>

      {state.isPending && (
        <Center py="xl">
          <Loader size="sm" aria-label={t("app.loading")} />
        </Center>
      )}

      {/* A failed refresh keeps what was shown (and what is typed in the form). */}
      {state.isError && !state.data && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t("sync.loadFailed")}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(t, state.error)}</Text>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} aria-hidden />}
              loading={state.isFetching}
              onClick={() => void state.refetch()}
            >
              {t("common.retry")}
            </Button>
          </Stack>
        </Alert>
      )}

      {state.data && <SyncContent state={state.data} />}
    </Stack>
  );
}
