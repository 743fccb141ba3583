/**
 * The certificate cell of a training record: the attached file, saved back out where
 * the user picks; or, on a record entered without a session that has none, a button to
 * attach one (PDF, PNG or JPEG, at most 5 MB — Rust checks the bytes and says why it
 * refuses). Records earned in a session carry no file.
 */
import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconPaperclip } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { Attachment, TrainingRecord } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useAttach, useSaveAttachment } from "../ipc/queries";

export function RecordAttachment({ record, attachment }: { record: TrainingRecord; attachment: Attachment | undefined }) {
  const { t } = useTranslation();
  const attach = useAttach();
  const save = useSaveAttachment();
  const failed = (error: unknown) => notifications.show({ color: "red", message: describeError(t, error) });
  const what = { course: record.courseTitle, day: record.completedOn };

  if (attachment) {
    return (
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconDownload size={14} aria-hidden />}
        aria-label={t("training.attachments.saveOf", { name: attachment.name, ...what })}
        loading={save.isPending}
        onClick={() =>
          save.mutate(
            { recordId: record.id, fileName: attachment.name },
            {
              onSuccess: (path) => {
                if (path) notifications.show({ color: "teal", message: t("training.attachments.saved", { path }) });
              },
              onError: failed,
            },
          )
        }
      >
        {attachment.name}
      </Button>
    );
  }
  if (record.fromSession) return null;
  return (
    <Button
      size="compact-xs"
      variant="default"
      leftSection={<IconPaperclip size={14} aria-hidden />}
      aria-label={t("training.attachments.attachTo", what)}
      loading={attach.isPending}
      onClick={() => attach.mutate(record.id, { onError: failed })}
    >
      {t("training.attachments.attach")}
    </Button>
  );
}
