/**
 * Signing this computer in to the team's server: address, workspace, e-mail, password,
 * and the name the server lists this computer under (empty: the computer's own name).
 * Empty required fields are caught here; everything else is Rust's (and the server's)
 * to judge.
 * An error about one field is shown beside it and takes the focus (an address that is
 * not https, an address that is no Frontline server, a database of another workspace);
 * a refused password or an unreachable server goes in the form's alert.
 */
import { Alert, Button, Group, Loader, PasswordInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconKey } from "@tabler/icons-react";
import { useEffect, useRef, useState, type FormEvent, type Ref } from "react";
import { useTranslation } from "react-i18next";

import type { SyncStatus } from "../ipc/bindings";
import { describeError, ipcErrorOf, placeError } from "../ipc/errors";
import { useSignIn } from "../ipc/queries";
import { Section } from "../shell/Section";
import classes from "./Sync.module.css";

type Field = "server" | "workspace" | "email" | "password" | "deviceName";
const FIELDS: readonly Field[] = ["server", "workspace", "email", "password", "deviceName"];
/** Fields the form cannot be sent without. */
const REQUIRED: readonly Field[] = ["server", "workspace", "email", "password"];
type FieldErrors = Partial<Record<Field, string>>;

/** An example address, the same in every language. */
const SERVER_EXAMPLE = "https://sync.example.com";
const WRAPPER_ORDER: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];

export function SignInForm({
  remembered,
  headingRef,
  onSignedIn,
}: {
  /** What an earlier sign-in left: the server and the workspace this database belongs to. */
  remembered: Pick<SyncStatus, "server" | "workspace">;
  headingRef?: Ref<HTMLHeadingElement>;
  onSignedIn: (status: SyncStatus) => void;
}) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<Field, string>>({
    server: remembered.server ?? "",
    workspace: remembered.workspace ?? "",
    email: "",
    password: "",
    deviceName: "",
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  // After a failed submit, the first field that needs attention takes the focus.
  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const field = (name: Field) => ({
    value: values[name],
    error: fieldErrors[name],
    onChange: (event: { currentTarget: HTMLInputElement }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
      setFieldErrors((current) => {
        const next = { ...current };
        delete next[name];
        return next;
      });
      setFormError(null);
    },
  });

  const besideField = (name: Field, message: string) => {
    setFieldErrors({ [name]: message });
    setFocusRequest((n) => n + 1);
  };

  const fail = (error: unknown) => {
    const ipc = ipcErrorOf(error);
    switch (ipc?.code) {
      case "validation": {
        if (ipc.field === "server") {
          besideField("server", t("sync.signIn.serverInvalid"));
          return;
        }
        const placed = placeError(t, error, FIELDS);
        if (placed.field) besideField(placed.field, placed.message);
        else setFormError(placed.message);
        return;
      }
      case "protocol":
        besideField("server", t("errors.protocol"));
        return;
      case "other_workspace":
        besideField("workspace", t("errors.other_workspace"));
        return;
      case "unauthorized":
        setFormError(t("sync.signIn.unauthorized"));
        return;
      case "forbidden":
        setFormError(t("sync.signIn.forbidden"));
        return;
      default:
        setFormError(describeError(t, error));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    setFormError(null);
    const missing = REQUIRED.filter((name) =>
      name === "password" ? values[name] === "" : !values[name].trim(),
    );
    if (missing.length > 0) {
      setFieldErrors(Object.fromEntries(missing.map((name) => [name, t("errors.validation.required")])));
      setFocusRequest((n) => n + 1);
      return;
    }
    setFieldErrors({});
    // mutateAsync, not mutate's callbacks: signing in replaces this form with the state
    // (the cached state says signed in before the mutation settles), and mutate's
    // callbacks are dropped once the form is gone — the notice and focus with them.
    void signIn
      .mutateAsync({
        server: values.server.trim(),
        workspace: values.workspace.trim(),
        email: values.email.trim(),
        password: values.password,
        deviceName: values.deviceName.trim(),
      })
      .then(onSignedIn, fail);
  };

  return (
    <Section title={t("sync.signIn.heading")} description={t("sync.signIn.intro")} headingRef={headingRef}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t("sync.signIn.heading")}>
        <Stack gap="md">
          {/* Descriptions below their inputs, so the two rows of inputs line up. */}
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <TextInput
              label={t("fields.server")}
              description={t("sync.signIn.serverDescription")}
              inputWrapperOrder={WRAPPER_ORDER}
              placeholder={SERVER_EXAMPLE}
              classNames={{ wrapper: classes.example }}
              autoComplete="url"
              inputMode="url"
              spellCheck={false}
              autoCapitalize="off"
              {...field("server")}
            />
            <TextInput
              label={t("fields.workspace")}
              description={t("sync.signIn.workspaceDescription")}
              inputWrapperOrder={WRAPPER_ORDER}
              autoComplete="organization"
              spellCheck={false}
              autoCapitalize="off"
              {...field("workspace")}
            />
            <TextInput
              label={t("fields.email")}
              type="email"
              autoComplete="username"
              spellCheck={false}
              autoCapitalize="off"
              {...field("email")}
            />
            <PasswordInput
              label={t("fields.password")}
              autoComplete="current-password"
              visibilityToggleButtonProps={{ "aria-label": t("sync.signIn.showPassword") }}
              {...field("password")}
            />
            <TextInput
              label={t("fields.deviceName")}
              description={t("sync.signIn.deviceNameDescription")}
              inputWrapperOrder={WRAPPER_ORDER}
              autoComplete="off"
              spellCheck={false}
              {...field("deviceName")}
            />
          </SimpleGrid>

          <Group gap="xs" wrap="nowrap" align="flex-start" c="dimmed">
            <IconKey size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="xs">{t("sync.signIn.passwordNote")}</Text>
          </Group>

          {formError && (
            <Alert
              color="red"
              variant="light"
              role="alert"
              icon={<IconAlertTriangle size={18} aria-hidden />}
              title={t("sync.signIn.failed")}
            >
              {formError}
            </Alert>
          )}

          <Group justify="flex-end">
            {/* Not `disabled` while signing in: the button keeps the focus, and says why it waits. */}
            <Button
              type="submit"
              data-disabled={signIn.isPending || undefined}
              aria-disabled={signIn.isPending || undefined}
              leftSection={signIn.isPending ? <Loader size={14} aria-hidden /> : undefined}
            >
              {signIn.isPending ? t("sync.signIn.pending") : t("sync.signIn.submit")}
            </Button>
          </Group>
          <div role="status" className="visually-hidden">
            {signIn.isPending ? t("sync.signIn.pending") : ""}
          </div>
        </Stack>
      </form>
    </Section>
  );
}
