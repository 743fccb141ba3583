/**
 * What a closed run is learnt from, on the run page: the hot-wash, the after-action review
 * and its action items. An active run shows none of it (Rust refuses them until close).
 */
import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { PlanRunId } from "../ipc/bindings";
import { describeError } from "../ipc/errors";
import { useRunReview } from "../ipc/queries";
import { RunActionItems } from "./RunActionItems";
import { RunAfterAction, RunHotWash } from "./RunReviewForms";

export function RunReview({ run }: { run: PlanRunId }) {
  const { t } = useTranslation();
  const review = useRunReview(run);
  if (review.isError) return <Text role="alert">{describeError(t, review.error)}</Text>;
  if (!review.data) return <Text c="dimmed">{t("common.loading")}</Text>;
  return (
    <Stack gap="md">
      <RunHotWash run={run} review={review.data} />
      <RunAfterAction run={run} review={review.data} />
      <RunActionItems run={run} items={review.data.items} />
    </Stack>
  );
}
