/**
 * An insight's hand-over as one printable page (A4 or Letter, whichever the printer
 * has), outside the window's frame: the same HTML the saved file holds, with Print and
 * Back above it, which the printout leaves out.
 */
import { Button, Group } from "@mantine/core";
import { IconArrowLeft, IconPrinter } from "@tabler/icons-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { describeError } from "../ipc/errors";
import { useInsight, useJourneyStages } from "../ipc/queries";
import classes from "./HandoverPrintPage.module.css";
import { HANDOVER_CSS, handoverBody } from "./handover";

export function HandoverPrintPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const insight = useInsight(id);
  const stages = useJourneyStages();
  const detail = insight.data;
  useEffect(() => {
    if (detail) document.title = detail.insight.title;
  }, [detail]);

  return (
    <main className={classes.page}>
      <style>{HANDOVER_CSS}</style>
      <Group className={classes.toolbar} gap="xs">
        <Button size="xs" variant="default" component={Link} to={`/voice/insights/${id}`} leftSection={<IconArrowLeft size={14} aria-hidden />}>
          {t("voc.handover.back")}
        </Button>
        <Button size="xs" leftSection={<IconPrinter size={14} aria-hidden />} onClick={() => window.print()} disabled={!detail}>
          {t("voc.handover.printNow")}
        </Button>
      </Group>
      {insight.isError ? (
        <p role="alert">{describeError(t, insight.error)}</p>
      ) : detail && stages.data ? (
        <article
          className="handover"
          // Every value in it is escaped by handoverBody (handover.test.ts checks).
          dangerouslySetInnerHTML={{ __html: handoverBody(t, i18n.language, detail, stages.data) }}
        />
      ) : (
        <p>{t("voc.loading")}</p>
      )}
    </main>
  );
}
