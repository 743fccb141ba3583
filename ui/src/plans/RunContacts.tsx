/** The call tree of a run's version: each contact with phones to call and an e-mail to write. */
import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { PlanContact } from "../ipc/bindings";
import { backupName } from "./PlanContacts";

/** `tel:` wants the number without spaces or punctuation other than a leading +. */
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;

export function RunContacts({ contacts }: { contacts: PlanContact[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="run-contacts-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="run-contacts-title">
          {t("plans.contact.title")}
        </Title>
        {contacts.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.contact.noneInVersion")}
          </Text>
        ) : (
          <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: "none" }}>
            {contacts.map((c) => {
              const backup = backupName(contacts, c);
              return (
                <Stack component="li" key={c.id} gap={0}>
                  <Text fw={500}>{c.role ? t("plans.contact.nameRole", { name: c.name, role: c.role }) : c.name}</Text>
                  <Group gap="md">
                    {c.phone ? (
                      <Anchor href={telHref(c.phone)} size="sm" aria-label={t("plans.contact.callPhone", { name: c.name, phone: c.phone })}>
                        {t("plans.contact.phoneValue", { phone: c.phone })}
                      </Anchor>
                    ) : null}
                    {c.mobile ? (
                      <Anchor href={telHref(c.mobile)} size="sm" aria-label={t("plans.contact.callMobile", { name: c.name, mobile: c.mobile })}>
                        {t("plans.contact.mobileValue", { mobile: c.mobile })}
                      </Anchor>
                    ) : null}
                    {c.email ? (
                      <Anchor href={`mailto:${c.email}`} size="sm">
                        {c.email}
                      </Anchor>
                    ) : null}
                  </Group>
                  {backup ? (
                    <Text size="xs" c="dimmed">
                      {t("plans.contact.backupValue", { name: backup })}
                    </Text>
                  ) : null}
                </Stack>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
