/** Small badges of articles: words first, a theme colour that only repeats them. */
import { Badge } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { ArticleKind, ArticleStatus } from "../ipc/bindings";
import { STATUS_COLOR } from "./model";

export function ArticleStatusBadge({ status }: { status: ArticleStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant={status === "published" ? "light" : "outline"} color={STATUS_COLOR[status]} tt="none">
      {t(`knowledge.status.${status}`)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: ArticleKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="blue" tt="none">
      {t(`knowledge.kind.${kind}`)}
    </Badge>
  );
}

/** Texts kept from sync conflicts since the latest publication: worth a look before publishing. */
export function ConflictBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Badge variant="filled" color="orange" tt="none" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
      {t("knowledge.conflicts", { count })}
    </Badge>
  );
}
