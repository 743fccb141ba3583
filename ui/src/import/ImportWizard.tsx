/**
 * "Import CSV…" from the Cases page: choose a file (the system's open dialog, opened by
 * Rust), see how it was read (layout, encoding — chosen by the user when detection is
 * unsure — and its first rows), map its columns, check every row (a dry run that writes
 * nothing: row errors, what would be created, the status/priority/channel values and
 * what they map to, editable), then import with progress and Cancel (which keeps
 * nothing), and a summary.
 */
import { Alert, Button, Group, Modal, Progress, Stack, Stepper, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ChosenFile, DryRun, ImportMapping, ImportOptions, ImportSummary } from "../ipc/bindings";
import { describeError, ipcErrorOf } from "../ipc/errors";
import { cancelImport, dryRunImport, useImportRun } from "../ipc/import";
import { CheckStep } from "./CheckStep";
import { FileStep } from "./FileStep";
import { MappingStep } from "./MappingStep";

type Step = "file" | "mapping" | "check" | "import" | "done";
const ORDER: readonly Step[] = ["file", "mapping", "check", "import"];

export interface ImportWizardProps {
  opened: boolean;
  onClose: () => void;
}

export function ImportWizard({ opened, onClose }: ImportWizardProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>("file");
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [dry, setDry] = useState<DryRun | null>(null);
  const [checkedMapping, setCheckedMapping] = useState<ImportMapping | null>(null);
  const [checking, setChecking] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const run = useImportRun();

  const reset = () => {
    setStep("file");
    setFile(null);
    setMapping(null);
    setDry(null);
    setCheckedMapping(null);
    setSkipInvalid(false);
    setError(null);
    setSummary(null);
  };
  const close = () => {
    if (run.isPending) return;
    reset();
    onClose();
  };

  const options = (m: ImportMapping): ImportOptions => ({
    encoding: file?.info.encoding ?? null,
    mapping: m,
    skipInvalidRows: skipInvalid,
  });

  const check = (m: ImportMapping) => {
    setChecking(true);
    setError(null);
    dryRunImport(options(m)).then(
      (result) => {
        setDry(result);
        setCheckedMapping(m);
        setStep("check");
        setChecking(false);
      },
      (e: unknown) => {
        setError(describeError(t, e));
        setChecking(false);
      },
    );
  };

  const start = () => {
    if (!mapping) return;
    setCancelling(false);
    setError(null);
    setStep("import");
    run.mutate(options(mapping), {
      onSuccess: (s) => {
        setSummary(s);
        setStep("done");
      },
      onError: (e) => {
        setStep("check");
        setError(ipcErrorOf(e)?.code === "cancelled" ? t("import.run.cancelled") : describeError(t, e));
      },
    });
  };

  const cancel = () => {
    setCancelling(true);
    cancelImport().catch((e: unknown) => {
      setCancelling(false);
      setError(describeError(t, e));
    });
  };

  const progress = run.progress;
  const percent = progress && progress.total > 0 ? (100 * progress.done) / progress.total : 0;
  const active = step === "done" ? ORDER.length : ORDER.indexOf(step);
  const stale = dry !== null && checkedMapping !== mapping;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("import.title")}
      size="xl"
      closeOnClickOutside={false}
      withCloseButton={!run.isPending}
    >
      <Stack gap="md">
        <Stepper active={active} size="sm" allowNextStepsSelect={false}>
          <Stepper.Step label={t("import.steps.file")} />
          <Stepper.Step label={t("import.steps.mapping")} />
          <Stepper.Step label={t("import.steps.check")} />
          <Stepper.Step label={t("import.steps.import")} />
        </Stepper>

        {error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
            {error}
          </Alert>
        )}

        {step === "file" && (
          <FileStep
            file={file}
            onChosen={(f) => {
              setFile(f);
              setMapping(f?.info.mapping ?? null);
              setDry(null);
              setError(null);
            }}
            onError={setError}
          />
        )}
        {step === "mapping" && file && mapping && (
          <MappingStep file={file} mapping={mapping} onChange={setMapping} />
        )}
        {step === "check" && dry && mapping && (
          <CheckStep
            dry={dry}
            mapping={mapping}
            onChange={setMapping}
            stale={stale}
            skipInvalid={skipInvalid}
            onSkipInvalid={setSkipInvalid}
          />
        )}
        {step === "import" && (
          <Stack gap={6}>
            <Progress value={percent} aria-label={t("import.run.progressLabel")} animated striped size="lg" />
            <Text size="sm" role="status">
              {progress
                ? t("import.run.progress", { done: progress.done, total: progress.total })
                : t("import.run.preparing")}
            </Text>
          </Stack>
        )}
        {step === "done" && summary && (
          <Alert color="teal" variant="light" icon={<IconCheck size={18} aria-hidden />} role="status">
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t("import.done.cases", { count: summary.cases })}
              </Text>
              <Text size="sm">
                {t("import.done.people", {
                  customers: t("import.done.customers", { count: summary.customersCreated }),
                  agents: t("import.done.agents", { count: summary.agentsCreated }),
                  teams: t("import.done.teams", { count: summary.teamsCreated }),
                  matched: t("import.done.matched", { count: summary.customersMatched }),
                })}
              </Text>
              {summary.skipped > 0 && <Text size="sm">{t("import.done.skipped", { count: summary.skipped })}</Text>}
            </Stack>
          </Alert>
        )}

        <Group justify="space-between">
          <div>
            {(step === "mapping" || step === "check") && (
              <Button variant="default" onClick={() => setStep(step === "check" ? "mapping" : "file")}>
                {t("import.back")}
              </Button>
            )}
          </div>
          <Group gap="sm">
            {step === "import" ? (
              <Button variant="default" onClick={cancel} loading={cancelling}>
                {t("common.cancel")}
              </Button>
            ) : step === "done" ? (
              <Button onClick={close}>{t("import.done.finish")}</Button>
            ) : (
              <>
                <Button variant="default" onClick={close}>
                  {t("common.cancel")}
                </Button>
                {step === "file" && (
                  <Button disabled={!file} onClick={() => setStep("mapping")}>
                    {t("import.next")}
                  </Button>
                )}
                {step === "mapping" && mapping && (
                  <Button loading={checking} onClick={() => check(mapping)}>
                    {t("import.check.run")}
                  </Button>
                )}
                {step === "check" && dry && mapping && (
                  <>
                    {stale && (
                      <Button variant="light" loading={checking} onClick={() => check(mapping)}>
                        {t("import.check.again")}
                      </Button>
                    )}
                    <Button
                      disabled={
                        stale ||
                        dry.cases === 0 ||
                        dry.errors.some((e) => e.row === 1 || e.code === "too_many_rows") ||
                        (dry.errors.length > 0 && !skipInvalid)
                      }
                      onClick={start}
                    >
                      {t("import.run.start", { count: dry.cases })}
                    </Button>
                  </>
                )}
              </>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
