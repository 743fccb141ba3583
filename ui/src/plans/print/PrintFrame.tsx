/**
 * A printable page outside the window's frame (as an insight's hand-over prints): Back,
 * a paper size (A4 or Letter, kept on this device), Print and, for a page Rust can also
 * make as a PDF (a run's report), Save as PDF above the sheet, which the printout leaves
 * out. The print dialog can also save the page as a PDF.
 */
import { Button, Group, SegmentedControl } from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { IconArrowLeft, IconFileTypePdf, IconPrinter } from "@tabler/icons-react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import classes from "./PrintFrame.module.css";

export type PaperSize = "A4" | "letter";

/** The @page rule for a paper size: the size the print dialog starts with, and margins that suit it. */
export function pageRule(size: PaperSize): string {
  return size === "A4" ? "@page { size: A4; margin: 16mm 14mm; }" : "@page { size: letter; margin: 0.6in 0.55in; }";
}

/** Save as PDF: what the button does, and whether a save is under way. */
export type SavePdf = { onSave: () => void; pending: boolean };

export function PrintFrame({
  title,
  back,
  ready,
  savePdf,
  children,
}: {
  /** The document's title: the PDF's default file name. */
  title: string | null;
  back: string;
  ready: boolean;
  /** Offers Save as PDF when given. */
  savePdf?: SavePdf;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [size, setSize] = useLocalStorage<PaperSize>({ key: "frontline.print.paper", defaultValue: "A4" });
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);

  return (
    <main className={classes.page}>
      <style>{pageRule(size)}</style>
      <Group className={classes.toolbar} gap="xs">
        <Button size="xs" variant="default" component={Link} to={back} leftSection={<IconArrowLeft size={14} aria-hidden />}>
          {t("plans.print.back")}
        </Button>
        <SegmentedControl
          size="xs"
          aria-label={t("plans.print.paper")}
          value={size}
          onChange={(v) => setSize(v === "letter" ? "letter" : "A4")}
          data={[
            { value: "A4", label: t("plans.print.a4") },
            { value: "letter", label: t("plans.print.letter") },
          ]}
        />
        <Button size="xs" leftSection={<IconPrinter size={14} aria-hidden />} onClick={() => window.print()} disabled={!ready}>
          {/* Beside its own Save as PDF, the print dialog's PDF need not be mentioned. */}
          {t(savePdf ? "plans.print.print" : "plans.print.printNow")}
        </Button>
        {savePdf ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileTypePdf size={14} aria-hidden />}
            onClick={savePdf.onSave}
            disabled={!ready}
            loading={savePdf.pending}
          >
            {t("plans.print.savePdf")}
          </Button>
        ) : null}
      </Group>
      <div className={classes.sheet}>{children}</div>
    </main>
  );
}

export { classes as printClasses };
